import CoffeeGame
import Foundation

/// The mean over an evaluation's seeds of each figure the leaderboard can rank by.
public struct EvaluationMeans: Sendable, Hashable, Codable {
    public var served: Double
    public var throughput: Double
    public var leadMean: Double
    public var valueAddedRatio: Double
    /// Cents.
    public var profit: Double
    /// Cents.
    public var waste: Double
    /// The script's size (the same on every seed); 0 for a built-in.
    public var scriptSize: Int

    public init(served: Double = 0, throughput: Double = 0, leadMean: Double = 0, valueAddedRatio: Double = 0,
                profit: Double = 0, waste: Double = 0, scriptSize: Int = 0) {
        self.served = served
        self.throughput = throughput
        self.leadMean = leadMean
        self.valueAddedRatio = valueAddedRatio
        self.profit = profit
        self.waste = waste
        self.scriptSize = scriptSize
    }

    /// The means of many runs' figures.
    public init(of runs: [RunMetrics]) {
        let n = Double(Swift.max(1, runs.count))
        func mean(_ f: (RunMetrics) -> Double) -> Double { runs.reduce(0) { $0 + f($1) } / n }
        self.init(served: mean { Double($0.served) }, throughput: mean(\.throughput), leadMean: mean(\.leadMean),
                  valueAddedRatio: mean(\.valueAddedRatio), profit: mean { Double($0.profit) },
                  waste: mean { Double($0.waste) }, scriptSize: runs.first?.scriptSize ?? 0)
    }
}

/// One seed's shift in an evaluation: identified by its position in the seed list, never its seed.
public struct EvaluationShift: Sendable, Hashable {
    /// Hex digest of the shift's event stream.
    public var digest: String
    /// The objective's value on this seed.
    public var value: Double
    public var failed: Bool

    public init(digest: String, value: Double, failed: Bool = false) {
        self.digest = digest
        self.value = value
        self.failed = failed
    }
}

/// One `barista eval` as the game hands it to the store: a script on a level's hidden seeds,
/// judged on the mean of the objective. It names its seed set (count and identity), not the seeds.
/// Its failures and the objective's mean, min, median, p95 and max are its `summary`'s, read as
/// `input.mean`.
@dynamicMemberLookup
public struct EvaluationInput: Sendable, Hashable {
    /// Unvalidated: `record` validates it.
    public var player: String
    public var level: LevelRef
    public var script: ScriptSource
    /// The file name the script was given as, for people (`gold.brew`); `nil` when unknown.
    public var scriptName: String?
    public var engineVersion: String
    /// How many hidden seeds, and the identity of their list (`Evaluation.seedSet`).
    public var seedCount: Int
    public var seedSet: String
    /// The level's objective, e.g. `max profit`, and its direction.
    public var objective: String
    public var higherIsBetter: Bool
    public var summary: ObjectiveSummary
    /// Earned by the mean; `.none` when any seed failed.
    public var medal: Medal
    public var means: EvaluationMeans
    /// One per seed, in seed order.
    public var shifts: [EvaluationShift]
    /// When it was played; `nil` means now.
    public var recordedAt: Date?

    public init(player: String, level: LevelRef, script: ScriptSource, scriptName: String? = nil, engineVersion: String,
                seedCount: Int, seedSet: String, objective: String, higherIsBetter: Bool, failures: Int = 0,
                firstFailure: String? = nil, mean: Double, min: Double, median: Double, p95: Double, max: Double,
                medal: Medal, means: EvaluationMeans, shifts: [EvaluationShift], recordedAt: Date? = nil) {
        self.player = player
        self.level = level
        self.script = script
        self.scriptName = scriptName
        self.engineVersion = engineVersion
        self.seedCount = seedCount
        self.seedSet = seedSet
        self.objective = objective
        self.higherIsBetter = higherIsBetter
        summary = ObjectiveSummary(failures: failures, firstFailure: firstFailure, mean: mean, min: min, median: median, p95: p95, max: max)
        self.medal = medal
        self.means = means
        self.shifts = shifts
        self.recordedAt = recordedAt
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<ObjectiveSummary, T>) -> T {
        get { summary[keyPath: path] }
        set { summary[keyPath: path] = newValue }
    }

    /// Every seed finished: only such evaluations rank.
    public var isFinished: Bool { summary.failures == 0 }

    /// The most seeds one evaluation may have (`barista eval --seeds` allows as many).
    public static let maxSeeds = 10_000
}

/// An evaluation as stored, with everything needed to show, export or replay it.
public struct StoredEvaluation: Sendable, Hashable {
    public var id: Int64
    public var player: PlayerName
    public var input: EvaluationInput
    /// Came in through `importEvaluation` rather than being played here.
    public var imported: Bool

    public var recordedAt: Date { input.recordedAt ?? Date(timeIntervalSince1970: 0) }
}

/// One line of a player's evaluations.
public struct EvaluationSummary: Sendable, Hashable, Encodable {
    public var id: Int64
    public var level: LevelRef
    /// `event/2`, a script's file name, or `script 1a2b3c4d` (its hash) when no name is known.
    public var strategy: String
    public var seedCount: Int
    public var objective: String
    public var mean: Double
    public var failures: Int
    public var medal: Medal
    public var recordedAt: Date
}
