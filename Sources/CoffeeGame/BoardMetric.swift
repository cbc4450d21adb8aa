/// A figure a leaderboard ranks evaluations by: the level's objective (medal first, then the
/// mean that earned it), or the mean over the seeds of a score-card figure. Each has a direction:
/// more profit is better, less lead time is better; the objective's is the level's. The one list
/// of them: the local store calls it `LeaderboardMetric`, the league's wire format `LeagueMetric`
/// (which ranks by the score-card figures only, `figures`).
public enum BoardMetric: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// The level's own objective: what `eval` judges and the medal is awarded for.
    case objective
    case profit
    case throughput
    case served
    case leadTime = "lead-time"
    case valueAdded = "value-added"
    case waste
    case size

    /// The metrics `pareto` compares by default: money, speed, latency and brevity.
    public static let paretoDefault: [BoardMetric] = [.profit, .throughput, .leadTime, .size]

    /// Every metric but the objective: the score-card figures a league board ranks by.
    public static let figures: [BoardMetric] = allCases.filter { $0 != .objective }

    public var description: String { rawValue }

    /// The direction of the metric; the objective's is the level's (`higherIsBetter` is then
    /// true, and the evaluation's own direction decides its score).
    public var higherIsBetter: Bool {
        switch self {
        case .objective, .profit, .throughput, .served, .valueAdded: true
        case .leadTime, .waste, .size: false
        }
    }

    /// The value as a player reads it: money in dollars, ratios in percent. The objective's mean
    /// is formatted by the level's metric (`format(_:objective:)`); alone it reads as a number.
    public func format(_ value: Double) -> String {
        switch self {
        case .profit, .waste:
            return Metric.dollars(value)
        case .objective:
            return Metric.number(value)
        case .served, .size:
            return String(Int(value.rounded()))
        case .throughput, .leadTime:
            return Self.fixed(value, digits: 2)
        case .valueAdded:
            return Self.fixed(value * 100, digits: 1) + "%"
        }
    }

    /// The value as a player reads it, the objective's in the unit of the level's metric
    /// (`"max profit"` gives dollars).
    public func format(_ value: Double, objective: String) -> String {
        guard self == .objective else { return format(value) }
        guard let name = objective.split(separator: " ").last, let metric = Metric(rawValue: String(name)) else {
            return Metric.number(value)
        }
        return metric.format(value)
    }

    /// Fixed-point formatting without Foundation's locale-dependent `String(format:)`.
    public static func fixed(_ value: Double, digits: Int) -> String {
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
