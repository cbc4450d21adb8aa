/// What an evaluation found for its objective over the seeds: how many shifts failed (and the
/// first one's message), and the spread of the objective's value. `Evaluation` (the game's) and
/// `EvaluationInput` (what the store keeps) both carry one, so the figures are named once.
public struct ObjectiveSummary: Sendable, Hashable {
    /// Seeds on which the shift failed (a script error), with the first message.
    public var failures: Int
    public var firstFailure: String?
    /// The objective's mean over the seeds: what the medal is for.
    public var mean: Double
    public var min: Double
    public var median: Double
    public var p95: Double
    public var max: Double

    public init(failures: Int = 0, firstFailure: String? = nil, mean: Double, min: Double, median: Double, p95: Double, max: Double) {
        self.failures = failures
        self.firstFailure = firstFailure
        self.mean = mean
        self.min = min
        self.median = median
        self.p95 = p95
        self.max = max
    }

    /// The summary of one value per seed (`failures` of them failed, the first with `firstFailure`).
    /// The median and p95 are the nearest-rank values.
    public init(values: [Double], failures: Int = 0, firstFailure: String? = nil) {
        let sorted = values.sorted()
        func at(_ f: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[Swift.min(sorted.count - 1, Swift.max(0, Int((f * Double(sorted.count)).rounded(.up)) - 1))]
        }
        self.init(failures: failures, firstFailure: firstFailure,
                  mean: values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count),
                  min: sorted.first ?? 0, median: at(0.5), p95: at(0.95), max: sorted.last ?? 0)
    }
}
