import ArgumentParser
import CoffeeEngine
import CoffeeGame
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

    @Flag(help: "Do not record the runs in the database.")
    var noSave = false

    func run() throws {
        let (level, name, spec, runShift) = try shift.shift()
        let db = noSave ? nil : try store.open()
        let player = try db.map { try store.resolvePlayer(in: $0) }
        guard (1...10_000).contains(seeds) else { throw CLIError("--seeds must be 1 to 10000, not \(seeds)") }
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        guard (1...256).contains(jobs) else { throw CLIError("--jobs must be 1 to 256, not \(jobs)") }
        let bar = ProgressBar(total: seeds)
        let e = Evaluation.run(level: level, seeds: seeds, jobs: jobs, progress: { done, _ in bar.show(done) }) { seed in
            runShift(seed)
        }
        bar.finish()
        if let db, let player {
            let inputs = e.results.map { runInput($0, level: level, spec: spec, player: player, keepCard: false) }
            do { _ = try db.record(batch: inputs) } catch { throw CLIError(error.description) }
        }
        print(json ? try jsonText(EvaluationJSON(e)) : EvaluationText.render(e, strategy: name, jobs: jobs))
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
