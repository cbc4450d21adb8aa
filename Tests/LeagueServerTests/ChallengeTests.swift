import CoffeeEngine
import CoffeeGame
import Foundation
import Hummingbird
import HummingbirdTesting
import LeagueAPI
@testable import LeagueServer
import XCTest

/// A shift played by hand on `seed` by a player who collects, starts, works and waits, in that
/// order of preference, and idles only when there is nothing else; the log it leaves.
func handLog(_ level: Level, seed: UInt64) -> String {
    let shift = ManualShift(config: level.config, baristas: level.config.baristas, seed: seed)
    let preference: [ManualOption.Kind] = [.collect, .start, .work, .wait, .idle]
    while !shift.isFinished {
        if let q = shift.question {
            let pick = preference.lazy.compactMap { kind in q.options.first { $0.kind == kind } }.first
            guard let pick else { XCTFail("a question without an idle move"); break }
            shift.answer(pick)
        } else {
            shift.step()
        }
    }
    return ManualLog.encode(baristas: shift.baristas, answers: shift.answersGiven)
}

extension TestClientProtocol {
    func challenge(_ token: String?, level: String = "1") async throws -> Answer {
        try await call("/v1/levels/\(level)/challenges", .post, token: token)
    }

    func grant(_ token: String) async throws -> ChallengeGrant {
        let r = try await challenge(token)
        XCTAssertEqual(r.status, .created, r.text)
        return try LeagueAPI.decoder().decode(ChallengeGrant.self, from: r.data)
    }

    func submitLog(_ log: String, seed: UInt64?, token: String) async throws -> Answer {
        let level = try firstLevel()
        let body = try LeagueAPI.encoder().encode(SubmissionRequest(script: log, engineVersion: EngineInfo.version,
                                                                    levelHash: level.contentHash, seed: seed))
        return try await call("/v1/levels/1/submissions", .post, body: String(decoding: body, as: UTF8.self), token: token)
    }

    func handBoard(_ query: String = "", token: String? = nil) async throws -> HandBoard {
        let r = try await call("/v1/levels/1/leaderboard/hand" + query, .get, token: token)
        XCTAssertEqual(r.status, .ok, r.text)
        return try LeagueAPI.decoder().decode(HandBoard.self, from: r.data)
    }
}

/// Hand-played shifts in the league: server-issued challenge seeds, logs played again on them,
/// abandoned challenges scored, and the hand-played board (a real PostgreSQL database of its own).
final class ChallengeTests: XCTestCase {
    func testAChallengeSeedIsDerivedUnderItsOwnDomainAndNeverAnEvaluationSeed() throws {
        let level = try firstLevel()
        let hidden = LeagueSecrets.seeds(secret: testSecret, levelHash: level.contentHash, count: 4)
        let first = LeagueSecrets.challengeSeed(secret: testSecret, levelHash: level.contentHash, challenge: 1, avoiding: hidden)
        XCTAssertEqual(first, 190_960_902_634_367)
        XCTAssertFalse(hidden.contains(first))
        XCTAssertNotEqual(first, LeagueSecrets.challengeSeed(secret: testSecret, levelHash: level.contentHash, challenge: 2, avoiding: hidden))
        // Had the first attempt been an evaluation seed, the next attempt is taken.
        let next = LeagueSecrets.challengeSeed(secret: testSecret, levelHash: level.contentHash, challenge: 1, avoiding: hidden + [first])
        XCTAssertEqual(next, 113_172_084_664_523)
        XCTAssertNotEqual(next, first)
        XCTAssertLessThan(next, 1 << 48)
    }

    func testTheShiftWhereNobodyActsLosesEveryCustomerAndReplaysFromItsLog() throws {
        let level = try firstLevel()
        let (log, result) = HandShift.nobodyActs(level: level, seed: 77)
        XCTAssertEqual(result.metrics.served, 0)
        XCTAssertEqual(result.metrics.lost, 6)   // every customer of level 1's shift
        XCTAssertEqual(result.metrics.profit, -259)
        XCTAssertEqual(result.digest, "bd28aaeb2d238560")
        let again = try ShiftRunner.run(level: level, manualLog: log, seed: 77)
        XCTAssertEqual(again.digest, result.digest)
        XCTAssertEqual(again.metrics, result.metrics)
    }
}

