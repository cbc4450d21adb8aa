import Foundation
import GRDB
import Testing
@testable import CoffeeStore

@Suite struct MigrationTests {
    @Test func migratesAnEmptyDatabase() throws {
        let db = try AppDatabase.inMemory()
        let (tables, applied, appID, version) = try db.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"),
             try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
             try Int32.fetchOne(db, sql: "PRAGMA application_id"),
             try Int.fetchOne(db, sql: "PRAGMA user_version"))
        }
        #expect(tables == ["best", "card", "grdb_migrations", "level", "player", "replay", "run", "script", "setting"])
        #expect(applied == ["v1"])
        #expect(appID == 0x4252_5354)
        #expect(version == 1)
    }

    @Test func indicesServeTheLeaderboardAndHistory() throws {
        let db = try AppDatabase.inMemory()
        let indices = try db.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        #expect(indices == ["best_ranking", "run_by_level", "run_by_player"])
        let detail = try db.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT runId FROM best WHERE levelId = 1 AND metric = 1 ORDER BY score, runId LIMIT 20")
                .map { $0["detail"] as String }
        }
        #expect(detail == ["SEARCH best USING COVERING INDEX best_ranking (levelId=? AND metric=?)"])
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
