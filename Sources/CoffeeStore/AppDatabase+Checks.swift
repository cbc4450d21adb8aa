import Foundation
import GRDB

// MARK: - Checking a save file (tests, `barista doctor`)

extension AppDatabase {
    /// `PRAGMA integrity_check`: reads every page, so it takes a while on a big file.
    /// Returns SQLite's findings; `["ok"]` for a sound file.
    public func integrityCheck() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Recomputes the leaderboard tables (`standing`, `ranking`, `level.players`) from the runs
    /// and lists every difference; empty when they agree. Reads every finished run.
    public func consistencyProblems() throws(StoreError) -> [String] {
        try read { db in
            struct Key: Hashable {
                var level: Int64
                var player: Int64
            }
            let metrics = LeaderboardMetric.allCases
            // The expected standing: per level and player, per metric, the best score and earliest run.
            var expected: [Key: [(score: Double, run: Int64)]] = [:]
            let runs = try Row.fetchCursor(db, sql: """
                SELECT levelId, playerId, id, \(metrics.map(\.runColumn).joined(separator: ", "))
                FROM run WHERE failure IS NULL ORDER BY id
                """)
            while let row = try runs.next() {
                let key = Key(level: try row.decode(atIndex: 0), player: try row.decode(atIndex: 1))
                let id: Int64 = try row.decode(atIndex: 2)
                let scores = try metrics.enumerated().map { i, m in (score: m.score(try row.decode(atIndex: 3 + i)), run: id) }
                if let current = expected[key] {
                    expected[key] = zip(current, scores).map { $1.score < $0.score ? $1 : $0 }
                } else {
                    expected[key] = scores
                }
            }
            var problems: [String] = []
            var actualStanding: [Key: [Int64]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT levelId, playerId, \(metrics.map(\.standingColumn).joined(separator: ", ")) FROM standing") {
                actualStanding[Key(level: try row.decode(atIndex: 0), player: try row.decode(atIndex: 1))] = try metrics.indices.map { try row.decode(atIndex: 2 + $0) }
            }
            for (key, best) in expected where actualStanding[key] != best.map(\.run) {
                problems.append("standing of player \(key.player) on level \(key.level): \(actualStanding[key].map { "\($0)" } ?? "missing"), expected \(best.map(\.run))")
            }
            for key in actualStanding.keys where expected[key] == nil {
                problems.append("standing of player \(key.player) on level \(key.level) has no finished run")
            }
            var wantRanking = Set<String>()
            for (key, best) in expected {
                for (m, entry) in zip(metrics, best) {
                    wantRanking.insert("\(key.level)/\(m.code)/\(entry.score)/\(entry.run)/\(key.player)")
                }
            }
            var haveRanking = Set<String>()
            for row in try Row.fetchAll(db, sql: "SELECT levelId, metric, score, runId, playerId FROM ranking") {
                haveRanking.insert("\(try row.decode(Int64.self, atIndex: 0))/\(try row.decode(Int.self, atIndex: 1))/\(try row.decode(Double.self, atIndex: 2))/\(try row.decode(Int64.self, atIndex: 3))/\(try row.decode(Int64.self, atIndex: 4))")
            }
            for entry in wantRanking.subtracting(haveRanking).sorted() { problems.append("ranking entry missing: \(entry)") }
            for entry in haveRanking.subtracting(wantRanking).sorted() { problems.append("ranking entry not backed by a standing run: \(entry)") }
            var players: [Int64: Int] = [:]
            for key in expected.keys { players[key.level, default: 0] += 1 }
            for row in try Row.fetchAll(db, sql: "SELECT id, players FROM level") {
                let id: Int64 = try row.decode(atIndex: 0)
                let count: Int = try row.decode(atIndex: 1)
                if count != players[id, default: 0] {
                    problems.append("level \(id) counts \(count) players, expected \(players[id, default: 0])")
                }
            }
            return problems
        }
    }
}
