import ArgumentParser
import CoffeeEngine
import CoffeeGame
import Foundation

/// `barista eval LEVEL`: a strategy on many hidden seeds at once, and the medal it earns.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a strategy on the level's hidden evaluation seeds, on all cores, and award the medal.")

    @Argument(help: "The level: a number, a name or a path to a .yaml file.")
    var level: String

    @Argument(help: "A BrewScript strategy (.brew); without one, the built-in --strategy runs.")
    var script: String?

    @Option(help: "A built-in strategy: blocking, polling or event.")
    var strategy: String = "event"

    @Option(help: "How many evaluation seeds.")
    var seeds = 32

    @Option(help: "Shifts run at once (default: one per core).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Baristas to hire (default: the level's).")
    var baristas: Int?

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        let level = try loadLevel(self.level)
        let compiled = try script.map { try compileScript($0, for: level) }
        let mode = RecipeStrategy.Mode(rawValue: strategy)
        if compiled == nil, mode == nil {
            throw CLIError("unknown strategy '\(strategy)': use blocking, polling or event")
        }
        guard (1...10_000).contains(seeds) else { throw CLIError("--seeds must be 1 to 10000, not \(seeds)") }
        guard (1...256).contains(jobs) else { throw CLIError("--jobs must be 1 to 256, not \(jobs)") }
        let crew = baristas
        let bar = ProgressBar(total: seeds)
        let e = Evaluation.run(level: level, seeds: seeds, jobs: jobs, progress: { done, total in bar.show(done) }) { seed in
            if let compiled { return ShiftRunner.run(level: level, script: compiled, seed: seed) }
            return ShiftRunner.run(level: level, mode: mode ?? .event, baristas: crew, seed: seed)
        }
        bar.finish()
        if json {
            print(try jsonText(EvaluationJSON(e)))
        } else {
            print(EvaluationText.render(e, strategy: script ?? strategy, jobs: jobs))
        }
        if e.failures > 0 { throw Exit.failedRun }
    }
}

/// A one-line progress bar on standard error, drawn only when it is a terminal.
final class ProgressBar: @unchecked Sendable {
    let total: Int
    let enabled = isatty(2) == 1
    private let lock = NSLock()

    init(total: Int) { self.total = total }

    func show(_ done: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let width = 30
        let filled = total == 0 ? width : done * width / total
        printErrorRaw("\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total)")
    }

    func finish() {
        if enabled { printErrorRaw("\r" + String(repeating: " ", count: 50) + "\r") }
    }
}

func printErrorRaw(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }

/// The evaluation as JSON.
struct EvaluationJSON: Encodable {
    let level: String, objective: String, seeds: Int, failures: Int
    let mean: Double, min: Double, median: Double, p95: Double, max: Double
    let medal: String?
    init(_ e: Evaluation) {
        (level, objective, seeds, failures) = (e.level, e.objective, e.seeds.count, e.failures)
        (mean, min, median, p95, max) = (e.mean, e.min, e.median, e.p95, e.max)
        medal = e.medal?.description
    }
}
