import Foundation
import GRDB

// MARK: - Checking a save file (tests, `barista doctor`)

extension AppDatabase {
    /// `PRAGMA integrity_check`: reads every page, so it takes a while on a big file.
    /// Returns SQLite's findings; `["ok"]` for a sound file.
    public func integrityCheck() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Recomputes the leaderboard tables (`evaluationStanding`, `evaluationRanking`,
    /// `level.players`) from the evaluations and lists every difference; empty when they agree.
    /// Reads every finished evaluation.
    public func consistencyProblems() throws(StoreError) -> [String] {
        try read { db in
            struct Key: Hashable {
                var level: Int64
                var player: Int64
            }
            let metrics = LeaderboardMetric.allCases
            // The expected standing: per level and player, per metric, the best score and earliest evaluation.
            var expected: [Key: [(score: Double, id: Int64)]] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT levelId, playerId, id, \(EvaluationScores.columns) FROM evaluation WHERE failures = 0 ORDER BY id
                """)
            while let row = try rows.next() {
                let key = Key(level: try row.decode(atIndex: 0), player: try row.decode(atIndex: 1))
                let id: Int64 = try row.decode(atIndex: 2)
                let scores = try EvaluationScores(row: row).all.map { (score: $0, id: id) }
                if let current = expected[key] {
                    expected[key] = zip(current, scores).map { $1.score < $0.score ? $1 : $0 }
                } else {
                    expected[key] = scores
                }
            }
            var problems: [String] = []
            var actualStanding: [Key: [Int: Int64]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT levelId, playerId, metric, evaluationId FROM evaluationStanding") {
                actualStanding[Key(level: try row.decode(atIndex: 0), player: try row.decode(atIndex: 1)), default: [:]][try row.decode(atIndex: 2)] = try row.decode(atIndex: 3)
            }
            for (key, best) in expected {
                let want = best.map(\.id)
                let have = metrics.map { actualStanding[key]?[$0.code] ?? 0 }
                if have != want {
                    problems.append("standing of player \(key.player) on level \(key.level): \(actualStanding[key] == nil ? "missing" : "\(have)"), expected \(want)")
                }
            }
            for key in actualStanding.keys where expected[key] == nil {
                problems.append("standing of player \(key.player) on level \(key.level) has no finished evaluation")
            }
            var wantRanking = Set<String>()
            for (key, best) in expected {
                for (m, entry) in zip(metrics, best) {
                    wantRanking.insert("\(key.level)/\(m.code)/\(entry.score)/\(entry.id)/\(key.player)")
                }
            }
            var haveRanking = Set<String>()
            for row in try Row.fetchAll(db, sql: "SELECT levelId, metric, score, evaluationId, playerId FROM evaluationRanking") {
                haveRanking.insert("\(try row.decode(Int64.self, atIndex: 0))/\(try row.decode(Int.self, atIndex: 1))/\(try row.decode(Double.self, atIndex: 2))/\(try row.decode(Int64.self, atIndex: 3))/\(try row.decode(Int64.self, atIndex: 4))")
            }
            for entry in wantRanking.subtracting(haveRanking).sorted() { problems.append("ranking entry missing: \(entry)") }
            for entry in haveRanking.subtracting(wantRanking).sorted() { problems.append("ranking entry not backed by a standing evaluation: \(entry)") }
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
