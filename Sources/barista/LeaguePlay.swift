import CoffeeEngine
import CoffeeGame
import CoffeeStore
import Foundation
import LeagueAPI

/// `barista play LEVEL --league`: one shift by hand on a seed the league issues (a challenge),
/// recorded locally as every shift is, and its log submitted when the shift ends. The league plays
/// the log again on the challenge's seed; the end card shows the hand-played standing.
final class LeagueChallenge {
    let grant: ChallengeGrant
    let league: String
    let client: LeagueClient
    let level: Level
    /// What the league answered for the shift, or why it was not submitted; nil before the shift ends.
    private(set) var receipt: HandReceipt?
    private(set) var failure: String?
    private(set) var run: Int64?

    init(grant: ChallengeGrant, league: String, client: LeagueClient, level: Level) {
        (self.grant, self.league, self.client, self.level) = (grant, league, client, level)
    }

    /// Asks the joined league for a challenge on `level` (after the flags are checked: nothing
    /// is asked for a command that cannot play it).
    static func ask(for level: Level, play: Play) throws -> LeagueChallenge {
        guard play.script == nil, play.crew.strategy == nil || play.crew.strategy == "manual" else {
            throw CLIError("--league plays by hand: leave out SCRIPT and --strategy")
        }
        guard play.crew.seed == nil else { throw CLIError("--league plays the seed the league issues: leave out --seed") }
        guard !play.replay, !play.noSave else { throw CLIError("--league records the shift it submits: leave out --replay and --no-save") }
        let db = try play.store.open()
        let (membership, client) = try joinedLeague(db, url: nil)
        do {
            let grant = try client.challenge(levelHash: level.contentHash)
            return LeagueChallenge(grant: grant, league: membership.url, client: client, level: level)
        } catch let error as CLIError {
            throw CLIError(error.description + "\nnothing was played: barista play \(play.level) practises by hand without a league",
                           code: error.code)
        }
    }

    /// The first finished shift is submitted as it is recorded; the end card's league line says how it went.
    func submitOnRecord(_ saver: ShiftSaver) {
        saver.onRecorded = { [self] id, spec in
            guard run == nil, case .script(let log, _) = spec else { return nil }
            run = id
            do {
                let r = try submit(log: log, seed: grant.seed, timeout: 15)
                receipt = r
                return LeagueText.handLine(r)
            } catch {
                failure = String(describing: error)
                return "not submitted: " + (failure ?? "").split(whereSeparator: \.isNewline).joined(separator: " ")
            }
        }
    }

    /// Sends a hand-played log for the open challenge on `seed`.
    func submit(log: String, seed: UInt64, timeout: Double) throws -> HandReceipt {
        try Self.submit(client: client, level: level, log: log, seed: seed, timeout: timeout)
    }

    static func submit(client: LeagueClient, level: Level, log: String, seed: UInt64, metric: LeagueMetric = .profit,
                       timeout: Double = 120) throws -> HandReceipt {
        let request = SubmissionRequest(script: log, engineVersion: EngineInfo.version, levelHash: level.contentHash, seed: seed)
        return try client.submitHand(levelHash: level.contentHash, request, metric: metric.rawValue, timeout: timeout)
    }

    /// After the screen: the league's receipt, or what became of the challenge and the run.
    func report(finished: Bool, saver: ShiftSaver?) throws {
        if let abandoned = grant.abandoned {
            print("your open challenge on \(level.label) was closed as abandoned (submission #\(abandoned)), "
                  + "scored as the shift where nobody acts")
        }
        if let receipt {
            print(LeagueText.handReceipt(receipt, league: league))
            return
        }
        let seed = grant.seed
        let n = level.number.map(String.init) ?? level.slug
        if let run, let failure {
            throw CLIError("\(failure)\nthe shift is kept as run #\(run): barista submit \(run) sends it to challenge #\(grant.challenge) "
                           + "while it is open", code: Exit.failedRun)
        }
        if finished, run != nil { return }
        if finished {
            print("the shift could not be recorded, so it was not submitted: challenge #\(grant.challenge) stays open")
        }
        print("challenge #\(grant.challenge) (seed \(seed)) stays open: play it with barista play \(n) --seed \(seed), then barista submit RUN; "
              + "asking for another challenge on this level closes it as abandoned, scored as the shift where nobody acts")
    }
}

extension LeagueText {
    /// The end card's line for a submitted hand-played shift.
    static func handLine(_ r: HandReceipt) -> String {
        let s = r.standing
        return "hand-played: rank \(s.rank) of \(r.playerCount), mean \(r.metric) \(r.metric.format(s.value)) over \(shifts(s)) (#\(r.submission))"
    }

    static func shifts(_ e: HandEntry) -> String {
        "\(e.shifts) shift\(e.shifts == 1 ? "" : "s")" + (e.abandoned > 0 ? ", \(e.abandoned) abandoned" : "")
    }

    static func handReceipt(_ r: HandReceipt, league: String) -> String {
        [
            "\(escapeServerText(r.level)) · hand-played shift #\(r.submission) to \(escapeServerText(league)) · "
                + "challenge #\(r.challenge), played again by the league on seed \(r.seed)",
            "objective   \(escapeServerText(r.objective)): \(ScoreCard.fixed(r.value))  (served \(r.served), lost \(r.lost))",
            "digest      \(escapeServerText(r.digest))",
            "standing    rank \(r.standing.rank) of \(r.playerCount) on the hand-played board: mean \(r.metric) "
                + "\(r.metric.format(r.standing.value)) over \(shifts(r.standing))",
        ].joined(separator: "\n")
    }

    static func handBoard(_ b: HandBoard, you: String?) -> String {
        var out = ["\(escapeServerText(b.level)) · league · hand-played · mean \(b.metric) over each player's challenges · "
                   + "\(b.playerCount) player\(b.playerCount == 1 ? "" : "s")"]
        if b.entries.isEmpty { out.append("  no hand-played shifts yet: barista play LEVEL --league") }
        func line(_ e: HandEntry) -> String {
            "  \(ScoreCard.padded("\(e.rank).", 5))\(ScoreCard.padded(escapeServerText(e.player), 20))"
                + "\(ScoreCard.padded(b.metric.format(e.value), 12))\(shifts(e))\(e.player == you ? "  ← you" : "")"
        }
        out += ranked(b.entries, you: b.you, player: \.player, line: line)
        return out.joined(separator: "\n")
    }
}
