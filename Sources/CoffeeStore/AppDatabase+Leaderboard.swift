import Foundation
import GRDB

/// One player's best run on a level, ranked by one metric.
public struct LeaderboardEntry: Sendable, Hashable, Encodable {
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
public struct Leaderboard: Sendable, Hashable, Encodable {
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
public struct Histogram: Sendable, Hashable, Encodable {
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
public struct LevelSummary: Sendable, Hashable, Encodable {
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
public struct ParetoRun: Sendable, Hashable, Encodable {
    public var runId: Int64
    public var player: PlayerName
    public var medal: Medal
    /// The run's value for each metric the front was computed on, in the order asked.
    public var values: [Double]
    public var recordedAt: Date
}

// MARK: - Leaderboard queries

extension AppDatabase {
    /// Best finished run per player on the level, ranked by `metric`. Served by the `ranking`
    /// table, keyed `(levelId, metric, score, runId)`: the cost grows with `limit` (and with the
    /// player's rank, counted for `you`), not with the number of runs.
    public func leaderboard(levelHash: String, metric: LeaderboardMetric, limit: Int? = 20, player: PlayerName? = nil) throws(StoreError) -> Leaderboard {
        try read { db in
            let level = try Self.level(hash: levelHash, db: db)
            return try Self.leaderboard(level: level, metric: metric, limit: limit, player: player, db: db)
        }
    }

    static func leaderboard(level: LevelKey, metric: LeaderboardMetric, limit: Int?, player: PlayerName?, db: Database) throws -> Leaderboard {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT ranking.score, ranking.runId, player.name, run.medal, run.scriptSize, run.recordedAt
            FROM ranking
            JOIN player ON player.id = ranking.playerId
            JOIN run ON run.id = ranking.runId
            WHERE ranking.levelId = ? AND ranking.metric = ?
            ORDER BY ranking.score, ranking.runId
            LIMIT ?
            """), arguments: [level.id, metric.code, limit ?? -1])
        let entries = try rows.enumerated().map { i, row in
            LeaderboardEntry(
                rank: i + 1, player: PlayerName(stored: try row.decode(atIndex: 2)), value: metric.value(fromScore: try row.decode(atIndex: 0)), runId: try row.decode(atIndex: 1),
                medal: Medal(rawValue: try row.decode(atIndex: 3)) ?? .none, scriptSize: try row.decode(atIndex: 4), recordedAt: Clock.date(try row.decode(atIndex: 5)))
        }
        var you: LeaderboardEntry?
        if let player {
            if let mine = entries.first(where: { $0.player == player }) {
                you = mine
            } else if let playerId = try playerId(player, db: db, create: false),
                      var mine = try standingEntry(level: level.id, playerId: playerId, metric: metric, db: db) {
                mine.rank = try rank(score: metric.score(mine.value), runId: mine.runId, level: level.id, metric: metric, db: db)
                you = mine
            }
        }
        return Leaderboard(level: level.ref, metric: metric, playerCount: level.players, entries: entries, you: you)
    }

    /// The player's standing run for `metric` on the level, unranked (rank 0).
    static func standingEntry(level: Int64, playerId: Int64, metric: LeaderboardMetric, db: Database) throws -> LeaderboardEntry? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT run.id, run.\(metric.runColumn), player.name, run.medal, run.scriptSize, run.recordedAt
            FROM standing
            JOIN run ON run.id = standing.\(metric.standingColumn)
            JOIN player ON player.id = standing.playerId
            WHERE standing.levelId = ? AND standing.playerId = ?
            """), arguments: [level, playerId])
        else { return nil }
        return LeaderboardEntry(
            rank: 0, player: PlayerName(stored: try row.decode(atIndex: 2)), value: try row.decode(atIndex: 1), runId: try row.decode(atIndex: 0),
            medal: Medal(rawValue: try row.decode(atIndex: 3)) ?? .none, scriptSize: try row.decode(atIndex: 4), recordedAt: Clock.date(try row.decode(atIndex: 5)))
    }

    /// 1 + the entries ahead: a better score, or the same score from an earlier run.
    /// Two range counts on the ranking key; an `OR` of both would make SQLite walk the level.
    static func rank(score: Double, runId: Int64, level: Int64, metric: LeaderboardMetric, db: Database) throws -> Int {
        let better = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM ranking WHERE levelId = ? AND metric = ? AND score < ?"),
                                      arguments: [level, metric.code, score]) ?? 0
        let tied = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM ranking WHERE levelId = ? AND metric = ? AND score = ? AND runId < ?"),
                                    arguments: [level, metric.code, score, runId]) ?? 0
        return better + tied + 1
    }