/// The routes of hand-played shifts against a league in process.
final class HandPlayedLeagueTests: XCTestCase {
    func testAChallengesLogIsPlayedAgainKeptWithItsDigestAndClosesTheChallenge() async throws {
        let level = try firstLevel()
        try await withLeague { client in
            let token = try await client.join("ada")
            let grant = try await client.grant(token)
            XCTAssertEqual(grant.challenge, 1)
            XCTAssertEqual(grant.level, "01 first-shot")
            XCTAssertEqual(grant.levelHash, level.contentHash)
            XCTAssertEqual(grant.seed, 190_960_902_634_367)
            XCTAssertNil(grant.abandoned)

            let log = handLog(level, seed: grant.seed)
            let local = try ShiftRunner.run(level: level, manualLog: log, seed: grant.seed)
            let sent = try await client.submitLog(log, seed: grant.seed, token: token)
            XCTAssertEqual(sent.status, .created, sent.text)
            let receipt = try LeagueAPI.decoder().decode(HandReceipt.self, from: sent.data)
            XCTAssertEqual(receipt.submission, 1)
            XCTAssertEqual(receipt.challenge, 1)
            XCTAssertEqual(receipt.seed, grant.seed)
            XCTAssertEqual(receipt.digest, local.digest)
            XCTAssertEqual(receipt.digest, "982227416f10a7d7")
            XCTAssertEqual(receipt.objective, "max served")
            XCTAssertEqual(receipt.value, 6)
            XCTAssertEqual(receipt.served, 6)
            XCTAssertEqual(receipt.lost, 0)
            XCTAssertEqual(local.metrics.profit, 1906)
            XCTAssertEqual(receipt.standing, HandEntry(rank: 1, player: "ada", value: 1906, shifts: 1, abandoned: 0, lastSubmission: 1))
            XCTAssertEqual(receipt.playerCount, 1)

            // Anyone can play it again: the log, the seed (issued to the player, not hidden) and its digest.
            let detail = try LeagueAPI.decoder().decode(SubmissionDetail.self, from: try await client.call("/v1/submissions/1", .get).data)
            XCTAssertEqual(detail.script, log)
            XCTAssertEqual(detail.seeds, [SeedOutcome(index: 0, seed: grant.seed, digest: "982227416f10a7d7", value: 6, finished: true)])

            // Closed: the same log again is refused, and the scripted boards know nothing of it.
            let again = try await client.submitLog(log, seed: grant.seed, token: token)
            XCTAssertEqual(again.status, .conflict)
            XCTAssertEqual(again.error, "your challenge #1 on seed 190960902634367 is closed: it was played (submission #1); ask for one with barista play 1 --league")
            let board = try LeagueAPI.decoder().decode(LeagueBoard.self, from: try await client.call("/v1/levels/1/leaderboard", .get).data)
            XCTAssertEqual(board.playerCount, 0)
            XCTAssertEqual(board.entries, [])
            let front = try LeagueAPI.decoder().decode(LeaguePareto.self, from: try await client.call("/v1/levels/1/pareto", .get).data)
            XCTAssertEqual(front.entries, [])
            let hand = try await client.handBoard(token: token)
            XCTAssertEqual(hand.playerCount, 1)
            XCTAssertEqual(hand.entries, [receipt.standing])
            XCTAssertEqual(hand.you, receipt.standing)
        }
    }

