/// The text `barista eval` prints: where the mean of the hidden seeds stands against the medals.
public enum EvaluationText {
    public static func render(_ e: Evaluation, strategy: String, jobs: Int) -> String {
        let metric = e.rule.metric
        let n = e.seeds.count
        var out = ["\(e.level) · strategy \(strategy) · \(n) hidden seed\(n == 1 ? "" : "s") on \(jobs) thread\(jobs == 1 ? "" : "s")"]
        out.append("objective   \(e.objective), judged on the mean of \(n) hidden seed\(n == 1 ? "" : "s")")
        out.append("medals      " + Medal.allCases.map { "\($0) \(metric.format(e.rule.medals[$0]))" }.joined(separator: " · "))
        out.append("spread      min \(metric.format(e.min))  median \(metric.format(e.median))  p95 \(metric.format(e.p95))  max \(metric.format(e.max))")
        out.append("mean        \(metric.format(e.mean))")
        if e.failures > 0 {
            out.append("failures    \(e.failures) of \(n) shifts failed: \(e.firstFailure ?? "")")
        }
        out.append("service     \(ScoreCard.serviceText(served: e.served, arrived: e.arrived, floor: e.serviceFloor))")
        out.append("medal       \(e.medal?.description ?? "none")")
        out.append("next        \(nextMedal(e))")
        return out.joined(separator: "\n")
    }

    /// `silver at $40.00: the mean needs $3.20 more`, or why there is no next medal.
    public static func nextMedal(_ e: Evaluation) -> String {
        if e.failures > 0 { return "no medal while a shift fails: fix the failure first" }
        guard let next = e.nextMedal else { return "none: gold is the top medal" }
        let metric = e.rule.metric
        let way = e.rule.direction == .max ? "more" : "less"
        let text = "\(next.medal) at \(metric.format(next.threshold)): the mean needs \(metric.formatDistance(next.distance)) \(way)"
        guard e.rule.meetsServiceFloor(served: e.served, arrived: e.arrived) else {
            let floor = "serve at least \(e.rule.serviceFloorText) of the customers first"
            return next.distance > 0 ? "\(floor); then \(text)" : "\(floor): the mean would earn \(next.medal)"
        }
        return text
    }
}
