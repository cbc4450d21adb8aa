import Foundation
import GRDB

/// One player's best run on a level, ranked by one metric.
public struct LeaderboardEntry: Sendable, Hashable {
    /// 1-based. Equal values are ordered by run id: the run recorded first ranks higher.
    public var rank: Int
    public var player: PlayerName
    /// The metric's value (cents for money, ticks for time, a ratio for value-added).
    public var value: Double
    public var runId: Int64
    public var medal: Medal
    public var scriptSize: Int
    public var recordedAt: Date
}

/// The best result per player on one level and metric, best first.
public struct Leaderboard: Sendable, Hashable {
    public var level: LevelRef
    public var metric: LeaderboardMetric
    /// Players with a finished run on the level.
    public var playerCount: Int
    /// The top of the board (at most the limit asked for).
    public var entries: [LeaderboardEntry]
    /// The asked-for player's entry wherever it ranks; `nil` if they have no finished run here.
    public var you: LeaderboardEntry?
}

/// All players' bests on one metric, in equal-width buckets of value from `lower` to `upper`
/// (ascending value, whatever the metric's direction), as Zachtronics games draw them.
public struct Histogram: Sendable, Hashable {
    public var metric: LeaderboardMetric
    public var lower: Double
    public var upper: Double
    public var counts: [Int]
    /// The bucket holding the asked-for player's best, if they have one.
    public var marked: Int?
    public var playerValue: Double?

    public var total: Int { counts.reduce(0, +) }

    /// The values bucket `index` covers; the last bucket includes `upper`.
    public func range(of index: Int) -> ClosedRange<Double> {
        let width = (upper - lower) / Double(counts.count)
        let low = lower + width * Double(index)
        return low...(index == counts.count - 1 ? upper : lower + width * Double(index + 1))
    }
}

/// A level at a glance for one player.
public struct LevelSummary: Sendable, Hashable {
    public var level: LevelRef
    public var metric: LeaderboardMetric
    public var playerCount: Int
    public var leader: LeaderboardEntry?
    /// The player's best and rank, `nil` if they have no finished run here.
    public var you: LeaderboardEntry?
    /// The player's runs on the level, finished or not.
    public var yourRuns: Int
}

/// A run on the Pareto front: no other run is at least as good on every metric and better on one.
public struct ParetoRun: Sendable, Hashable {
    public var runId: Int64
    public var player: PlayerName
    public var medal: Medal
    /// The run's value for each metric the front was computed on, in the order asked.
    public var values: [Double]
    public var recordedAt: Date
}

// MARK: - Leaderboard queries

extension AppDatabase {
    /// Best finished run per player on the level, ranked by `metric`. Served by the `best` table
    /// and its `(levelId, metric, score, runId)` index: the cost grows with `limit`, not with runs.
    public func leaderboard(levelHash: String, metric: LeaderboardMetric, limit: Int? = 20, player: PlayerName? = nil) throws(StoreError) -> Leaderboard {
        try read { db in
            let level = try Self.level(hash: levelHash, db: db)
            return try Self.leaderboard(level: level, metric: metric, limit: limit, player: player, db: db)
        }
    }

