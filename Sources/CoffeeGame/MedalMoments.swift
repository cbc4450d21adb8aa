import CoffeeEngine

/// The moments of a shift worth marking in a recording of it (`barista replay --cast`): where
/// the running score reached a medal the shift went on to earn, where a medal went out of reach,
/// and the end. Only what stays true is marked:
///
/// - an objective to raise that is a running total (`served`, `revenue`, `profit`): a medal the
///   finished shift earns is marked when the running value first reaches its threshold;
/// - an objective to lower that only grows (`lost`, `cold`): a medal the shift does not earn is
///   marked when the running value first passes its threshold (it can never come back);
/// - every other objective (lead times, ratios: their running value swings) is marked at the end
///   only. The end is always marked, with the medal and the objective's value.
public struct MedalMoments: Sendable {
    public let objective: Objective
    /// The medal the finished shift earns.
    public let earned: Medal?
    var marked: Set<Medal> = []

    public init(objective: Objective, earned: Medal?) {
        self.objective = objective
        self.earned = earned
    }

    /// The objectives whose running value is marked as the shift goes.
    static let raisedTotals: Set<Metric> = [.served, .revenue, .profit]
    static let growingCounts: Set<Metric> = [.lost, .cold]

    /// The labels of the moments reached, given the metrics of the shift so far (call it in order,
    /// as the shift goes; each medal is marked once): `bronze reached: served 3`,
    /// `gold out of reach: lost 1`.
    public mutating func moments(in metrics: ShiftMetrics) -> [String] {
        let value = objective.metric.value(in: metrics)
        let shown = "\(objective.metric.rawValue) \(objective.metric.format(value))"
        var out: [String] = []
        for medal in Medal.allCases where !marked.contains(medal) {
            let threshold = objective.medals[medal]
            if objective.direction == .max, Self.raisedTotals.contains(objective.metric),
               let earned, medal <= earned, value >= threshold {
                marked.insert(medal)
                out.append("\(medal) reached: \(shown)")
            } else if objective.direction == .min, Self.growingCounts.contains(objective.metric),
                      earned.map({ medal > $0 }) ?? true, value > threshold {
                marked.insert(medal)
                out.append("\(medal) out of reach: \(shown)")
            }
        }
        return out
    }

    /// The label of the end: `end: gold medal, served 6`, `end: no medal, lost 7`, or the failure.
    public static func end(of result: RunResult, objective: Objective) -> String {
        if result.status != .finished { return "end: \(result.status.rawValue), no medal" }
        let value = result.objectiveValue.map(objective.metric.format) ?? "–"
        return "end: \(result.medal.map { "\($0) medal" } ?? "no medal"), \(objective.metric.rawValue) \(value)"
    }
}
