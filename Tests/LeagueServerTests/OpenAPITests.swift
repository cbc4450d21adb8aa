import Foundation
import LeagueAPI
import LeagueServer
import XCTest
import Yams

/// docs/league.md's OpenAPI description says what the server does: the same routes, and for each
/// wire type the same fields, the required ones being those never left out.
final class OpenAPITests: XCTestCase {
    func spec() throws -> [String: Any] {
        let doc = try String(contentsOf: repoRoot.appendingPathComponent("docs/league.md"), encoding: .utf8)
        guard let start = doc.range(of: "```yaml\nopenapi:"), let end = doc.range(of: "\n```", range: start.upperBound..<doc.endIndex) else {
            XCTFail("docs/league.md has no ```yaml block starting with openapi:")
            return [:]
        }
        let yaml = "openapi:" + doc[start.upperBound..<end.lowerBound]
        return try XCTUnwrap(try Yams.load(yaml: yaml) as? [String: Any])
    }

    func testThePathsAreTheServersRoutes() throws {
        let spec = try spec()
        XCTAssertEqual(spec["openapi"] as? String, "3.1.0")
        let paths = try XCTUnwrap(spec["paths"] as? [String: [String: Any]])
        var documented: Set<String> = []
        for (path, methods) in paths {
            for method in methods.keys where ["get", "post", "put", "delete", "patch"].contains(method) {
                documented.insert(method.uppercased() + " " + path)
            }
        }
        XCTAssertEqual(documented, Set(LeagueRoutes.all.map { $0.method + " " + $0.path }))
    }

    func testEverySchemaHasTheWireTypesFields() throws {
        let schemas = try XCTUnwrap((try spec()["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let entry = LeagueEntry(rank: 1, player: "ada", value: 1, submission: 1, medal: "gold", scriptSize: 9, submittedAt: date)
        let bare = LeagueEntry(rank: 1, player: "ada", value: 1, submission: 1, medal: nil, scriptSize: 9, submittedAt: date)
        let histogram = LeagueHistogram(metric: .profit, lower: 0, upper: 1, counts: [1], marked: 0, playerValue: 1)
        let bareHistogram = LeagueHistogram(metric: .profit, lower: 0, upper: 1, counts: [1], marked: nil, playerValue: nil)
        func receipt(_ full: Bool) -> SubmissionReceipt {
            SubmissionReceipt(submission: 1, player: "a", level: "l", levelHash: "h", objective: "o", seeds: 1, failures: 0,
                              firstFailure: full ? "f" : nil, mean: 1, median: 1, p95: 1, medal: full ? "gold" : nil,
                              rank: full ? 1 : nil, metric: .profit, playerCount: 1, histogram: histogram)
        }
        func detail(_ full: Bool) -> SubmissionDetail {
            SubmissionDetail(submission: 1, player: "a", level: "l", levelHash: "h", engineVersion: "e", script: "s", objective: "o",
                             mean: 1, failures: 0, medal: full ? "gold" : nil, submittedAt: date, seeds: [])
        }
        let hand = HandEntry(rank: 1, player: "a", value: 1, shifts: 2, abandoned: 1, lastSubmission: 3)
        let handReceipt = HandReceipt(submission: 1, challenge: 1, player: "a", level: "l", levelHash: "h", seed: 1, digest: "d",
                                      objective: "o", value: 1, served: 1, lost: 0, metric: .profit, standing: hand, playerCount: 1)
        // Each schema with a value of every field set, and one with every optional field left out.
        let samples: [String: (any Encodable, any Encodable)] = [
            "Status": (["status": "ok"], ["status": "ok"]),
            "Error": (LeagueErrorBody(error: "e"), LeagueErrorBody(error: "e")),
            "NewPlayer": (NewPlayer(name: "a"), NewPlayer(name: "a")),
            "PlayerToken": (PlayerToken(player: "a", token: "t"), PlayerToken(player: "a", token: "t")),
            "SubmissionRequest": (SubmissionRequest(script: "s", engineVersion: "e", levelHash: "h", seed: 1),
                                  SubmissionRequest(script: "s", engineVersion: "e", levelHash: "h")),
            "SubmissionReceipt": (receipt(true), receipt(false)),
            "LeagueEntry": (entry, bare),
            "LeagueBoard": (LeagueBoard(level: "l", levelHash: "h", metric: .profit, playerCount: 1, entries: [], you: entry),
                            LeagueBoard(level: "l", levelHash: "h", metric: .profit, playerCount: 1, entries: [], you: nil)),
            "LeagueHistogram": (histogram, bareHistogram),
            "LeagueParetoEntry": (LeagueParetoEntry(submission: 1, player: "a", medal: "gold", values: []),
                                  LeagueParetoEntry(submission: 1, player: "a", medal: nil, values: [])),
            "LeaguePareto": (LeaguePareto(level: "l", metrics: [], entries: []), LeaguePareto(level: "l", metrics: [], entries: [])),
            "SeedOutcome": (SeedOutcome(index: 0, seed: 1, digest: "d", value: 1, finished: true),
                            SeedOutcome(index: 0, seed: nil, digest: "d", value: 1, finished: true)),
            "SubmissionDetail": (detail(true), detail(false)),
            "ChallengeGrant": (ChallengeGrant(challenge: 1, level: "l", levelHash: "h", seed: 1, abandoned: 1),
                               ChallengeGrant(challenge: 1, level: "l", levelHash: "h", seed: 1, abandoned: nil)),
            "HandEntry": (hand, hand),
            "HandBoard": (HandBoard(level: "l", levelHash: "h", metric: .profit, playerCount: 1, entries: [], you: hand),
                          HandBoard(level: "l", levelHash: "h", metric: .profit, playerCount: 1, entries: [], you: nil)),
            "HandReceipt": (handReceipt, handReceipt),
        ]
        XCTAssertEqual(Set(schemas.keys), Set(samples.keys).union(["Metric"]))
        for (name, (full, minimal)) in samples {
            let schema = try XCTUnwrap(schemas[name], name)
            let properties = Set((schema["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
            XCTAssertEqual(properties, try keys(full), "\(name): documented fields")
            XCTAssertEqual(Set(schema["required"] as? [String] ?? []), try keys(minimal), "\(name): required fields")
        }
        let metric = try XCTUnwrap(schemas["Metric"]?["enum"] as? [String])
        XCTAssertEqual(metric, LeagueMetric.figures.map(\.rawValue))
    }

    func keys(_ value: any Encodable) throws -> Set<String> {
        let data = try LeagueAPI.encoder().encode(value)
        return Set((try JSONSerialization.jsonObject(with: data) as? [String: Any])?.keys.map { $0 } ?? [])
    }
}
