import ArgumentParser
import CoffeeEngine
import CoffeeGame
import CoffeeStore
import CoffeeTerminal
import Foundation

/// `barista history [LEVEL]`: your evaluations, then your practice runs, newest first.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List your evaluations and practice runs, newest first.")

    @Argument(help: "Only this level (a number, title or content hash).")
    var level: String?

    @Option(help: "At most this many evaluations and this many runs.")
    var limit = 30

    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open(readOnly: true)
        let player = try store.resolvePlayer(in: db, remember: false)
        let evaluations: [EvaluationSummary], runs: [RunSummary], hidden: Int
        do {
            var hash: String?
            if let level {
                guard let ref = try storedLevel(level, in: db) else { return }
                hash = ref.hash
            }
            evaluations = try db.evaluations(player: player, levelHash: hash, limit: limit)
            runs = try db.history(player: player, levelHash: hash, limit: limit)
            hidden = try db.hiddenSeedRuns(player: player, levelHash: hash)
        } catch let error as StoreError { throw CLIError(error.description) }
        print(HistoryText.render(player: player, evaluations: evaluations, runs: runs, hiddenSeedRuns: hidden))
    }
}

/// The two lists of `barista history`, in aligned columns.
enum HistoryText {
    static func render(player: PlayerName, evaluations: [EvaluationSummary], runs: [RunSummary], hiddenSeedRuns: Int) -> String {
        let ids = evaluations.map { "e\($0.id)" } + runs.map { "#\($0.id)" }
        let idWidth = max(3, ids.map(\.count).max() ?? 0) + 2
        let names = evaluations.map(\.strategy) + runs.map(\.strategy)
        let nameWidth = min(24, max(18, names.map(\.count).max() ?? 0)) + 2
        let titles = evaluations.map(\.level.title) + runs.map(\.level.title)
        let titleWidth = min(24, max(6, titles.map(\.count).max() ?? 0)) + 2
        /// Each cell left-aligned in its width, cut with `…` so at least one space follows.
        func row(_ cells: [(String, Int)]) -> String {
            var line = "  " + cells.map { text, width in
                let cut = text.count < width ? text : String(text.prefix(width - 2)) + "…"
                return cut + String(repeating: " ", count: width - cut.count)
            }.joined()
            while line.last == " " { line.removeLast() }
            return line
        }
        var out = ["evaluations of \(player.escaped) (what ranks and earns medals)"]
        if evaluations.isEmpty {
            out.append("  none yet: barista eval LEVEL [SCRIPT] records one")
        } else {
            out.append(row([("id", idWidth), ("level", titleWidth), ("strategy or script", nameWidth), ("seeds", 7),
                            ("mean", 12), ("medal", 6)]))
            for e in evaluations {
                let medal = e.failures > 0 ? "none (\(e.failures) failed)" : e.medal.description
                out.append(row([("e\(e.id)", idWidth), (PlayerName.escape(e.level.title), titleWidth), (e.strategy, nameWidth),
                                (String(e.seedCount), 7), (LeaderboardMetric.objective.format(e.mean, objective: e.objective), 12),
                                (medal, 20)]))
            }
        }
        out.append("practice runs of \(player.escaped) (one seed each; they earn no medal)")
        if runs.isEmpty {
            out.append("  none yet: barista run LEVEL [SCRIPT] records one")
        } else {
            out.append(row([("id", idWidth), ("level", titleWidth), ("strategy or script", nameWidth), ("seed", 22),
                            ("served", 8), ("lost", 6), ("profit", 11), ("status", 9)]))
            for r in runs {
                out.append(row([("#\(r.id)", idWidth), (PlayerName.escape(r.level.title), titleWidth), (r.strategy, nameWidth),
                                (String(r.seed), 22), (String(r.metrics.served), 8), (String(r.metrics.lost), 6),
                                (LeaderboardMetric.profit.format(Double(r.metrics.profit)), 11), (r.isFinished ? "finished" : "failed", 9)]))
            }
        }
        if hiddenSeedRuns > 0 {
            out.append("  (\(hiddenSeedRuns) more: shifts of evaluations recorded by an older Barista, kept but not listed, so their hidden seeds stay hidden)")
        }
        return out.joined(separator: "\n")
    }
}

