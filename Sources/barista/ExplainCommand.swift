import ArgumentParser
import CoffeeEngine
import CoffeeGame
import CoffeeStore
import CoffeeTerminal
import Foundation

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
            barista explain e3                  an evaluation: each figure the mean over its hidden seeds
            """)

    @Argument(help: "A level (with a SCRIPT or --strategy), a practice run (12 or #12) or an evaluation (e3).")
    var target: String

    @Argument(help: "A BrewScript strategy (.brew) to explain on the level.")
    var script: String?

    @OptionGroup var crew: CrewOptions

    @Option(help: "The level file of a stored run played on a level of your own.")
    var level: String?

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @OptionGroup var store: StoreOptions

    func run() throws {
        let explanation: Explanation
        if script != nil || crew.strategy != nil {
            if level != nil { throw CLIError("'--level' is for a stored run; a level to explain is the first argument") }
            let options = try ShiftOptions.parse([target] + (script.map { [$0] } ?? []) + ["--strategy", crew.strategy ?? "event"]
                                                 + (crew.baristas.map { ["--baristas", String($0)] } ?? []))
            explanation = try Self.explain(options, seed: crew.seed)
        } else {
            if crew.baristas != nil || crew.seed != nil {
                throw CLIError("a stored run keeps its crew and seed: drop --baristas and --seed, or name a level and a script")
            }
            explanation = try explainStored()
        }
        print(json ? try jsonText(explanation) : explanation.text)
    }

    static func explain(_ options: ShiftOptions, seed: UInt64?) throws -> Explanation {
        switch try options.chosen() {
        case (let level, .script(let script, _)): Explain.explain(level: level, script: script, seed: seed)
        case (let level, .builtin(let mode, let crew)): Explain.explain(level: level, mode: mode, baristas: crew, seed: seed)
        }
    }

    func explainStored() throws -> Explanation {
        guard let id = RecordID(argument: target) else {
            throw CLIError("'\(target)' is not a run number: name a level with a SCRIPT or --strategy, a run as barista history lists it, or eN")
        }
        let db = try store.open(readOnly: true)
        let n: Int64
        switch id {
        case .evaluation(let e): return try explainEvaluation(e, db: db)
        case .run(let r): n = r
        }
        let stored: StoredRun
        do { stored = try db.run(id: n) } catch { throw CLIError(error.description) }
        if stored.fromEvaluation { throw CLIError(StoreError.hiddenSeedRun(n).description) }
        let level = try levelForReplay(stored.level, path: self.level)
        if case .text(let text) = stored.script, ManualLog.isLog(text) {
            throw CLIError("run #\(n) was played by hand: there is no arrangement to run again with another crew")
        }
        switch try ShiftOptions.Chosen(kept: stored.script, file: stored.scriptName ?? "run #\(n)", level: level) {
        case .script(let script, _): return Explain.explain(level: level, script: script, seed: stored.seed)
        case .builtin(let mode, let crew): return Explain.explain(level: level, mode: mode, baristas: crew, seed: stored.seed)
        }
    }

    /// An evaluation: every hidden seed explained on its own customers, then the means; the
    /// seeds themselves are never shown.
    func explainEvaluation(_ id: Int64, db: AppDatabase) throws -> Explanation {
        let stored: StoredEvaluation
        do { stored = try db.evaluation(id: id) } catch { throw CLIError(error.description) }
        let kept = stored.input
        let level = try levelForReplay(kept.level, path: self.level)
        guard (1...EvaluationInput.maxSeeds).contains(kept.seedCount) else {
            throw CLIError("an evaluation has 1 to \(EvaluationInput.maxSeeds) seeds, not \(kept.seedCount)")
        }
        let seeds = Evaluation.seeds(for: level, count: kept.seedCount)
        guard Evaluation.seedSetIdentity(seeds) == kept.seedSet else {
            throw CLIError("evaluation e\(id) was judged on other customers than \(level.label) gives now: it cannot be explained here")
        }
        let jobs = ProcessInfo.processInfo.activeProcessorCount
        let explained: Explanation?
        switch try ShiftOptions.Chosen(kept: kept.script, file: kept.scriptName ?? "evaluation e\(id)", level: level) {
        case .script(let script, _):
            explained = Explain.over(seeds: seeds, jobs: jobs) { Explain.explain(level: level, script: script, seed: $0) }
        case .builtin(let mode, let crew):
            explained = Explain.over(seeds: seeds, jobs: jobs) { Explain.explain(level: level, mode: mode, baristas: crew, seed: $0) }
        }
        guard let explained else { throw CLIError("evaluation e\(id) has no seeds to explain") }
        return explained
    }
}
