import CoffeeGame
import Foundation
import LeagueAPI
import PostgresNIO

/// A board read in one round trip: the caller (by token hash), the top `limit` standings, the
/// caller's standing with its rank (1 + the standings ahead, one range of `standing_rank`) and the
/// board's size (one row of `board_size`). Prepared once per connection, so PostgreSQL parses and
/// plans it once, not on every read.
struct BoardRead: PostgresPreparedStatement {
    static let name = "board_read_v1"
    static let sql = """
        WITH caller AS (SELECT id FROM player WHERE token_hash = $4),
        top AS (
            SELECT 0 AS kind, value, score, submission_id, player_id, 0::bigint AS ahead FROM standing
            WHERE level_hash = $1 AND metric = $2 ORDER BY score, submission_id LIMIT $3
        ),
        mine AS (
            SELECT 1 AS kind, st.value, st.score, st.submission_id, st.player_id,
                   (SELECT count(*) FROM standing x WHERE x.level_hash = $1 AND x.metric = $2
                      AND (x.score, x.submission_id) < (st.score, st.submission_id)) AS ahead
            FROM standing st WHERE st.level_hash = $1 AND st.metric = $2 AND st.player_id = (SELECT id FROM caller)
        )
        SELECT e.kind, e.value, e.score, e.submission_id, p.name, s.medal::integer, s.script_size, s.submitted_at, e.ahead,
               NULL::bigint, NULL::bigint
        FROM (SELECT * FROM top UNION ALL SELECT * FROM mine) e
        JOIN player p ON p.id = e.player_id JOIN submission s ON s.id = e.submission_id
        UNION ALL
        SELECT 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               (SELECT players FROM board_size WHERE level_hash = $1 AND metric = $2), (SELECT id FROM caller)
        ORDER BY 1, 3, 4
        """
    static let bindingDataTypes: [PostgresDataType] = [.text, .text, .int8, .text]

    typealias Row = (Int, Double?, Double?, Int64?, String?, Int?, Int?, Date?, Int?, Int?, Int64?)

    let levelHash: String
    let metric: LeagueMetric
    let limit: Int
    /// The caller's token hash; "" (no player's) for a read without a token.
    let tokenHash: String

    func makeBindings() throws -> PostgresBindings {
        var b = PostgresBindings(capacity: 4)
        b.append(levelHash)
        b.append(metric.rawValue)
        b.append(limit)
        b.append(tokenHash)
        return b
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }

    /// The same statement with its values bound, for EXPLAIN.
    func query(prefix: String = "") throws -> PostgresQuery {
        PostgresQuery(unsafeSQL: prefix + Self.sql, binds: try makeBindings())
    }
}

extension LeagueStore {
    /// Best evaluation per player, by `metric`, best first; equal values rank the earlier submission
    /// first; with a token hash, the caller's entry wherever it ranks. Nil when the token is no
    /// player's (the route answers 401).
    func board(levelHash: String, level: String, metric: LeagueMetric, limit: Int, tokenHash: String?) async throws -> LeagueBoard? {
        let read = BoardRead(levelHash: levelHash, metric: metric, limit: limit, tokenHash: tokenHash ?? "")
        var entries: [LeagueEntry] = []
        var you: LeagueEntry?
        var count = 0
        var caller: Int64?
        for try await (kind, value, _, id, name, medal, size, at, ahead, players, callerId) in try await client.execute(read, logger: logger) {
            if kind == 2 {
                (count, caller) = (players ?? 0, callerId)
                continue
            }
            guard let value, let id, let name, let medal, let size, let at, let ahead else {
                throw LeagueStoreError("the database returned a standing without its submission")
            }
            let rank = kind == 0 ? entries.count + 1 : ahead + 1
            let entry = LeagueEntry(rank: rank, player: name, value: value, submission: id,
                                    medal: Medal(rawValue: medal)?.description, scriptSize: size, submittedAt: at)
            if kind == 0 { entries.append(entry) } else { you = entry }
        }
        if tokenHash != nil, caller == nil { return nil }
        return LeagueBoard(level: level, levelHash: levelHash, metric: metric, playerCount: count, entries: entries, you: you)
    }
}
