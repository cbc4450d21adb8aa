import ArgumentParser
import CoffeeEngine
import CoffeeGame

/// `barista run LEVEL [--strategy …]`: one shift, headless, and its score card.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one shift without the animated screen and print its score card.")

    @Argument(help: "The level: a number (2), a name (long-brews) or a path to a .yaml file.")
    var level: String

    @Argument(help: "A BrewScript strategy (.brew); without one, the built-in --strategy runs.")
    var script: String?

    @Option(help: "A built-in strategy when no script is given: blocking, polling or event.")
    var strategy: String = "event"

    @Option(help: "Seed of the customer stream (default: the level's practice seed).")
    var seed: UInt64?

    @Option(help: "Baristas to hire (default: the level's; at most its maximum).")
    var baristas: Int?

    @Flag(help: "Print one JSON object instead of the score card.")
    var json = false

    func run() throws {
        let level = try loadLevel(self.level)
        let result: RunResult
        if let script {
            if baristas != nil { throw CLIError("a script hires its own baristas ('workers N' or roles): drop --baristas") }
            result = ShiftRunner.run(level: level, script: try compileScript(script, for: level), seed: seed)
        } else {
            guard let mode = RecipeStrategy.Mode(rawValue: strategy) else {
                throw CLIError("unknown strategy '\(strategy)': use blocking, polling or event")
            }
            if let n = baristas, n < 1 || n > level.config.maxBaristas {
                throw CLIError("\(level.label) allows 1 to \(level.config.maxBaristas) baristas, not \(n)")
            }
            result = ShiftRunner.run(level: level, mode: mode, baristas: baristas, seed: seed)
        }
        print(json ? try jsonText(result) : ScoreCard.render(result))
        if result.status != .finished { throw Exit.failedRun }
    }
}
