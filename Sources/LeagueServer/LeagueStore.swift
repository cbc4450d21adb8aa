import CoffeeEngine
import CoffeeGame
import Foundation
import LeagueAPI
import Logging
import PostgresNIO

/// A player as the server knows them after checking a token.
struct LeaguePlayer: Sendable, Hashable {
    let id: Int64
    let name: String
}

/// An evaluation the server ran itself, ready to keep.
struct VerifiedSubmission: Sendable {
    let levelHash: String
    let levelLabel: String
    let script: String
    let scriptSize: Int
    let evaluation: Evaluation
    /// Each board metric's mean over the seeds.
    let metrics: [LeagueMetric: Double]
}

extension LeagueMetric {
    /// The `submission` column holding the metric. Only these fixed names ever reach SQL text.
    /// (The objective's is its mean; no league board ranks by it: the routes refuse it.)
    var column: String {
        switch self {
        case .objective: "mean"
        case .profit: "profit"
        case .throughput: "throughput"
        case .served: "served"
        case .leadTime: "lead_time"
        case .valueAdded: "value_added"
        case .waste: "waste"
        case .size: "script_size"
        }
    }

    /// Ascending is always better, so one index ranks every metric.
    func score(_ value: Double) -> Double { higherIsBetter ? -value : value }
}

/// The league's data in PostgreSQL. Every value a client sent is a bound parameter; the only SQL
/// text built at run time is column names from `LeagueMetric.column`.
struct LeagueStore: Sendable {
    let client: PostgresClient
    let logger: Logger
    /// This server's copy of each board's order, for ranks (`BoardRead`).
    let ranks = BoardRanks()
    /// How many of each board's latest standing changes `standing_change` keeps: a submission
    /// deletes the older ones. A server whose copy is further behind meets a gap in the log and
    /// reads the whole board once (`BoardRanks`), so ranks stay exact.
    var changesKept: Int64 = 65_536

    // MARK: Players

