import ArgumentParser
import CoffeeEngine
import CoffeeGame
import CoffeeStore
import Foundation
import LeagueAPI

/// `barista league join URL --player NAME`: become a player of a shared league.
struct LeagueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "league", abstract: "Join a shared league (a barista-league server).", subcommands: [Join.self])

    struct Join: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join the league at URL; its token is kept in your save file (made private to you, mode 0600).")

        @Argument(help: "The league's address, e.g. http://127.0.0.1:8080.")
        var url: String

        @OptionGroup var store: StoreOptions

        func run() throws {
            let base = try LeagueClient.baseURL(url)
            let db = try store.open()
            let name = try store.resolvePlayer(in: db)
            let answer = try LeagueClient(base: base, token: nil).join(name: name.rawValue)
            guard answer.player == name.rawValue, LeagueAPI.isWellFormedToken(answer.token) else {
                throw CLIError("the league at \(base.absoluteString) answered an odd token: not joined", code: Exit.failedRun)
            }
            do { try db.saveLeagueMembership(LeagueMembership(url: base.absoluteString, player: name, token: answer.token)) } catch {
                throw CLIError("joined as \(name.escaped), but the token could not be saved: \(error.description)")
            }
            print("joined \(base.absoluteString) as \(name.escaped); your token is kept in \(db.path) (readable by you only)")
        }
    }
}

/// What `submit` and `leaderboard --league` share: the league joined and a client for it.
func joinedLeague(_ db: AppDatabase, url: String?) throws -> (LeagueMembership, LeagueClient) {
    let wanted = try url.map { try LeagueClient.baseURL($0).absoluteString }
    let membership: LeagueMembership?
    do { membership = try db.leagueMembership(url: wanted) } catch { throw CLIError(error.description) }
    guard let membership else {
        throw CLIError(wanted.map { "you have not joined the league at \($0)" } ?? "you have not joined a league: barista league join URL --player NAME")
    }
    return (membership, LeagueClient(base: try LeagueClient.baseURL(membership.url), token: membership.token))
}

