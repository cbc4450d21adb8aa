import Foundation
import TerminalHarness
import XCTest

/// `barista play 1 --league` as a player runs it: the real binary in a real terminal (tmux), a real
/// league server process and database. The challenge's seed is played by hand, always taking the
/// first move offered; the end card shows the hand-played standing, and after quitting the
/// receipt says what the league played again.
final class HandTerminalTests: XCTestCase {
    func testPlayLeagueInATerminalPlaysTheChallengeAndSubmitsItsLog() async throws {
        guard Tmux.available else { throw XCTSkip("tmux is not installed: the league's terminal test did not run") }
        let db = scratchDatabase()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: (db as NSString).deletingLastPathComponent) }
        try await withTestDatabase { url in
            let server = try ServerProcess(database: url)
            XCTAssertEqual(try runBarista(["league", "join", server.url, "--player", "ada"], db: db).status, 0)
            let t = try Tmux.start(columns: 120, rows: 40)
            defer { t.close() }
            t.type("cd \(repoRoot.path) && BARISTA_DB=\(db) \(builtBinary("barista").path) play 1 --league; "
                   + "echo \"status=$?\" > \(t.folder)/status; echo GAME-OV''ER")
            let briefing = try t.waitFor(seconds: 30) { $0.contains("space: open the shop") }
            XCTAssertTrue(briefing.contains("01 first-shot · First Shot  manual · seed "), briefing)
            t.keys("Space", "+", "+", "+", "+")
            // Answer every question with its first move until the end card shows the league's answer.
            var card = ""
            for _ in 0..<200 {
                let screen = try t.waitFor(seconds: 30) { $0.contains("YOUR MOVE") || $0.contains("LEAGUE ") }
                if screen.contains("LEAGUE ") { card = screen; break }
                t.keys("1")
                try await Task.sleep(nanoseconds: 100_000_000)
            }
            let league = card.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix("LEAGUE ") }
            XCTAssertEqual(league, "LEAGUE       hand-played: rank 1 of 1, mean profit $4.01 over 1 shift (#1)")
            t.keys("q")
            let after = try t.waitFor(seconds: 15) { $0.contains("GAME-OVER") }
            XCTAssertEqual((try? String(contentsOfFile: t.folder + "/status", encoding: .utf8)), "status=0\n")
            XCTAssertTrue(after.contains("hand-played shift #1 to \(server.url) · challenge #1, played again by the league"), after)
            // The league played the log again on its seed to the digest the local run recorded.
            XCTAssertTrue(after.contains("objective   max served: 3.00  (served 3, lost 3)\ndigest      2490e8e57369186a\n"), after)
            XCTAssertTrue(after.contains("digest      2490e8e57369186a (engine 1.2.1)"), after)
            let board = try runBarista(["leaderboard", "1", "--league", "--hand"], db: db)
            XCTAssertEqual(board.stdout, """
                01 first-shot · league · hand-played · mean profit over each player's challenges · 1 player
                  1.   ada                 $4.01       1 shift  ← you

                """)
        }
    }
}
