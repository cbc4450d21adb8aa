import CoffeeEngine

/// What the end card says about a finished shift beyond its score: where the speedup came from
/// (the four corners, in short) and the changes most likely to pay.
public struct ShiftInsight: Sendable, Hashable {
    public var explanation: Explanation
    public var coaching: [Suggestion]

    /// A script's shift: its four corners and its coaching (empty unless the shift finished).
    public static func of(level: Level, script: Script, seed: UInt64) -> ShiftInsight {
        let (result, profile) = ShiftRunner.profile(level: level, script: script, seed: seed)
        return ShiftInsight(explanation: Explain.explain(level: level, script: script, seed: seed),
                            coaching: result.status == .finished ? Coach.top(result, profile: profile, script: script, level: level) : [])
    }

    /// A built-in strategy's shift with `baristas` baristas.
    public static func of(level: Level, mode: RecipeStrategy.Mode, baristas: Int, seed: UInt64) -> ShiftInsight {
        let (result, profile) = ShiftRunner.profile(level: level, mode: mode, baristas: baristas, seed: seed)
        return ShiftInsight(explanation: Explain.explain(level: level, mode: mode, baristas: baristas, seed: seed),
                            coaching: result.status == .finished ? Coach.top(result, profile: profile, mode: mode, level: level) : [])
    }
}

extension Explanation {
    /// The four corners in one or two lines, for the end card: the two gains and what the extra
    /// baristas cost.
    public var compact: [String] {
        let crew = yourShift.baristas, one = concurrencyAlone.baristas
        let concurrency = "concurrency \(signed(concurrencyGain)) (your arrangement against blocking, \(crew) barista\(crew == 1 ? "" : "s"))"
        guard crew != one else {
            return [concurrency, "parallelism: none to weigh (\(one == 1 ? "1 barista" : "one barista per role"))"]
        }
        let ones = one == 1 ? "1 barista" : "one per role"
        return [concurrency,
                "parallelism \(signed(parallelismGain)) (\(crew) baristas against \(ones)) · extra baristas \(Metric.dollars(cents: extraWages)) in wages"]
    }
}
