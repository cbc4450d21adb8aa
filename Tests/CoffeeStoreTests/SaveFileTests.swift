import Foundation
import Synchronization
import GRDB
import Testing
@testable import CoffeeStore

/// Files the store must refuse, each left byte-for-byte as it was.
@Suite struct SaveFileTests {
    let dir = Fixture.tempDir()

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    /// Opening `path` throws `expected`, and the file is unchanged.
    func expectRefused(_ path: String, _ expected: (StoreError) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) {
        let before = bytes(path)
        #expect(!before.isEmpty, sourceLocation: sourceLocation)
        do {
            _ = try AppDatabase(path: path)
            Issue.record("opened \(path)", sourceLocation: sourceLocation)
        } catch {
            #expect(expected(error), "\(error)", sourceLocation: sourceLocation)
        }
        #expect(bytes(path) == before, "the file changed", sourceLocation: sourceLocation)
    }

    /// A Barista file with a few runs, checkpointed so the main file holds everything.
    func baristaFile(_ name: String, runs: Int = 40) throws -> String {
        let p = path(name)
        let db = try AppDatabase(path: p)
        for i in 0..<runs {
            try db.record(Fixture.run("player\(i % 7)", script: String(repeating: "brew espresso \(i)\n", count: 30), seed: UInt64(i), profit: i))
        }
        _ = try db.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        return p
    }

