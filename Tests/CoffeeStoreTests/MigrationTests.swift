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
        #expect(tables == ["card", "evaluation", "evaluationImport", "evaluationRanking", "evaluationShift", "evaluationStanding",
                           "grdb_migrations", "leagueMembership", "level", "player", "replay", "run", "script", "setting"])
        #expect(applied == ["v1", "v2-evaluations", "v3-league-membership"])
        #expect(appID == 0x4252_5354)
        #expect(version == 3)
    }

    @Test func indicesServeTheLeaderboardAndHistory() throws {
        let db = try AppDatabase.inMemory()
        let indices = try db.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        #expect(indices == ["evaluation_by_level", "run_by_level"])
        func plan(_ sql: String) throws -> [String] {
            try db.writer.read { db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String } }
        }
        #expect(try plan("SELECT evaluationId FROM evaluationRanking WHERE levelId = 1 AND metric = 1 ORDER BY score, evaluationId LIMIT 20")
            == ["SEARCH evaluationRanking USING PRIMARY KEY (levelId=? AND metric=?)"])
        #expect(try plan("SELECT count(*) FROM evaluationRanking WHERE levelId = 1 AND metric = 1 AND score < 5")
            == ["SEARCH evaluationRanking USING PRIMARY KEY (levelId=? AND metric=? AND score<?)"])
        #expect(try plan("SELECT evaluationId FROM evaluationStanding WHERE levelId = 1 AND metric = 1")
            == ["SEARCH evaluationStanding USING PRIMARY KEY (levelId=?)"])
        #expect(try plan("SELECT id FROM run WHERE levelId = 1 AND playerId = 2 ORDER BY id DESC")
            == ["SEARCH run USING COVERING INDEX run_by_level (levelId=? AND playerId=?)"])
    }

    @Test func createsTheFileAndItsFolder() throws {
        let dir = Fixture.tempDir()
        defer { Fixture.cleanup(dir) }
        let path = dir.appendingPathComponent("saves/nested/barista.sqlite").path
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("saves").path))
        let db = try AppDatabase(path: path)
        let mode = try db.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        // The new file is a Barista file of the current schema, in the folder it made.
        var facts = try SaveFileTests.facts(path)
        #expect(facts.applicationID == Schema.applicationID && facts.userVersion == Schema.version)
        #expect(Set(Schema.tables).isSubset(of: facts.tables))
        // Reopening a file we made keeps what it holds, and an empty 0-byte file is adopted as new.
        try db.record(Fixture.run("ada"))
        #expect(try AppDatabase(path: path).history(player: Fixture.name("ada")).count == 1)
        let empty = dir.appendingPathComponent("empty.sqlite").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        _ = try AppDatabase(path: empty)
        facts = try SaveFileTests.facts(empty)
        #expect(facts.applicationID == Schema.applicationID && facts.userVersion == Schema.version)
    }

    @Test func resolvesThePath() {
        #expect(AppDatabase.resolvePath(option: nil, environment: [:]) == "saves/barista.sqlite")
        #expect(AppDatabase.resolvePath(option: nil, environment: ["BARISTA_DB": "/tmp/x.sqlite"]) == "/tmp/x.sqlite")
        #expect(AppDatabase.resolvePath(option: "mine.sqlite", environment: ["BARISTA_DB": "/tmp/x.sqlite"]) == "mine.sqlite")
    }

    /// A save file of the previous schema (`v1` alone), written by an older Barista: a practice run
    /// with its card, two runs that were hidden seeds of an old `eval` (no card), and the standing
    /// they made. `v2-evaluations` keeps every run, marks the two, and ranks nothing until an
    /// evaluation is recorded.
    @Test func migratesAVersionOneSaveFile() throws {
        let dir = Fixture.tempDir()
        defer { Fixture.cleanup(dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v1")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO player (id, name, createdAt) VALUES (1, 'ada', 0);
                    INSERT INTO level (id, hash, title, number, players) VALUES (1, 'aaaa0001', 'Morning Rush', 1, 1);
                    INSERT INTO script (id, hash, text, builtin) VALUES (1, x'00', 'serve first', NULL);
                    """)
                for (id, seed) in [(1, 1), (2, 918_273), (3, 55_555)] {
                    try db.execute(sql: """
                        INSERT INTO run VALUES (?, 1, 1, 1, ?, '1.0.0', NULL, x'00112233aabbccdd', 3, 10, 0, 1.5, 12.0, 10, 20, 30, 4,
                            0.5, 900, 400, 0, 500, 1000, 5, 1700000000000)
                        """, arguments: [id, seed])
                }
                try db.execute(sql: """
                    INSERT INTO card (runId, json) VALUES (1, '{"profit":500}');
                    INSERT INTO standing VALUES (1, 1, 2, 2, 2, 2, 2, 2, 2);
                    INSERT INTO ranking VALUES (1, 1, -500, 2, 1);
                    """)
            }
            try queue.close()
        }
        let db = try AppDatabase(path: path)
        let ada = Fixture.name("ada")
        #expect(try db.writer.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") } == ["v1", "v2-evaluations", "v3-league-membership"])
        #expect(try Fixture.count(db, "run") == 3)
        #expect(try db.history(player: ada).map(\.id) == [1])
        #expect(try db.history(player: ada).map(\.strategy) == ["script 00"])
        #expect(try db.hiddenSeedRuns(player: ada) == 2)
        #expect(try db.run(id: 2).fromEvaluation)
        #expect(try db.run(id: 2).seed == 918_273)
        #expect(throws: StoreError.hiddenSeedRun(2)) { try db.replay(runId: 2) }
        #expect(try db.replay(runId: 1).seed == 1)
        // The old leaderboard ranked single seeds: gone, and nothing ranks until an evaluation does.
        let empty = try db.leaderboard(levelHash: "aaaa0001", metric: .profit)
        #expect(empty.entries.isEmpty && empty.playerCount == 0)
        #expect(try db.bestMedals(player: ada).isEmpty)
        #expect(try db.consistencyProblems() == [])
        try db.record(evaluation: Fixture.evaluation("ada", level: LevelRef(hash: "aaaa0001", title: "Morning Rush", number: 1),
                                                     script: "serve first", profit: 450, medal: .bronze))
        #expect(try db.leaderboard(levelHash: "aaaa0001").entries.map(\.medal) == [.bronze])
        #expect(try db.consistencyProblems() == [])
        // Opening it again changes nothing.
        _ = try AppDatabase(path: path)
        #expect(try db.hiddenSeedRuns(player: ada) == 2)
    }
}