/// The end card's league line: where the player's best verified evaluation of `level` stands on
/// the league they joined (by profit, as `submit` ranks), or why it cannot be said. Nil when they
/// joined no league. Never throws: the practice run is kept whatever the league answers.
func leagueLine(_ db: AppDatabase, level: Level, timeout: Double) -> String? {
    guard let membership = try? db.leagueMembership() else { return nil }
    do {
        let client = LeagueClient(base: try LeagueClient.baseURL(membership.url), token: membership.token)
        let board = try client.board(levelHash: level.contentHash, metric: LeagueMetric.profit.rawValue, timeout: timeout)
        guard let mine = board.you else {
            return "not on the league board yet: barista submit \(level.number.map(String.init) ?? "LEVEL") SCRIPT"
        }
        return "rank \(mine.rank) of \(board.playerCount) on profit (your best, #\(mine.submission))"
    } catch {
        return "no league rank: " + String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// `barista submit LEVEL SCRIPT`, `barista submit RUN` or `barista submit eN`: the league re-simulates the script on
/// its hidden seeds and answers with the medal, your rank and the histogram.
struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send a script (or a stored run's or evaluation's script) to your league, which verifies it on its own hidden seeds.")

    @Argument(help: "A level and a script (submit 2 mine.brew), or a stored run (submit 12) or evaluation (submit e3) alone.")
    var target: String

    @Argument(help: "The BrewScript file.")
    var script: String?

    @Option(help: "Rank by: \(LeagueMetric.figures.map(\.rawValue).joined(separator: ", ")).")
    var metric = "profit"

    @Option(help: "The league (default: the one you joined last).")
    var league: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        guard let metric = LeagueMetric(rawValue: metric), LeagueMetric.figures.contains(metric) else {
            throw CLIError("unknown metric '\(escapeServerText(self.metric))': use \(LeagueMetric.figures.map(\.rawValue).joined(separator: ", "))")
        }
        let db = try store.open()
        let (level, text, what) = try submission(db)
        let (membership, client) = try joinedLeague(db, url: league)
        if let seed = try handPlayedSeed(db, text) {
            let receipt: HandReceipt
            do { receipt = try LeagueChallenge.submit(client: client, level: level, log: text, seed: seed, metric: metric) } catch let error as CLIError {
                throw CLIError(error.description + "\nnothing is lost: \(what) is still where it was", code: error.code)
            }
            print(LeagueText.handReceipt(receipt, league: membership.url))
            return
        }
        let request = SubmissionRequest(script: text, engineVersion: EngineInfo.version, levelHash: level.contentHash)
        let receipt: SubmissionReceipt
        do { receipt = try client.submit(levelHash: level.contentHash, request, metric: metric.rawValue) } catch let error as CLIError {
            throw CLIError(error.description + "\nnothing is lost: \(what) is still where it was", code: error.code)
        }
        print(LeagueText.receipt(receipt, metric: metric, league: membership.url))
        print("")
        print(LeaderboardText.histogram(LeagueText.histogram(receipt.histogram, metric: metric)))
        if receipt.failures > 0 { throw Exit.failedRun }
    }

    /// The level, the script text, and how to name what was sent.
    func submission(_ db: AppDatabase) throws -> (Level, String, String) {
        if let script {
            let level = try loadLevel(target)
            let text = try readScript(script)
            if ManualLog.decode(text) != nil {
                throw CLIError("\(script) is a hand-played log: submit the run it was recorded as (barista submit RUN), which knows its seed")
            }
            guard text.utf8.count <= LeagueAPI.maxScriptBytes else {
                throw CLIError("\(script) has \(text.utf8.count) bytes; a league takes scripts of at most \(LeagueAPI.maxScriptBytes)")
            }
            _ = try compileScript(script, for: level)
            return (level, text, script)
        }
        guard let id = RecordID(argument: target) else {
            throw CLIError("give a level and a script (barista submit 2 mine.brew), or a run or evaluation (barista submit 12, barista submit e3)")
        }
        let level: LevelRef, script: ScriptSource
        do {
            switch id {
            case .run(let n):
                let run = try db.run(id: n)
                (level, script) = (run.level, run.script)
            case .evaluation(let n):
                let evaluation = try db.evaluation(id: n).input
                (level, script) = (evaluation.level, evaluation.script)
            }
        } catch { throw CLIError(error.description) }
        guard case .text(let text) = script else {
            throw CLIError("\(id) used a built-in strategy: a league ranks scripts, submit a .brew file")
        }
        return (try levelForReplay(level, path: nil), text, "\(id)")
    }
}

extension Submit {
    /// A stored run played by hand: its seed, which the league matches with the open challenge.
    func handPlayedSeed(_ db: AppDatabase, _ text: String) throws -> UInt64? {
        guard ManualLog.decode(text) != nil, case .run(let n)? = RecordID(argument: target) else { return nil }
        do { return try db.run(id: n).seed } catch { throw CLIError(error.description) }
    }
}

/// League answers as text, in the local leaderboard's words.
enum LeagueText {
    static func receipt(_ r: SubmissionReceipt, metric: LeaderboardMetric, league: String) -> String {
        var out = ["\(escapeServerText(r.level)) · submission #\(r.submission) to \(escapeServerText(league)) · "
                   + "verified on the league's \(r.seeds) hidden seeds"]
        out.append("objective   \(escapeServerText(r.objective))")
        out.append("mean        \(ScoreCard.fixed(r.mean))  (median \(ScoreCard.fixed(r.median)), p95 \(ScoreCard.fixed(r.p95)))")
        if r.failures > 0 {
            out.append("failures    \(r.failures) of \(r.seeds) shifts failed: \(escapeServerText(r.firstFailure ?? "")); not ranked")
        }
        out.append("medal       \(r.medal.map(escapeServerText) ?? "none")")
        if let rank = r.rank { out.append("rank        \(rank) of \(r.playerCount) on \(metric) (your best)") }
        return out.joined(separator: "\n")
    }

