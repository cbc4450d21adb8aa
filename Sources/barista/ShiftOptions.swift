import ArgumentParser
import CoffeeEngine
import CoffeeGame

/// What `run` and `eval` share: a level, and a strategy (a script, or a built-in one with a crew).
struct ShiftOptions: ParsableArguments {
    @Argument(help: "The level: a number (2), a name (long-brews) or a path to a .yaml file.")
    var level: String

    @Argument(help: "A BrewScript strategy (.brew); without one, the built-in --strategy runs.")
    var script: String?

    @Option(help: "A built-in strategy when no script is given: blocking, polling or event.")
    var strategy: String = "event"

    @Option(help: "Baristas for a built-in strategy (default: the level's; at most its maximum).")
    var baristas: Int?

    /// The level, and a function that runs one shift of the chosen strategy on a seed.
    func shift() throws -> (level: Level, name: String, spec: StrategySpec, run: @Sendable (UInt64?) -> RunResult) {
        let level = try loadLevel(self.level)
        if let script {
            if baristas != nil { throw CLIError("a script hires its own baristas ('workers N' or roles): drop --baristas") }
            let compiled = try compileScript(script, for: level)
            return (level, script, .script(text: compiled.source, file: script),
                    { seed in ShiftRunner.run(level: level, script: compiled, seed: seed) })
        }
        guard let mode = RecipeStrategy.Mode(rawValue: strategy) else {
            throw CLIError("unknown strategy '\(strategy)': use blocking, polling or event")
        }
        if let n = baristas, n < 1 || n > level.config.maxBaristas {
            throw CLIError("\(level.label) allows 1 to \(level.config.maxBaristas) baristas, not \(n)")
        }
        let crew = baristas ?? level.config.baristas
        return (level, strategy, .builtin(mode, baristas: crew),
                { seed in ShiftRunner.run(level: level, mode: mode, baristas: crew, seed: seed) })
    }
}
