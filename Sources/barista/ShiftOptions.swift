import ArgumentParser
import CoffeeEngine
import CoffeeGame
import CoffeeStore

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

    /// The strategy chosen on the command line, checked against the level.
    enum Chosen {
        case script(Script, path: String)
        case builtin(RecipeStrategy.Mode, crew: Int)

        /// A strategy kept in the store, checked against the level it is run on again.
        init(kept: ScriptSource, file: String, level: Level, code: ExitCode = Exit.badInput) throws {
            switch kept {
            case .text(let text):
                let (script, diagnostics) = Script.compile(source: text, file: file, level: level)
                guard let script else {
                    let first = diagnostics.first { $0.severity == .error }.map(\.description) ?? "it does not compile"
                    throw CLIError("the script no longer compiles for this level: \(first)", code: code)
                }
                self = .script(script, path: file)
            case .builtin(let name):
                guard case .builtin(let mode, let crew)? = StrategySpec.builtin(named: name, level: level) else {
                    throw CLIError("unknown built-in strategy '\(name)'", code: code)
                }
                self = .builtin(mode, crew: crew)
            }
        }

        var spec: StrategySpec {
            switch self {
            case .script(let s, let path): .script(text: s.source, file: path)
            case .builtin(let mode, let crew): .builtin(mode, baristas: crew)
            }
        }
    }

    /// The level and the strategy to run on it: a compiled script, or a built-in with its crew.
    func chosen() throws -> (level: Level, strategy: Chosen) {
        let level = try loadLevel(self.level)
        if let script {
            if baristas != nil { throw CLIError("a script hires its own baristas ('workers N' or roles): drop --baristas") }
            return (level, .script(try compileScript(script, for: level), path: script))
        }
        guard let mode = RecipeStrategy.Mode(rawValue: strategy) else {
            throw CLIError("unknown strategy '\(strategy)': use blocking, polling or event")
        }
        if let n = baristas, n < 1 || n > level.config.maxBaristas {
            throw CLIError("\(level.label) allows 1 to \(level.config.maxBaristas) baristas, not \(n)")
        }
        return (level, .builtin(mode, crew: baristas ?? level.config.baristas))
    }

    /// The level, and a function that runs one shift of the chosen strategy on a seed.
    func shift() throws -> (level: Level, name: String, spec: StrategySpec, run: @Sendable (UInt64?) -> RunResult) {
        let (level, chosen) = try chosen()
        switch chosen {
        case .script(let compiled, let path):
            return (level, path, chosen.spec, { seed in ShiftRunner.run(level: level, script: compiled, seed: seed) })
        case .builtin(let mode, let crew):
            return (level, strategy, chosen.spec, { seed in ShiftRunner.run(level: level, mode: mode, baristas: crew, seed: seed) })
        }
    }
}

/// `--strategy`, `--baristas` and `--seed` beside a LEVEL and a SCRIPT, as `play` and `explain`
/// take them (a script hires its own crew; without either, `play` plays by hand and `explain`
/// names a stored run).
struct CrewOptions: ParsableArguments {
    @Option(help: "A built-in strategy instead of a script: blocking, polling or event ('play' also takes manual).")
    var strategy: String?

    @Option(help: "Seed of the customer stream (default: the level's practice seed).")
    var seed: UInt64?

    @Option(help: "Baristas for a built-in strategy (default: the level's; at most its maximum).")
    var baristas: Int?
}
