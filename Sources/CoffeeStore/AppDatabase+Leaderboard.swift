import CoffeeGame
import Foundation
import GRDB

/// One player's best evaluation on a level, ranked by one metric.
public struct LeaderboardEntry: Sendable, Hashable, Encodable {
    /// 1-based. Equal scores are ordered by evaluation id: the one recorded first ranks higher.
    public var rank: Int
    public var player: PlayerName
    /// The metric's mean over the evaluation's seeds (cents for money, ticks for time, a ratio for
    /// value-added); for the objective, the mean that earned the medal.
    public var value: Double
    public var evaluationId: Int64
    public var medal: Medal
    public var scriptSize: Int
    /// The level's objective the evaluation was judged by, e.g. `max profit`.
    public var objective: String
    public var seedCount: Int
    public var recordedAt: Date

    /// The value as a player reads it: the objective in the unit of the level's metric.
    public func formatted(_ metric: LeaderboardMetric) -> String { metric.format(value, objective: objective) }
}

/// The best evaluation per player on one level and metric, best first.
public struct Leaderboard: Sendable, Hashable, Encodable {
    public var level: LevelRef
    public var metric: LeaderboardMetric
    /// Players with a finished evaluation on the level.
    public var playerCount: Int
    /// The top of the board (at most the limit asked for).
    public var entries: [LeaderboardEntry]
    /// The asked-for player's entry wherever it ranks; `nil` if they have no finished evaluation here.
    public var you: LeaderboardEntry?
}

/// All players' bests on one metric, in equal-width buckets of value from `lower` to `upper`
/// (ascending value, whatever the metric's direction), as Zachtronics games draw them. When every
/// best is the same value there is one bucket.
public struct Histogram: Sendable, Hashable, Encodable {
    public var metric: LeaderboardMetric
    /// The objective the values are in, for formatting (`max profit`); empty when there are none.
    public var objective: String
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

    /// Buckets of `values` (each player's best) with `mine` marked.
    init(metric: LeaderboardMetric, objective: String, values: [Double], buckets: Int, mine: Double?) {
        self.metric = metric
        self.objective = objective
        let lower = values.min() ?? 0, upper = values.max() ?? 0
        let n = upper > lower ? Swift.max(1, buckets) : 1
        func bucket(_ v: Double) -> Int {
            guard upper > lower else { return 0 }
            return Swift.min(n - 1, Swift.max(0, Int(((v - lower) / (upper - lower) * Double(n)).rounded(.down))))
        }
        var counts = Array(repeating: 0, count: n)
        for v in values { counts[bucket(v)] += 1 }
        if values.isEmpty { counts = Array(repeating: 0, count: Swift.max(1, buckets)) }
        self.lower = lower
        self.upper = upper
        self.counts = counts
        marked = mine.map(bucket)
        playerValue = mine
    }
}

/// A level at a glance for one player.
public struct LevelSummary: Sendable, Hashable, Encodable {
    public var level: LevelRef
    public var metric: LeaderboardMetric
    public var playerCount: Int
    public var leader: LeaderboardEntry?
    /// The player's best and rank, `nil` if they have no finished evaluation here.
    public var you: LeaderboardEntry?
    /// The player's evaluations on the level, finished or not.
    public var yourEvaluations: Int
}

/// An evaluation on the Pareto front: no other is at least as good on every metric and better on one.
public struct ParetoEntry: Sendable, Hashable, Encodable {
    public var evaluationId: Int64
    public var player: PlayerName
    public var medal: Medal
    /// The evaluation's mean for each metric the front was computed on, in the order asked.
    public var values: [Double]
    public var recordedAt: Date
}

// MARK: - Leaderboard queries (evaluations only: practice runs do not rank)

extension AppDatabase {
    /// Best finished evaluation per player on the level, ranked by `metric`. Served by the
    /// `evaluationRanking` table, keyed `(levelId, metric, score, evaluationId)`: the cost grows
    /// with `limit` (and with the player's rank, counted for `you`), not with the number of evaluations.
    public func leaderboard(levelHash: String, metric: LeaderboardMetric = .objective, limit: Int? = 20,
                            player: PlayerName? = nil) throws(StoreError) -> Leaderboard {
        try read { db in
            let level = try Self.level(hash: levelHash, db: db)
            return try Self.leaderboard(level: level, metric: metric, limit: limit, player: player, db: db)
        }
    }