    @Test func refusesATextFileAndRandomBytes() throws {
        defer { Fixture.cleanup(dir) }
        let text = path("notes.txt")
        try "shopping list: beans, milk\n".write(toFile: text, atomically: true, encoding: .utf8)
        expectRefused(text) { $0 == .notADatabase(path: text) }
        let random = path("random.bin")
        var rng = SystemRandomNumberGenerator()
        try Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &rng) }).write(to: URL(fileURLWithPath: random))
        expectRefused(random) { $0 == .notADatabase(path: random) }
        #expect(StoreError.notADatabase(path: text).description
            == "\(text) is not a Barista save file (it is not an SQLite database). It was left untouched; pass another file with --db or BARISTA_DB.")
    }

    @Test func refusesAnotherProgramsDatabase() throws {
        defer { Fixture.cleanup(dir) }
        let other = path("other.sqlite")
        try DatabaseQueue(path: other).write { db in
            try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER); INSERT INTO invoices VALUES (1, 99)")
        }
        expectRefused(other) { $0 == .foreignDatabase(path: other, detail: "tables invoices") }

        let tagged = path("tagged.sqlite")
        try DatabaseQueue(path: tagged).write { db in try db.execute(sql: "PRAGMA application_id = 1234") }
        expectRefused(tagged) { $0 == .foreignDatabase(path: tagged, detail: "application id 0x4d2") }
    }

    @Test func adoptsAnEmptySQLiteFile() throws {
        defer { Fixture.cleanup(dir) }
        let empty = path("empty.sqlite")
        try DatabaseQueue(path: empty).writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
        // A real SQLite file (one page: the header), of no program: no table, no application id.
        let before = try Self.facts(empty)
        #expect(bytes(empty).prefix(16) == Data("SQLite format 3\u{0}".utf8))
        #expect(bytes(empty).count == before.pageSize)
        #expect(before.tables == [] && before.applicationID == 0 && before.userVersion == 0)
        let db = try AppDatabase(path: empty)
        try db.record(Fixture.run("ada"))
        #expect(try db.history(player: Fixture.name("ada")).count == 1)
        // Adopted: now a Barista file of the current schema.
        let after = try Self.facts(empty)
        #expect(after.applicationID == Schema.applicationID && after.userVersion == Schema.version)
        #expect(Set(Schema.tables).isSubset(of: after.tables))
    }

    /// What a file says it is, read without the store.
    static func facts(_ path: String) throws -> (applicationID: Int32, userVersion: Int, tables: Set<String>, pageSize: Int) {
        var config = Configuration()
        config.readonly = true
        return try DatabaseQueue(path: path, configuration: config).read { db in
            (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? -1, try Int.fetchOne(db, sql: "PRAGMA user_version") ?? -1,
             Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' AND name NOT LIKE 'sqlite%'")),
             try Int.fetchOne(db, sql: "PRAGMA page_size") ?? -1)
        }
    }

    @Test func refusesATruncatedFile() throws {
        defer { Fixture.cleanup(dir) }
        let p = try baristaFile("truncated.sqlite")
        let whole = bytes(p)
        #expect(whole.count > 40_000)
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: p))
        expectRefused(p) { if case .corrupt = $0 { true } else { false } }
    }

    @Test func refusesADamagedSchemaPage() throws {
        defer { Fixture.cleanup(dir) }
        let p = try baristaFile("damaged.sqlite")
        var data = bytes(p)
        // Keep the 100-byte header (so it still looks like SQLite), wreck the rest of page 1.
        for i in 100..<4096 { data[i] = UInt8(truncatingIfNeeded: i &* 131) }
        try data.write(to: URL(fileURLWithPath: p))
        expectRefused(p) { if case .corrupt = $0 { true } else { false } }
    }

    @Test func refusesDamagedTablePages() throws {
        defer { Fixture.cleanup(dir) }
        let p = try baristaFile("tables.sqlite")
        var data = bytes(p)
        // Pages 2…12 hold the roots of the tables created first.
        for i in 4096..<(12 * 4096) { data[i] = UInt8(truncatingIfNeeded: i &* 7 &+ 3) }
        try data.write(to: URL(fileURLWithPath: p))
        expectRefused(p) { if case .corrupt = $0 { true } else { false } }
    }

    @Test func refusesANewerSchema() throws {
        defer { Fixture.cleanup(dir) }
        let future = try baristaFile("future.sqlite", runs: 1)
        try DatabaseQueue(path: future).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v2-tournaments')")
        }
        expectRefused(future) { $0 == .newerSchema(path: future, unknown: ["v2-tournaments"]) }

        let version = try baristaFile("version.sqlite", runs: 1)
        try DatabaseQueue(path: version).write { db in try db.execute(sql: "PRAGMA user_version = 7") }
        expectRefused(version) { $0 == .newerSchema(path: version, unknown: ["schema version 7"]) }
        #expect(StoreError.newerSchema(path: "x", unknown: ["schema version 7"]).description
            == "x was written by a newer version of Barista (unknown schema: schema version 7). It was left untouched; update Barista to open it.")
    }

    @Test func refusesAFolder() throws {
        defer { Fixture.cleanup(dir) }
        #expect(throws: StoreError.cannotOpen(path: dir.path, reason: "it is a folder")) { try AppDatabase(path: dir.path) }
    }

    @Test func fourWritersOnOneFileLoseNothing() throws {
        defer { Fixture.cleanup(dir) }
        let p = path("shared.sqlite")
        // Four databases opened at once, each on its own thread, on a file that does not exist
        // yet: they race to create and migrate it, then to record.
        let results = Mutex<[Result<[Int64], StoreError>]>([])
        let threads = (0..<4).map { writer in
            Thread {
                let result = Result { () throws(StoreError) -> [Int64] in
                    let db = try AppDatabase(path: p)
                    var ids: [Int64] = []
                    for i in 0..<50 {
                        ids.append(try db.record(Fixture.run("writer\(writer)", level: i % 2 == 0 ? Fixture.level1 : Fixture.level2,
                                                             seed: UInt64(writer * 1000 + i), profit: i)))
                        if i % 10 == 0 { try db.record(evaluation: Fixture.evaluation("writer\(writer)", profit: i)) }
                    }
                    return ids
                }
                results.withLock { $0.append(result) }
            }
        }
        threads.forEach { $0.start() }
        while results.withLock({ $0.count }) < 4 { Thread.sleep(forTimeInterval: 0.005) }
        let ids = try results.withLock { try $0.flatMap { try $0.get() } }
        #expect(ids.count == 200)
        #expect(Set(ids).count == 200)
        let db = try AppDatabase(path: p)
        #expect(try Fixture.count(db, "run") == 200)
        #expect(try db.leaderboard(levelHash: Fixture.level1.hash, metric: .profit).playerCount == 4)
        #expect(try db.integrityCheck() == ["ok"])
        #expect(try db.consistencyProblems() == [])
    }
}
