import ArgumentParser
import CoffeeEngine
import CoffeeGame
import CoffeeStore
import CoffeeTerminal
import Foundation

/// `barista history [LEVEL]`: your runs, newest first.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List your recorded runs, newest first.")

    @Argument(help: "Only runs of this level (a number, title or content hash).")
    var level: String?

    @Option(help: "At most this many runs.")
    var limit = 30

    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        let player = try store.resolvePlayer(in: db)
        let runs: [RunSummary]
        do {
            var hash: String?
            if let level {
                guard let ref = try storedLevel(level, in: db) else { return }
                hash = ref.hash
            }
            runs = try db.history(player: player, levelHash: hash, limit: limit)
        } catch let error as StoreError { throw CLIError(error.description) }
        print("runs of \(player.escaped)")
        if runs.isEmpty { print("  none yet: barista run LEVEL [SCRIPT] records one") }
        for r in runs {
            let status = r.isFinished ? r.medal.description : "failed"
            print("  #\(r.id)  \(ScoreCard.padded(r.level.title, 18))seed \(ScoreCard.padded(String(r.seed), 21))"
                  + "served \(r.metrics.served)  lost \(r.metrics.lost)  profit \(LeaderboardMetric.profit.format(Double(r.metrics.profit)))  \(status)")
        }
    }
}

/// `barista leaderboard [LEVEL]`: best result per player, and where you stand.
struct LeaderboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leaderboard", abstract: "Rank players on a level (best run each), or summarise every level.")

    @Argument(help: "The level (a number, title or content hash); without one, every level.")
    var level: String?

    @Option(help: "Rank by: \(LeaderboardMetric.allCases.map(\.rawValue).joined(separator: ", ")).")
    var metric = "profit"

    @Flag(help: "The runs no other run beats on every metric at once.")
    var pareto = false

    @Flag(help: "The shared board of the league you joined (barista league join), not this machine's.")
    var league = false

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var store: StoreOptions

    func run() throws {
        guard let metric = LeaderboardMetric(rawValue: metric) else {
            throw CLIError("unknown metric '\(self.metric)': use \(LeaderboardMetric.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let db = try store.open()
        if league { return try leagueBoard(db, metric: metric) }
        let player = try store.resolvePlayer(in: db)
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

/// `barista export RUN`: a small, readable replay file on standard output.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a run as a replay file: barista export 12 > run.replay")

    @Argument(help: "The run number (see barista history).")
    var id: Int64

    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        do { print(try db.replay(runId: id).render(), terminator: "") } catch { throw CLIError(error.description) }
    }
}

/// `barista import FILE`: verify a replay by playing it again, then keep it.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Verify a replay file by re-simulating it, then store it.")

    @Argument(help: "A replay file written by barista export.")
    var file: String

    @Option(help: "The level file, if the run was played on a level of your own.")
    var level: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw CLIError("cannot read replay '\(file)'")
        }
        let db = try store.open()
        let levelPath = level
        do {
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

/// `barista replay RUN`: play a stored run again and check it is what was kept.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-simulate a stored run and check its event digest and score card: verified, or what differs.")

    @Argument(help: "The run number (see barista history).")
    var id: Int64

    @Option(help: "The level file, if the run was played on a level of your own.")
    var level: String?

    @Flag(help: "After verifying, watch the run full screen: pause, step, speed, seek with ← →.")
    var watch = false

    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        let stored: StoredRun
        do { stored = try db.run(id: id) } catch { throw CLIError(error.description) }
        let level = try levelForReplay(stored.level, path: self.level)
        let check = try verify(level: level, script: stored.script, seed: stored.seed, engineVersion: stored.engineVersion,
                               digest: stored.digest, metrics: stored.metrics, player: stored.player)
        if check.problems.isEmpty {
            if watch { try watchReplay(stored, level: level) }
            print("run #\(id): verified (\(level.label), seed \(stored.seed), digest \(stored.digest))")
        } else {
            print("run #\(id): does NOT verify — what differs:\n  " + check.problems.joined(separator: "\n  "))
            throw Exit.failedRun
        }
    }
}

extension Replay {
    /// The verified run in the play screen, as a replay: nothing is recorded.
    func watchReplay(_ stored: StoredRun, level: Level) throws {
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            throw CLIError("'--watch' draws a full screen and needs a terminal")
        }
        let source: any ShiftSource
        switch stored.script {
        case .text(let text) where ManualLog.isLog(text):
            guard let (crew, answers) = ManualLog.decode(text) else { throw CLIError("the manual play log cannot be read") }
            source = ManualSource(level: level, baristas: crew, seed: stored.seed, answers: answers)
        case .text(let text):
            let (script, _) = Script.compile(source: text, file: "run #\(stored.id)", level: level)
            guard let script else { throw CLIError("the stored script no longer compiles for this level") }
            source = ScriptFileSource(level: level, path: "run #\(stored.id)", script: script, seed: stored.seed, reloadable: false)
        case .builtin(let name):
            guard case .builtin(let mode, let n)? = StrategySpec.builtin(named: name, level: level) else {
                throw CLIError("unknown built-in strategy '\(name)'")
            }
            source = BuiltInSource(level: level, mode: mode, baristas: n, seed: stored.seed)
        }
        let player: ShiftPlayer
        do { player = try ShiftPlayer(source: source, seekable: true, speedIndex: 0) } catch { throw CLIError(error.description) }
        let exit = try Play.show(player: player, options: PlayOptions(mode: .replay, showBriefing: false, speedIndex: 0), stats: false)
        if case .signal(let s) = exit { throw ExitCode(128 + s.rawValue) }
    }
}

/// The level a LEVEL argument names in the store; for a real level with no runs yet, says so and
/// gives nil (nothing to list is not an error).
func storedLevel(_ argument: String, in db: AppDatabase) throws(CLIError) -> LevelRef? {
    do {
        return try db.findLevel(argument)
    } catch {
        if case .levelNotFound = error, let level = try? LevelCatalog.resolve(argument) {
            print("no runs of \(level.label) recorded yet: barista run \(argument) [SCRIPT] records one")
            return nil
        }
        throw CLIError(error.description)
    }
}