    func testLogsForAnythingButTheirOpenChallengeAreRefusedWithTheReason() async throws {
        let level = try firstLevel()
        try await withLeague { client in
            let ada = try await client.join("ada")
            let bob = try await client.join("bob")
            let noToken = try await client.challenge(nil)
            XCTAssertEqual(noToken.status, .unauthorized)
            XCTAssertEqual(noToken.error, "a challenge needs your token: Authorization: Bearer TOKEN")
            let unknown = try await client.challenge(ada, level: "99")
            XCTAssertEqual(unknown.status, .notFound)
            XCTAssertEqual(unknown.error, "this league has no level '99'")

            // No challenge yet.
            let practice = handLog(level, seed: level.practiceSeed)
            let none = try await client.submitLog(practice, seed: level.practiceSeed, token: ada)
            XCTAssertEqual(none.status, .unprocessableContent)
            XCTAssertEqual(none.error, "you have no open challenge on 01 first-shot with seed 1: ask for one with barista play 1 --league")
            let noSeed = try await client.submitLog(practice, seed: nil, token: ada)
            XCTAssertEqual(noSeed.status, .unprocessableContent)
            XCTAssertEqual(noSeed.error, "a hand-played log needs the seed it was played on (the field 'seed'): the league ranks hand-played shifts only on the seeds of its challenges")

            let mine = try await client.grant(ada)
            let theirs = try await client.grant(bob)
            XCTAssertEqual(theirs.challenge, 2)
            // Another seed than the open challenge's.
            let other = try await client.submitLog(practice, seed: level.practiceSeed, token: ada)
            XCTAssertEqual(other.status, .unprocessableContent)
            XCTAssertEqual(other.error, "this log was played on seed 1, but your open challenge #1 on 01 first-shot is seed \(mine.seed): play that seed")
            // Another player's challenge.
            let stolen = try await client.submitLog(handLog(level, seed: theirs.seed), seed: theirs.seed, token: ada)
            XCTAssertEqual(stolen.status, .forbidden)
            XCTAssertEqual(stolen.error, "seed \(theirs.seed) is another player's challenge: ask for one with barista play 1 --league")
            // A log that does not play the shift to its end (its last answer cut): refused with the
            // game's own reason, and the challenge stays open.
            var lines = handLog(level, seed: mine.seed).split(separator: "\n")
            lines.removeLast()
            let cut = lines.joined(separator: "\n") + "\n"
            var caught: ManualLogError?
            do throws(ManualLogError) { _ = try ShiftRunner.run(level: level, manualLog: cut, seed: mine.seed) } catch { caught = error }
            let why = try XCTUnwrap(caught)
            XCTAssertEqual(why, .runsOut(tick: 253))
            let wrong = try await client.submitLog(cut, seed: mine.seed, token: ada)
            XCTAssertEqual(wrong.status, .unprocessableContent)
            XCTAssertEqual(wrong.error, "the log does not play on challenge #1's seed: \(why.description); the challenge stays open")
            let right = try await client.submitLog(handLog(level, seed: mine.seed), seed: mine.seed, token: ada)
            XCTAssertEqual(right.status, .created, right.text)
            // A script is still a script: a BrewScript file that merely starts with the log's header is compiled.
            let script = try await client.submit("# barista manual play\n" + (try text(goldScript)), token: ada)
            XCTAssertEqual(script.status, .created, script.text)
        }
    }

    func testAnAbandonedChallengeCountsAsTheShiftWhereNobodyActsAndTheBoardIsTheMean() async throws {
        let level = try firstLevel()
        try await withLeague { client in
            let ada = try await client.join("ada")
            let bob = try await client.join("bob")
            let first = try await client.grant(ada)
            // Seeing the seed and asking again: the first is closed as abandoned and scored.
            let second = try await client.grant(ada)
            XCTAssertEqual(second.challenge, 2)
            XCTAssertNotEqual(second.seed, first.seed)
            XCTAssertEqual(second.abandoned, 1)
            let (idleLog, idle) = HandShift.nobodyActs(level: level, seed: first.seed)
            let abandoned = try LeagueAPI.decoder().decode(SubmissionDetail.self, from: try await client.call("/v1/submissions/1", .get).data)
            XCTAssertEqual(abandoned.script, idleLog)
            XCTAssertEqual(abandoned.player, "ada")
            XCTAssertEqual(abandoned.seeds, [SeedOutcome(index: 0, seed: first.seed, digest: idle.digest, value: 0, finished: true)])
            XCTAssertEqual(try ShiftRunner.run(level: level, manualLog: abandoned.script, seed: first.seed).digest, idle.digest)
            let late = try await client.submitLog(handLog(level, seed: first.seed), seed: first.seed, token: ada)
            XCTAssertEqual(late.status, .conflict)
            XCTAssertEqual(late.error, "your challenge #1 on seed \(first.seed) is closed: it was abandoned when you asked for a new one; ask for one with barista play 1 --league")

            let played = try ShiftRunner.run(level: level, manualLog: handLog(level, seed: second.seed), seed: second.seed)
            let sent = try await client.submitLog(handLog(level, seed: second.seed), seed: second.seed, token: ada)
            XCTAssertEqual(sent.status, .created, sent.text)
            let bobs = try await client.grant(bob)
            let bobSent = try await client.submitLog(handLog(level, seed: bobs.seed), seed: bobs.seed, token: bob)
            XCTAssertEqual(bobSent.status, .created, bobSent.text)
            let bobPlayed = try ShiftRunner.run(level: level, manualLog: handLog(level, seed: bobs.seed), seed: bobs.seed)

            // Ada's standing is the mean over both of her closed challenges, the abandoned one included.
            let adaMean = (-259 + Double(played.metrics.profit)) / 2
            XCTAssertEqual(adaMean, 823.5)
            XCTAssertEqual(bobPlayed.metrics.profit, 1906)
            let board = try await client.handBoard(token: ada)
            XCTAssertEqual(board.metric, .profit)
            XCTAssertEqual(board.playerCount, 2)
            XCTAssertEqual(board.entries, [
                HandEntry(rank: 1, player: "bob", value: 1906, shifts: 1, abandoned: 0, lastSubmission: 3),
                HandEntry(rank: 2, player: "ada", value: 823.5, shifts: 2, abandoned: 1, lastSubmission: 2),
            ])
            XCTAssertEqual(board.you, board.entries[1])
            let served = try await client.handBoard("?metric=served&limit=1")
            // By customers served: bob's 6 against ada's mean of 0 and 6; one entry asked for, no caller.
            XCTAssertEqual(served.playerCount, 2)
            XCTAssertEqual(served.entries, [HandEntry(rank: 1, player: "bob", value: 6, shifts: 1, abandoned: 0, lastSubmission: 3)])
            XCTAssertNil(served.you)
            let size = try await client.call("/v1/levels/1/leaderboard/hand?metric=size", .get)
            XCTAssertEqual(size.status, .badRequest)
            XCTAssertEqual(size.error, "a hand-played shift has no script, so there is no size board: use another metric")
        }
    }
}


