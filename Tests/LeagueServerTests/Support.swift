import CoffeeEngine
import CoffeeGame
import Foundation
import Hummingbird
import HummingbirdTesting
import LeagueServer
import Logging
import PostgresNIO
import XCTest

/// The repository root, found from this file's path.
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let levelsFolder = repoRoot.appendingPathComponent("Levels").path
let goldScript = repoRoot.appendingPathComponent("Tests/CoffeeGameTests/Solutions/01-first-shot/gold.brew")
let naiveScript = repoRoot.appendingPathComponent("Tests/CoffeeGameTests/Solutions/01-first-shot/naive.brew")
let testSecret = "league-test-secret-0123456789"

func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

/// The first level, as the server loads it.
func firstLevel() throws -> Level { try LevelCatalog(folder: levelsFolder).level("1") }

/// Tests that need PostgreSQL skip without `DATABASE_URL`; `.ci/run` always sets it.
func requireDatabase() throws -> String {
    guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else {
        throw XCTSkip("DATABASE_URL is unset: the league's PostgreSQL tests are skipped (.ci/run starts a database and sets it)")
    }
    return url
}

var quietLogger: Logger {
    var l = Logger(label: "league-test")
    l.logLevel = ProcessInfo.processInfo.environment["LEAGUE_TEST_LOG"] == nil ? .critical : .debug
    return l
}

/// A PostgresClient running for the length of `body`.
func withClient<T: Sendable>(_ url: String, _ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
    let client = PostgresClient(configuration: try .league(url: url), backgroundLogger: quietLogger)
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { await client.run(); return nil }
        defer { group.cancelAll() }
        return try await body(client)
    }
}

/// A database of its own for one test (dropped afterwards): `body` gets its URL.
func withTestDatabase(_ body: @Sendable (String) async throws -> Void) async throws {
    let admin = try requireDatabase()
    let name = "league_test_\(UInt64.random(in: 0...UInt64.max))"
    try await withClient(admin) { client in
        try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: quietLogger)
    }
    guard var parts = URLComponents(string: admin) else { XCTFail("bad DATABASE_URL"); return }
    parts.path = "/" + name
    let url = parts.string ?? admin
    do {
        try await body(url)
    } catch {
        try? await dropDatabase(admin, name)
        throw error
    }
    try await dropDatabase(admin, name)
}

private func dropDatabase(_ admin: String, _ name: String) async throws {
    try await withClient(admin) { client in
        try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: quietLogger)
    }
}

/// A server configuration for tests: the repository's levels, few seeds, migrating.
func testConfig(_ url: String, seeds: Int = 4) -> LeagueConfig {
    var c = LeagueConfig(databaseURL: url, levelsFolder: levelsFolder, seedSecret: testSecret)
    c.seeds = seeds
    c.workers = 2
    c.migrate = true
    c.port = 0
    return c
}

/// What the server must answer for `script` on level 1: the same shifts on the same hidden seeds, run here.
func expectedEvaluation(_ source: String, seeds: Int = 4, secret: String = testSecret) throws -> Evaluation {
    let level = try firstLevel()
    let (script, _) = Script.compile(source: source, file: "submission.brew", level: level)
    guard let script else { throw XCTSkip("the fixture script does not compile") }
    let list = LeagueSecrets.seeds(secret: secret, levelHash: level.contentHash, count: seeds)
    return Evaluation.scored(level: level, seeds: list, results: list.map { ShiftRunner.run(level: level, script: script, seed: $0) })
}

/// Runs `body` against a fresh league in process (its own database, migrated), driven by HummingbirdTesting.
func withLeague(_ configure: @escaping @Sendable (inout LeagueConfig) -> Void = { _ in },
                _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    try await withTestDatabase { url in
        var config = testConfig(url)
        configure(&config)
        let app = try LeagueServer.application(config: config, logger: quietLogger)
        try await app.test(.router) { client in try await body(client) }
    }
}