/// `barista leaderboard [LEVEL]`: best result per player, and where you stand.
struct LeaderboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leaderboard", abstract: "Rank players on a level (best evaluation each), or summarise every level.")

    @Argument(help: "The level (a number, title or content hash); without one, every level.")
    var level: String?

    @Option(help: "Rank by: \(LeaderboardMetric.allCases.map(\.rawValue).joined(separator: ", ")) (the level's objective: medal, then mean).")
    var metric = "objective"

    @Flag(help: "The evaluations no other beats on every metric at once.")
    var pareto = false

    @Flag(help: "The shared board of the league you joined (barista league join), not this machine's.")
    var league = false

    @Flag(help: "With --league: the hand-played board (barista play LEVEL --league), the mean over each player's challenges.")
    var hand = false

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var store: StoreOptions

    func run() throws {
        guard let metric = LeaderboardMetric(rawValue: metric) else {
            throw CLIError("unknown metric '\(self.metric)': use \(LeaderboardMetric.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let db = try store.open(readOnly: !league)
        if hand, !league { throw CLIError("--hand shows a league's hand-played board: add --league") }
        if league { return try leagueBoard(db, metric: metric) }
        let player = try store.resolvePlayer(in: db, remember: false)
        do {
            guard let level else {
                let summary = try db.summary(player: player, metric: metric)
                if json { print(try jsonText(summary)); return }
                print(LeaderboardText.summary(summary, metric: metric, player: player))
                return
            }
            guard let ref = try storedLevel(level, in: db) else { return }
            if pareto {
                let front = try db.pareto(levelHash: ref.hash)
                if json { print(try jsonText(front)); return }
                print(LeaderboardText.pareto(front, level: ref))
                return
            }
            let board = try db.leaderboard(levelHash: ref.hash, metric: metric, limit: 20, player: player)
            let histogram = try db.histogram(levelHash: ref.hash, metric: metric, buckets: 10, player: player)
            if json {
                struct Both: Encodable { let leaderboard: Leaderboard; let histogram: CoffeeStore.Histogram }
                print(try jsonText(Both(leaderboard: board, histogram: histogram)))
                return
            }
            print(LeaderboardText.board(board, player: player))
            print("")
            print(LeaderboardText.histogram(histogram))
        } catch let error as StoreError {
            throw CLIError(error.description)
        }
    }
}

/// What `replay`, `export` and `import` name: a practice run (`12`, `#12`) or an evaluation (`e3`).
enum RecordID: ExpressibleByArgument, CustomStringConvertible {
    case run(Int64)
    case evaluation(Int64)

    init?(argument: String) {
        var text = Substring(argument)
        if text.first == "#" { text = text.dropFirst() }
        if text.first == "e" || text.first == "E" {
            guard let id = Int64(text.dropFirst()), id > 0 else { return nil }
            self = .evaluation(id)
        } else {
            guard let id = Int64(text), id > 0 else { return nil }
            self = .run(id)
        }
    }

    var description: String {
        switch self {
        case .run(let id): "run #\(id)"
        case .evaluation(let id): "evaluation e\(id)"
        }
    }
}

/// `barista export ID`: a small, readable replay file on standard output.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a run or an evaluation as a file: barista export 12 > run.replay, barista export e3 > eval.replay")

    @Argument(help: "A run number (12) or an evaluation (e3), as barista history lists them.")
    var id: RecordID

    @Flag(help: "The run as a Chrome trace (JSON) that Perfetto and chrome://tracing open: barista export 12 --trace > run.json")
    var trace = false

    @Option(help: "With --trace: the level file, if the run was played on a level of your own.")
    var level: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        if level != nil, !trace { throw CLIError("'--level' goes with '--trace': an export without it needs no level") }
        let db = try store.open(readOnly: true)
        if trace {
            guard case .run(let n) = id else { throw CLIError("'--trace' exports one shift: a run number, not an evaluation") }
            print(try TraceExport.text(runId: n, db: db, levelPath: level), terminator: "")
            return
        }
        let text: String
        do {
            switch id {
            case .run(let n): text = try db.replay(runId: n).render()
            case .evaluation(let n): text = try db.evaluationFile(id: n).render()
            }
        } catch { throw CLIError(error.description) }
        // Byte for byte into a file (the script's hash depends on it); made harmless on a terminal.
        if isatty(STDOUT_FILENO) == 1 { print(text, terminator: "") } else { FileHandle.standardOutput.write(Data(text.utf8)) }
    }
}

