import Foundation
import GRDB
import Testing
@testable import CoffeeStore

/// Several Barista processes on one file, and one killed mid-write. The writers are this test
/// binary itself, started again with `BARISTA_STORE_CHILD` set so that `storeChildWriter` records runs.
@Suite struct ProcessTests {
    static let childKey = "BARISTA_STORE_CHILD"

    /// On Linux `swift test` runs the test binary directly, so `CommandLine.arguments[0]` can be
    /// started again; on macOS it is `xctest`'s, so the process tests are skipped there.
    static var canSpawnSelf: Bool {
        #if os(Linux)
        CommandLine.arguments[0].hasSuffix(".xctest")
        #else
        false
        #endif
    }

    /// A writer process, not a test of its own: without `BARISTA_STORE_CHILD` it returns at once.
    /// It records runs into that file (`BARISTA_STORE_CHILD_RUNS` of them, or until killed) and
    /// appends each run id to `FILE.ids-TAG` right after its transaction commits.
    @Test func storeChildWriter() throws {
        let env = ProcessInfo.processInfo.environment
        guard let path = env[Self.childKey] else { return }
        let limit = env["BARISTA_STORE_CHILD_RUNS"].flatMap { Int($0) }
        let tag = env["BARISTA_STORE_CHILD_TAG"] ?? "0"
        let db = try AppDatabase(path: path)
        let log = Self.idsPath(path, tag)
        #expect(FileManager.default.createFile(atPath: log, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: log))
        var i = 0
        while limit.map({ i < $0 }) ?? true {
            let id = try db.record(Fixture.run("proc\(tag)", level: i % 3 == 0 ? Fixture.level2 : Fixture.level1,
                                               script: "script \(i % 5)\n", seed: UInt64(i), profit: i % 97))
            // Every fourth shift also an evaluation, which updates the leaderboard tables.
            if i % 4 == 1 {
                try db.record(evaluation: Fixture.evaluation("proc\(tag)", script: "script \(i % 5)\n", profit: i % 97, at: 1_700_000_000_000 + Int64(i)))
            }
            // write(2) straight away, no user-space buffer: a SIGKILL cannot lose a reported id.
            try handle.write(contentsOf: Data("\(id)\n".utf8))
            i += 1
        }
        try handle.close()
    }

    static func idsPath(_ path: String, _ tag: String) -> String { path + ".ids-" + tag }

    static func ids(_ path: String, _ tag: String) -> [Int64] {
        let text = (try? String(contentsOfFile: idsPath(path, tag), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { Int64($0) }
    }

    static func spawn(path: String, tag: String, runs: Int?) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--filter", "storeChildWriter", "--testing-library", "swift-testing"]
        var env = ProcessInfo.processInfo.environment
        env[childKey] = path
        env["BARISTA_STORE_CHILD_TAG"] = tag
        env["BARISTA_STORE_CHILD_RUNS"] = runs.map(String.init)
        process.environment = env
        let output = path + ".out-" + tag
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: output)
        process.standardError = process.standardOutput
        try process.run()
        return process
    }

    @Test(.enabled(if: canSpawnSelf)) func fourProcessesRecordingAtOnceLoseNothing() throws {
        let dir = Fixture.tempDir()
        defer { Fixture.cleanup(dir) }
        let path = dir.appendingPathComponent("shared.sqlite").path
        let tags = ["a", "b", "c", "d"]
        let children = try tags.map { try Self.spawn(path: path, tag: $0, runs: 50) }
        for (tag, child) in zip(tags, children) {
            child.waitUntilExit()
            let output = (try? String(contentsOfFile: path + ".out-" + tag, encoding: .utf8)) ?? ""
            #expect(child.terminationStatus == 0, "child \(tag): \(output)")
            #expect(!output.contains("locked"), "child \(tag): \(output)")
        }
        let reported = tags.flatMap { Self.ids(path, $0) }
        #expect(reported.count == 200)
        let db = try AppDatabase(path: path)
        #expect(try Fixture.count(db, "run") == 200)
        #expect(Set(try db.writer.read { try Int64.fetchAll($0, sql: "SELECT id FROM run") }) == Set(reported))
        #expect(try db.leaderboard(levelHash: Fixture.level1.hash, metric: .profit).playerCount == 4)
    }

    @Test(.enabled(if: canSpawnSelf)) func aKilledWriterKeepsEveryCommittedRun() throws {
        let dir = Fixture.tempDir()
        defer { Fixture.cleanup(dir) }
        let path = dir.appendingPathComponent("killed.sqlite").path
        let child = try Self.spawn(path: path, tag: "k", runs: nil)
        // Let it commit for a while (at least 40 runs reported, within 20 s), then kill it wherever it is.
        let deadline = Date().addingTimeInterval(20)
        while Self.ids(path, "k").count < 40 && Date() < deadline && child.isRunning { Thread.sleep(forTimeInterval: 0.01) }
        #expect(child.isRunning)
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(child.terminationStatus == SIGKILL)

        let reported = Self.ids(path, "k")
        #expect(reported.count >= 40)
        let db = try AppDatabase(path: path)
        #expect(try db.integrityCheck() == ["ok"])
        let stored = Set(try db.writer.read { try Int64.fetchAll($0, sql: "SELECT id FROM run") })
        #expect(Set(reported).isSubset(of: stored))
        // At most the one run in flight committed without being reported.
        #expect(stored.count - reported.count <= 1)
        // The standings are consistent with the evaluations: written in the same transactions.
        #expect(try db.consistencyProblems().isEmpty)
    }
}
