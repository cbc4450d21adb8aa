import Foundation
import GRDB
import Testing
@testable import CoffeeStore

@Suite struct LeaderboardTests {
    /// ada 500 then 900; bob 900 (tie, later); carol 300 and a failed 5000; dave 900; ada 900 again.
    func board() throws -> AppDatabase {
        let db = try AppDatabase.inMemory()
        try db.record(evaluation: Fixture.evaluation("ada", profit: 500, leadMean: 12, size: 9, at: 1_000))     // 1
        try db.record(evaluation: Fixture.evaluation("ada", profit: 900, leadMean: 8, size: 7, medal: .gold, at: 2_000))  // 2
        try db.record(evaluation: Fixture.evaluation("bob", profit: 900, leadMean: 8, size: 4, at: 3_000))      // 3
        try db.record(evaluation: Fixture.evaluation("carol", profit: 300, leadMean: 5, size: 6, at: 4_000))    // 4
        try db.record(evaluation: Fixture.evaluation("carol", profit: 5000, leadMean: 1, size: 1, status: "failed: too slow", at: 5_000))  // 5
        try db.record(evaluation: Fixture.evaluation("dave", profit: 900, leadMean: 20, size: 4, at: 6_000))    // 6
        try db.record(evaluation: Fixture.evaluation("ada", profit: 900, leadMean: 8, size: 7, at: 7_000))      // 7
        return db
    }

    @Test func ranksBestPerPlayerAndTiesGoToTheEarlierRun() throws {
        let db = try board()
        let profit = try db.leaderboard(levelHash: Fixture.level1.hash, metric: .profit)
        #expect(profit.playerCount == 4)
        #expect(profit.entries.map(\.player.rawValue) == ["ada", "bob", "dave", "carol"])
        #expect(profit.entries.map(\.rank) == [1, 2, 3, 4])
        #expect(profit.entries.map(\.value) == [900, 900, 900, 300])
        #expect(profit.entries.map(\.evaluationId) == [2, 3, 6, 4])
        #expect(profit.entries[0].medal == .gold)
        #expect(profit.entries[0].scriptSize == 7)
        #expect(profit.entries[0].recordedAt == Date(timeIntervalSince1970: 2))

        let lead = try db.leaderboard(levelHash: Fixture.level1.hash, metric: .leadTime)
        #expect(lead.entries.map(\.player.rawValue) == ["carol", "ada", "bob", "dave"])
        #expect(lead.entries.map(\.value) == [5, 8, 8, 20])

        let size = try db.leaderboard(levelHash: Fixture.level1.hash, metric: .size)
        #expect(size.entries.map(\.player.rawValue) == ["bob", "dave", "carol", "ada"])
        #expect(size.entries.map(\.evaluationId) == [3, 6, 4, 2])
    }