/// `barista import FILE`: verify a replay or an evaluation by playing it again, then keep it.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Verify a replay or evaluation file by re-simulating it, then store it.")

    @Argument(help: "A file written by barista export.")
    var file: String

    @Option(help: "The level file, if it was played on a level of your own.")
    var level: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        // At most one byte past the limit is read: a huge file is refused without loading it.
        guard let handle = FileHandle(forReadingAtPath: file),
              let data = try? handle.read(upToCount: ReplayFile.maxFileBytes + 1) ?? Data() else {
            throw CLIError("cannot read replay '\(file)'")
        }
        guard data.count <= ReplayFile.maxFileBytes else {
            throw CLIError("\(file): replay files have at most \(ReplayFile.maxFileBytes) bytes (1 MiB of script and its header); this one is larger")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("replay '\(file)' is not UTF-8 text") }
        let db = try store.open()
        let levelPath = level
        do {
            if EvaluationFile.isEvaluation(text) {
                let outcome = try db.importEvaluation(text) { claimed in
                    let level = try levelForReplay(claimed.evaluation.level, path: levelPath)
                    return try reEvaluate(claimed.evaluation, level: level, player: claimed.player)
                }
                switch outcome {
                case .stored(let id): print("verified and stored as evaluation e\(id)")
                case .alreadyPresent(let id): print("verified; already stored as evaluation e\(id)")
                }
                return
            }
            let outcome = try db.importReplay(text) { replay in
                let level = try levelForReplay(replay.level, path: levelPath)
                let check = try verify(level: level, script: replay.script, seed: replay.seed, engineVersion: replay.engineVersion,
                                       digest: replay.digest, metrics: replay.metrics, player: replay.player)
                if !check.problems.isEmpty {
                    throw CLIError("the replay does not verify:\n  " + check.problems.joined(separator: "\n  "), code: Exit.failedRun)
                }
                return check.input
            }
            switch outcome {
            case .stored(let id): print("verified and stored as run #\(id)")
            case .alreadyPresent(let id): print("verified; already stored as run #\(id)")
            }
        } catch {
            // The verifier's own message (a mismatch, a stale engine) comes wrapped by the store.
            throw CLIError("\(file): \(error)", code: Exit.failedRun)
        }
    }
}

/// `barista replay ID`: play a stored run or evaluation again and check it is what was kept.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-simulate a stored run or evaluation and check every event digest and the score: verified, or what differs.")

    @Argument(help: "A run number (12) or an evaluation (e3), as barista history lists them.")
    var id: RecordID

    @Option(help: "The level file, if it was played on a level of your own.")
    var level: String?

    @Flag(help: "After verifying a run, watch it full screen: pause, step, speed, seek with ← →.")
    var watch = false

    @Option(name: .customLong("break"), help: "With --watch: a breakpoint on this script line (again for more).")
    var breaks: [Int] = []

    @Option(help: ArgumentHelp("After verifying a run, write it as a terminal recording (asciicast v2) to this new file.",
                               valueName: "file"))
    var cast: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open(readOnly: true)
        if let cast { try CastExport.checkTarget(cast) }
        switch id {
        case .evaluation(let n): try replayEvaluation(n, db: db)
        case .run(let n): try replayRun(n, db: db)
        }
    }

    func replayRun(_ id: Int64, db: AppDatabase) throws {
        let stored: StoredRun
        do { stored = try db.run(id: id) } catch { throw CLIError(error.description) }
        if stored.fromEvaluation && (watch || cast != nil) { throw CLIError(StoreError.hiddenSeedRun(id).description) }
        let level = try levelForReplay(stored.level, path: self.level)
        var check = try verify(level: level, script: stored.script, seed: stored.seed, engineVersion: stored.engineVersion,
                               digest: stored.digest, metrics: stored.metrics, player: stored.player)
        check.problems += shownDifferences(stored, replayed: check.input, level: level)
        if check.problems.isEmpty {
            if watch { try watchReplay(stored, level: level) }
            let written = try cast.map { try CastExport.write(stored, result: check.result, level: level, to: $0) }
            // The seed of an older Barista's evaluation shift is hidden.
            let seed = stored.fromEvaluation ? "a hidden seed" : "seed \(stored.seed)"
            print("run #\(id): verified (\(level.label), \(seed), digest \(stored.digest))")
            if let cast, let written { print("cast written to \(TerminalSafe.line(cast)) (\(written))") }
        } else {
            print("run #\(id): does NOT verify — what differs:\n  " + check.problems.joined(separator: "\n  "))
            throw Exit.failedRun
        }
    }

    func replayEvaluation(_ id: Int64, db: AppDatabase) throws {
        if watch { throw CLIError("'--watch' shows one shift; an evaluation is many hidden seeds: watch one of your runs instead") }
        if cast != nil { throw CLIError("'--cast' records one shift; an evaluation is many hidden seeds: cast one of your runs instead") }
        let stored: StoredEvaluation
        do { stored = try db.evaluation(id: id) } catch { throw CLIError(error.description) }
        let level = try levelForReplay(stored.input.level, path: self.level)
        let replayed = try reEvaluate(stored.input, level: level, player: stored.player)
        let problems = AppDatabase.differences(stored.input, replayed)
        if problems.isEmpty {
            let e = stored.input
            let mean = LeaderboardMetric.objective.format(e.mean, objective: e.objective)
            print("evaluation e\(id): verified (\(level.label), \(e.seedCount) hidden seeds, every shift's digest, "
                  + "mean \(mean), medal \(e.medal))")
        } else {
            print("evaluation e\(id): does NOT verify — what differs:\n  " + problems.joined(separator: "\n  "))
            throw Exit.failedRun
        }
    }
}

