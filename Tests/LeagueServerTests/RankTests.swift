import CoffeeGame
import Foundation
import LeagueAPI
@testable import LeagueServer
import PostgresNIO
import XCTest

/// The caller's rank from each server's sorted copy of the board (`BoardRanks`): exact at the top,
/// in the middle and last, after another player overtakes, and the same from two servers' copies.
final class RankTests: XCTestCase {
    /// 100 players on level 1's profit board, p1 worst … p100 best, around the value `center`:
    /// p_i's profit is center + i - 50.5, so p51 … p100 are above it and p1 … p50 below.
    private static func seedBoard(_ client: PostgresClient, level: Level, center: Double) async throws {
        let logger = quietLogger
        _ = try await LeagueSchema.migrate(client, logger: logger)
        try await client.query("""
            INSERT INTO player (name, token_hash) SELECT 'p' || i, 'h' || i FROM generate_series(1, 100) AS i
            """, logger: logger)
        try await client.query("""
            INSERT INTO submission (player_id, level_hash, level_label, engine_version, script, script_size, seeds,
                failures, medal, objective, mean, median, p95, profit, throughput, served, lead_time, value_added, waste)
            SELECT id, \(level.contentHash), \(level.label), 'v', 'workers 1', 1, 2, 0, 0, 'max profit', 0, 0, 0,
                   \(center)::float8 + substr(name, 2)::integer - 50.5, 1, 1, 1, 1, 1
            FROM player ORDER BY id
            """, logger: logger)
        // Written outside the submission statement, as a bulk load would: the board's version moves
        // past its change log, so a server's first read fetches the whole board.
        try await client.query("""
            INSERT INTO standing (level_hash, metric, player_id, score, value, submission_id)
            SELECT level_hash, 'profit', player_id, -profit, profit, id FROM submission
            """, logger: logger)
        try await client.query("""
            INSERT INTO board_size (level_hash, metric, players, version) VALUES (\(level.contentHash), 'profit', 100, 1)
            """, logger: logger)
    }

    private static func rank(_ store: LeagueStore, _ level: Level, _ player: Int) async throws -> Int? {
        try await store.board(levelHash: level.contentHash, level: level.label, metric: .profit, limit: 3, tokenHash: "h\(player)")?.you?.rank
    }

    /// Level 1's gold script verified, and a test database holding the 100 players' board around
    /// its profit (`seedBoard`).
    private func withGoldAndBoard(
        _ body: @escaping @Sendable (PostgresClient, Level, Verifier, VerifiedSubmission, Double) async throws -> Void
    ) async throws {
        let level = try firstLevel()
        let verifier = Verifier(secret: testSecret, seedCount: 2, timeout: 60)
        let gold = try verifier.compile(try text(goldScript), for: level)
        guard case .success(let verified) = verifier.evaluate(gold, on: level) else { return XCTFail("gold is refused") }
        let value = try XCTUnwrap(verified.metrics[.profit])
        try await withTestDatabase { url in
            try await withClient(url) { client in
                try await RankTests.seedBoard(client, level: level, center: value)
                try await body(client, level, verifier, verified, value)
            }
        }
    }

    func testRanksAreExactAtTheTopInTheMiddleAndLastAndAfterAnOvertake() async throws {
        try await withGoldAndBoard { client, level, verifier, verified, value in
            let a = LeagueStore(client: client, logger: quietLogger), b = LeagueStore(client: client, logger: quietLogger)
            var ranks: [Int?] = []
            for p in [100, 51, 50, 1] { ranks.append(try await RankTests.rank(a, level, p)) }
            XCTAssertEqual(ranks, [1, 50, 51, 100])
            XCTAssertEqual(a.ranks.wholeBoardReads, 1)          // the first read; the others caught up
            let top = try await a.board(levelHash: level.contentHash, level: level.label, metric: .profit, limit: 3, tokenHash: "h1")
            XCTAssertEqual(top?.entries.map(\.player), ["p100", "p99", "p98"])
            XCTAssertEqual(top?.entries.map(\.rank), [1, 2, 3])
            XCTAssertEqual(top?.playerCount, 100)
            let last = try await RankTests.rank(b, level, 1)
            XCTAssertEqual(last, 100)

            // p1 (last) submits gold: value is between p50's and p51's, so p1 is now 51st and
            // p50 … p2 each move down one. Both copies catch up from the change log.
            let (id, _) = try await a.record(player: LeaguePlayer(id: 1, name: "p1"), verified)
            XCTAssertEqual(id, 101)
            for store in [a, b] {
                var after: [Int?] = []
                for p in [100, 51, 1, 50, 2] { after.append(try await RankTests.rank(store, level, p)) }
                XCTAssertEqual(after, [1, 50, 51, 52, 100])
                XCTAssertEqual(store.ranks.wholeBoardReads, 1)
            }
            // The same figure PostgreSQL counts (the definition: 1 + the standings ahead).
            for try await n in try await client.query("""
                SELECT 1 + count(*) FROM standing x, standing me
                WHERE me.player_id = 1 AND me.metric = 'profit' AND x.metric = 'profit' AND x.level_hash = me.level_hash
                  AND (x.score, x.submission_id) < (me.score, me.submission_id)
                """, logger: quietLogger).decode(Int.self) {
                XCTAssertEqual(n, 51)
            }
            // A worse submission moves nothing: no new version, the same ranks.
            let naive = try verifier.compile(try text(naiveScript), for: level)
            guard case .success(let worse) = verifier.evaluate(naive, on: level) else { return XCTFail("naive is refused") }
            XCTAssertLessThan(try XCTUnwrap(worse.metrics[.profit]), value)
            _ = try await b.record(player: LeaguePlayer(id: 1, name: "p1"), worse)
            let still = try await RankTests.rank(b, level, 1)
            XCTAssertEqual(still, 51)
            var versions: [Int64] = []
            for try await v in try await client.query("SELECT version FROM board_size WHERE metric = 'profit'", logger: quietLogger).decode(Int64.self) {
                versions.append(v)
            }
            XCTAssertEqual(versions, [2])
        }
    }

