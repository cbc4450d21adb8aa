import Foundation
import GRDB
import Testing
@testable import CoffeeStore

@Suite struct MigrationTests {
    @Test func migratesAnEmptyDatabase() throws {
        let db = try AppDatabase.inMemory()
        let (tables, applied, appID, version) = try db.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"),
             try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
             try Int32.fetchOne(db, sql: "PRAGMA application_id"),
             try Int.fetchOne(db, sql: "PRAGMA user_version"))
        }
        #expect(tables == ["card", "grdb_migrations", "leagueMembership", "level", "player", "ranking", "replay", "run", "script", "setting", "standing"])
        #expect(applied == ["v-league-membership", "v1"])
        #expect(appID == 0x4252_5354)
        #expect(version == 1)
    }

    @Test func indicesServeTheLeaderboardAndHistory() throws {
        let db = try AppDatabase.inMemory()
        let indices = try db.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        #expect(indices == ["run_by_level"])
        func plan(_ sql: String) throws -> [String] {
            try db.writer.read { db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String } }
        }
        #expect(try plan("SELECT runId FROM ranking WHERE levelId = 1 AND metric = 1 ORDER BY score, runId LIMIT 20")
            == ["SEARCH ranking USING PRIMARY KEY (levelId=? AND metric=?)"])
        #expect(try plan("SELECT count(*) FROM ranking WHERE levelId = 1 AND metric = 1 AND score < 5")
            == ["SEARCH ranking USING PRIMARY KEY (levelId=? AND metric=? AND score<?)"])
        #expect(try plan("SELECT id FROM run WHERE levelId = 1 AND playerId = 2 ORDER BY id DESC")
            == ["SEARCH run USING COVERING INDEX run_by_level (levelId=? AND playerId=?)"])
    }

    @Test func createsTheFileAndItsFolder() throws {
        let dir = Fixture.tempDir()
        defer { Fixture.cleanup(dir) }
        let path = dir.appendingPathComponent("saves/nested/barista.sqlite").path
        let db = try AppDatabase(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        let mode = try db.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        // Reopening a file we made is fine, and an empty 0-byte file is adopted as new.
        _ = try AppDatabase(path: path)
        let empty = dir.appendingPathComponent("empty.sqlite").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        _ = try AppDatabase(path: empty)
    }

    @Test func resolvesThePath() {
        #expect(AppDatabase.resolvePath(option: nil, environment: [:]) == "saves/barista.sqlite")
        #expect(AppDatabase.resolvePath(option: nil, environment: ["BARISTA_DB": "/tmp/x.sqlite"]) == "/tmp/x.sqlite")
        #expect(AppDatabase.resolvePath(option: "mine.sqlite", environment: ["BARISTA_DB": "/tmp/x.sqlite"]) == "mine.sqlite")
    }
}
