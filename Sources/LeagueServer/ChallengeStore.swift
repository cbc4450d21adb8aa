import CoffeeEngine
import CoffeeGame
import Foundation
import LeagueAPI
import PostgresNIO

/// A seed issued for one hand-played shift, as the database keeps it.
struct Challenge: Sendable, Hashable {
    enum Outcome: String, Sendable { case played, abandoned }
    let id: Int64
    let playerId: Int64
    let seed: UInt64
    /// Nil while the challenge is open.
    let outcome: Outcome?
    /// The shift that closed it.
    let submission: Int64?
}

/// Another request closed or opened the player's challenge first (two requests at once).
struct ChallengeRace: Error {}

/// The `challenge` table and the hand-played board (migration `v5-challenges`). A closed challenge
/// always has its shift in `submission` (`challenge_id`), played or abandoned, and never in
/// `standing`: hand-played shifts rank only on their own board.
extension LeagueStore {
    func openChallenge(player: Int64, levelHash: String) async throws -> Challenge? {
        try await challenges(client.query("""
            SELECT c.id, c.player_id, c.seed, c.outcome, s.id FROM challenge c LEFT JOIN submission s ON s.challenge_id = c.id
            WHERE c.player_id = \(player) AND c.level_hash = \(levelHash) AND c.closed_at IS NULL
            """, logger: logger)).first
    }

    func challenge(levelHash: String, seed: UInt64) async throws -> Challenge? {
        try await challenges(client.query("""
            SELECT c.id, c.player_id, c.seed, c.outcome, s.id FROM challenge c LEFT JOIN submission s ON s.challenge_id = c.id
            WHERE c.level_hash = \(levelHash) AND c.seed = \(Int64(bitPattern: seed))
            """, logger: logger))
            .first
    }

    private func challenges(_ rows: PostgresRowSequence) async throws -> [Challenge] {
        var list: [Challenge] = []
        for try await (id, player, seed, outcome, submission) in rows.decode((Int64, Int64, Int64, String?, Int64?).self) {
            list.append(Challenge(id: id, playerId: player, seed: UInt64(bitPattern: seed),
                                  outcome: outcome.flatMap(Challenge.Outcome.init(rawValue:)), submission: submission))
        }
        return list
    }

    /// Opens a challenge, in one transaction with closing `abandoning` (the player's open one) as
    /// the shift `abandoned`. The seed is derived from the new challenge's id. Throws `ChallengeRace`
    /// when another request closed or opened one first.
    func issueChallenge(player: LeaguePlayer, levelHash: String, abandoning: Challenge?, abandoned: VerifiedSubmission?,
                        seed: @Sendable (Int64) -> UInt64) async throws -> (id: Int64, seed: UInt64, abandoned: Int64?) {
        try await racing {
            try await client.withTransaction(logger: logger) { conn in
                var closed: Int64?
                if let abandoning, let abandoned {
                    closed = try await insertHandShift(conn, player: player, challenge: abandoning, abandoned, outcome: .abandoned)
                }
                var id: Int64?
                for try await n in try await conn.query("SELECT nextval('challenge_id_seq')", logger: logger).decode(Int64.self) { id = n }
                guard let id else { throw LeagueStoreError("the database gave no challenge id") }
                let s = seed(id)
                try await conn.query("""
                    INSERT INTO challenge (id, player_id, level_hash, seed) VALUES (\(id), \(player.id), \(levelHash), \(Int64(bitPattern: s)))
                    """, logger: logger)
                return (id, s, closed)
            }
        }
    }

    /// Keeps a verified hand-played shift and closes its challenge, in one transaction.
    func recordHand(player: LeaguePlayer, challenge: Challenge, _ shift: VerifiedSubmission) async throws -> Int64 {
        try await racing {
            try await client.withTransaction(logger: logger) { conn in
                try await insertHandShift(conn, player: player, challenge: challenge, shift, outcome: .played)
            }
        }
    }

