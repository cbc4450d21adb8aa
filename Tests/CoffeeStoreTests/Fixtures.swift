import Foundation
import GRDB
import Testing
@testable import CoffeeStore

/// Builders for runs with just the fields a test cares about.
enum Fixture {
    static let level1 = LevelRef(hash: "aaaa0001", title: "Morning Rush", number: 1)
    static let level2 = LevelRef(hash: "bbbb0002", title: "Lunch Queue", number: 2)

    static func run(
        _ player: String, level: LevelRef = level1, script: String = "serve first\n", seed: UInt64 = 1,
        profit: Int = 0, throughput: Double = 1, leadMean: Double = 10, size: Int = 5, served: Int = 10,
        waste: Int = 0, valueAdded: Double = 0.5, status: String = RunInput.finished, medal: Medal = .none,
        digest: String = "00112233aabbccdd", at millis: Int64 = 1_700_000_000_000
    ) -> RunInput {
        RunInput(
            player: player, level: level, script: .text(script), seed: seed, engineVersion: "1.0",
            status: status, digest: digest, medal: medal,
            metrics: RunMetrics(served: served, lost: 1, throughput: throughput, leadMean: leadMean,
                                leadP50: 9, leadP95: 20, leadMax: 31, counterWaitP95: 4, valueAddedRatio: valueAdded,
                                revenue: profit + 500, wages: 400, waste: waste, profit: profit, endTick: 1000,
                                scriptSize: size),
            metricsJSON: "{\"profit\":\(profit)}",
            recordedAt: Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    /// An evaluation of `seeds` seeds whose means are the given figures (a failed one when
    /// `status` is not finished), judged on max profit unless told otherwise.
    static func evaluation(
        _ player: String, level: LevelRef = level1, script: String = "serve first\n", profit: Int = 0, throughput: Double = 1,
        leadMean: Double = 10, size: Int = 5, served: Int = 10, waste: Int = 0, valueAdded: Double = 0.5,
        status: String = RunInput.finished, medal: Medal = .none, seeds: Int = 4, objective: String = "max profit",
        mean: Double? = nil, at millis: Int64 = 1_700_000_000_000
    ) -> EvaluationInput {
        let failed = status != RunInput.finished
        let value = mean ?? Double(profit)
        return EvaluationInput(
            player: player, level: level, script: .text(script), scriptName: "take.brew", engineVersion: "1.0",
            seedCount: seeds, seedSet: "0123456789abcdef", objective: objective, higherIsBetter: objective.hasPrefix("max"),
            failures: failed ? 1 : 0, firstFailure: failed ? status : nil,
            mean: value, min: value - 1, median: value, p95: value + 1, max: value + 2, medal: medal,
            means: EvaluationMeans(served: Double(served), throughput: throughput, leadMean: leadMean, valueAddedRatio: valueAdded,
                                   profit: Double(profit), waste: Double(waste), scriptSize: size),
            shifts: (0..<seeds).map { EvaluationShift(digest: "00112233aabbcc0\($0 % 10)", value: value, failed: failed && $0 == 0) },
            recordedAt: Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    static func name(_ s: String) -> PlayerName { PlayerName(stored: s) }

    /// A fresh folder under the system temp dir, removed by the caller with `cleanup`.
    static func tempDir() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("barista-store-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func count(_ db: AppDatabase, _ table: String) throws -> Int {
        try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    static func cleanup(_ url: URL) { try? FileManager.default.removeItem(at: url) }
}
