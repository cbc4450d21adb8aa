@testable import barista
import CoffeeGame
import CoffeeStore
import CoffeeTerminal
import Foundation
import LeagueAPI
import XCTest

/// The player's side of hand-played league shifts: `play LEVEL --league` (its challenge, the shift
/// played headless on the play screen's player as ManualRunTests plays one, recorded and submitted
/// as the end card is drawn), then `submit RUN` and `leaderboard --league --hand` through the binary.
final class HandClientTests: XCTestCase {
    func scratchDB() -> String {
        let path = scratchDatabase()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        return path
    }

    /// Plays `challenge`'s seed as `play --league` does, by the preference of `handLog`; the end card's standing.
    static func play(_ challenge: LeagueChallenge, _ play: Play) throws -> (Standing?, ShiftSaver) {
        let source = ManualSource(level: challenge.level, seed: challenge.grant.seed)
        let saver = try ShiftSaver(options: play.store, level: challenge.level, source: source)
        let player = try ShiftPlayer(source: source)
        saver.screen = player
        challenge.submitOnRecord(saver)
        var standing: Standing?
        player.onFinish = { standing = saver.record($0) }
        let preference: [ManualOption.Kind] = [.collect, .start, .work, .wait, .idle]
        var moves = 0
        while !player.isFinished, moves < 1000 {
            player.advance(to: 100_000)
            guard let q = player.question, let pick = preference.lazy.compactMap({ k in q.options.first { $0.kind == k } }).first else { break }
            player.answer(pick)
            moves += 1
        }
        return (standing, saver)
    }

