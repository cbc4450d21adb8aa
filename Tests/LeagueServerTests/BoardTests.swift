import CoffeeEngine
import CoffeeGame
import Foundation
import Hummingbird
import HummingbirdTesting
import LeagueAPI
import LeagueServer
import XCTest

/// Submissions verified on the hidden seeds, then ranked: boards, histograms, the Pareto front
/// and the published detail, against a real PostgreSQL.
final class BoardTests: XCTestCase {
    func testTheServerScoresTheHiddenSeedsAsAnEvaluationHereWould() async throws {
        let gold = try text(goldScript)
        let expected = try expectedEvaluation(gold)
        let level = try firstLevel()
        XCTAssertNotEqual(LeagueSecrets.seeds(secret: testSecret, levelHash: level.contentHash, count: 4), Evaluation.seeds(for: level, count: 4),
                          "the league's seeds are not the practice evaluation's")
        XCTAssertNotEqual(LeagueSecrets.seeds(secret: testSecret, levelHash: level.contentHash, count: 4),
                          LeagueSecrets.seeds(secret: testSecret + "!", levelHash: level.contentHash, count: 4))
        try await withLeague { client in
            let token = try await client.join("ada")
            let r = try await client.submit(gold, token: token)
            XCTAssertEqual(r.status, .created, r.text)
            let receipt = try LeagueAPI.decoder().decode(SubmissionReceipt.self, from: r.data)
            XCTAssertEqual(receipt.submission, 1)
            XCTAssertEqual(receipt.player, "ada")
            XCTAssertEqual(receipt.level, "01 first-shot")
            XCTAssertEqual(receipt.seeds, 4)
            XCTAssertEqual(receipt.failures, 0)
            XCTAssertEqual(receipt.mean, expected.mean)
            XCTAssertEqual(receipt.median, expected.median)
            XCTAssertEqual(receipt.medal, expected.medal?.description)
            XCTAssertEqual(receipt.objective, expected.objective)
            XCTAssertEqual(receipt.rank, 1)
            XCTAssertEqual(receipt.playerCount, 1)
            XCTAssertEqual(receipt.histogram.counts, [1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
            XCTAssertEqual(receipt.histogram.marked, 0)

            // The detail: the script and one digest per hidden seed, the seeds themselves withheld.
            let d = try await client.call("/v1/submissions/1", .get)
            let detail = try LeagueAPI.decoder().decode(SubmissionDetail.self, from: d.data)
            XCTAssertEqual(detail.script, gold)
            XCTAssertEqual(detail.engineVersion, EngineInfo.version)
            XCTAssertEqual(detail.seeds.map(\.digest), expected.results.map(\.digest))
            XCTAssertEqual(detail.seeds.map(\.value), expected.values)
            XCTAssertEqual(detail.seeds.map(\.seed), [nil, nil, nil, nil])
        }
    }

    func testPublishedSeedsLetAnyoneReplayASubmission() async throws {
        let gold = try text(goldScript)
        let expected = try expectedEvaluation(gold)
        try await withLeague({ $0.publishSeeds = true }) { client in
            let token = try await client.join("ada")
            let r2 = try await client.submit(gold, token: token)
            XCTAssertEqual(r2.status, .created)
            let detail = try LeagueAPI.decoder().decode(SubmissionDetail.self, from: try await client.call("/v1/submissions/1", .get).data)
            XCTAssertEqual(detail.seeds.compactMap(\.seed), expected.seeds)
            let level = try firstLevel()
            let (script, _) = Script.compile(source: detail.script, file: "replay.brew", level: level)
            let replayed = try detail.seeds.map { s in
                ShiftRunner.run(level: level, script: try XCTUnwrap(script), seed: try XCTUnwrap(s.seed)).digest
            }
            XCTAssertEqual(replayed, detail.seeds.map(\.digest))
        }
    }

    func testTheBoardKeepsEachPlayersBestAndTiesGoToTheEarlier() async throws {
        let gold = try text(goldScript), naive = try text(naiveScript)
        let goldProfit = try expectedEvaluation(gold).results.map { Double($0.metrics.profit) }.reduce(0, +) / 4
        let naiveProfit = try expectedEvaluation(naive).results.map { Double($0.metrics.profit) }.reduce(0, +) / 4
        XCTAssertGreaterThan(goldProfit, naiveProfit)
        let goldLead = try expectedEvaluation(gold).results.map(\.metrics.leadTime.mean).reduce(0, +) / 4
        let naiveLead = try expectedEvaluation(naive).results.map(\.metrics.leadTime.mean).reduce(0, +) / 4
        try await withLeague { client in
            let ada = try await client.join("ada"), bob = try await client.join("bob"), cy = try await client.join("cy")
            let r3 = try await client.submit(naive, token: ada)
            XCTAssertEqual(r3.status, .created)   // #1
            let r4 = try await client.submit(gold, token: bob)
            XCTAssertEqual(r4.status, .created)    // #2
            let r5 = try await client.submit(gold, token: ada)
            XCTAssertEqual(r5.status, .created)    // #3: ada improves, ties bob, later
            let r6 = try await client.submit(naive, token: ada)
            XCTAssertEqual(r6.status, .created)   // #4: worse, the best stays
            let r7 = try await client.submit(naive, token: cy)
            XCTAssertEqual(r7.status, .created)    // #5
            let r = try await client.call("/v1/levels/first-shot/leaderboard?metric=profit", .get, token: cy)
            let board = try LeagueAPI.decoder().decode(LeagueBoard.self, from: r.data)
            XCTAssertEqual(board.playerCount, 3)
            XCTAssertEqual(board.entries.map(\.player), ["bob", "ada", "cy"])
            XCTAssertEqual(board.entries.map(\.submission), [2, 3, 5])
            XCTAssertEqual(board.entries.map(\.value), [goldProfit, goldProfit, naiveProfit])
            XCTAssertEqual(board.entries.map(\.rank), [1, 2, 3])
            XCTAssertEqual(board.you?.player, "cy")
            XCTAssertEqual(board.you?.rank, 3)
            let top1 = try LeagueAPI.decoder().decode(LeagueBoard.self, from: try await client.call("/v1/levels/1/leaderboard?limit=1", .get, token: cy).data)
            XCTAssertEqual(top1.entries.map(\.player), ["bob"])
            XCTAssertEqual(top1.you?.rank, 3)

            // Lead time counts the customers the naive script loses (issue 10's rule), so it is
            // worse there: ada's and bob's gold tie and rank by the earlier submission, bob's #2.
            XCTAssertEqual(goldLead, 29)
            XCTAssertEqual(naiveLead, 31.5)
            let lead = try LeagueAPI.decoder().decode(LeagueBoard.self, from: try await client.call("/v1/levels/1/leaderboard?metric=lead-time", .get).data)
            XCTAssertEqual(lead.entries.map(\.player), ["bob", "ada", "cy"])
            XCTAssertEqual(lead.entries.map(\.submission), [2, 3, 5])
            XCTAssertEqual(lead.entries.map(\.value), [goldLead, goldLead, naiveLead])
            XCTAssertNil(lead.you)

            // The histogram, counted by PostgreSQL: two players at the top value, one at the bottom.
            let h = try LeagueAPI.decoder().decode(LeagueHistogram.self, from: try await client.call("/v1/levels/1/histogram?metric=profit&buckets=4", .get, token: cy).data)
            XCTAssertEqual(h.lower, naiveProfit)
            XCTAssertEqual(h.upper, goldProfit)
            XCTAssertEqual(h.counts, [1, 0, 0, 2])
            XCTAssertEqual(h.marked, 0)
            XCTAssertEqual(h.playerValue, naiveProfit)

            // The Pareto front over profit and size: gold's first submission (#2); the same values later (#3) are not new.
            let p = try LeagueAPI.decoder().decode(LeaguePareto.self, from: try await client.call("/v1/levels/1/pareto?metrics=profit,size", .get).data)
            XCTAssertEqual(p.metrics, [.profit, .size])
            let naiveSize = Double(Script.size(of: naive)), goldSize = Double(Script.size(of: gold))
            XCTAssertEqual(naiveSize, goldSize)   // same size, less profit: naive is dominated
            XCTAssertEqual(p.entries.map(\.submission), [2])
            XCTAssertEqual(p.entries.first?.values, [goldProfit, goldSize])
        }
    }

    func testAFailingScriptIsKeptButNotRanked() async throws {
        // A loop that never yields: the sandbox stops it on every seed (steps-per-decision).
        let failing = "on order o:\n    n = 0\n    while true:\n        n = n + 1\n"
        let expected = try expectedEvaluation(failing)
        XCTAssertEqual(expected.failures, 4)
        try await withLeague { client in
            let token = try await client.join("eve")
            let r = try await client.submit(failing, token: token)
            XCTAssertEqual(r.status, .created, r.text)
            let receipt = try LeagueAPI.decoder().decode(SubmissionReceipt.self, from: r.data)
            XCTAssertEqual(receipt.failures, 4)
            XCTAssertEqual(receipt.firstFailure, expected.firstFailure)
            XCTAssertNil(receipt.medal)
            XCTAssertNil(receipt.rank)
            XCTAssertEqual(receipt.playerCount, 0)
            let board = try LeagueAPI.decoder().decode(LeagueBoard.self, from: try await client.call("/v1/levels/1/leaderboard", .get).data)
            XCTAssertEqual(board.entries, [])
            let detail = try LeagueAPI.decoder().decode(SubmissionDetail.self, from: try await client.call("/v1/submissions/1", .get).data)
            XCTAssertEqual(detail.seeds.map(\.finished), [false, false, false, false])
        }
    }
}
