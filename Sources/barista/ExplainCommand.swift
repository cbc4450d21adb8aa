import ArgumentParser
import CoffeeEngine
import CoffeeGame
import CoffeeStore
import CoffeeTerminal

/// `barista explain LEVEL SCRIPT`, `barista explain LEVEL --strategy event`, `barista explain RUN`:
/// the four corners of concurrency × parallelism on the same customers.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Where the speedup came from: your shift against blocking and against one barista, on the same customers.",
        discussion: """
            barista explain 6 gold.brew         a script on a level (its practice seed)
            barista explain 6 --strategy event  a built-in strategy with the level's crew
            barista explain 12                  a stored practice run, as barista history lists it
            """)

    @Argument(help: "A level (with a SCRIPT or --strategy), or a practice run number (12 or #12).")
    var target: String

    @Argument(help: "A BrewScript strategy (.brew) to explain on the level.")
    var script: String?

    @Option(help: "A built-in strategy to explain on the level: blocking, polling or event.")
    var strategy: String?

    @Option(help: "Baristas for the built-in strategy (default: the level's).")
    var baristas: Int?

    @Option(help: "Seed of the customer stream (default: the level's practice seed).")
    var seed: UInt64?

    @Option(help: "The level file of a stored run played on a level of your own.")
    var level: String?

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @OptionGroup var store: StoreOptions

    func run() throws {
        let explanation: Explanation
        if script != nil || strategy != nil {
            if level != nil { throw CLIError("'--level' is for a stored run; a level to explain is the first argument") }
            let options = try ShiftOptions.parse([target] + (script.map { [$0] } ?? []) + ["--strategy", strategy ?? "event"]
                                                 + (baristas.map { ["--baristas", String($0)] } ?? []))
            explanation = try Self.explain(options, seed: seed)
        } else {
            if baristas != nil || seed != nil {
                throw CLIError("a stored run keeps its crew and seed: drop --baristas and --seed, or name a level and a script")
            }
            explanation = try explainStored()
        }
        print(json ? try jsonText(explanation) : explanation.text)
    }

    static func explain(_ options: ShiftOptions, seed: UInt64?) throws -> Explanation {
        let level = try loadLevel(options.level)
        if let path = options.script {
            if options.baristas != nil { throw CLIError("a script hires its own baristas ('workers N' or roles): drop --baristas") }
            return Explain.explain(level: level, script: try compileScript(path, for: level), seed: seed)
        }
        guard let mode = RecipeStrategy.Mode(rawValue: options.strategy) else {
            throw CLIError("unknown strategy '\(options.strategy)': use blocking, polling or event")
        }
        let crew = options.baristas ?? level.config.baristas
        guard (1...level.config.maxBaristas).contains(crew) else {
            throw CLIError("\(level.label) allows 1 to \(level.config.maxBaristas) baristas, not \(crew)")
        }
        return Explain.explain(level: level, mode: mode, baristas: crew, seed: seed)
    }

    func explainStored() throws -> Explanation {
        guard let id = RecordID(argument: target) else {
            throw CLIError("'\(target)' is not a run number: name a level with a SCRIPT or --strategy, or a run as barista history lists it")
        }
        guard case .run(let n) = id else {
            throw CLIError("an evaluation is many hidden seeds; explain one shift: a practice run (barista history lists them) or LEVEL SCRIPT")
        }
        let db = try store.open(readOnly: true)
        let stored: StoredRun
        do { stored = try db.run(id: n) } catch { throw CLIError(error.description) }
        if stored.fromEvaluation { throw CLIError(StoreError.hiddenSeedRun(n).description) }
        let level = try levelForReplay(stored.level, path: self.level)
        switch stored.script {
        case .text(let text) where ManualLog.isLog(text):
            throw CLIError("run #\(n) was played by hand: there is no arrangement to run again with another crew")
        case .text(let text):
            let (script, _) = Script.compile(source: text, file: stored.scriptName ?? "run #\(n)", level: level)
            guard let script else { throw CLIError("the stored script of run #\(n) no longer compiles for this level") }
            return Explain.explain(level: level, script: script, seed: stored.seed)
        case .builtin(let name):
            guard case .builtin(let mode, let crew)? = StrategySpec.builtin(named: name, level: level) else {
                throw CLIError("unknown built-in strategy '\(name)'")
            }
            return Explain.explain(level: level, mode: mode, baristas: crew, seed: stored.seed)
        }
    }
}
