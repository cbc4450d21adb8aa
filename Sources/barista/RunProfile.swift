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
    /// A shift of the chosen strategy on a seed; a script's ticks are attributed to its lines
    /// (the same shift, the same digest) so that `run` can coach it.
    func coachedShift(profile: Bool) throws -> (level: Level, spec: StrategySpec, run: (UInt64?) -> RunOutcome) {
        guard let path = script else {
            if profile { throw CLIError("'--profile' annotates the lines of a script: give a SCRIPT (a built-in strategy has none)") }
            let (level, _, spec, run) = try shift()
            return (level, spec, { seed in RunOutcome(result: run(seed)) })
        }
        if baristas != nil { throw CLIError("a script hires its own baristas ('workers N' or roles): drop --baristas") }
        let level = try loadLevel(self.level)
        let compiled = try compileScript(path, for: level)
        return (level, .script(text: compiled.source, file: path), { seed in
            let (result, profile) = ShiftRunner.profile(level: level, script: compiled, seed: seed)
            let coaching = result.status == .finished ? Coach.top(result, profile: profile, script: compiled, level: level) : []
            return RunOutcome(result: result, profile: profile, coaching: coaching)
        })
    }
}

extension Suggestion {
    /// The coaching lines under a score card; nothing when no rule fired.
    static func text(_ suggestions: [Suggestion]) -> String? {
        guard !suggestions.isEmpty else { return nil }
        return (["coaching (the changes most likely to pay)"] + suggestions.map { "  · " + $0.text }).joined(separator: "\n")
    }
}
