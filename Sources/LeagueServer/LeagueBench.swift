import Foundation
import LeagueAPI
import Logging
import PostgresNIO

/// What the load benchmark needs from the database directly: many stored evaluations at once,
/// and the board query's plan.
public enum LeagueBench {
    /// Inserts `count` finished evaluations of the level by `players` synthetic players (names
    /// `bench-…`), with their standings, in a few statements; then ANALYZE. For measurement only.
    public static func fill(client: PostgresClient, logger: Logger, levelHash: String, levelLabel: String,
                            count: Int, players: Int) async throws {
        _ = try await LeagueSchema.migrate(client, logger: logger)
        let tag = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try await client.withTransaction(logger: logger) { conn in
            try await conn.query("""
                INSERT INTO player (name, token_hash)
                SELECT 'bench-' || \(tag) || '-' || i, md5(\(tag) || i) || md5(i || \(tag))
                FROM generate_series(1, \(players)) AS i
                """, logger: logger)
            try await conn.query("""
                INSERT INTO submission (player_id, level_hash, level_label, engine_version, script, script_size, seeds,
                    failures, medal, objective, mean, median, p95, profit, throughput, served, lead_time, value_added, waste)
                SELECT p.id, \(levelHash), \(levelLabel), 'bench', 'workers 1', 5 + (i % 40), 32, 0, i % 4, 'bench',
                       r * 1000, r * 1000, r * 1100, r * 100000, r * 10, 20 + r * 30, 100 + r * 400, r, (1 - r) * 500
                FROM (SELECT i, random() AS r FROM generate_series(1, \(count)) AS i) AS g
                JOIN player p ON p.name = 'bench-' || \(tag) || '-' || (1 + i % \(players))
                """, logger: logger)
            for metric in LeagueMetric.figures {
                let sign = metric.higherIsBetter ? "-" : ""
                try await conn.query("""
                    INSERT INTO standing AS s (level_hash, metric, player_id, score, value, submission_id)
                    SELECT DISTINCT ON (player_id) level_hash, \(metric.rawValue), player_id,
                           \(unescaped: sign)\(unescaped: metric.column)::float8, \(unescaped: metric.column)::float8, id
                    FROM submission
                    WHERE level_hash = \(levelHash) AND engine_version = 'bench'
                      AND player_id IN (SELECT id FROM player WHERE name LIKE 'bench-' || \(tag) || '-%')
                    ORDER BY player_id, \(unescaped: sign)\(unescaped: metric.column)::float8, id
                    ON CONFLICT (level_hash, metric, player_id) DO NOTHING
                    """, logger: logger)
            }
            // Standings written here are not in `standing_change`: the version moves past the log, so
            // each server's copy of the board sees the gap and reloads the whole board once.
            try await conn.query("""
                INSERT INTO board_size AS b (level_hash, metric, players, version)
                SELECT level_hash, metric, count(*), 1 FROM standing WHERE level_hash = \(levelHash) GROUP BY level_hash, metric
                ON CONFLICT (level_hash, metric) DO UPDATE SET players = EXCLUDED.players, version = b.version + 1
                """, logger: logger)
        }
        // As autovacuum would soon: fresh statistics and the visibility map for index-only scans.
        try await client.query("VACUUM ANALYZE", logger: logger)
    }

    /// EXPLAIN ANALYZE of the board read as a server with an up-to-date copy of the board runs it
    /// (`BoardRead`: top 20 by profit, the caller's standing, the board's size and version, and the
    /// changes since that version: none), the caller being the board's last player.
    public static func explainBoard(client: PostgresClient, logger: Logger, levelHash: String) async throws -> String {
        var last = ""
        for try await hash in try await client.query("""
            SELECT p.token_hash FROM standing st JOIN player p ON p.id = st.player_id
            WHERE st.level_hash = \(levelHash) AND st.metric = 'profit'
            ORDER BY st.score DESC, st.submission_id DESC LIMIT 1
            """, logger: logger).decode(String.self) { last = hash }
        var version: Int64 = 0
        for try await v in try await client.query("""
            SELECT version FROM board_size WHERE level_hash = \(levelHash) AND metric = 'profit'
            """, logger: logger).decode(Int64.self) { version = v }
        // The plan the server runs: the statement prepared on one of the league's connections
        // (generic plans), executed twice, the second time as every later read runs it. The values
        // are the database's own (hex digests and a number), checked before they are written inline.
        guard levelHash.allSatisfy(\.isHexDigit), last.allSatisfy(\.isHexDigit) else { return "(no plan: unexpected key)" }
        let execute = "EXPLAIN (ANALYZE, BUFFERS) EXECUTE board_explain('\(levelHash)', 'profit', 20, '\(last)', \(version))"
        return try await client.withConnection { conn in
            try await conn.query(PostgresQuery(unsafeSQL: "PREPARE board_explain(text, text, int8, text, int8) AS " + BoardRead.sql), logger: logger)
            var out: [String] = []
            for _ in 0..<2 {
                out = []
                for try await line in try await conn.query(PostgresQuery(unsafeSQL: execute), logger: logger).decode(String.self) {
                    out.append(line)
                }
            }
            try await conn.query("DEALLOCATE board_explain", logger: logger)
            return out.joined(separator: "\n")
        }
    }

    /// Stored evaluations of the level.
    public static func count(client: PostgresClient, logger: Logger, levelHash: String) async throws -> Int {
        for try await n in try await client.query("SELECT count(*) FROM submission WHERE level_hash = \(levelHash)", logger: logger).decode(Int.self) {
            return n
        }
        return 0
    }
}
