import CoffeeGame
import Foundation
import LeagueAPI
import PostgresNIO

/// A board read in one round trip and one snapshot: the caller (by token hash), the top `limit`
/// standings, the caller's standing, the board's size and version (one row of `board_size`), and
/// either the board's changes since the version this server holds (`since` ≥ 0) or, when it holds
/// none (`since` < 0), the whole board. The caller's rank comes from `BoardRanks` at exactly the
/// statement's version, so it agrees with the top entries. Prepared once per connection, so
/// PostgreSQL parses and plans it once, not on every read.
///
/// The server's connections plan prepared statements once (`plan_cache_mode=force_generic_plan`,
/// set in `PostgresClient.Configuration.league`); the player's name and the submission are
/// looked up per entry (a subquery and a `LATERAL … OFFSET 0` that the planner does not flatten), so
/// the plan made without the values is the nested loop of a few index lookups that the top 20 need.
///
/// Rows by `kind`: 0 a top entry, 1 the caller's standing, 2 the board (players, caller id,
/// version), 3 a change (version, player, score, submission), 4 a standing of the whole board.
struct BoardRead: PostgresPreparedStatement {
    static let name = "board_read_v3"
    static let sql = """
        WITH caller AS (SELECT id FROM player WHERE token_hash = $4),
        top AS (
            SELECT 0 AS kind, value, score, submission_id, player_id FROM standing
            WHERE level_hash = $1 AND metric = $2 ORDER BY score, submission_id LIMIT $3
        ),
        mine AS (
            SELECT 1 AS kind, value, score, submission_id, player_id FROM standing
            WHERE level_hash = $1 AND metric = $2 AND player_id = (SELECT id FROM caller)
        )
        SELECT e.kind, e.value, e.score, e.submission_id, (SELECT p.name FROM player p WHERE p.id = e.player_id),
               s.medal::integer, s.script_size, s.submitted_at, NULL::bigint, NULL::bigint, NULL::bigint
        FROM (SELECT * FROM top UNION ALL SELECT * FROM mine) e
        CROSS JOIN LATERAL (SELECT medal, script_size, submitted_at FROM submission WHERE id = e.submission_id OFFSET 0) s
        UNION ALL
        SELECT 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, (SELECT id FROM caller),
               b.players, b.version
        FROM (SELECT 1) one LEFT JOIN board_size b ON b.level_hash = $1 AND b.metric = $2
        UNION ALL
        SELECT 3, NULL, c.score, c.submission_id, NULL, NULL, NULL, NULL, c.player_id, NULL, c.version
        FROM standing_change c WHERE $5 >= 0 AND c.level_hash = $1 AND c.metric = $2 AND c.version > $5
        UNION ALL
        SELECT 4, NULL, w.score, w.submission_id, NULL, NULL, NULL, NULL, w.player_id, NULL, NULL
        FROM standing w WHERE $5 < 0 AND w.level_hash = $1 AND w.metric = $2
        ORDER BY 1, 11, 3, 4
        """
    static let bindingDataTypes: [PostgresDataType] = [.text, .text, .int8, .text, .int8]

    typealias Row = (Int, Double?, Double?, Int64?, String?, Int?, Int?, Date?, Int64?, Int?, Int64?)

    let levelHash: String
    let metric: LeagueMetric
    let limit: Int
    /// The caller's token hash; "" (no player's) for a read without a token.
    let tokenHash: String
    /// The board version this server holds: the read fetches the changes after it; -1 fetches the whole board.
    var since: Int64 = -1

    func makeBindings() throws -> PostgresBindings {
        var b = PostgresBindings(capacity: 5)
        b.append(levelHash)
        b.append(metric.rawValue)
        b.append(limit)
        b.append(tokenHash)
        b.append(since)
        return b
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

extension LeagueStore {
    /// Best evaluation per player, by `metric`, best first; equal values rank the earlier submission
    /// first; with a token hash, the caller's entry wherever it ranks. Nil when the token is no
    /// player's (the route answers 401).
    func board(levelHash: String, level: String, metric: LeagueMetric, limit: Int, tokenHash: String?) async throws -> LeagueBoard? {
        let id = BoardRanks.BoardID(levelHash: levelHash, metric: metric.rawValue)
        var read = BoardRead(levelHash: levelHash, metric: metric, limit: limit, tokenHash: tokenHash ?? "",
                             since: ranks.version(of: id) ?? -1)
        // At most twice: the second read fetches the whole board, which always answers.
        while true {
            var entries: [LeagueEntry] = []
            var mine: (entry: LeagueEntry, key: BoardRanks.Key)?
            var count = 0, version: Int64 = 0
            var caller: Int64?
            var changes: [BoardRanks.Change] = []
            var whole: [(player: Int64, key: BoardRanks.Key)] = []
            for try await (kind, value, score, sub, name, medal, size, at, player, players, v) in try await client.execute(read, logger: logger) {
                switch kind {
                case 2:
                    (count, caller, version) = (players ?? 0, player, v ?? 0)
                case 3, 4:
                    guard let score, let sub, let player else { throw LeagueStoreError("the database returned a change without its standing") }
                    let key = BoardRanks.Key(score: score, submission: sub)
                    if kind == 3 {
                        guard let v else { throw LeagueStoreError("the database returned a change without its version") }
                        changes.append(.init(version: v, player: player, key: key))
                    } else {
                        whole.append((player, key))
                    }
                default:
                    guard let value, let score, let sub, let name, let medal, let size, let at else {
                        throw LeagueStoreError("the database returned a standing without its submission")
                    }
                    let entry = LeagueEntry(rank: entries.count + 1, player: name, value: value, submission: sub,
                                            medal: Medal(rawValue: medal)?.description, scriptSize: size, submittedAt: at)
                    if kind == 0 { entries.append(entry) } else { mine = (entry, .init(score: score, submission: sub)) }
                }
            }
            if tokenHash != nil, caller == nil { return nil }
            let ahead: Int? = read.since < 0
                ? ranks.ahead(of: mine?.key, on: id, at: version, whole: whole)
                : ranks.ahead(of: mine?.key, on: id, at: version, since: read.since, changes: changes)
            guard let ahead else {
                read.since = -1
                continue
            }
            var you = mine?.entry
            you?.rank = ahead + 1
            return LeagueBoard(level: level, levelHash: levelHash, metric: metric, playerCount: count, entries: entries, you: you)
        }
    }
}