/// Runs a kept evaluation again: the seeds derived from the level as `eval` does, every one on
/// all cores, summarised by the game. Throws for another engine or a script that no longer compiles.
func reEvaluate(_ kept: EvaluationInput, level: Level, player: PlayerName) throws -> EvaluationInput {
    guard kept.engineVersion == EngineInfo.version else {
        throw CLIError("the evaluation was recorded with engine \(kept.engineVersion); this is engine \(EngineInfo.version), "
                       + "which may replay it differently: it cannot be verified here", code: Exit.failedRun)
    }
    guard (1...EvaluationInput.maxSeeds).contains(kept.seedCount) else {
        throw CLIError("an evaluation has 1 to \(EvaluationInput.maxSeeds) seeds, not \(kept.seedCount)", code: Exit.failedRun)
    }
    let chosen = try ShiftOptions.Chosen(kept: kept.script, file: kept.scriptName ?? "evaluation.brew", level: level, code: Exit.failedRun)
    let spec = chosen.spec
    let run: @Sendable (UInt64) -> RunResult = switch chosen {
    case .script(let script, _): { seed in ShiftRunner.run(level: level, script: script, seed: seed) }
    case .builtin(let mode, let crew): { seed in ShiftRunner.run(level: level, mode: mode, baristas: crew, seed: seed) }
    }
    let e = Evaluation.run(level: level, seeds: kept.seedCount, jobs: ProcessInfo.processInfo.activeProcessorCount, shift: run)
    var input = evaluationInput(e, level: level, spec: spec, player: player)
    input.scriptName = kept.scriptName
    return input
}

extension Replay {
    /// The verified run in the play screen, as a replay: nothing is recorded.
    func watchReplay(_ stored: StoredRun, level: Level) throws {
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            throw CLIError("'--watch' draws a full screen and needs a terminal")
        }
        let source = try replaySource(stored, level: level)
        let player: ShiftPlayer
        do { player = try ShiftPlayer(source: source, seekable: true, speedIndex: 0) } catch { throw CLIError(error.description) }
        try Play.setBreakpoints(breaks, on: player)
        let exit = try Play.show(player: player, options: PlayOptions(mode: .replay, showBriefing: false, speedIndex: 0), stats: false)
        if case .signal(let s) = exit { throw ExitCode(128 + s.rawValue) }
    }
}

/// The shift of a stored run as the play screen shows it: a replay (`--watch`) or a cast (`--cast`).
func replaySource(_ stored: StoredRun, level: Level) throws -> any ShiftSource {
    switch stored.script {
    case .text(let text) where ManualLog.isLog(text):
        guard let (crew, answers) = ManualLog.decode(text) else { throw CLIError(ManualLogError.unreadable.description) }
        return ManualSource(level: level, baristas: crew, seed: stored.seed, answers: answers)
    case .text(let text):
        let (script, _) = Script.compile(source: text, file: "run #\(stored.id)", level: level)
        guard let script else { throw CLIError("the stored script no longer compiles for this level") }
        return ScriptFileSource(level: level, path: "run #\(stored.id)", script: script, seed: stored.seed, reloadable: false)
    case .builtin(let name):
        guard case .builtin(let mode, let n)? = StrategySpec.builtin(named: name, level: level) else {
            throw CLIError("unknown built-in strategy '\(name)'")
        }
        return BuiltInSource(level: level, mode: mode, baristas: n, seed: stored.seed)
    }
}

/// The level a LEVEL argument names in the store; for a real level with no runs yet, says so and
/// gives nil (nothing to list is not an error).
func storedLevel(_ argument: String, in db: AppDatabase) throws(CLIError) -> LevelRef? {
    do {
        return try db.findLevel(argument)
    } catch {
        if case .levelNotFound = error, let level = try? LevelCatalog.resolve(argument) {
            print("nothing of \(level.label) recorded yet: barista eval \(argument) [SCRIPT] records an evaluation")
            return nil
        }
        throw CLIError(error.description)
    }
}
