import CoffeeGame
import Foundation
import LeagueAPI
import LeagueServer
import PostgresNIO
import XCTest

/// Real `barista-league` processes: two sharing one database, and one killed mid-submission.
final class ClusterTests: XCTestCase {
    func testTwoServersOnOneDatabaseShowOneBoard() async throws {
        let gold = try text(goldScript), naive = try text(naiveScript)
        try await withTestDatabase { url in
            // Both start at once: the advisory lock lets one migrate and the other find it done.
            async let a = ServerProcess(database: url)
            async let b = ServerProcess(database: url)
            let (serverA, serverB) = try await (a, b)
            XCTAssertNotEqual(serverA.port, serverB.port)
            var tokens: [String] = []
            for i in 0..<6 { tokens.append(try await join(i % 2 == 0 ? serverA : serverB, "p\(i)")) }
            // p0, p2, p4 submit gold, the others naive; each submission goes to the other server than
            // the player joined on, all at once.
            try await withThrowingTaskGroup(of: Int.self) { group in
                for (i, token) in tokens.enumerated() {
                    group.addTask {
                        try await submit(i % 2 == 0 ? serverB : serverA, i % 2 == 0 ? gold : naive, token: token).0
                    }
                }
                for try await status in group { XCTAssertEqual(status, 201) }
            }
            let fromA = try await board(serverA), fromB = try await board(serverB)
            XCTAssertEqual(fromA, fromB)
            XCTAssertEqual(fromA.playerCount, 6)
            XCTAssertEqual(Set(fromA.entries.prefix(3).map(\.player)), ["p0", "p2", "p4"])
            XCTAssertEqual(Set(fromA.entries.suffix(3).map(\.player)), ["p1", "p3", "p5"])
            // Within a tie, the earlier submission first.
            XCTAssertEqual(fromA.entries.prefix(3).map(\.submission), fromA.entries.prefix(3).map(\.submission).sorted())
            XCTAssertEqual(fromA.entries.map(\.rank), [1, 2, 3, 4, 5, 6])

            // Each player's own rank, asked of both servers (each from its own copy of the board), is
            // where the board lists them.
            let order = fromA.entries.map(\.player)
            for (i, token) in tokens.enumerated() {
                let a = try await board(serverA, token: token).you, b = try await board(serverB, token: token).you
                XCTAssertEqual(a?.rank, (order.firstIndex(of: "p\(i)") ?? -1) + 1)
                XCTAssertEqual(a, b)
            }
            // The last naive player overtakes the other two: gold ties the three gold players and
            // ranks after them (a later submission), so 4th; both servers' copies catch up.
            let lastNaive = try XCTUnwrap(order.last)
            let overtaker = try XCTUnwrap(Int(lastNaive.dropFirst()))
            let (status, _) = try await submit(serverA, gold, token: tokens[overtaker])
            XCTAssertEqual(status, 201)
            let expected = Array(order.prefix(3)) + [lastNaive] + order[3..<5]
            for server in [serverA, serverB] {
                let after = try await board(server)
                XCTAssertEqual(after.entries.map(\.player), expected)
                for (i, token) in tokens.enumerated() {
                    let you = try await board(server, token: token).you
                    XCTAssertEqual(you?.rank, (expected.firstIndex(of: "p\(i)") ?? -1) + 1, "p\(i)")
                }
            }
        }
    }

    func testTwoServersDrawOneTokensSubmissionsFromOneBucket() async throws {
        // A script that does not compile is refused (422) after its submission is counted, so the
        // bucket empties without verifying anything.
        let broken = "on order o:\n    fly o\n"
        try await withTestDatabase { url in
            async let a = ServerProcess(database: url, rateLimit: 3)
            async let b = ServerProcess(database: url, rateLimit: 3)
            let (serverA, serverB) = try await (a, b)
            let ada = try await join(serverA, "ada"), bob = try await join(serverB, "bob")
            var statuses: [Int] = []
            for server in [serverA, serverB, serverA, serverB, serverA] {
                statuses.append(try await submit(server, broken, token: ada).0)
            }
            // Three a minute in all, not three on each server.
            XCTAssertEqual(statuses, [422, 422, 422, 429, 429])
            let (status, data) = try await submit(serverB, broken, token: ada)
            XCTAssertEqual(status, 429)
            let message = try LeagueAPI.decoder().decode(LeagueErrorBody.self, from: data).error
            // Three a minute: one submission comes back in 20 s, less what has passed since.
            let wait = Int(message.dropFirst("too many submissions: wait ".count).prefix { $0.isNumber }) ?? 0
            XCTAssertTrue((10...20).contains(wait), message)
            XCTAssertEqual(message, "too many submissions: wait \(wait) s")
            // Another token has a bucket of its own.
            let other = try await submit(serverA, broken, token: bob)
            XCTAssertEqual(other.0, 422)
        }
    }

