import Logging
import PostgresNIO

/// Submissions per token, counted in the shared database so every server behind one address
/// draws from the same bucket: `perMinute` submissions that refill evenly over a minute. One
/// statement per submission, which also finds the player by token (an upsert of the player's
/// `submission_rate` row; the row lock serialises two servers taking from one bucket at once).
struct RateLimiter: Sendable {
    let client: PostgresClient
    let logger: Logger
    let perMinute: Int

    /// The bucket after refilling it for the time since it was last touched (never negative: two
    /// servers' statements may start out of order), capped at `perMinute`.
    private static let refilled = "least($2::float8, r.tokens + greatest(0, extract(epoch FROM now() - r.at)::float8) * $2::float8 / 60)"

    /// The caller's player (by token hash) and one submission taken from their bucket, in one
    /// statement: no row when the token is no player's.
    static let sql = """
        WITH p AS (SELECT id, name FROM player WHERE token_hash = $1),
        taken AS (
            INSERT INTO submission_rate AS r (player_id, tokens, at, allowed) SELECT p.id, $2::float8 - 1, now(), true FROM p
            ON CONFLICT (player_id) DO UPDATE SET
                tokens = \(refilled) - CASE WHEN \(refilled) >= 1 THEN 1 ELSE 0 END,
                allowed = \(refilled) >= 1,
                at = now()
            RETURNING allowed, tokens
        )
        SELECT p.id, p.name, taken.allowed, taken.tokens FROM p, taken
        """

    /// The player whose token hashes to `tokenHash`, and whole seconds to wait when their bucket is
    /// empty (nil: go ahead); nil when the token is no player's.
    func take(tokenHash: String) async throws -> (player: LeaguePlayer, wait: Int?)? {
        var binds = PostgresBindings(capacity: 2)
        binds.append(tokenHash)
        binds.append(perMinute)
        let rows = try await client.query(PostgresQuery(unsafeSQL: Self.sql, binds: binds), logger: logger)
        for try await (id, name, allowed, tokens) in rows.decode((Int64, String, Bool, Double).self) {
            let wait = allowed ? nil : max(1, Int(((1 - tokens) * 60 / Double(perMinute)).rounded(.up)))
            return (LeaguePlayer(id: id, name: name), wait)
        }
        return nil
    }
}