    /// The columns of an entry, after `score` and `evaluationId`.
    private static func entryColumns(_ metric: LeaderboardMetric) -> String {
        "player.name, evaluation.medal, evaluation.scriptSize, evaluation.recordedAt, evaluation.\(metric.runColumn), evaluation.objective, evaluation.seedCount"
    }

    private static func entry(_ row: Row, rank: Int) throws -> LeaderboardEntry {
        try LeaderboardEntry(rank: rank, player: PlayerName(stored: row.decode(atIndex: 2)), value: row.decode(atIndex: 6), evaluationId: row.decode(atIndex: 1),
                         medal: Medal(rawValue: row.decode(atIndex: 3)) ?? .none, scriptSize: row.decode(atIndex: 4), objective: row.decode(atIndex: 7),
                         seedCount: row.decode(atIndex: 8), recordedAt: Clock.date(row.decode(atIndex: 5)))
    }

    static func leaderboard(level: LevelKey, metric: LeaderboardMetric, limit: Int?, player: PlayerName?, db: Database) throws -> Leaderboard {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.score, r.evaluationId, \(entryColumns(metric))
            FROM evaluationRanking r
            JOIN player ON player.id = r.playerId
            JOIN evaluation ON evaluation.id = r.evaluationId
            WHERE r.levelId = ? AND r.metric = ?
            ORDER BY r.score, r.evaluationId
            LIMIT ?
            """), arguments: [level.id, metric.code, limit ?? -1])
        let entries = try rows.enumerated().map { i, row in try entry(row, rank: i + 1) }
        var you: LeaderboardEntry?
        if let player {
            if let mine = entries.first(where: { $0.player == player }) {
                you = mine
            } else if let playerId = try playerId(player, db: db, create: false),
                      let (score, mine) = try standingEntry(level: level.id, playerId: playerId, metric: metric, db: db) {
                var ranked = mine
                ranked.rank = try rank(score: score, evaluationId: mine.evaluationId, level: level.id, metric: metric, db: db)
                you = ranked
            }
        }
        return Leaderboard(level: level.ref, metric: metric, playerCount: level.players, entries: entries, you: you)
    }

    /// The player's standing evaluation for `metric` on the level and its score, unranked (rank 0).
    static func standingEntry(level: Int64, playerId: Int64, metric: LeaderboardMetric, db: Database) throws -> (Double, LeaderboardEntry)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT r.score, r.evaluationId, \(entryColumns(metric))
            FROM evaluationStanding s
            JOIN evaluationRanking r ON r.levelId = s.levelId AND r.metric = s.metric AND r.evaluationId = s.evaluationId
            JOIN evaluation ON evaluation.id = s.evaluationId
            JOIN player ON player.id = s.playerId
            WHERE s.levelId = ? AND s.playerId = ? AND s.metric = ?
            """), arguments: [level, playerId, metric.code])
        else { return nil }
        return try (row.decode(atIndex: 0), entry(row, rank: 0))
    }

    /// 1 + the entries ahead: a better score, or the same score from an earlier evaluation.
    /// Two range counts on the ranking key; an `OR` of both would make SQLite walk the level.
    static func rank(score: Double, evaluationId: Int64, level: Int64, metric: LeaderboardMetric, db: Database) throws -> Int {
        let better = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM evaluationRanking WHERE levelId = ? AND metric = ? AND score < ?"),
                                      arguments: [level, metric.code, score]) ?? 0
        let tied = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM evaluationRanking WHERE levelId = ? AND metric = ? AND score = ? AND evaluationId < ?"),
                                    arguments: [level, metric.code, score, evaluationId]) ?? 0
        return better + tied + 1
    }

    /// All players' bests on `metric` in `buckets` equal-width buckets, with `player`'s bucket marked.
    /// Bucket `i` holds values from `lower + (upper − lower)·i/n` up to, not including, the next edge
    /// (the last bucket includes `upper`); one bucket when every best is the same. One pass over the
    /// level's standing evaluations, no sorting.
    public func histogram(levelHash: String, metric: LeaderboardMetric = .objective, buckets: Int = 10,
                          player: PlayerName? = nil) throws(StoreError) -> Histogram {
        try read { db in
            let level = try Self.level(hash: levelHash, db: db)
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT evaluation.\(metric.runColumn), s.playerId, evaluation.objective
                FROM evaluationStanding s JOIN evaluation ON evaluation.id = s.evaluationId
                WHERE s.levelId = ? AND s.metric = ?
                """), arguments: [level.id, metric.code])
            let me = try player.flatMap { try Self.playerId($0, db: db, create: false) }
            var values: [Double] = []
            var mine: Double?
            for row in rows {
                let value: Double = try row.decode(atIndex: 0)
                values.append(value)
                if try row.decode(Int64.self, atIndex: 1) == me { mine = value }
            }
            let objective: String = try rows.first.map { try $0.decode(atIndex: 2) } ?? ""
            return Histogram(metric: metric, objective: objective, values: values, buckets: buckets, mine: mine)
        }
    }

    /// For every level: the leader, the player's best and rank on `metric`, and how many evaluations they made.
    public func summary(player: PlayerName, metric: LeaderboardMetric = .objective) throws(StoreError) -> [LevelSummary] {
        try read { db in
            let levels = try LevelRow.order(LevelRow.Columns.number, LevelRow.Columns.title).fetchAll(db)
            let playerId = try Self.playerId(player, db: db, create: false)
            return try levels.map { row in
                let key = LevelKey(id: row.id, ref: LevelRef(hash: row.hash, title: row.title, number: row.number), players: row.players)
                let board = try Self.leaderboard(level: key, metric: metric, limit: 1, player: player, db: db)
                let evaluations = try playerId.map {
                    try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM evaluation WHERE playerId = ? AND levelId = ?"),
                                     arguments: [$0, key.id]) ?? 0
                } ?? 0
                return LevelSummary(level: key.ref, metric: metric, playerCount: board.playerCount,
                                    leader: board.entries.first, you: board.you, yourEvaluations: evaluations)
            }
        }
    }

    /// The finished evaluations on the level that no other beats: one is dropped when another is at
    /// least as good on every metric in `metrics` and strictly better on one, or has exactly the
    /// same values and was recorded earlier. Ordered best first by the first metric, then the next.
    public func pareto(levelHash: String, metrics: [LeaderboardMetric] = LeaderboardMetric.paretoDefault) throws(StoreError) -> [ParetoEntry] {
        let metrics = metrics.filter { $0 != .objective }.isEmpty ? LeaderboardMetric.paretoDefault : metrics.filter { $0 != .objective }
        let k = metrics.count
        return try read { db in
            let level = try Self.level(hash: levelHash, db: db)
            let columns = metrics.map(\.runColumn).joined(separator: ", ")
            var ids: [Int64] = []
            var scores: [Double] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, \(columns) FROM evaluation WHERE levelId = ? AND failures = 0",
                                             arguments: [level.id])
            while let row = try cursor.next() {
                try ids.append(row.decode(atIndex: 0))
                for (i, m) in metrics.enumerated() { try scores.append(m.score(row.decode(atIndex: 1 + i))) }
            }
            func score(_ c: Int, _ i: Int) -> Double { scores[c * k + i] }
            // Lexicographic order puts every dominator (and every earlier twin) before what it beats,
            // so checking against the front found so far is enough.
            let order = ids.indices.sorted { a, b in
                for i in 0..<k where score(a, i) != score(b, i) { return score(a, i) < score(b, i) }
                return ids[a] < ids[b]
            }
            var front: [Int] = []
            for c in order where !front.contains(where: { f in (0..<k).allSatisfy { score(f, $0) <= score(c, $0) } }) {
                front.append(c)
            }
            let details = try db.cachedStatement(sql: """
                SELECT player.name, evaluation.medal, evaluation.recordedAt, \(metrics.map { "evaluation." + $0.runColumn }.joined(separator: ", "))
                FROM evaluation JOIN player ON player.id = evaluation.playerId WHERE evaluation.id = ?
                """)
            return try front.compactMap { c -> ParetoEntry? in
                guard let row = try Row.fetchOne(details, arguments: [ids[c]]) else { return nil }
                return try ParetoEntry(evaluationId: ids[c], player: PlayerName(stored: row.decode(atIndex: 0)),
                                       medal: Medal(rawValue: row.decode(atIndex: 1)) ?? .none,
                                       values: (0..<k).map { try row.decode(atIndex: 3 + $0) }, recordedAt: Clock.date(row.decode(atIndex: 2)))
            }
        }
    }
}