/// Two requests on one challenge at once, one after the other at the store: the second finds the
/// challenge closed (or another open) and is told so, never a second open challenge or shift.
final class ChallengeRaceTests: XCTestCase {
    func testTheStoreRefusesASecondOpenChallengeAndClosingAClosedOne() async throws {
        let level = try firstLevel()
        try await withTestDatabase { url in
            try await withClient(url) { client in
                _ = try await LeagueSchema.migrate(client, logger: quietLogger)
                let store = LeagueStore(client: client, logger: quietLogger)
                let created = try await store.createPlayer(name: "ada", tokenHash: "h")
                let id = try XCTUnwrap(created)
                let ada = LeaguePlayer(id: id, name: "ada")
                let first = try await store.issueChallenge(player: ada, levelHash: level.contentHash, abandoning: nil, abandoned: nil) { _ in 11 }
                XCTAssertEqual(first.id, 1)
                XCTAssertEqual(first.seed, 11)
                // A second open challenge on the level: the unique index refuses it.
                do {
                    _ = try await store.issueChallenge(player: ada, levelHash: level.contentHash, abandoning: nil, abandoned: nil) { _ in 12 }
                    XCTFail("a second open challenge was issued")
                } catch is ChallengeRace {}
                let found = try await store.openChallenge(player: ada.id, levelHash: level.contentHash)
                let open = try XCTUnwrap(found)
                XCTAssertEqual(open, Challenge(id: 1, playerId: ada.id, seed: 11, outcome: nil, submission: nil))
                let (log, idle) = HandShift.nobodyActs(level: level, seed: 11)
                let shift = HandShift.verified(level: level, log: log, seed: 11, result: idle)
                let replaced = try await store.issueChallenge(player: ada, levelHash: level.contentHash, abandoning: open, abandoned: shift) { _ in 13 }
                XCTAssertEqual(replaced.id, 3)   // 2 was taken by the refused request
                XCTAssertEqual(replaced.abandoned, 1)
                let closed = try await store.challenge(levelHash: level.contentHash, seed: 11)
                XCTAssertNotNil(closed)
                XCTAssertEqual(closed, Challenge(id: 1, playerId: ada.id, seed: 11, outcome: .abandoned, submission: 1))
                // The same stale challenge again, abandoned or played: refused, nothing kept.
                do {
                    _ = try await store.issueChallenge(player: ada, levelHash: level.contentHash, abandoning: open, abandoned: shift) { _ in 14 }
                    XCTFail("a closed challenge was closed again")
                } catch is ChallengeRace {}
                do {
                    _ = try await store.recordHand(player: ada, challenge: open, shift)
                    XCTFail("a closed challenge took a shift")
                } catch is ChallengeRace {}
                var count = 0
                for try await n in try await client.query("SELECT count(*) FROM submission", logger: quietLogger).decode(Int.self) { count = n }
                XCTAssertEqual(count, 1)
                let board = try await store.handBoard(levelHash: level.contentHash, level: level.label, metric: .profit, limit: 20, playerId: ada.id)
                XCTAssertEqual(board.entries, [HandEntry(rank: 1, player: "ada", value: -259, shifts: 1, abandoned: 1, lastSubmission: 1)])
            }
        }
    }
}
