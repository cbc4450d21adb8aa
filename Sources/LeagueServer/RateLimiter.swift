import Logging
import PostgresNIO

/// Submissions per token, counted in the shared database so every server behind one address
/// draws from the same bucket: `perMinute` submissions that refill evenly over a minute. One
/// statement per submission (an upsert of the player's `submission_rate` row; the row lock
/// serialises two servers taking from one bucket at once).
struct RateLimiter: Sendable {
    let client: PostgresClient
    let logger: Logger
    let perMinute: Int

    /// The bucket after refilling it for the time since it was last touched (never negative: two
    /// servers' statements may start out of order), capped at `perMinute`.
    private static let refilled = "least($2::float8, r.tokens + greatest(0, extract(epoch FROM now() - r.at)::float8) * $2::float8 / 60)"

    static let sql = """
        INSERT INTO submission_rate AS r (player_id, tokens, at, allowed) VALUES ($1, $2::float8 - 1, now(), true)
        ON CONFLICT (player_id) DO UPDATE SET
            tokens = \(refilled) - CASE WHEN \(refilled) >= 1 THEN 1 ELSE 0 END,
            allowed = \(refilled) >= 1,
            at = now()
        RETURNING allowed, tokens
        """

    /// Takes one submission from the player's bucket; nil when allowed, else whole seconds to wait.
    func take(_ player: Int64) async throws -> Int? {
        var binds = PostgresBindings(capacity: 2)
        binds.append(player)
        binds.append(perMinute)
        let rows = try await client.query(PostgresQuery(unsafeSQL: Self.sql, binds: binds), logger: logger)
        for try await (allowed, tokens) in rows.decode((Bool, Double).self) {
            return allowed ? nil : max(1, Int(((1 - tokens) * 60 / Double(perMinute)).rounded(.up)))
        }
        throw LeagueStoreError("the database did not return the submission's rate")
    }
}