    /// Runs a challenge transaction; another request that got there first (the challenge closed
    /// meanwhile, or a unique index: another open challenge, a shift already kept) is `ChallengeRace`.
    private func racing<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as PostgresTransactionError {
            let inner = error.closureError ?? error.commitError
            if inner is ChallengeRace { throw ChallengeRace() }
            if let psql = inner as? PSQLError, psql.serverInfo?[.sqlState] == "23505" { throw ChallengeRace() }
            throw error
        }
    }

    /// One shift of a challenge: its submission row (one seed), its seed's digest, and the
    /// challenge closed. The challenge must still be open, else `ChallengeRace`.
    private func insertHandShift(_ conn: PostgresConnection, player: LeaguePlayer, challenge: Challenge, _ s: VerifiedSubmission,
                                 outcome: Challenge.Outcome) async throws -> Int64 {
        let closed = try await conn.query("""
            UPDATE challenge SET closed_at = now(), outcome = \(outcome.rawValue)
            WHERE id = \(challenge.id) AND player_id = \(player.id) AND closed_at IS NULL RETURNING id
            """, logger: logger)
        var still = false
        for try await _ in closed.decode(Int64.self) { still = true }
        guard still else { throw ChallengeRace() }
        let e = s.evaluation
        let m = { (metric: LeagueMetric) in s.metrics[metric] ?? 0 }
        guard let result = e.results.first, let value = e.values.first else { throw LeagueStoreError("a hand-played shift without its result") }
        let rows = try await conn.query("""
            INSERT INTO submission (player_id, level_hash, level_label, engine_version, script, script_size, seeds,
                failures, first_failure, medal, objective, mean, median, p95,
                profit, throughput, served, lead_time, value_added, waste, challenge_id)
            VALUES (\(player.id), \(s.levelHash), \(s.levelLabel), \(EngineInfo.version), \(s.script), 0, 1, 0, NULL, 0,
                \(e.objective), \(value), \(value), \(value),
                \(m(.profit)), \(m(.throughput)), \(m(.served)), \(m(.leadTime)), \(m(.valueAdded)), \(m(.waste)), \(challenge.id))
            RETURNING id
            """, logger: logger)
        var id: Int64?
        for try await n in rows.decode(Int64.self) { id = n }
        guard let id else { throw LeagueStoreError("the database did not return the new submission") }
        try await conn.query("""
            INSERT INTO submission_seed (submission_id, index, seed, digest, value, finished)
            VALUES (\(id), 0, \(Int64(bitPattern: challenge.seed)), \(result.digest), \(value), \(result.status == .finished))
            """, logger: logger)
        return id
    }

    /// The hand-played board: each player's mean of `metric` over their closed challenges on the
    /// level, best first; equal means rank the earlier last shift first. The top `limit`, and the
    /// caller's entry wherever it ranks. One statement; it aggregates the level's hand-played shifts
    /// (one row per closed challenge) on every read.
    func handBoard(levelHash: String, level: String, metric: LeagueMetric, limit: Int, playerId: Int64?) async throws -> HandBoard {
        let order = metric.higherIsBetter ? "value DESC" : "value ASC"
        let rows = try await client.query("""
            WITH per AS (
                SELECT s.player_id, avg(s.\(unescaped: metric.column))::float8 AS value, count(*)::bigint AS shifts,
                       count(*) FILTER (WHERE c.outcome = 'abandoned')::bigint AS abandoned, max(s.id) AS last
                FROM submission s JOIN challenge c ON c.id = s.challenge_id
                WHERE s.level_hash = \(levelHash) AND s.challenge_id IS NOT NULL
                GROUP BY s.player_id),
            ranked AS (SELECT per.*, row_number() OVER (ORDER BY \(unescaped: order), last) AS rank, count(*) OVER () AS players FROM per)
            SELECT r.rank, p.name, r.value, r.shifts, r.abandoned, r.last, r.players, r.player_id = \(playerId ?? -1)
            FROM ranked r JOIN player p ON p.id = r.player_id
            WHERE r.rank <= \(limit) OR r.player_id = \(playerId ?? -1)
            ORDER BY r.rank
            """, logger: logger)
        var board = HandBoard(level: level, levelHash: levelHash, metric: metric, playerCount: 0, entries: [], you: nil)
        for try await (rank, name, value, shifts, abandoned, last, players, mine)
            in rows.decode((Int, String, Double, Int, Int, Int64, Int, Bool).self) {
            let entry = HandEntry(rank: rank, player: name, value: value, shifts: shifts, abandoned: abandoned, lastSubmission: last)
            board.playerCount = players
            if rank <= limit { board.entries.append(entry) }
            if mine { board.you = entry }
        }
        return board
    }
}