    /// The change log keeps each board's last `changesKept` changes; a copy further behind meets
    /// the gap, reads the whole board once, and ranks exactly.
    func testTheChangeLogKeepsTheLastChangesAndACopyBehindThemReadsTheWholeBoard() async throws {
        try await withGoldAndBoard { client, level, _, verified, _ in
            var a = LeagueStore(client: client, logger: quietLogger)
            a.changesKept = 2
            let behind = LeagueStore(client: client, logger: quietLogger)
            // The copy behind is at version 1, before any change.
            let first = try await RankTests.rank(behind, level, 1)
            XCTAssertEqual(first, 100)
            // p1, p2, p3 (the last three) each submit gold, between p50's and p51's: versions 2, 3, 4.
            for p in 1...3 { _ = try await a.record(player: LeaguePlayer(id: Int64(p), name: "p\(p)"), verified) }
            var kept: [Int64] = []
            for try await v in try await client.query("""
                SELECT version FROM standing_change WHERE metric = 'profit' ORDER BY version
                """, logger: quietLogger).decode(Int64.self) {
                kept.append(v)
            }
            XCTAssertEqual(kept, [3, 4])
            // Equal values rank the earlier submission first: p1 51st, p2 52nd, p3 53rd, p50 54th.
            var ranks: [Int?] = []
            for p in [1, 2, 3, 50, 100] { ranks.append(try await RankTests.rank(behind, level, p)) }
            XCTAssertEqual(ranks, [51, 52, 53, 54, 1])
            // Version 2 was pruned: the copy read the whole board again, once.
            XCTAssertEqual(behind.ranks.wholeBoardReads, 2)
        }
    }

    func testAReadOlderThanTheCopyIsAnsweredAtItsOwnVersion() throws {
        typealias K = BoardRanks.Key
        let board = BoardRanks.BoardID(levelHash: "h", metric: "profit")
        let ranks = BoardRanks(undoLimit: 2)
        let whole: [(player: Int64, key: K)] = [(1, K(score: 1, submission: 1)), (2, K(score: 2, submission: 2)), (3, K(score: 3, submission: 3))]
        XCTAssertEqual(ranks.ahead(of: K(score: 2, submission: 2), on: board, at: 5, whole: whole), 1)
        // Version 6: player 3 overtakes everyone.
        let overtake = BoardRanks.Change(version: 6, player: 3, key: K(score: 0.5, submission: 4))
        XCTAssertEqual(ranks.ahead(of: K(score: 2, submission: 2), on: board, at: 6, since: 5, changes: [overtake]), 2)
        // A read whose snapshot is still version 5 (it started before the change committed) sees player 2 second.
        XCTAssertEqual(ranks.ahead(of: K(score: 2, submission: 2), on: board, at: 5, since: 5, changes: []), 1)
        // A gap in the log (version 7 missing): the read must fetch the whole board.
        let later = BoardRanks.Change(version: 8, player: 1, key: K(score: 0.1, submission: 5))
        XCTAssertNil(ranks.ahead(of: nil, on: board, at: 8, since: 6, changes: [later]))
        // Two more changes (an undo log keeps two): the copy is at version 8.
        let v7 = BoardRanks.Change(version: 7, player: 1, key: K(score: 0.1, submission: 5))
        let v8 = BoardRanks.Change(version: 8, player: 2, key: K(score: 0.2, submission: 6))
        XCTAssertEqual(ranks.ahead(of: K(score: 0.2, submission: 6), on: board, at: 8, since: 6, changes: [v7, v8]), 1)
        XCTAssertEqual(ranks.version(of: board), 8)
        // A read at version 6 is answered by undoing 8 and 7; one at version 5 is out of the log's reach.
        XCTAssertEqual(ranks.ahead(of: K(score: 2, submission: 2), on: board, at: 6, since: 6, changes: []), 2)
        XCTAssertNil(ranks.ahead(of: K(score: 2, submission: 2), on: board, at: 5, since: 5, changes: []))
    }
}
