import Foundation
@testable import LeagueServer
import PostgresNIO
import XCTest

/// Migrations over a database that already holds a league: each new one fills what it adds.
final class MigrationTests: XCTestCase {
    func testBoardSizeIsCountedFromTheStandingsOfAPopulatedLeague() async throws {
        try await withTestDatabase { url in
            try await withClient(url) { client in
                let logger = quietLogger
                let first = try await LeagueSchema.migrate(client, logger: logger, through: "v1-league")
                XCTAssertEqual(first, ["v1-league"])
                let pending = try await LeagueSchema.pending(client, logger: logger)
                XCTAssertEqual(pending, ["v2-board-size", "v3-submission-rate", "v4-board-rank", "v5-challenges"])
                // A v1 league: five players, one submission each on level "aaa" (and one on "bbb");
                // standings on "aaa": profit for all five, size for three; on "bbb": profit for one.
                try await client.query("""
                    INSERT INTO player (name, token_hash) SELECT 'p' || i, md5('t' || i) FROM generate_series(1, 5) AS i
                    """, logger: logger)
                try await client.query("""
                    INSERT INTO submission (player_id, level_hash, level_label, engine_version, script, script_size, seeds,
                        failures, medal, objective, mean, median, p95, profit, throughput, served, lead_time, value_added, waste)
                    SELECT id, 'aaa', 'level a', 'v', 'workers 1', 1, 4, 0, 0, 'max profit', id, id, id, id * 10, 1, 1, 1, 1, 1
                    FROM player
                    UNION ALL
                    SELECT id, 'bbb', 'level b', 'v', 'workers 1', 1, 4, 0, 0, 'max profit', 7, 7, 7, 70, 1, 1, 1, 1, 1
                    FROM player WHERE name = 'p5'
                    """, logger: logger)
                try await client.query("""
                    INSERT INTO standing (level_hash, metric, player_id, score, value, submission_id)
                    SELECT s.level_hash, 'profit', s.player_id, -s.profit, s.profit, s.id FROM submission s
                    UNION ALL
                    SELECT s.level_hash, 'size', s.player_id, s.script_size, s.script_size, s.id FROM submission s
                    WHERE s.level_hash = 'aaa' AND s.player_id <= 3
                    """, logger: logger)
                let rest = try await LeagueSchema.migrate(client, logger: logger)
                XCTAssertEqual(rest, ["v2-board-size", "v3-submission-rate", "v4-board-rank", "v5-challenges"])
                var sizes: [String] = []
                for try await (level, metric, players) in try await client.query(
                    "SELECT level_hash, metric, players FROM board_size ORDER BY level_hash, metric", logger: logger
                ).decode((String, String, Int).self) {
                    sizes.append("\(level) \(metric) \(players)")
                }
                XCTAssertEqual(sizes, ["aaa profit 5", "aaa size 3", "bbb profit 1"])
                // The store reads the filled counts (a board nobody is on has none).
                let store = LeagueStore(client: client, logger: logger)
                let a = try await store.board(levelHash: "aaa", level: "level a", metric: .profit, limit: 2, tokenHash: nil)
                XCTAssertEqual(a?.playerCount, 5)
                XCTAssertEqual(a?.entries.map(\.player), ["p5", "p4"])
                let none = try await store.board(levelHash: "bbb", level: "level b", metric: .size, limit: 2, tokenHash: nil)
                XCTAssertEqual(none?.playerCount, 0)
                let again = try await LeagueSchema.migrate(client, logger: logger)
                XCTAssertEqual(again, [])
            }
        }
    }
}
