import CoffeeEngine

/// Runs shifts: the one place that turns a shop, a strategy and a seed into a `RunResult`.
public enum ShiftRunner {
    /// Runs a built-in Swift strategy on a shop.
    public static func run(config: ShopConfig, level: String, levelHash: String, mode: RecipeStrategy.Mode,
                           baristas: Int? = nil, seed: UInt64,
                           observer: ((Int, ShopEvent) -> Void)? = nil) -> RunResult {
        let crew = baristas ?? config.baristas
        var sim = Simulation(config: config, strategy: RecipeStrategy(mode: mode, baristas: crew), seed: seed)
        sim.observer = observer
        sim.run()
        return result(of: sim, level: level, levelHash: levelHash, strategy: mode.rawValue, baristas: crew)
    }

    /// Packs a finished simulation into a result.
    public static func result<S: Strategy>(of sim: Simulation<S>, level: String, levelHash: String, strategy: String,
                                           baristas: Int, failure: RunResult.Failure? = nil) -> RunResult {
        var status = RunResult.Status.finished
        var failure = failure
        if case .failed(let f) = sim.status {
            status = .scriptError
            failure = failure ?? RunResult.Failure(message: f.message, tick: f.tick, limit: f.limit, line: nil, column: nil, barista: f.barista)
        }
        return RunResult(level: level, levelHash: levelHash, strategy: strategy, seed: sim.seed,
                         engineVersion: EngineInfo.version, digest: sim.digest.hex, status: status, failure: failure,
                         lowerBound: LowerBound.compute(config: sim.shop.config, seed: sim.seed, baristas: baristas),
                         metrics: sim.metrics)
    }
}
