import CoffeeEngine
import Foundation

/// Medals are earned on seeds the player never sees: derived from the level's content hash, so a
/// script tuned to the practice seed's customers does not earn gold by luck. Its failures and the
/// objective's mean, min, median, p95 and max are its `summary`'s, read as `evaluation.mean`.
@dynamicMemberLookup
public struct Evaluation: Sendable, Hashable {
    public var level: String
    public var objective: String
    public var seeds: [UInt64]
    /// The objective's value on each seed, in seed order.
    public var values: [Double]
    public var summary: ObjectiveSummary
    /// Customers served and arrived over all the evaluation seeds.
    public var served: Int
    public var arrived: Int
    /// The level's service floor (served over arrived, 0…1).
    public var serviceFloor: Double
    /// Earned by the mean over the evaluation seeds; no medal if any seed failed or if fewer than
    /// the level's service floor of all the customers (every seed together) were served.
    public var medal: Medal?
    /// Every shift, in seed order.
    public var results: [RunResult]
    /// The level's objective and medal thresholds the evaluation was judged by.
    public var rule: Objective
    /// The identity of the seed set, never the seeds: FNV-1a 64 of the seeds in order, 16 hex digits.
    /// Two evaluations with the same level, count and `seedSet` ran on the same customers.
    public var seedSet: String

    public subscript<T>(dynamicMember path: WritableKeyPath<ObjectiveSummary, T>) -> T {
        get { summary[keyPath: path] }
        set { summary[keyPath: path] = newValue }
    }

    /// Each shift's event digest, in seed order: what a replay of the evaluation must reproduce.
    public var digests: [String] { results.map(\.digest) }

    /// The next medal up from the one earned, how much the mean must still move to reach it
    /// (in the objective's unit, always ≥ 0), and its threshold; `nil` at gold or when a seed failed.
    public var nextMedal: (medal: Medal, threshold: Double, distance: Double)? {
        guard summary.failures == 0, medal != .gold else { return nil }
        let next = Medal.allCases.first { $0 > (medal ?? .bronze) || medal == nil } ?? .gold
        let threshold = rule.medals[next]
        let distance = rule.direction == .max ? threshold - summary.mean : summary.mean - threshold
        return (next, threshold, Swift.max(0, distance))
    }

    /// FNV-1a 64 over the seeds' little-endian bytes.
    public static func seedSetIdentity(_ seeds: [UInt64]) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for seed in seeds {
            for i in 0..<8 { h = (h ^ ((seed >> (8 * UInt64(i))) & 0xFF)) &* 0x0000_0100_0000_01B3 }
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The evaluation seeds of a level: FNV-1a of its content hash and the seed's index, mixed.
    /// How many hidden seeds `barista eval` judges on unless told otherwise.
    public static let defaultSeedCount = 32

    public static func seeds(for level: Level, count: Int) -> [UInt64] {
        (0..<count).map { i in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in "\(level.contentHash)/eval/\(i)".utf8 {
                h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
            var rng = SplitMix64(seed: h)
            return rng.next() >> 16
        }
    }

    /// Runs `shift` on each evaluation seed, `jobs` at a time on separate threads (parallelism,
    /// put to work), calling `progress` with the number done after each.
    public static func run(level: Level, seeds count: Int, jobs: Int,
                           progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in },
                           shift: @escaping @Sendable (UInt64) -> RunResult) -> Evaluation {
        let seeds = seeds(for: level, count: count)
        let results = inParallel(count: seeds.count, jobs: jobs, { i in shift(seeds[i]) }, done: { progress($0, seeds.count) })
        return summarize(level: level, seeds: seeds, results: results)
    }

    /// `work(i)` for every `i` below `count`, `jobs` at a time on threads with room for a
    /// script's deep stack, in index order; `done` hears how many are done after each.
    static func inParallel<T>(count: Int, jobs: Int, _ work: @escaping @Sendable (Int) -> T,
                              done: @escaping @Sendable (Int) -> Void = { _ in }) -> [T] {
        let results = ResultBox<T>(count: count)
        let workers = Swift.max(1, Swift.min(jobs, count))
        let group = DispatchGroup()
        for w in 0..<workers {
            group.enter()
            let thread = Thread {
                for i in stride(from: w, to: count, by: workers) { done(results.store(i, work(i))) }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return results.all()
    }

    /// The evaluation of shifts already run on `seeds` (a replay of a stored evaluation).
    public static func summarize(level: Level, seeds: [UInt64], results: [RunResult]) -> Evaluation {
        let values = results.map { level.objective.metric.value(in: $0.metrics) }
        let failed = results.filter { $0.status != .finished }
        let summary = ObjectiveSummary(values: values, failures: failed.count, firstFailure: failed.first?.failure?.message)
        let served = results.reduce(0) { $0 + $1.metrics.served }
        let arrived = results.reduce(0) { $0 + $1.metrics.arrived }
        let medal = level.objective.medal(for: summary.mean, served: served, arrived: arrived)
        return Evaluation(level: level.label, objective: level.objective.description, seeds: seeds, values: values,
                          summary: summary,
                          served: served, arrived: arrived, serviceFloor: level.objective.serviceFloor, medal: failed.isEmpty ? medal : nil, results: results,
                          rule: level.objective, seedSet: seedSetIdentity(seeds))
    }
}

/// Results written by worker threads, each into its own index.
final class ResultBox<Result>: @unchecked Sendable {
    private var results: [Result?]
    private var done = 0
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func store(_ i: Int, _ r: Result) -> Int {
        lock.lock()
        defer { lock.unlock() }
        results[i] = r
        done += 1
        return done
    }

    func all() -> [Result] {
        lock.lock()
        defer { lock.unlock() }
        return results.compactMap { $0 }
    }
}
