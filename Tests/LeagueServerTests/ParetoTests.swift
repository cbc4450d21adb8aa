import CoffeeEngine
import CoffeeGame
import Foundation
import HummingbirdTesting
import LeagueAPI
import LeagueServer
import XCTest

/// The Pareto sweep over sorted, distinct score vectors (smaller is better), and the front the
/// server answers with ties on one metric and on all.
final class ParetoTests: XCTestCase {
    func testTwoMetricsKeepTheStaircaseAndDropTiesOnEitherSide() {
        // Sorted by the first score, then the second. (1, 5) and (1, 7): a tie on the first, the
        // second decides. (2, 5): ties (1, 5) on the second, worse on the first. (3, 4) improves.
        let sorted: [[Double]] = [[1, 5], [1, 7], [2, 5], [2, 6], [3, 4], [4, 4], [5, 1]]
        XCTAssertEqual(ParetoFront.indices(sorted: sorted), [0, 4, 6])
    }

    func testThreeMetricsWithTies() {
        let sorted: [[Double]] = [
            [1, 1, 9],   // 0: best first score
            [1, 2, 8],   // 1: tie on the first, worse second, better third: kept
            [1, 2, 9],   // 2: dominated by 0 (ties on the first and third) and by 1
            [2, 1, 8],   // 3: ties 0 on the second, better third than 0, better second than 1: kept
            [2, 2, 8],   // 4: dominated by 1 (and 3)
            [3, 3, 1],   // 5: best third: kept
            [3, 3, 2],   // 6: dominated by 5
        ]
        XCTAssertEqual(ParetoFront.indices(sorted: sorted), [0, 1, 3, 5])
        XCTAssertEqual(ParetoFront.indices(sorted: []), [])
        XCTAssertEqual(ParetoFront.indices(sorted: [[3], [4]]), [0])
    }

    /// The sweep against the definition (quadratic), on seeded random vectors with many ties.
    func testTheSweepAgreesWithTheDefinition() {
        var rng = SplitMix64(seed: 15)
        for width in 2...4 {
            for _ in 0..<40 {
                let n = Int(rng.next() % 60)
                var set = Set<[Double]>()
                for _ in 0..<n { set.insert((0..<width).map { _ in Double(rng.next() % 5) }) }
                let sorted = set.sorted { $0.lexicographicallyPrecedes($1) }
                let expected = sorted.indices.filter { i in
                    !sorted.indices.contains { j in j != i && zip(sorted[j], sorted[i]).allSatisfy { $0 <= $1 } }
                }
                XCTAssertEqual(ParetoFront.indices(sorted: sorted), expected, "width \(width): \(sorted)")
            }
        }
    }

    func testTheServersFrontDropsTiesOnOneMetricAndRepeats() async throws {
        let gold = try text(goldScript), naive = try text(naiveScript)
        // The same shifts as gold with one more line: equal on every metric but size.
        let padded = gold.replacingOccurrences(of: "    take o\n", with: "    take o\n    n = 1\n")
        let g = try expectedEvaluation(gold), p = try expectedEvaluation(padded)
        XCTAssertEqual(g.results.map(\.digest), p.results.map(\.digest))
        XCTAssertEqual(Script.size(of: padded), Script.size(of: gold) + 1)
        try await withLeague { client in
            let ada = try await client.join("ada"), bob = try await client.join("bob")
            for (script, token) in [(padded, ada), (gold, bob), (naive, ada), (gold, ada)] {
                let r = try await client.submit(script, token: token)
                XCTAssertEqual(r.status, .created, r.text)
            }
            // #1 padded: ties #2 on profit, throughput and lead time, a line longer: dropped.
            // #3 naive: gold's size, less profit: dropped. #4: #2 again, later: dropped.
            let front = try LeagueAPI.decoder().decode(LeaguePareto.self, from: try await client.call("/v1/levels/1/pareto", .get).data)
            XCTAssertEqual(front.metrics, [.profit, .throughput, .leadTime, .size])
            XCTAssertEqual(front.entries.map(\.submission), [2])
            XCTAssertEqual(front.entries.first?.player, "bob")
            // On profit alone the earliest of the equal best stands: #1, the padded one.
            let profit = try LeagueAPI.decoder().decode(LeaguePareto.self, from: try await client.call("/v1/levels/1/pareto?metrics=profit", .get).data)
            XCTAssertEqual(profit.entries.map(\.submission), [1])
        }
    }
}
