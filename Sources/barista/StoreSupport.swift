import ArgumentParser
import CoffeeEngine
import CoffeeGame
import CoffeeStore
import CoffeeTerminal
import Foundation

/// Where runs are kept and who is playing: `--db` (else `BARISTA_DB`, else saves/barista.sqlite)
/// and `--player` (else the saved default, else the login name).
struct StoreOptions: ParsableArguments {
    @Option(help: "The database file (default: $BARISTA_DB, else saves/barista.sqlite).")
    var db: String?

    @Option(help: "Your player name (default: the one saved last, else your login name).")
    var player: String?

    /// The save file; `readOnly` for commands that only show what is kept (a read-only file works).
    func open(readOnly: Bool = false) throws -> AppDatabase {
        let path = AppDatabase.resolvePath(option: db)
        do { return try AppDatabase(path: path, readOnly: readOnly) } catch { throw CLIError(error.description) }
    }

    /// The player, remembered as the default when given (unless `remember` is false: a read-only look).
    func resolvePlayer(in store: AppDatabase, remember: Bool = true) throws -> PlayerName {
        do {
            let name = try store.resolvePlayer(option: player)
            if player != nil, remember { try store.setDefaultPlayer(name) }
            return name
        } catch { throw CLIError(error.description) }
    }
}

/// Turns a game result into what the store keeps.
func runInput(_ r: RunResult, level: Level, spec: StrategySpec, player: PlayerName, keepCard: Bool) -> RunInput {
    let m = r.metrics
    let (script, size, name) = stored(spec)
    let metrics = RunMetrics(served: m.served, lost: m.lost, throughput: m.throughput, leadMean: m.leadTime.mean,
                             leadP50: m.leadTime.p50, leadP95: m.leadTime.p95, leadMax: m.leadTime.max,
                             counterWaitP95: m.counterWait.p95, valueAddedRatio: m.valueAddedRatio, revenue: m.revenue,
                             wages: m.wages, waste: m.waste, profit: m.profit, endTick: m.endTick, scriptSize: size)
    let status = r.status == .finished ? RunInput.finished : "failed: " + (r.failure?.message ?? "script error")
    let medal = r.medal.flatMap { CoffeeStore.Medal(name: $0) } ?? CoffeeStore.Medal.none
    let card = keepCard ? ((try? jsonText(m)) ?? "{}") : "{}"
    return RunInput(player: player.rawValue, level: LevelRef(hash: level.contentHash, title: level.title, number: level.number ?? 0),
                    script: script, seed: r.seed, engineVersion: r.engineVersion, status: status, digest: r.digest,
                    medal: medal, metrics: metrics, metricsJSON: card, scriptName: name)
}

/// What the store keeps of a strategy: the script (or built-in), its size, and the file name it
/// was given as (`manual` for a shift played by hand).
func stored(_ spec: StrategySpec) -> (script: ScriptSource, size: Int, name: String?) {
    switch spec {
    case .script(let text, let file):
        let name = file.split(separator: "/").last.map(String.init).flatMap { $0.isEmpty || $0.count > 200 ? nil : $0 }
        return (.text(text), Script.size(of: text), name)
    case .builtin:
        return (.builtin(spec.builtinName ?? "event"), 0, nil)
    }
}

/// Turns an evaluation into what the store keeps: one row, a digest per seed, no seeds.
func evaluationInput(_ e: Evaluation, level: Level, spec: StrategySpec, player: PlayerName) -> EvaluationInput {
    let runs = e.results.map { runInput($0, level: level, spec: spec, player: player, keepCard: false) }
    let (script, _, name) = stored(spec)
    let medal = e.medal.flatMap { CoffeeStore.Medal(name: $0.description) } ?? CoffeeStore.Medal.none
    let digests = e.digests
    let shifts = e.results.indices.map { i in
        EvaluationShift(digest: digests[i], value: e.values[i], failed: e.results[i].status != .finished)
    }
    return EvaluationInput(
        player: player.rawValue, level: LevelRef(hash: level.contentHash, title: level.title, number: level.number ?? 0),
        script: script, scriptName: name, engineVersion: EngineInfo.version, seedCount: e.seeds.count, seedSet: e.seedSet,
        objective: e.objective, higherIsBetter: e.rule.direction == .max, failures: e.failures,
        firstFailure: e.firstFailure.map { String($0.prefix(500)) }, mean: e.mean, min: e.min, median: e.median, p95: e.p95,
        max: e.max, medal: medal, means: EvaluationMeans(of: runs.map(\.metrics)), shifts: shifts)
}

