/// The text `barista eval` prints.
public enum EvaluationText {
    public static func render(_ e: Evaluation, strategy: String, jobs: Int) -> String {
        var out = ["\(e.level) · strategy \(strategy) · \(e.seeds.count) hidden seeds on \(jobs) thread\(jobs == 1 ? "" : "s")"]
        out.append("objective   \(e.objective)")
        out.append("spread      min \(ScoreCard.fixed(e.min))  median \(ScoreCard.fixed(e.median))  p95 \(ScoreCard.fixed(e.p95))  max \(ScoreCard.fixed(e.max))")
        out.append("mean        \(ScoreCard.fixed(e.mean))")
        if e.failures > 0 {
            out.append("failures    \(e.failures) of \(e.seeds.count) shifts failed: \(e.firstFailure ?? "")")
        }
        out.append("service     \(ScoreCard.serviceText(served: e.served, arrived: e.arrived, floor: e.serviceFloor))")
        out.append("medal       \(e.medal?.description ?? "none")")
        return out.joined(separator: "\n")
    }
}
