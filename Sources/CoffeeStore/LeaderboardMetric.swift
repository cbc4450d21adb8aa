/// A score-card figure the leaderboard ranks by. Each has a direction: more profit is better,
/// less lead time is better.
public enum LeaderboardMetric: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case profit
    case throughput
    case served
    case leadTime = "lead-time"
    case valueAdded = "value-added"
    case waste
    case size

    /// The metrics `pareto` compares by default: money, speed, latency and brevity.
    public static let paretoDefault: [LeaderboardMetric] = [.profit, .throughput, .leadTime, .size]

    public var description: String { rawValue }

    /// Stable code stored in `ranking.metric`; never renumber a shipped case.
    var code: Int {
        switch self {
        case .profit: 1
        case .throughput: 2
        case .served: 3
        case .leadTime: 4
        case .valueAdded: 5
        case .waste: 6
        case .size: 7
        }
    }

    public var higherIsBetter: Bool {
        switch self {
        case .profit, .throughput, .served, .valueAdded: true
        case .leadTime, .waste, .size: false
        }
    }

    /// The metric's value in a run.
    public func value(of metrics: RunMetrics) -> Double {
        switch self {
        case .profit: Double(metrics.profit)
        case .throughput: metrics.throughput
        case .served: Double(metrics.served)
        case .leadTime: metrics.leadMean
        case .valueAdded: metrics.valueAddedRatio
        case .waste: Double(metrics.waste)
        case .size: Double(metrics.scriptSize)
        }
    }

    /// The run column holding the metric, for queries over runs.
    var runColumn: String {
        switch self {
        case .profit: "profit"
        case .throughput: "throughput"
        case .served: "served"
        case .leadTime: "leadMean"
        case .valueAdded: "valueAddedRatio"
        case .waste: "waste"
        case .size: "scriptSize"
        }
    }

    /// The `standing` column holding the player's best run for the metric.
    var standingColumn: String {
        switch self {
        case .profit: "profitRun"
        case .throughput: "throughputRun"
        case .served: "servedRun"
        case .leadTime: "leadTimeRun"
        case .valueAdded: "valueAddedRun"
        case .waste: "wasteRun"
        case .size: "sizeRun"
        }
    }

    /// Stored key in `ranking.score`: ascending is always better, so one index ranks every metric.
    func score(_ value: Double) -> Double { higherIsBetter ? -value : value }
    func value(fromScore score: Double) -> Double { higherIsBetter ? -score : score }

    /// The value as a player reads it: money in dollars, ratios in percent.
    public func format(_ value: Double) -> String {
        switch self {
        case .profit, .waste:
            let cents = Int(value.rounded())
            let sign = cents < 0 ? "-" : ""
            let a = abs(cents)
            return "\(sign)$\(a / 100).\(a % 100 < 10 ? "0" : "")\(a % 100)"
        case .served, .size:
            return String(Int(value.rounded()))
        case .throughput, .leadTime:
            return Self.fixed(value, digits: 2)
        case .valueAdded:
            return Self.fixed(value * 100, digits: 1) + "%"
        }
    }

    /// Fixed-point formatting without Foundation's locale-dependent `String(format:)`.
    static func fixed(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        var frac = String(scaled % Int(scale))
        while frac.count < digits { frac = "0" + frac }
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return digits == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(frac)"
    }
}