    func testPlayLeagueSubmitsTheShiftWhenItEndsAndSubmitRunSendsAHandPlayedRun() async throws {
        let db = scratchDB(), other = scratchDB()
        let level = try firstLevel()
        try await withTestDatabase { url in
            let server = try ServerProcess(database: url)
            XCTAssertEqual(try runBarista(["league", "join", server.url, "--player", "ada"], db: db).status, 0)
            XCTAssertEqual(try runBarista(["league", "join", server.url, "--player", "bea"], db: other).status, 0)
            // Without a terminal nothing is asked of the league (the first challenge below is #1).
            let notty = try runBarista(["play", "1", "--league"], db: db)
            XCTAssertEqual(notty.status, 2)
            XCTAssertEqual(notty.stderr, "barista: 'barista play' draws a full screen and needs a terminal; for plain output use 'barista run 1'\n")
            let scripted = try runBarista(["play", "1", goldScript.path, "--league"], db: db)
            XCTAssertEqual(scripted.stderr, "barista: 'barista play' draws a full screen and needs a terminal; for plain output use 'barista run 1 \(goldScript.path)'\n")
            let play = try Play.parse(["1", "--league", "--db", db])
            XCTAssertThrowsError(try LeagueChallenge.ask(for: level, play: try Play.parse(["1", "--league", "--seed", "5", "--db", db]))) {
                XCTAssertEqual(($0 as? CLIError)?.description, "--league plays the seed the league issues: leave out --seed")
            }

            let first = try LeagueChallenge.ask(for: level, play: play)
            XCTAssertEqual(first.grant.challenge, 1)
            XCTAssertEqual(first.grant.seed, 190_960_902_634_367)
            let (standing, saver) = try Self.play(first, play)
            XCTAssertEqual(saver.saved, [1])
            XCTAssertEqual(standing?.league, "hand-played: rank 1 of 1, mean profit $19.06 over 1 shift (#1)")
            XCTAssertEqual(first.receipt?.digest, "982227416f10a7d7")
            XCTAssertEqual(first.receipt.map { LeagueText.handReceipt($0, league: server.url) }, """
                01 first-shot · hand-played shift #1 to \(server.url) · challenge #1, played again by the league on seed 190960902634367
                objective   max served: 6.00  (served 6, lost 0)
                digest      982227416f10a7d7
                standing    rank 1 of 1 on the hand-played board: mean profit $19.06 over 1 shift
                """)
            XCTAssertNoThrow(try first.report(finished: true, saver: saver))
            // The run is kept locally as always, and it verifies.
            let replay = try runBarista(["replay", "1"], db: db)
            XCTAssertEqual(replay.stdout, "run #1: verified (01 first-shot, seed 190960902634367, digest 982227416f10a7d7)\n")
            // Its challenge is closed: submitting the run again is refused, nothing lost.
            let again = try runBarista(["submit", "1"], db: db)
            XCTAssertEqual(again.status, 1)
            XCTAssertEqual(again.stderr, "barista: the league refused: your challenge #1 on seed 190960902634367 is closed: it was played (submission #1); "
                           + "ask for one with barista play 1 --league (HTTP 409)\nnothing is lost: run #1 is still where it was\n")

            // The league unreachable when the second shift ends: the run is kept and the message says how to send it.
            let second = try LeagueChallenge.ask(for: level, play: play)
            XCTAssertEqual(second.grant.challenge, 2)
            XCTAssertNil(second.grant.abandoned)
            let cut = LeagueChallenge(grant: second.grant, league: "http://127.0.0.1:9",
                                      client: LeagueClient(base: try LeagueClient.baseURL("http://127.0.0.1:9"), token: nil), level: level)
            let (offline, _) = try Self.play(cut, play)
            XCTAssertTrue(offline?.league?.hasPrefix("not submitted: cannot reach the league at 127.0.0.1:9: ") == true, offline?.league ?? "")
            XCTAssertThrowsError(try cut.report(finished: true, saver: nil)) {
                let text = ($0 as? CLIError)?.description ?? ""
                XCTAssertTrue(text.hasPrefix("cannot reach the league at 127.0.0.1:9: "), text)
                XCTAssertTrue(text.hasSuffix("\nthe shift is kept as run #2: barista submit 2 sends it to challenge #2 while it is open"), text)
            }
            let sent = try runBarista(["submit", "2"], db: db)
            XCTAssertEqual(sent.status, 0, sent.stderr)
            // Level 1's six customers come at the same ticks on every seed: the same moves give the same shift.
            let local = try ShiftRunner.run(level: level, manualLog: handLog(level, seed: second.grant.seed), seed: second.grant.seed)
            XCTAssertEqual(local.digest, "982227416f10a7d7")
            XCTAssertEqual(sent.stdout, """
                01 first-shot · hand-played shift #2 to \(server.url) · challenge #2, played again by the league on seed \(second.grant.seed)
                objective   max served: 6.00  (served 6, lost 0)
                digest      \(local.digest)
                standing    rank 1 of 1 on the hand-played board: mean profit $19.06 over 2 shifts

                """)

            // A challenge seen and not played, then another asked for: the first is abandoned.
            let seen = try LeagueChallenge.ask(for: level, play: play)
            let next = try LeagueChallenge.ask(for: level, play: play)
            XCTAssertEqual([seen.grant.challenge, next.grant.challenge], [3, 4])
            XCTAssertEqual(next.grant.abandoned, 3)
            let board = try runBarista(["leaderboard", "1", "--league", "--hand"], db: db)
            XCTAssertEqual(board.status, 0, board.stderr)
            XCTAssertEqual(board.stdout, """
                01 first-shot · league · hand-played · mean profit over each player's challenges · 1 player
                  1.   ada                 $11.84      3 shifts, 1 abandoned  ← you

                """)
            // No league to ask: a clear message before anything is played (bea's save file, opened here once).
            server.kill()
            XCTAssertThrowsError(try LeagueChallenge.ask(for: level, play: try Play.parse(["1", "--league", "--db", other]))) {
                let text = ($0 as? CLIError)?.description ?? ""
                XCTAssertTrue(text.hasPrefix("cannot reach the league at 127.0.0.1:\(server.port): "), text)
                XCTAssertTrue(text.hasSuffix("\nnothing was played: barista play 1 practises by hand without a league"), text)
            }
            let noLeague = try runBarista(["leaderboard", "1", "--hand"], db: db)
            XCTAssertEqual(noLeague.stderr, "barista: --hand shows a league's hand-played board: add --league\n")
            let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("hand-\(UInt64.random(in: 0...UInt64.max)).log")
            try handLog(level, seed: 1).write(to: logFile, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: logFile) }
            let file = try runBarista(["submit", "1", logFile.path], db: db)
            XCTAssertEqual(file.status, 2)
            XCTAssertEqual(file.stderr, "barista: \(logFile.path) is a hand-played log: submit the run it was recorded as (barista submit RUN), which knows its seed\n")

        }
    }
}