    static func leaderboard(level: LevelKey, metric: LeaderboardMetric, limit: Int?, player: PlayerName?, db: Database) throws -> Leaderboard {
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM best WHERE levelId = ? AND metric = ?",
                                     arguments: [level.id, metric.code]) ?? 0
        let rows = try Row.fetchAll(db, sql: entrySQL + """
             WHERE best.levelId = ? AND best.metric = ?
             ORDER BY best.score, best.runId
             LIMIT ?
            """, arguments: [level.id, metric.code, limit ?? -1])
        let entries = rows.enumerated().map { entry(rank: $0.offset + 1, row: $0.element, metric: metric) }
        var you: LeaderboardEntry?
        if let player, let playerId = try playerId(player, db: db, create: false) {
            if let mine = entries.first(where: { $0.player == player }) {
                you = mine
            } else if let row = try Row.fetchOne(db, sql: entrySQL + " WHERE best.levelId = ? AND best.playerId = ? AND best.metric = ?",
                                                 arguments: [level.id, playerId, metric.code]) {
                let score: Double = row["score"]
                let runId: Int64 = row["runId"]
                let better = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM best
                    WHERE levelId = ? AND metric = ? AND (score < ? OR (score = ? AND runId < ?))
                    """, arguments: [level.id, metric.code, score, score, runId]) ?? 0
                you = entry(rank: better + 1, row: row, metric: metric)
            }
        }
        return Leaderboard(level: level.ref, metric: metric, playerCount: count, entries: entries, you: you)
    }

    private static let entrySQL = """
        SELECT best.score, best.runId, player.name, run.medal, run.scriptSize, run.recordedAt
        FROM best
        JOIN player ON player.id = best.playerId
        JOIN run ON run.id = best.runId
        """

    private static func entry(rank: Int, row: Row, metric: LeaderboardMetric) -> LeaderboardEntry {
        LeaderboardEntry(
            rank: rank, player: PlayerName(stored: row["name"]), value: metric.value(fromScore: row["score"]),
            runId: row["runId"], medal: Medal(rawValue: row["medal"]) ?? .none, scriptSize: row["scriptSize"],
            recordedAt: Clock.date(row["recordedAt"]))
    }

    /// All players' bests on `metric` in `buckets` equal-width buckets, with `player`'s bucket marked.
    /// Counted in SQL over the ranking index; an empty board has `lower == upper == 0` and zero counts.
    public func histogram(levelHash: String, metric: LeaderboardMetric, buckets: Int = 10, player: PlayerName? = nil) throws(StoreError) -> Histogram {
        let n = max(1, buckets)
        return try read { db in
            let level = try Self.level(hash: levelHash, db: db)
            // value = sign · score turns the stored score back into the metric's value.
            let sign = metric.higherIsBetter ? -1.0 : 1.0
            let args: StatementArguments = [level.id, metric.code]
            let bounds = try Row.fetchOne(db, sql: "SELECT min(score), max(score) FROM best WHERE levelId = ? AND metric = ?", arguments: args)
            guard let a = bounds?[0] as Double?, let b = bounds?[1] as Double? else {
                return Histogram(metric: metric, lower: 0, upper: 0, counts: Array(repeating: 0, count: n))
            }
            let lower = min(sign * a, sign * b), upper = max(sign * a, sign * b)
            // Equal-width buckets; every value equal → all in bucket 0.
            let bucketSQL = "min(\(n - 1), CAST(((? * score - ?) * \(n)) / max(? - ?, 1e-300) AS INTEGER))"
            let bucketArgs: StatementArguments = [sign, lower, upper, lower]
            var counts = Array(repeating: 0, count: n)
            for row in try Row.fetchAll(db, sql: "SELECT \(bucketSQL) AS bucket, count(*) FROM best WHERE levelId = ? AND metric = ? GROUP BY bucket",
                                        arguments: bucketArgs + args) {
                let index: Int = row[0]
                counts[max(0, min(n - 1, index))] += row[1] as Int
            }
            var histogram = Histogram(metric: metric, lower: lower, upper: upper, counts: counts)
            if let player, let playerId = try Self.playerId(player, db: db, create: false),
               let row = try Row.fetchOne(db, sql: "SELECT \(bucketSQL), score FROM best WHERE levelId = ? AND metric = ? AND playerId = ?",
                                          arguments: bucketArgs + args + [playerId]) {
                let index: Int = row[0]
                histogram.marked = max(0, min(n - 1, index))
                histogram.playerValue = metric.value(fromScore: row[1])
            }
            return histogram
        }
    }

    /// For every level: the leader, the player's best and rank on `metric`, and how many runs they made.
    public func summary(player: PlayerName, metric: LeaderboardMetric = .profit) throws(StoreError) -> [LevelSummary] {
        try read { db in
            let levels = try LevelRow.order(LevelRow.Columns.number, Column("title")).fetchAll(db)
            let playerId = try Self.playerId(player, db: db, create: false)
            return try levels.map { row in
                let key = LevelKey(id: row.id ?? 0, ref: LevelRef(hash: row.hash, title: row.title, number: row.number))
                let board = try Self.leaderboard(level: key, metric: metric, limit: 1, player: player, db: db)
                let runs = try playerId.map {
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM run WHERE playerId = ? AND levelId = ?", arguments: [$0, key.id]) ?? 0
                } ?? 0
                return LevelSummary(level: key.ref, metric: metric, playerCount: board.playerCount,
                                    leader: board.entries.first, you: board.you, yourRuns: runs)
            }
        }
    }

    /// The finished runs on the level that no other run beats: a run is dropped when another is
    /// at least as good on every metric in `metrics` and strictly better on one, or has exactly the
    /// same values and was recorded earlier. Ordered best first by the first metric, then the next.
    public func pareto(levelHash: String, metrics: [LeaderboardMetric] = LeaderboardMetric.paretoDefault) throws(StoreError) -> [ParetoRun] {
        let metrics = metrics.isEmpty ? LeaderboardMetric.paretoDefault : metrics
        return try read { db in
            let level = try Self.level(hash: levelHash, db: db)
            let columns = metrics.map { "run." + $0.runColumn }.joined(separator: ", ")
            let rows = try Row.fetchAll(db, sql: """
                SELECT run.id, player.name, run.medal, run.recordedAt, \(columns)
                FROM run JOIN player ON player.id = run.playerId
                WHERE run.levelId = ? AND run.status = ?
                """, arguments: [level.id, RunInput.finished])
            struct Candidate {
                var row: Row
                var id: Int64
                var scores: [Double]
            }
            var candidates = rows.map { row in
                Candidate(row: row, id: row[0], scores: metrics.enumerated().map { i, m in m.score(row[4 + i]) })
            }
            // Lexicographic order puts every dominator (and every earlier twin) before what it beats,
            // so checking against the front found so far is enough.
            candidates.sort { a, b in
                a.scores != b.scores ? a.scores.lexicographicallyPrecedes(b.scores) : a.id < b.id
            }
            var front: [Candidate] = []
            for c in candidates where !front.contains(where: { f in zip(f.scores, c.scores).allSatisfy { $0 <= $1 } }) {
                front.append(c)
            }
            return front.map { c in
                ParetoRun(runId: c.id, player: PlayerName(stored: c.row[1]), medal: Medal(rawValue: c.row[2]) ?? .none,
                          values: metrics.enumerated().map { i, _ in c.row[4 + i] }, recordedAt: Clock.date(c.row[3]))
            }
        }
    }
}
