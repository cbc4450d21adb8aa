import ArgumentParser
import CoffeeEngine
import CoffeeGame
import CoffeeStore
import BrewScript
import StoreBench
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `barista bench`: speed figures for docs/performance.md, measured in this process.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the engine on the benchmark day (use a release build: swift run -c release barista bench).")

    @Option(help: "Orders in the day (about; arrivals are a Poisson stream).")
    var orders = 1_000_000

    @Option(help: "Built-in strategy: blocking, polling or event.")
    var strategy: String = "event"

    @Option(help: "Seed of the arrival stream.")
    var seed: UInt64 = 1

    @Option(help: "A BrewScript strategy to run instead of a built-in one (e.g. Benchmarks/event.brew).")
    var script: String?

    @Option(help: "Measure the store instead: fill this database file with --orders runs (kept for reruns), then time it.")
    var store: String?

    /// The script's limits on the benchmark day: the shift budget grows with the day (200
    /// instructions an order, never below the usual budget), so the 1,000,000-order day is run
    /// whole; `Benchmarks/event.brew` needs about 23 an order.
    static func scriptLimits(orders: Int) -> BrewScript.Limits {
        var limits = BrewScript.Limits()
        let (scaled, overflow) = max(orders, 0).multipliedReportingOverflow(by: 200)
        limits.shiftBudget = max(limits.shiftBudget, overflow ? Int.max : scaled)
        return limits
    }

    func run() throws {
        if let store {
            var options = StoreBenchmark.Options()
            options.runs = orders
            do {
                let report = try StoreBenchmark.run(path: store, options: options) { done in
                    if isatty(2) == 1 { printErrorRaw("\rgenerating runs: \(done)") }
                }
                if isatty(2) == 1 { printErrorRaw("\r" + String(repeating: " ", count: 40) + "\r") }
                print(report)
            } catch { throw CLIError(error.description) }
            return
        }
        let clock = ContinuousClock()
        let m: ShiftMetrics, digest: String
        let start: ContinuousClock.Instant
        if let script {
            let level = BenchmarkDay.level(orders: orders)
            let compiled = try compileScript(script, for: level)
            start = clock.now
            var sim = Simulation(config: level.config, strategy: ScriptStrategy(script: compiled, limits: Self.scriptLimits(orders: orders)), seed: seed)
            sim.run()
            (m, digest) = (sim.metrics, sim.digest.hex)
            if case .failed(let f) = sim.status { throw CLIError("the script failed at tick \(f.tick): \(f.message)", code: Exit.failedRun) }
        } else {
            guard let mode = RecipeStrategy.Mode(rawValue: strategy) else {
                throw CLIError("unknown strategy '\(strategy)': use blocking, polling or event")
            }
            start = clock.now
            var sim = Simulation(config: BenchmarkDay.config(orders: orders), strategy: RecipeStrategy(mode: mode, baristas: 4), seed: seed)
            sim.runBuiltIn()
            (m, digest) = (sim.metrics, sim.digest.hex)
        }
        let elapsed = clock.now - start
        print("orders \(m.arrived)  served \(m.served)  end tick \(m.endTick)  digest \(digest)")
        print("lead time mean \(m.leadTime.mean) p50 \(m.leadTime.p50) p95 \(m.leadTime.p95) max \(m.leadTime.max)")
        print("value-added ratio \(m.valueAddedRatio)")
        print("time \(elapsed)  peak memory \(peakMemoryMB()) MB")
    }
}

/// Peak resident set size of this process, in megabytes.
func peakMemoryMB() -> Int {
    #if canImport(Glibc)
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss / 1024
    #else
    return 0
    #endif
}