/// The level a stored run was played on: by content hash among the levels, or the file given.
func levelForReplay(_ ref: LevelRef, path: String?) throws -> Level {
    if let path {
        let level = try loadLevel(path)
        guard level.contentHash == ref.hash else {
            throw CLIError("\(path) is not the level this run was played on (its content hash differs: the file has changed)")
        }
        return level
    }
    let catalog: LevelCatalog
    do { catalog = try LevelCatalog.locate() } catch { throw CLIError(error.description) }
    guard let level = catalog.level(withHash: ref.hash) else {
        throw CLIError("level '\(ref.title)' (\(ref.hash.prefix(12))) is not among the levels in \(catalog.folder): "
                       + "it has changed since the run, or it is a file of your own (pass --level PATH)")
    }
    return level
}

/// Re-simulates a kept run and says what differs from what was kept, if anything.
func verify(level: Level, script: ScriptSource, seed: UInt64, engineVersion: String, digest: String,
            metrics: RunMetrics, player: PlayerName) throws -> (result: RunResult, input: RunInput, problems: [String]) {
    guard engineVersion == EngineInfo.version else {
        throw CLIError("the run was recorded with engine \(engineVersion); this is engine \(EngineInfo.version), "
                       + "which may replay it differently: it cannot be verified here", code: Exit.failedRun)
    }
    let spec: StrategySpec
    let result: RunResult
    switch script {
    case .text(let text) where ManualLog.isLog(text):
        spec = .script(text: text, file: "manual")
        result = try replayManual(text, level: level, seed: seed)
    case .text(let text):
        spec = .script(text: text, file: "replay.brew")
        do { result = try ShiftRunner.run(level: level, spec: spec, seed: seed) } catch {
            throw CLIError(error.description, code: Exit.failedRun)
        }
    case .builtin(let name):
        guard let s = StrategySpec.builtin(named: name, level: level) else { throw CLIError("unknown built-in strategy '\(name)'") }
        spec = s
        do { result = try ShiftRunner.run(level: level, spec: spec, seed: seed) } catch {
            throw CLIError(error.description, code: Exit.failedRun)
        }
    }
    var input = runInput(result, level: level, spec: spec, player: player, keepCard: true)
    // A replay file does not carry the script's file name; a shift played by hand is `manual`.
    if input.scriptName != "manual" { input.scriptName = nil }
    var problems: [String] = []
    if result.digest != digest { problems.append("event digest: kept \(digest), replayed \(result.digest)") }
    for (name, kept, now) in metrics.differences(from: input.metrics) { problems.append("\(name): kept \(kept), replayed \(now)") }
    return (result, input, problems)
}

/// What the store shows of a run (history, leaderboard, the card) beyond the digest and the
/// metrics, compared with the re-simulation: a hand-edited medal, status, card or level title
/// does not verify.
func shownDifferences(_ stored: StoredRun, replayed: RunInput, level: Level) -> [String] {
    var problems: [String] = []
    if stored.medal != replayed.medal { problems.append("medal: kept \(stored.medal), replayed \(replayed.medal)") }
    if stored.status != replayed.status { problems.append("status: kept \(stored.status), replayed \(replayed.status)") }
    if stored.metricsJSON != "{}", stored.metricsJSON != replayed.metricsJSON {
        problems.append("score card: the kept card is not the replayed one")
    }
    if stored.level.title != level.title || stored.level.number != (level.number ?? 0) {
        problems.append("level: kept \(stored.level.number) \(stored.level.title), the level file is \(level.number ?? 0) \(level.title)")
    }
    return problems
}

/// Plays a manual shift again from the log of the player's answers.
func replayManual(_ log: String, level: Level, seed: UInt64, observer: ((Int, ShopEvent) -> Void)? = nil) throws -> RunResult {
    do { return try ShiftRunner.run(level: level, manualLog: log, seed: seed, observer: observer) } catch {
        throw CLIError(error.description, code: error == .unreadable ? Exit.badInput : Exit.failedRun)
    }
}