    static func board(_ b: LeagueBoard, metric: LeaderboardMetric, you: String?) -> String {
        var out = ["\(escapeServerText(b.level)) · league · best \(metric) per player · \(b.playerCount) player\(b.playerCount == 1 ? "" : "s")"]
        if b.entries.isEmpty { out.append("  no verified submissions yet") }
        func line(_ e: LeagueEntry) -> String {
            "  \(ScoreCard.padded("\(e.rank).", 5))\(ScoreCard.padded(escapeServerText(e.player), 20))"
                + "\(ScoreCard.padded(metric.format(e.value), 12))\(ScoreCard.padded(e.medal.map(escapeServerText) ?? "none", 8))"
                + "size \(ScoreCard.padded(String(e.scriptSize), 5))#\(e.submission)\(e.player == you ? "  ← you" : "")"
        }
        out += ranked(b.entries, you: b.you, player: \.player, line: line)
        return out.joined(separator: "\n")
    }

    /// A board's lines: its entries, then the caller's own after "…" when they are ranked below them.
    static func ranked<Entry>(_ entries: [Entry], you mine: Entry?, player: (Entry) -> String, line: (Entry) -> String) -> [String] {
        var out = entries.map(line)
        if let mine, !entries.contains(where: { player($0) == player(mine) }) { out += ["  …", line(mine)] }
        return out
    }

    static func pareto(_ p: LeaguePareto) -> String {
        var out = ["\(escapeServerText(p.level)) · league · submissions no other beats on \(p.metrics.map(\.rawValue).joined(separator: ", ")) at once"]
        if p.entries.isEmpty { out.append("  no verified submissions yet") }
        for e in p.entries {
            let values = zip(p.metrics, e.values).map { m, v in
                "\(m.rawValue) \(m.format(v))"
            }
            out.append("  #\(e.submission)  \(ScoreCard.padded(escapeServerText(e.player), 20))\(values.joined(separator: "  "))")
        }
        return out.joined(separator: "\n")
    }

    static func histogram(_ h: LeagueHistogram, metric: LeaderboardMetric) -> CoffeeStore.Histogram {
        CoffeeStore.Histogram.computed(metric: metric, lower: h.lower, upper: h.upper, counts: h.counts, marked: h.marked, playerValue: h.playerValue)
    }
}


extension LeaderboardCommand {
    /// `leaderboard LEVEL --league`: the league's board and histogram, your entry marked.
    func leagueBoard(_ db: AppDatabase, metric asked: LeaderboardMetric) throws {
        guard let level else { throw CLIError("--league shows one level's board: barista leaderboard LEVEL --league") }
        // A league ranks by the leaderboard figures; the local default (the level's objective) is
        // shown there as profit, the board `submit` and the end card report.
        let metric = asked == .objective ? .profit : asked
        let lvl = try loadLevel(level)
        let (membership, client) = try joinedLeague(db, url: nil)
        if hand {
            let board = try client.handBoard(levelHash: lvl.contentHash, metric: metric.rawValue)
            print(json ? try jsonText(board) : LeagueText.handBoard(board, you: membership.player.rawValue))
            return
        }
        if pareto {
            let front = try client.pareto(levelHash: lvl.contentHash)
            print(json ? try jsonText(front) : LeagueText.pareto(front))
            return
        }
        let board = try client.board(levelHash: lvl.contentHash, metric: metric.rawValue)
        let histogram = try client.histogram(levelHash: lvl.contentHash, metric: metric.rawValue)
        if json {
            struct Both: Encodable { let leaderboard: LeagueBoard; let histogram: LeagueHistogram }
            print(try jsonText(Both(leaderboard: board, histogram: histogram)))
            return
        }
        print(LeagueText.board(board, metric: metric, you: membership.player.rawValue))
        print("")
        print(LeaderboardText.histogram(LeagueText.histogram(histogram, metric: metric)))
    }
}
