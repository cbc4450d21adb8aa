@testable import barista
import CoffeeGame
import CoffeeStore
import CoffeeTerminal
import Foundation
import XCTest

/// The end card of a practice shift (`barista play`) shows the league rank of the player's best
/// verified evaluation, when they joined a league; an unreachable league is one line and no more.
final class EndCardTests: XCTestCase {
    /// Plays level 1 with the gold script as `barista play` does; the standing its end card shows.
    static func play(db: String) throws -> Standing? {
        let level = try LevelLoader.load(path: repoRoot.appendingPathComponent("Levels/01-first-shot.yaml").path)
        let source = try makeScriptSource(level: level, path: goldScript.path, baristas: nil, seed: nil)
        let saver = try ShiftSaver(options: StoreOptions.parse(["--db", db, "--player", "ada"]), level: level, source: source)
        let player = try ShiftPlayer(source: source)
        var standing: Standing?
        player.onFinish = { standing = saver.record($0) }
        for _ in 0..<100 where !player.isFinished { player.advance(to: 1_000_000) }
        return standing
    }

    func scratchDB() -> String {
        let path = scratchDatabase()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        return path
    }

    func testTheEndCardShowsTheLeagueRankOfYourBest() async throws {
        let db = scratchDB(), other = scratchDB()
        try await withTestDatabase { url in
            let server = try ServerProcess(database: url)
            let joined = try runBarista(["league", "join", server.url, "--player", "ada"], db: db)
            XCTAssertEqual(joined.status, 0, joined.stderr)

            let before = try XCTUnwrap(try Self.play(db: db))
            XCTAssertEqual(before.note, "practice run #1 saved for ada · medals come from barista eval")
            XCTAssertEqual(before.league, "not on the league board yet: barista submit 1 SCRIPT")

            let sent = try runBarista(["submit", "1", goldScript.path], db: db)
            XCTAssertEqual(sent.status, 0, sent.stderr)
            let after = try XCTUnwrap(try Self.play(db: db))
            XCTAssertEqual(after.league, "rank 1 of 1 on profit (your best, #1)")

            // bea's equal best came later: ada stays first, of two players now.
            XCTAssertEqual(try runBarista(["league", "join", server.url, "--player", "bea"], db: other).status, 0)
            XCTAssertEqual(try runBarista(["submit", "1", goldScript.path], db: other).status, 0)
            XCTAssertEqual(try XCTUnwrap(try Self.play(db: db)).league, "rank 1 of 2 on profit (your best, #1)")

            // The league gone: the end card says so in its one line; the run is saved as before.
            server.kill()
            let offline = try XCTUnwrap(try Self.play(db: db))
            XCTAssertEqual(offline.note, "practice run #4 saved for ada · medals come from barista eval")
            XCTAssertEqual([offline.rank, offline.total], [after.rank, after.total])
            let line = try XCTUnwrap(offline.league)
            XCTAssertTrue(line.hasPrefix("no league rank: cannot reach the league at 127.0.0.1:\(server.port): "), line)
            XCTAssertFalse(line.contains("\n"), line)
        }
    }

    /// Needs no database: a league that was joined but does not answer, and no league at all.
    func testAnUnreachableLeagueIsOneLineAndNothingElseChanges() throws {
        let db = scratchDB()
        let alone = try XCTUnwrap(try Self.play(db: db))
        XCTAssertNil(alone.league)
        let store = try AppDatabase(path: db)
        // Port 9 (discard) has no league on loopback.
        try store.saveLeagueMembership(LeagueMembership(url: "http://127.0.0.1:9", player: PlayerName(validating: "ada"),
                                                        token: String(repeating: "ab", count: 32)))
        let offline = try XCTUnwrap(try Self.play(db: db))
        XCTAssertEqual(offline.note, "practice run #2 saved for ada · medals come from barista eval")
        XCTAssertEqual([offline.rank, offline.total, offline.scores.count], [alone.rank, alone.total, alone.scores.count])
        let line = try XCTUnwrap(offline.league)
        XCTAssertTrue(line.hasPrefix("no league rank: cannot reach the league at 127.0.0.1:9: "), line)
        XCTAssertFalse(line.contains("\n"), line)
    }
}
