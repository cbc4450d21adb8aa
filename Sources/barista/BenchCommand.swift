import ArgumentParser
import CoffeeEngine
import CoffeeGame
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

    func run() throws {
        guard let mode = RecipeStrategy.Mode(rawValue: strategy) else {
            throw ValidationError("unknown strategy '\(strategy)' (blocking, polling, event)")
        }
        let config = BenchmarkDay.config(orders: orders)
        let clock = ContinuousClock()
        let start = clock.now
        var sim = Simulation(config: config, strategy: RecipeStrategy(mode: mode, baristas: 4), seed: seed)
        sim.run()
        let m = sim.metrics
        let elapsed = clock.now - start
        print("orders \(m.arrived)  served \(m.served)  end tick \(m.endTick)  digest \(sim.digest.hex)")
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
