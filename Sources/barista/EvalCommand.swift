import ArgumentParser
import CoffeeEngine
import CoffeeGame
import CoffeeStore
import Foundation

/// `barista eval LEVEL`: a strategy on many hidden seeds at once, and the medal it earns.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a strategy on the level's hidden evaluation seeds, on all cores, and award the medal.")

    @OptionGroup var shift: ShiftOptions

    @Option(help: "How many evaluation seeds.")
    var seeds = 32

    @Option(help: "Shifts run at once (default: one per core).")
    var jobs: Int?

    @Flag(help: "Print one JSON object.")
    var json = false

    @OptionGroup var store: StoreOptions

    @Flag(help: "Do not record the evaluation in the database.")
    var noSave = false

    func run() throws {
        let (level, name, spec, runShift) = try shift.shift()
        let db = noSave ? nil : try store.open()
        let player = try db.map { try store.resolvePlayer(in: $0) }
        guard (1...EvaluationInput.maxSeeds).contains(seeds) else { throw CLIError("--seeds must be 1 to \(EvaluationInput.maxSeeds), not \(seeds)") }
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        guard (1...256).contains(jobs) else { throw CLIError("--jobs must be 1 to 256, not \(jobs)") }
        let bar = ProgressBar(total: seeds)
        let e = Evaluation.run(level: level, seeds: seeds, jobs: jobs, progress: { done, _ in bar.show(done) }) { seed in
            runShift(seed)
        }
        bar.finish()
        var id: Int64?
        if let db, let player {
            do { id = try db.record(evaluation: evaluationInput(e, level: level, spec: spec, player: player)) } catch {
                throw CLIError(error.description)
            }
        }
        if json {
            print(try jsonText(EvaluationJSON(e, id: id)))
        } else {
            print(EvaluationText.render(e, strategy: name, jobs: jobs))
            if let id, let player { print("saved       evaluation e\(id) for \(player.escaped)") }
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

/// The evaluation as JSON: the same facts as the text, in the objective's own unit (cents for
/// money). It carries the number of hidden seeds, never the seeds.
struct EvaluationJSON: Encodable {
    struct Thresholds: Encodable { let bronze: Double, silver: Double, gold: Double }
    struct Next: Encodable { let medal: String, threshold: Double, distance: Double }
    let level: String, objective: String, seeds: Int, failures: Int
    let judgedOn: String
    let unit: String
    let thresholds: Thresholds
    let mean: Double, min: Double, median: Double, p95: Double, max: Double
    let medal: String?
    /// The next medal up and how far the mean still is from it; `null` at gold or after a failure.
    let next: Next?
    /// `e12` once recorded; `null` with `--no-save`.
    let evaluation: String?
    init(_ e: Evaluation, id: Int64?) {
        (level, objective, seeds, failures) = (e.level, e.objective, e.seeds.count, e.failures)
        judgedOn = "the mean of \(e.seeds.count) hidden seed\(e.seeds.count == 1 ? "" : "s")"
        unit = e.rule.metric.unit
        thresholds = Thresholds(bronze: e.rule.medals.bronze, silver: e.rule.medals.silver, gold: e.rule.medals.gold)
        (mean, min, median, p95, max) = (e.mean, e.min, e.median, e.p95, e.max)
        medal = e.medal?.description
        next = e.nextMedal.map { Next(medal: $0.medal.description, threshold: $0.threshold, distance: $0.distance) }
        evaluation = id.map { "e\($0)" }
    }
}
