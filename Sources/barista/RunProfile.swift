import CoffeeEngine
import CoffeeGame

/// What `run --profile --json` prints: the run's result, its script's profile and the coaching.
struct ProfiledRun: Encodable {
    let run: RunResult
    let profile: ScriptProfile
    let coaching: [Suggestion]
}

/// One shift as `run` shows it: the result, and for a script its line profile and coaching.
struct RunOutcome {
    var result: RunResult
    var profile: ScriptProfile?
    var coaching: [Suggestion] = []
}

extension ShiftOptions {
    /// A shift of the chosen strategy on a seed, with every barista tick attributed to a line
    /// of its script (a built-in's pseudo-script): the same shift, the same digest, so that
    /// `run` can coach it.
    func coachedShift() throws -> (level: Level, spec: StrategySpec, run: (UInt64?) -> RunOutcome) {
        let (level, chosen) = try chosen()
        switch chosen {
        case .script(let compiled, _):
            return (level, chosen.spec, { seed in
                let (result, profile) = ShiftRunner.profile(level: level, script: compiled, seed: seed)
                let coaching = result.status == .finished ? Coach.top(result, profile: profile, script: compiled, level: level) : []
                return RunOutcome(result: result, profile: profile, coaching: coaching)
            })
        case .builtin(let mode, let crew):
            return (level, chosen.spec, { seed in
                let (result, profile) = ShiftRunner.profile(level: level, mode: mode, baristas: crew, seed: seed)
                let coaching = result.status == .finished ? Coach.top(result, profile: profile, mode: mode, level: level) : []
                return RunOutcome(result: result, profile: profile, coaching: coaching)
            })
        }
    }
}

extension Suggestion {
    /// The coaching lines under a score card; nothing when no rule fired.
    static func text(_ suggestions: [Suggestion]) -> String? {
        guard !suggestions.isEmpty else { return nil }
        return (["coaching (the changes most likely to pay)"] + suggestions.map { "  · " + $0.text }).joined(separator: "\n")
    }
}
