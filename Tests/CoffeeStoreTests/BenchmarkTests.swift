import Foundation
import Testing
@testable import CoffeeStore
import StoreBench

@Suite struct BenchmarkTests {
    @Test func smallBenchmarkRunsAndReports() throws {
        let dir = Fixture.tempDir()
        defer { Fixture.cleanup(dir) }
        var options = StoreBenchmark.Options()
        options.runs = 300
        options.levels = 3
        options.players = 40
        options.cardEvery = 10
        options.batch = 200
        options.repetitions = 3
        let report = try StoreBenchmark.run(path: dir.appendingPathComponent("bench.sqlite").path, options: options)
        #expect(report.generated)
        #expect(report.runs == 300)
        #expect(report.fileBytes > 0)
        #expect(report.objects.contains { $0.name == "run" })
        #expect(report.description.contains("leaderboard"))
        let db = try AppDatabase(path: dir.appendingPathComponent("bench.sqlite").path)
        // 300 generated + 3 timed recordings; a card for every tenth generated run.
        #expect(try Fixture.count(db, "run") == 303)
        #expect(try Fixture.count(db, "card") == 30)
        // One evaluation (16 seeds) per 5 generated runs + 3 timed recordings; they make the leaderboard.
        #expect(try Fixture.count(db, "evaluation") == 63)
        #expect(try Fixture.count(db, "evaluationShift") == 63 * 16)
        #expect(try db.consistencyProblems() == [])
        #expect(try db.integrityCheck() == ["ok"])
    }

    /// The real thing, on demand:
    /// `BARISTA_STORE_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter storeBenchmark`
    /// (`BARISTA_STORE_BENCH_PATH` to keep the file, `BARISTA_STORE_BENCH_RUNS` for another size).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["BARISTA_STORE_BENCH"] != nil))
    func storeBenchmark() throws {
        let env = ProcessInfo.processInfo.environment
        var options = StoreBenchmark.Options()
        if let runs = env["BARISTA_STORE_BENCH_RUNS"].flatMap({ Int($0) }) { options.runs = runs }
        if let every = env["BARISTA_STORE_BENCH_CARD_EVERY"].flatMap({ Int($0) }) { options.cardEvery = every }
        let keep = env["BARISTA_STORE_BENCH_PATH"]
        let path = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("barista-bench-\(UUID().uuidString).sqlite").path
        defer {
            if keep == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        }
        let report = try StoreBenchmark.run(path: path, options: options) { made in
            if made % 100_000 == 0 { print("  \(made) runs") }
        }
        print(report)
    }
}