    /// Creates a player; nil when the name is taken.
    func createPlayer(name: String, tokenHash: String) async throws -> Int64? {
        let rows = try await client.query("""
            INSERT INTO player (name, token_hash) VALUES (\(name), \(tokenHash))
            ON CONFLICT (name) DO NOTHING RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        return nil
    }

    func player(tokenHash: String) async throws -> LeaguePlayer? {
        let rows = try await client.query("SELECT id, name FROM player WHERE token_hash = \(tokenHash)", logger: logger)
        for try await (id, name) in rows.decode((Int64, String).self) { return LeaguePlayer(id: id, name: name) }
        return nil
    }

    // MARK: Submissions

    /// Keeps a verified submission, its seeds and the player's standings in one statement (so one
    /// round trip and one implicit transaction): after a crash, a submission is there whole or not
    /// at all. A standing moves only to a strictly better (score, id) pair, so concurrent servers
    /// agree on it whatever order their commits land in. Each board whose standing moved gets its
    /// `board_size` row bumped (a first standing adds a player; every change adds a version, the row
    /// locked until commit, so versions commit in order) and the new standing logged in
    /// `standing_change` under that version, which is what `BoardRanks` catches up from; the
    /// board's changes older than its last `changesKept` go.
    func record(player: LeaguePlayer, _ s: VerifiedSubmission) async throws -> (id: Int64, at: Date) {
        let e = s.evaluation
        let m = { (metric: LeagueMetric) in s.metrics[metric] ?? 0 }
        let medal = e.medal?.rawValue ?? 0
        let seeds = e.seeds.map { Int64(bitPattern: $0) }
        let digests = e.results.map(\.digest)
        let finished = e.results.map { $0.status == .finished }
        let failures = e.failures
        let indexes = Array(0..<e.seeds.count)
        let metrics = LeagueMetric.figures
        let names = metrics.map(\.rawValue)
        let values = metrics.map(m)
        let scores = metrics.map { $0.score(m($0)) }
        // A row the standing upsert inserted (xmax 0) is a first standing on that board.
        let rows = try await client.query("""
            WITH sub AS (
                INSERT INTO submission (player_id, level_hash, level_label, engine_version, script, script_size, seeds,
                    failures, first_failure, medal, objective, mean, median, p95,
                    profit, throughput, served, lead_time, value_added, waste)
                VALUES (\(player.id), \(s.levelHash), \(s.levelLabel), \(EngineInfo.version), \(s.script), \(s.scriptSize),
                    \(e.seeds.count), \(failures), \(e.firstFailure), \(medal), \(e.objective), \(e.mean), \(e.median), \(e.p95),
                    \(m(.profit)), \(m(.throughput)), \(m(.served)), \(m(.leadTime)), \(m(.valueAdded)), \(m(.waste)))
                RETURNING id, submitted_at
            ), seed AS (
                INSERT INTO submission_seed (submission_id, index, seed, digest, value, finished)
                SELECT sub.id, t.* FROM sub, unnest(\(indexes)::integer[], \(seeds)::bigint[], \(digests)::text[],
                                                   \(e.values)::float8[], \(finished)::boolean[]) AS t
            ), moved AS (
                INSERT INTO standing AS st (level_hash, metric, player_id, score, value, submission_id)
                SELECT \(s.levelHash), t.metric, \(player.id), t.score, t.value, sub.id
                FROM sub, unnest(\(names)::text[], \(scores)::float8[], \(values)::float8[]) AS t(metric, score, value)
                WHERE \(failures)::integer = 0
                ON CONFLICT (level_hash, metric, player_id) DO UPDATE
                SET score = EXCLUDED.score, value = EXCLUDED.value, submission_id = EXCLUDED.submission_id
                WHERE (EXCLUDED.score, EXCLUDED.submission_id) < (st.score, st.submission_id)
                RETURNING st.metric, st.score, st.submission_id, (st.xmax = 0) AS fresh
            ), board AS (
                INSERT INTO board_size AS b (level_hash, metric, players, version)
                SELECT \(s.levelHash), metric, CASE WHEN fresh THEN 1 ELSE 0 END, 1 FROM moved
                ON CONFLICT (level_hash, metric) DO UPDATE SET players = b.players + EXCLUDED.players, version = b.version + 1
                RETURNING metric, version
            ), logged AS (
                INSERT INTO standing_change (level_hash, metric, version, player_id, score, submission_id)
                SELECT \(s.levelHash), board.metric, board.version, \(player.id), moved.score, moved.submission_id
                FROM board JOIN moved USING (metric)
            ), pruned AS (
                DELETE FROM standing_change c USING board
                WHERE c.level_hash = \(s.levelHash) AND c.metric = board.metric AND c.version <= board.version - \(changesKept)
            )
            SELECT id, submitted_at FROM sub
            """, logger: logger)
        for try await row in rows.decode((Int64, Date).self) { return row }
        throw LeagueStoreError("the database did not return the new submission")
    }

    func detail(id: Int64, publishSeeds: Bool) async throws -> SubmissionDetail? {
        let rows = try await client.query("""
            SELECT p.name, s.level_label, s.level_hash, s.engine_version, s.script, s.objective, s.mean, s.failures,
                   s.medal, s.submitted_at, s.challenge_id IS NOT NULL
            FROM submission s JOIN player p ON p.id = s.player_id WHERE s.id = \(id)
            """, logger: logger)
        var detail: SubmissionDetail?
        // A hand-played shift's seed is its challenge's, issued to the player: never hidden.
        var hand = false
        for try await (name, label, hash, engine, script, objective, mean, failures, medal, at, isHand)
            in rows.decode((String, String, String, String, String, String, Double, Int, Int, Date, Bool).self) {
            hand = isHand
            detail = SubmissionDetail(submission: id, player: name, level: label, levelHash: hash, engineVersion: engine,
                                      script: script, objective: objective, mean: mean, failures: failures,
                                      medal: Medal(rawValue: medal)?.description, submittedAt: at, seeds: [])
        }
        guard var detail else { return nil }
        let seeds = try await client.query("""
            SELECT index, seed, digest, value, finished FROM submission_seed WHERE submission_id = \(id) ORDER BY index
            """, logger: logger)
        for try await (index, seed, digest, value, finished) in seeds.decode((Int, Int64, String, Double, Bool).self) {
            detail.seeds.append(SeedOutcome(index: index, seed: publishSeeds || hand ? UInt64(bitPattern: seed) : nil,
                                            digest: digest, value: value, finished: finished))
        }
        return detail
    }

    // MARK: Boards (the board read itself is `BoardRead`)

    /// Every player's best in `buckets` equal-width buckets, counted by PostgreSQL (`width_bucket`);
    /// the bucket holding `playerId`'s best is marked. A prepared statement (`HistogramRead`).
    func histogram(levelHash: String, metric: LeagueMetric, buckets n: Int, playerId: Int64?) async throws -> LeagueHistogram {
        let read = HistogramRead(levelHash: levelHash, metric: metric.rawValue, buckets: n, playerId: playerId ?? -1)
        var h = LeagueHistogram(metric: metric, lower: 0, upper: 0, counts: Array(repeating: 0, count: n), marked: nil, playerValue: nil)
        for try await (lo, hi, bucket, count, mine) in try await client.execute(read, logger: logger) {
            (h.lower, h.upper) = (lo, hi)
            h.counts[bucket - 1] = count
            if let mine { (h.marked, h.playerValue) = (bucket - 1, mine) }
        }
        return h
    }

    /// The finished evaluations no other beats: dropped when another is at least as good on every
    /// metric and better on one, or equal on all and submitted earlier. Best first by the first metric.
    /// PostgreSQL keeps the earliest of each distinct vector of values and sorts them (O(n log n));
    /// `ParetoFront` sweeps the sorted list once.
    func pareto(levelHash: String, level: String, metrics: [LeagueMetric]) async throws -> LeaguePareto {
        let columns = metrics.map { "s.\($0.column)::float8" }.joined(separator: ", ")
        let order = metrics.map { "s.\($0.column)::float8 \($0.higherIsBetter ? "DESC" : "ASC")" }.joined(separator: ", ")
        let rows = try await client.query("""
            SELECT DISTINCT ON (\(unescaped: columns)) s.id, p.name, s.medal, ARRAY[\(unescaped: columns)]
            FROM submission s JOIN player p ON p.id = s.player_id
            WHERE s.level_hash = \(levelHash) AND s.failures = 0 AND s.challenge_id IS NULL
            ORDER BY \(unescaped: order), s.id
            """, logger: logger)
        var candidates: [LeagueParetoEntry] = []
        var scores: [[Double]] = []
        for try await (id, name, medal, vals) in rows.decode((Int64, String, Int, [Double]).self) {
            candidates.append(LeagueParetoEntry(submission: id, player: name, medal: Medal(rawValue: medal)?.description, values: vals))
            scores.append(zip(metrics, vals).map { $0.score($1) })
        }
        let entries = ParetoFront.indices(sorted: scores).map { candidates[$0] }
        return LeaguePareto(level: level, metrics: metrics, entries: entries)
    }

    /// Whether the database answers: the readiness probe.
    func ping() async throws {
        try await client.query("SELECT 1", logger: logger)
    }
}

/// A board's histogram: every standing's value in `buckets` equal-width buckets between the
/// board's lowest and highest, and the value of `playerId`'s standing (-1: nobody's).
struct HistogramRead: PostgresPreparedStatement {
    static let name = "histogram_v1"
    static let sql = """
        WITH s AS (SELECT value, player_id FROM standing WHERE level_hash = $1 AND metric = $2),
             r AS (SELECT min(value) AS lo, max(value) AS hi FROM s)
        SELECT r.lo, r.hi,
               CASE WHEN r.hi = r.lo THEN 1 ELSE least(width_bucket(s.value, r.lo, r.hi, $3::integer), $3::integer) END AS bucket,
               count(*), max(s.value) FILTER (WHERE s.player_id = $4)
        FROM s CROSS JOIN r
        GROUP BY r.lo, r.hi, bucket ORDER BY bucket
        """
    static let bindingDataTypes: [PostgresDataType] = [.text, .text, .int4, .int8]
    typealias Row = (Double, Double, Int, Int, Double?)

    let levelHash: String
    let metric: String
    let buckets: Int
    let playerId: Int64

    func makeBindings() throws -> PostgresBindings {
        var b = PostgresBindings(capacity: 4)
        b.append(levelHash)
        b.append(metric)
        b.append(Int32(buckets))
        b.append(playerId)
        return b
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// The database answered something the server cannot use.
struct LeagueStoreError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
