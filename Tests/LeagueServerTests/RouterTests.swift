import CoffeeEngine
import CoffeeGame
import Foundation
import Hummingbird
import HummingbirdTesting
import LeagueAPI
import LeagueServer
import XCTest

/// The router, driven in process by HummingbirdTesting, over a real PostgreSQL database of its own.
final class RouterTests: XCTestCase {
    func testHealthReadyAndEveryDocumentedRouteIsServed() async throws {
        try await withLeague { client in
            let health = try await client.call("/health", .get)
            XCTAssertEqual(health.status, .ok)
            XCTAssertEqual(health.text, #"{"status":"ok"}"#)
            let ready = try await client.call("/ready", .get)
            XCTAssertEqual(ready.status, .ok)
            XCTAssertEqual(ready.text, #"{"status":"ready"}"#)
            // Every route docs/league.md describes answers with the league's own JSON, never the router's bare 404.
            for (method, path) in LeagueRoutes.all {
                let uri = path.replacingOccurrences(of: "{level}", with: "1").replacingOccurrences(of: "{id}", with: "999")
                let r = try await client.call(uri, method == "GET" ? .get : .post, body: "{}")
                XCTAssertTrue(r.text.hasPrefix("{"), "\(method) \(path) answered \(r.status) \(r.text)")
            }
        }
    }

    func testJoiningGivesATokenOnceAndNamesAreChecked() async throws {
        try await withLeague { client in
            let joined = try await client.call("/v1/players", .post, body: #"{"name":"ada"}"#)
            XCTAssertEqual(joined.status, .created)
            let token = try LeagueAPI.decoder().decode(PlayerToken.self, from: joined.data)
            XCTAssertEqual(token.player, "ada")
            XCTAssertTrue(LeagueAPI.isWellFormedToken(token.token))

            let again = try await client.call("/v1/players", .post, body: #"{"name":"ada"}"#)
            XCTAssertEqual(again.status, .conflict)
            XCTAssertEqual(again.error, "the name 'ada' is taken in this league: choose another")

            let empty = try await client.call("/v1/players", .post, body: #"{"name":""}"#)
            XCTAssertEqual(empty.status, .badRequest)
            XCTAssertEqual(empty.error, "A player name cannot be empty.")
            let escape = try await client.call("/v1/players", .post, body: #"{"name":"a\u001b[31mb"}"#)
            XCTAssertEqual(escape.status, .badRequest)
            XCTAssertEqual(escape.error, "A player name must be printable; this one contains control characters.")
            let long32 = String(repeating: "x", count: 32), long33 = String(repeating: "y", count: 33)
            let r8 = try await client.call("/v1/players", .post, body: #"{"name":"\#(long32)"}"#)
            XCTAssertEqual(r8.status, .created)
            let tooLong = try await client.call("/v1/players", .post, body: #"{"name":"\#(long33)"}"#)
            XCTAssertEqual(tooLong.error, "A player name has at most 32 characters (this one has 33).")

            let malformed = try await client.call("/v1/players", .post, body: #"{"name": "#)
            XCTAssertEqual(malformed.status, .badRequest)
            XCTAssertEqual(malformed.error, "malformed JSON: the body is not a JSON object of the expected shape")
            let missing = try await client.call("/v1/players", .post, body: #"{"nom":"x"}"#)
            XCTAssertEqual(missing.error, "malformed JSON: the field 'name' is missing")
        }
    }

    func testSubmissionsAreRefusedWithTheReason() async throws {
        let level = try firstLevel()
        let gold = try text(goldScript)
        try await withLeague { client in
            let token = try await client.join("grace")
            let path = "/v1/levels/1/submissions"
            func body(_ script: String = gold, engine: String = EngineInfo.version, hash: String = level.contentHash) throws -> String {
                String(decoding: try LeagueAPI.encoder().encode(SubmissionRequest(script: script, engineVersion: engine, levelHash: hash)), as: UTF8.self)
            }
            let noToken = try await client.call(path, .post, body: try body())
            XCTAssertEqual(noToken.status, .unauthorized)
            XCTAssertEqual(noToken.headers[.wwwAuthenticate], #"Bearer realm="barista-league""#)
            XCTAssertEqual(noToken.error, "a submission needs your token: Authorization: Bearer TOKEN")
            let wrong = try await client.call(path, .post, body: try body(), token: String(repeating: "0", count: 64))
            XCTAssertEqual(wrong.status, .unauthorized)
            XCTAssertEqual(wrong.error, "that token belongs to no player of this league")
            let garbage = try await client.call(path, .post, body: try body(), token: "'; DROP TABLE player; --")
            XCTAssertEqual(garbage.status, .unauthorized)

            let unknown = try await client.call("/v1/levels/99/submissions", .post, body: try body(), token: token)
            XCTAssertEqual(unknown.status, .notFound)
            XCTAssertEqual(unknown.error, "this league has no level '99'")

            let engine = try await client.call(path, .post, body: try body(engine: "0.9.0"), token: token)
            XCTAssertEqual(engine.status, .unprocessableContent)
            XCTAssertEqual(engine.error, "this league runs engine \(EngineInfo.version), not 0.9.0: update barista and submit again")
            let hash = try await client.call(path, .post, body: try body(hash: "0123456789abcdef"), token: token)
            XCTAssertEqual(hash.status, .unprocessableContent)
            XCTAssertEqual(hash.error, "your copy of 01 first-shot differs from the league's (content hash 0123456789abcdef, the league's \(level.contentHash)): update your levels")

            let broken = try await client.call(path, .post, body: try body("on order o:\n    fly o\n"), token: token)
            XCTAssertEqual(broken.status, .unprocessableContent)
            XCTAssertTrue(broken.error.hasPrefix("the script does not compile for this level: "), broken.error)
            let manual = try await client.call(path, .post, body: try body("# barista manual play\nbaristas 1\n"), token: token)
            XCTAssertEqual(manual.status, .unprocessableContent)
            // A hand-played log (ManualLog reads it) goes to the player's challenge, and needs its seed.
            XCTAssertEqual(manual.error, "a hand-played log needs the seed it was played on (the field 'seed'): the league ranks hand-played shifts only on the seeds of its challenges")

            // The script limit: 64 KiB is verified (the padding is a comment), one byte more is refused unread.
            let atLimit = gold + "#" + String(repeating: "x", count: LeagueAPI.maxScriptBytes - gold.utf8.count - 1)
            XCTAssertEqual(atLimit.utf8.count, LeagueAPI.maxScriptBytes)
            let fits = try await client.call(path, .post, body: try body(atLimit), token: token)
            XCTAssertEqual(fits.status, .created, fits.error)
            let over = try await client.call(path, .post, body: try body(atLimit + "x"), token: token)
            XCTAssertEqual(over.status, .contentTooLarge)
            XCTAssertEqual(over.error, "the script has 65537 bytes; a submission carries at most 65536")
            let huge = try await client.call(path, .post, body: String(repeating: " ", count: LeagueAPI.maxBodyBytes + 1), token: token)
            XCTAssertEqual(huge.status, .contentTooLarge)
            XCTAssertEqual(huge.error, "the request body is larger than \(LeagueAPI.maxBodyBytes) bytes")
        }
    }

    func testAVerificationOverItsWallClockCapIsRefusedAndNotKept() async throws {
        // The cap is checked after each seed: with a cap of a nanosecond, the first seed always
        // runs over it, so verification stops there, 1 of the 4 seeds done.
        let gold = try text(goldScript)
        try await withLeague({ $0.verifyTimeout = 1e-9 }) { client in
            let token = try await client.join("turing")
            let slow = try await client.submit(gold, token: token)
            XCTAssertEqual(slow.status, .unprocessableContent)
            XCTAssertEqual(slow.error, "verification stopped after 0 s (1 of 4 seeds): the league's limit is per submission, make the script faster")
            let kept = try await client.call("/v1/submissions/1", .get)
            XCTAssertEqual(kept.status, .notFound)
            XCTAssertEqual(kept.error, "there is no submission 1")
            let board = try LeagueAPI.decoder().decode(LeagueBoard.self, from: try await client.call("/v1/levels/1/leaderboard", .get).data)
            XCTAssertEqual(board.playerCount, 0)
        }
        // With one seed there is no seed left to stop before: the same cap lets it through.
        try await withLeague({ $0.verifyTimeout = 1e-9; $0.seeds = 1 }) { client in
            let token = try await client.join("turing")
            let one = try await client.submit(gold, token: token)
            XCTAssertEqual(one.status, .created, one.error)
        }
    }

    func testARateLimitedTokenIsToldWhenToComeBack() async throws {
        let gold = try text(goldScript)
        try await withLeague({ $0.submissionsPerMinute = 2 }) { client in
            let token = try await client.join("hopper")
            for _ in 0..<2 {
                let r = try await client.submit(gold, token: token)
                XCTAssertEqual(r.status, .created)
            }
            let third = try await client.submit(gold, token: token)
            XCTAssertEqual(third.status, .tooManyRequests)
            // Two a minute: the bucket refills one submission in 30 s, less what has passed since.
            let wait = Int(third.headers[.retryAfter] ?? "") ?? 0
            XCTAssertTrue((25...30).contains(wait), "Retry-After \(wait)")
            XCTAssertEqual(third.error, "too many submissions: wait \(wait) s")
        }
    }

    func testBadQueriesGetAMessage() async throws {
        try await withLeague { client in
            let metric = try await client.call("/v1/levels/1/leaderboard?metric=speed", .get)
            XCTAssertEqual(metric.status, .badRequest)
            XCTAssertEqual(metric.error, "unknown metric 'speed': use profit, throughput, served, lead-time, value-added, waste, size")
            let limit = try await client.call("/v1/levels/1/leaderboard?limit=101", .get)
            XCTAssertEqual(limit.error, "limit must be a whole number from 1 to 100")
            let hundred = try await client.call("/v1/levels/1/leaderboard?limit=100", .get)
            XCTAssertEqual(hundred.status, .ok)
            let fifty = try await client.call("/v1/levels/1/histogram?buckets=50", .get)
            XCTAssertEqual(fifty.status, .ok)
            XCTAssertEqual(try LeagueAPI.decoder().decode(LeagueHistogram.self, from: fifty.data).counts.count, 50)
            let buckets = try await client.call("/v1/levels/1/histogram?buckets=51", .get)
            XCTAssertEqual(buckets.error, "buckets must be a whole number from 1 to 50")
            let id = try await client.call("/v1/submissions/abc", .get)
            XCTAssertEqual(id.error, "a submission id is a positive whole number")
            let none = try await client.call("/v1/submissions/7", .get)
            XCTAssertEqual(none.status, .notFound)
            XCTAssertEqual(none.error, "there is no submission 7")
            let wrong = try await client.call("/v1/levels/1/leaderboard", .get, token: String(repeating: "f", count: 64))
            XCTAssertEqual(wrong.status, .unauthorized)
            let pareto = try await client.call("/v1/levels/1/pareto?metrics=profit,profit", .get)
            XCTAssertEqual(pareto.error, "metrics must name each metric once, separated by commas")
        }
    }
}

/// An answer, with its body as text and as the league's error sentence.
struct Answer {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let data: Data
    var text: String { String(decoding: data, as: UTF8.self) }
    var error: String { (try? LeagueAPI.decoder().decode(LeagueErrorBody.self, from: data))?.error ?? "(no error: \(text))" }
}

extension TestClientProtocol {
    func call(_ uri: String, _ method: HTTPRequest.Method, body: String? = nil, token: String? = nil) async throws -> Answer {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { r in
            Answer(status: r.status, headers: r.headers, data: Data(r.body.readableBytesView))
        }
    }

    func join(_ name: String) async throws -> String {
        let r = try await call("/v1/players", .post, body: #"{"name":"\#(name)"}"#)
        return try LeagueAPI.decoder().decode(PlayerToken.self, from: r.data).token
    }

    func submit(_ script: String, token: String, metric: String = "profit") async throws -> Answer {
        let level = try firstLevel()
        let body = try LeagueAPI.encoder().encode(SubmissionRequest(script: script, engineVersion: EngineInfo.version, levelHash: level.contentHash))
        return try await call("/v1/levels/1/submissions?metric=\(metric)", .post, body: String(decoding: body, as: UTF8.self), token: token)
    }
}