    @Test func standingsFollowTheEvaluationsAndTheCheckerSeesTampering() throws {
        let db = try board()
        #expect(try db.consistencyProblems() == [])
        // 4 players with a finished evaluation, 8 metrics each (the objective and 7 means).
        #expect(try Fixture.count(db, "evaluationStanding") == 32)
        #expect(try Fixture.count(db, "evaluationRanking") == 32)
        // ada's evaluation 2 (gold) stands for the objective, profit, lead time and size.
        let ada = try db.writer.read { try Int64.fetchAll($0, sql: "SELECT evaluationId FROM evaluationStanding WHERE playerId = 1 ORDER BY metric") }
        // By metric code: profit 1, throughput 2, served 3, lead time 4, value-added 5, waste 6, size 7, objective 8.
        #expect(ada == [2, 1, 1, 2, 1, 1, 2, 2])
        try db.writer.write { try $0.execute(sql: "UPDATE evaluationStanding SET evaluationId = 1 WHERE playerId = 1 AND metric = 1") }
        #expect(try db.consistencyProblems() == [
            "standing of player 1 on level 1: [2, 1, 1, 1, 2, 1, 1, 2], expected [2, 2, 1, 1, 2, 1, 1, 2]",
        ])
    }

    @Test func theObjectiveRanksByMedalThenMean() throws {
        let db = try AppDatabase.inMemory()
        // Lead time: lower is better. A silver at 60 ranks above a none at 40 (which failed the floor).
        try db.record(evaluation: Fixture.evaluation("ada", medal: .silver, objective: "min lead-time-mean", mean: 60))
        try db.record(evaluation: Fixture.evaluation("bob", medal: .none, objective: "min lead-time-mean", mean: 40))
        try db.record(evaluation: Fixture.evaluation("carol", medal: .silver, objective: "min lead-time-mean", mean: 55))
        try db.record(evaluation: Fixture.evaluation("dave", status: "failed: x", medal: .none, objective: "min lead-time-mean", mean: 1))
        let board = try db.leaderboard(levelHash: Fixture.level1.hash, player: Fixture.name("bob"))
        #expect(board.metric == .objective)
        #expect(board.entries.map(\.player.rawValue) == ["carol", "ada", "bob"])
        #expect(board.entries.map(\.value) == [55, 60, 40])
        #expect(board.entries.map(\.medal) == [.silver, .silver, .none])
        #expect(board.playerCount == 3)
        #expect(board.entries[0].formatted(.objective) == "55")
        #expect(try db.bestMedals(player: Fixture.name("ada")) == [Fixture.level1.hash: .silver])
        #expect(try db.bestMedals(player: Fixture.name("dave")) == [Fixture.level1.hash: Medal.none])
        // A later, better evaluation of ada replaces her standing; a worse one does not.
        try db.record(evaluation: Fixture.evaluation("ada", medal: .gold, objective: "min lead-time-mean", mean: 50))
        try db.record(evaluation: Fixture.evaluation("ada", medal: .bronze, objective: "min lead-time-mean", mean: 90))
        let after = try db.leaderboard(levelHash: Fixture.level1.hash, limit: 2, player: Fixture.name("bob"))
        #expect(after.entries.map(\.evaluationId) == [5, 3])
        #expect(after.you?.rank == 3)
        let problems = try db.consistencyProblems()
        #expect(problems == [], "\(problems)")
        let h = try db.histogram(levelHash: Fixture.level1.hash, buckets: 2, player: Fixture.name("ada"))
        #expect(h.objective == "min lead-time-mean")
        #expect(h.lower == 40 && h.upper == 55)
        #expect(h.counts == [1, 2])
        #expect(h.marked == 1)
    }

    @Test func findsThePlayerBelowTheLimit() throws {
        let db = try board()
        let top2 = try db.leaderboard(levelHash: Fixture.level1.hash, metric: .profit, limit: 2, player: Fixture.name("carol"))
        #expect(top2.entries.map(\.player.rawValue) == ["ada", "bob"])
        #expect(top2.you?.rank == 4)
        #expect(top2.you?.value == 300)
        let mine = try db.leaderboard(levelHash: Fixture.level1.hash, metric: .profit, limit: 2, player: Fixture.name("bob"))
        #expect(mine.you?.rank == 2)
        let stranger = try db.leaderboard(levelHash: Fixture.level1.hash, metric: .profit, limit: 2, player: Fixture.name("zed"))
        #expect(stranger.you == nil)
        #expect(throws: StoreError.levelNotFound("nope")) { try db.leaderboard(levelHash: "nope", metric: .profit) }
    }

    @Test func histogramMarksThePlayersBucket() throws {
        let db = try board()
        try db.record(evaluation: Fixture.evaluation("erin", profit: 600))
        let h = try db.histogram(levelHash: Fixture.level1.hash, metric: .profit, buckets: 3, player: Fixture.name("erin"))
        #expect(h.lower == 300)
        #expect(h.upper == 900)
        #expect(h.counts == [1, 1, 3])
        #expect(h.marked == 1)
        #expect(h.playerValue == 600)
        #expect(h.range(of: 2) == 700...900)

        // Lower is better for lead time, but the axis still runs from the smallest value.
        let lead = try db.histogram(levelHash: Fixture.level1.hash, metric: .leadTime, buckets: 5, player: Fixture.name("dave"))
        #expect(lead.lower == 5)
        #expect(lead.upper == 20)
        #expect(lead.counts == [1, 3, 0, 0, 1])   // 5 | 8, 8, 10 (erin) | … | 20
        #expect(lead.marked == 4)

        let none = try db.histogram(levelHash: Fixture.level1.hash, metric: .profit, buckets: 3, player: Fixture.name("zed"))
        #expect(none.marked == nil)
    }

    @Test func histogramOfEqualValuesAndOfAnEmptyBoard() throws {
        let db = try AppDatabase.inMemory()
        try db.record(evaluation: Fixture.evaluation("ada", profit: 100))
        try db.record(evaluation: Fixture.evaluation("bob", profit: 100))
        try db.record(evaluation: Fixture.evaluation("carol", level: Fixture.level2, status: "failed: x"))
        let same = try db.histogram(levelHash: Fixture.level1.hash, metric: .profit, buckets: 4, player: Fixture.name("bob"))
        // One value for everyone: one bucket, not four all labelled $1.00 – $1.00.
        #expect(same.counts == [2])
        #expect(same.marked == 0)
        #expect(same.range(of: 0) == 100...100)
        let empty = try db.histogram(levelHash: Fixture.level2.hash, metric: .profit, buckets: 4)
        #expect(empty.counts == [0, 0, 0, 0])
        #expect(empty.total == 0)
    }

    @Test func paretoKeepsOnlyUnbeatenEvaluations() throws {
        let db = try AppDatabase.inMemory()
        let l = Fixture.level2
        try db.record(evaluation: Fixture.evaluation("ada", level: l, profit: 100, throughput: 1.0, leadMean: 10, size: 5))   // 1: beaten by 2
        try db.record(evaluation: Fixture.evaluation("bob", level: l, profit: 200, throughput: 1.0, leadMean: 10, size: 5))   // 2
        try db.record(evaluation: Fixture.evaluation("carol", level: l, profit: 50, throughput: 2.0, leadMean: 10, size: 5))  // 3: fastest
        try db.record(evaluation: Fixture.evaluation("dave", level: l, profit: 200, throughput: 1.0, leadMean: 10, size: 5))  // 4: twin of 2, later
        try db.record(evaluation: Fixture.evaluation("erin", level: l, profit: 10, throughput: 0.5, leadMean: 30, size: 3))   // 5: shortest
        try db.record(evaluation: Fixture.evaluation("fay", level: l, profit: 150, throughput: 0.9, leadMean: 12, size: 6))   // 6: beaten by 2
        try db.record(evaluation: Fixture.evaluation("gil", level: l, profit: 9999, status: "failed: x"))                      // 7: not finished
        let front = try db.pareto(levelHash: l.hash)
        #expect(front.map(\.evaluationId) == [2, 3, 5])
        #expect(front.map(\.player.rawValue) == ["bob", "carol", "erin"])
        #expect(front[0].values == [200, 1.0, 10, 5])
        // On profit alone the front is the single best run.
        #expect(try db.pareto(levelHash: l.hash, metrics: [.profit]).map(\.evaluationId) == [2])
    }

    @Test func summarisesEveryLevel() throws {
        let db = try board()
        try db.record(evaluation: Fixture.evaluation("bob", level: Fixture.level2, profit: 50))
        try db.record(evaluation: Fixture.evaluation("carol", level: Fixture.level2, profit: 70))
        let summary = try db.summary(player: Fixture.name("bob"))
        #expect(summary.map(\.level.number) == [1, 2])
        #expect(summary.map { $0.leader?.player.rawValue } == ["ada", "carol"])
        #expect(summary.map { $0.you?.rank } == [2, 2])
        #expect(summary.map { $0.you?.value } == [900, 50])
        #expect(summary.map(\.yourEvaluations) == [1, 1])
        #expect(summary.map(\.playerCount) == [4, 2])
        let stranger = try db.summary(player: Fixture.name("zed"), metric: .leadTime)
        #expect(stranger.map { $0.you == nil } == [true, true])
        #expect(stranger.map { $0.leader?.player.rawValue } == ["carol", "bob"])
    }

    @Test func formatsValues() {
        #expect(LeaderboardMetric.profit.format(-1205) == "-$12.05")
        #expect(LeaderboardMetric.profit.format(90000) == "$900.00")
        #expect(LeaderboardMetric.throughput.format(1.5) == "1.50")
        #expect(LeaderboardMetric.leadTime.format(12.375) == "12.38")
        #expect(LeaderboardMetric.leadTime.format(0.004) == "0.00")
        #expect(LeaderboardMetric.valueAdded.format(0.4567) == "45.7%")
        #expect(LeaderboardMetric.size.format(12) == "12")
        #expect(LeaderboardMetric(rawValue: "lead-time") == .leadTime)
    }
}

@Suite struct JSONTests {
    @Test func leaderboardEncodesForJSONOutput() throws {
        let db = try AppDatabase.inMemory()
        try db.record(evaluation: Fixture.evaluation("ada", profit: 900, medal: .gold, at: 0))
        let board = try db.leaderboard(levelHash: Fixture.level1.hash, metric: .profit, limit: 1)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(board.entries[0]), as: UTF8.self)
        #expect(json == #"{"evaluationId":1,"medal":"gold","objective":"max profit","player":"ada","rank":1,"recordedAt":"1970-01-01T00:00:00Z","scriptSize":5,"seedCount":4,"value":900}"#)
        let name = String(decoding: try encoder.encode(PlayerName(stored: "\u{1B}x")), as: UTF8.self)
        #expect(name == #""\u001bx""#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PlayerName.self, from: Data(#""a\u0007""#.utf8)) }
    }
}
