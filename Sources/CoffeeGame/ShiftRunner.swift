import BrewScript
import CoffeeEngine

/// Runs shifts: the one place that turns a level, a strategy and a seed into a `RunResult`.
public enum ShiftRunner {
    /// Runs a built-in Swift strategy on a level.
    public static func run(level: Level, mode: RecipeStrategy.Mode, baristas: Int? = nil, seed: UInt64? = nil,
                           observer: ((Int, ShopEvent) -> Void)? = nil) -> RunResult {
        let crew = baristas ?? level.config.baristas
        var sim = Simulation(config: level.config, strategy: RecipeStrategy(mode: mode, baristas: crew),
                             seed: seed ?? level.practiceSeed)
        sim.observer = observer
        sim.runBuiltIn()
        return result(of: sim, level: level, strategy: mode.rawValue, baristas: crew)
    }

    /// Runs a compiled script on its level.
    public static func run(level: Level, script: Script, seed: UInt64? = nil, limits: BrewScript.Limits = BrewScript.Limits(),
                           observer: ((Int, ShopEvent) -> Void)? = nil) -> RunResult {
        var sim = Simulation(config: level.config, strategy: ScriptStrategy(script: script, limits: limits),
                             seed: seed ?? level.practiceSeed)
        sim.observer = observer
        sim.run()
        return result(of: sim, level: level, script: script)
    }

    /// The result of a scripted shift, its failure placed on the script's line.
    public static func result(of sim: Simulation<ScriptStrategy>, level: Level, script: Script) -> RunResult {
        result(of: sim, level: level, strategy: script.file, baristas: script.crew.count,
               failure: failure(sim.status, of: sim.strategy))
    }

    /// The result of a scripted shift run with its lines profiled (`LineProfiled`): the same as unprofiled.
    public static func result(of sim: Simulation<LineProfiled<ScriptStrategy>>, level: Level, script: Script) -> RunResult {
        result(of: sim, level: level, strategy: script.file, baristas: script.crew.count,
               failure: failure(sim.status, of: sim.strategy.base))
    }

    /// A failed shift's failure placed on the script's line.
    static func failure(_ status: ShiftStatus, of strategy: ScriptStrategy) -> RunResult.Failure? {
        guard case .failed(let f) = status else { return nil }
        // The failing barista's command (the card, the play screen's box and its script panel
        // name the same place); a failure of no barista's (a task limit), the last command.
        let span = f.barista.flatMap { b in strategy.currentSpan.indices.contains(b) ? strategy.currentSpan[b] : nil }
            ?? strategy.lastSpan
        return RunResult.Failure(message: f.message, tick: f.tick, limit: strategy.runtimeError?.kind.rawValue ?? f.limit,
                                 line: span.map { Int($0.line) }, column: span.map { Int($0.column) }, barista: f.barista)
    }

    /// Packs a finished simulation into a result, scored against the level's objective.
    public static func result<S: Strategy>(of sim: Simulation<S>, level: Level, strategy: String,
                                           baristas: Int, failure: RunResult.Failure? = nil) -> RunResult {
        var status = RunResult.Status.finished
        var failure = failure
        if case .failed(let f) = sim.status {
            status = .scriptError
            failure = failure ?? RunResult.Failure(message: f.message, tick: f.tick, limit: f.limit,
                                                   line: nil, column: nil, barista: f.barista)
        }
        let metrics = sim.metrics
        let value = level.objective.metric.value(in: metrics)
        return RunResult(level: level.label, levelHash: level.contentHash, strategy: strategy, seed: sim.seed,
                         engineVersion: EngineInfo.version, digest: sim.digest.hex, status: status, failure: failure,
                         lowerBound: LowerBound.compute(config: sim.shop.config, seed: sim.seed, baristas: baristas),
                         metrics: metrics, objective: level.objective.description, objectiveValue: value,
                         medal: status == .finished ? level.objective.medal(for: metrics)?.description : nil,
                         serviceFloor: level.objective.serviceFloor)
    }
}
