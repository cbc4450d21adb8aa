import CoffeeGame

/// The local leaderboard's metrics: the one list, `BoardMetric`, in the store's words.
public typealias LeaderboardMetric = BoardMetric

/// How the store keeps a metric: its code, its column, its score.
extension LeaderboardMetric {
    /// Stable code stored in `ranking.metric`; never renumber a shipped case.
    var code: Int {
        switch self {
        case .objective: 8
        case .profit: 1
        case .throughput: 2
        case .served: 3
        case .leadTime: 4
        case .valueAdded: 5
        case .waste: 6
        case .size: 7
        }
    }

    /// The metric's value in a run (the objective has none outside an evaluation: 0).
    public func value(of metrics: RunMetrics) -> Double {
        switch self {
        case .objective: 0
        case .profit: Double(metrics.profit)
        case .throughput: metrics.throughput
        case .served: Double(metrics.served)
        case .leadTime: metrics.leadMean
        case .valueAdded: metrics.valueAddedRatio
        case .waste: Double(metrics.waste)
        case .size: Double(metrics.scriptSize)
        }
    }

    /// The column holding the metric, in `run` and in `evaluation` (the objective: its mean).
    var runColumn: String {
        switch self {
        case .objective: "mean"
        case .profit: "profit"
        case .throughput: "throughput"
        case .served: "served"
        case .leadTime: "leadMean"
        case .valueAdded: "valueAddedRatio"
        case .waste: "waste"
        case .size: "scriptSize"
        }
    }

    /// Stored key in `ranking.score`: ascending is always better, so one index ranks every metric.
    /// (`-0.0` is stored as `0.0`, so it is never produced.)
    func score(_ value: Double) -> Double { higherIsBetter && value != 0 ? -value : value }
    func value(fromScore score: Double) -> Double { higherIsBetter ? -score : score }
}