    /// All players' bests on `metric` in `buckets` equal-width buckets, with `player`'s bucket marked.
    /// Bucket `i` holds values from `lower + (upper − lower)·i/n` up to, not including, the next edge
    /// (the last bucket includes `upper`). Each bucket is one range count on the ranking index, so
    /// the cost is one pass over the level's players and no sorting.
    public func histogram(levelHash: String, metric: LeaderboardMetric, buckets: Int = 10, player: PlayerName? = nil) throws(StoreError) -> Histogram {
        let n = max(1, buckets)
        return try read { db in
            let level = try Self.level(hash: levelHash, db: db)
            let args: StatementArguments = [level.id, metric.code]
            let lowest = try Double.fetchOne(db.cachedStatement(sql: "SELECT score FROM ranking WHERE levelId = ? AND metric = ? ORDER BY score LIMIT 1"), arguments: args)
            let highest = try Double.fetchOne(db.cachedStatement(sql: "SELECT score FROM ranking WHERE levelId = ? AND metric = ? ORDER BY score DESC LIMIT 1"), arguments: args)
            guard let lowest, let highest else {
                return Histogram(metric: metric, lower: 0, upper: 0, counts: Array(repeating: 0, count: n))
            }
            let a = metric.value(fromScore: lowest), b = metric.value(fromScore: highest)
            let lower = min(a, b), upper = max(a, b)
            // Edges in value space; the last is exactly `upper` so rounding cannot drop the maximum.
            let edges = (0...n).map { i in i == n ? upper : lower + (upper - lower) * Double(i) / Double(n) }
            func bucket(of value: Double) -> Int {
                var i = 0
                while i < n - 1 && value >= edges[i + 1] { i += 1 }
                return i
            }
            // Value range [lo, hi) is score range [lo, hi) for lower-is-better metrics and
            // (−hi, −lo] for higher-is-better ones (score = −value).
            let ascending = try db.cachedStatement(sql: "SELECT count(*) FROM ranking WHERE levelId = ? AND metric = ? AND score >= ? AND score < ?")
            let descending = try db.cachedStatement(sql: "SELECT count(*) FROM ranking WHERE levelId = ? AND metric = ? AND score > ? AND score <= ?")
            let lastAscending = try db.cachedStatement(sql: "SELECT count(*) FROM ranking WHERE levelId = ? AND metric = ? AND score >= ? AND score <= ?")
            var counts: [Int] = []
            for i in 0..<n where upper > lower {
                let lo = edges[i], hi = edges[i + 1]
                let count: Int?
                if metric.higherIsBetter {
                    // The last bucket includes `upper`, i.e. score −upper: use >= on that side.
                    count = i == n - 1
                        ? try Int.fetchOne(lastAscending, arguments: args + [-hi, -lo])
                        : try Int.fetchOne(descending, arguments: args + [-hi, -lo])
                } else {
                    count = i == n - 1
                        ? try Int.fetchOne(lastAscending, arguments: args + [lo, hi])
                        : try Int.fetchOne(ascending, arguments: args + [lo, hi])
                }
                counts.append(count ?? 0)
            }
            if upper == lower {
                // One value for everyone: a single full bucket, at the left.
                counts = [level.players] + Array(repeating: 0, count: n - 1)
            }
            var histogram = Histogram(metric: metric, lower: lower, upper: upper, counts: counts)
            if let player, let playerId = try Self.playerId(player, db: db, create: false),
               let mine = try Self.standingEntry(level: level.id, playerId: playerId, metric: metric, db: db) {
                let value = mine.value
                histogram.marked = upper == lower ? 0 : bucket(of: value)
                histogram.playerValue = value
            }
            return histogram
        }
    }

    /// For every level: the leader, the player's best and rank on `metric`, and how many runs they made.
    public func summary(player: PlayerName, metric: LeaderboardMetric = .profit) throws(StoreError) -> [LevelSummary] {
        try read { db in
            let levels = try LevelRow.order(LevelRow.Columns.number, LevelRow.Columns.title).fetchAll(db)
            let playerId = try Self.playerId(player, db: db, create: false)
            return try levels.map { row in
                let key = LevelKey(id: row.id, ref: LevelRef(hash: row.hash, title: row.title, number: row.number), players: row.players)
                let board = try Self.leaderboard(level: key, metric: metric, limit: 1, player: player, db: db)
                let runs = try playerId.map {
                    try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM run WHERE playerId = ? AND levelId = ?"), arguments: [$0, key.id]) ?? 0
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
        let k = metrics.count
        return try read { db in
            let level = try Self.level(hash: levelHash, db: db)
            let columns = metrics.map(\.runColumn).joined(separator: ", ")
            // Ids and scores only, in flat arrays: a level can have tens of thousands of runs.
            var ids: [Int64] = []
            var scores: [Double] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, \(columns) FROM run WHERE levelId = ? AND failure IS NULL",
                                             arguments: [level.id])
            while let row = try cursor.next() {
                ids.append(try row.decode(atIndex: 0))
                for (i, m) in metrics.enumerated() { scores.append(m.score(try row.decode(atIndex: 1 + i))) }
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
                SELECT player.name, run.medal, run.recordedAt, \(metrics.map { "run." + $0.runColumn }.joined(separator: ", "))
                FROM run JOIN player ON player.id = run.playerId WHERE run.id = ?
                """)
            return try front.compactMap { c -> ParetoRun? in
                guard let row = try Row.fetchOne(details, arguments: [ids[c]]) else { return nil }
                return ParetoRun(runId: ids[c], player: PlayerName(stored: try row.decode(atIndex: 0)), medal: Medal(rawValue: try row.decode(atIndex: 1)) ?? .none,
                                 values: try (0..<k).map { try row.decode(atIndex: 3 + $0) }, recordedAt: Clock.date(try row.decode(atIndex: 2)))
            }
        }
    }
}