    func testAKilledServerLosesNoAcceptedSubmissionAndLeavesNoneHalfWritten() async throws {
        let gold = try text(goldScript), naive = try text(naiveScript)
        let seeds = 24
        try await withTestDatabase { url in
            let server = try ServerProcess(database: url, seeds: seeds)
            var joined: [String] = []
            for i in 0..<4 { joined.append(try await join(server, "k\(i)")) }
            let tokens = joined
            let accepted = AcceptedIDs()
            // Twelve submissions at once; the server is killed as soon as the first is accepted,
            // with the others verifying, queued or being written.
            await withTaskGroup(of: Void.self) { group in
                for i in 0..<12 {
                    group.addTask {
                        guard let (status, data) = try? await submit(server, i % 3 == 0 ? naive : gold, token: tokens[i % 4]),
                              status == 201, let r = try? LeagueAPI.decoder().decode(SubmissionReceipt.self, from: data) else { return }
                        if accepted.add(r.submission) == 1 { server.kill() }
                    }
                }
            }
            let acked = accepted.all
            XCTAssertFalse(acked.isEmpty)
            XCTAssertFalse(server.process.isRunning)
            let players = try await withClient(url) { client -> Int in
                let logger = quietLogger
                var stored: [Int64: Int] = [:]
                for try await (id, n) in try await client.query("""
                    SELECT s.id, (SELECT count(*) FROM submission_seed x WHERE x.submission_id = s.id) FROM submission s
                    """, logger: logger).decode((Int64, Int).self) {
                    stored[id] = n
                }
                for id in acked { XCTAssertNotNil(stored[id], "accepted submission \(id) was lost") }
                for (id, n) in stored { XCTAssertEqual(n, seeds, "submission \(id) has \(n) of \(seeds) seeds") }
                // Every standing is its player's best stored submission (smallest score, then id).
                var wrong = 0
                for try await n in try await client.query("""
                    SELECT count(*) FROM standing st WHERE st.submission_id <> (
                        SELECT s.id FROM submission s WHERE s.player_id = st.player_id AND s.level_hash = st.level_hash AND s.failures = 0
                        ORDER BY CASE st.metric WHEN 'profit' THEN -s.profit WHEN 'throughput' THEN -s.throughput
                                 WHEN 'served' THEN -s.served WHEN 'value-added' THEN -s.value_added
                                 WHEN 'lead-time' THEN s.lead_time WHEN 'waste' THEN s.waste ELSE s.script_size END, s.id
                        LIMIT 1)
                    """, logger: logger).decode(Int.self) { wrong = n }
                XCTAssertEqual(wrong, 0)
                var players = 0
                for try await n in try await client.query("SELECT count(DISTINCT player_id) FROM submission", logger: logger).decode(Int.self) {
                    players = n
                }
                return players
            }
            // A new server on the same database serves the board and takes submissions.
            let again = try ServerProcess(database: url, seeds: seeds)
            let b = try await board(again)
            XCTAssertEqual(b.playerCount, players)
            XCTAssertEqual(b.entries.count, players)
            let r1 = try await submit(again, gold, token: tokens[0])
            XCTAssertEqual(r1.0, 201)
        }
    }
}

/// Submission ids the clients were told were accepted.
final class AcceptedIDs: @unchecked Sendable {
    private var ids: [Int64] = []
    private let lock = NSLock()
    /// Adds one; returns how many there are now.
    func add(_ id: Int64) -> Int {
        lock.lock()
        defer { lock.unlock() }
        ids.append(id)
        return ids.count
    }
    var all: [Int64] {
        lock.lock()
        defer { lock.unlock() }
        return ids
    }
}
