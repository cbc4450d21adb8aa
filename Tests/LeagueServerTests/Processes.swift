import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import CoffeeEngine
import LeagueAPI
import XCTest

/// An executable built beside the test bundle.
func builtBinary(_ name: String) -> URL {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    let bundle = Bundle.allBundles.map(\.bundleURL).first { $0.pathExtension == "xctest" }
    if let dir = bundle?.deletingLastPathComponent().appendingPathComponent(name), FileManager.default.isExecutableFile(atPath: dir.path) {
        return dir
    }
    return repoRoot.appendingPathComponent(".build/debug/\(name)")
}

/// A `barista-league` process on a free loopback port, stopped (SIGTERM) when dropped.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }
    private let output = Pipe()

    init(database: String, seeds: Int = 4, workers: Int = 2, rateLimit: Int = 10_000, extra: [String] = []) throws {
        process.executableURL = builtBinary("barista-league")
        process.arguments = ["--port", "0", "--database-url", database, "--levels", levelsFolder, "--seed-secret", testSecret,
                             "--seeds", String(seeds), "--workers", String(workers), "--rate-limit", String(rateLimit), "--migrate",
                             "--log-level", "warning"] + extra
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The server prints one line once it listens: "barista-league listening on http://127.0.0.1:PORT".
        var seen = ""
        let deadline = Date().addingTimeInterval(60)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { Thread.sleep(forTimeInterval: 0.05); continue }
            seen += String(decoding: data, as: UTF8.self)
            if let range = seen.range(of: "listening on http://127.0.0.1:"),
               let end = seen[range.upperBound...].firstIndex(of: "\n") {
                found = Int(seen[range.upperBound..<end])
            }
        }
        guard let found else {
            process.terminate()
            throw XCTSkip("barista-league did not start (is it built? \(process.executableURL?.path ?? "")): \(seen)")
        }
        port = found
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

/// A request to a live server: status and body.
func http(_ method: String, _ url: String, body: Data? = nil, token: String? = nil) async throws -> (Int, Data) {
    guard let u = URL(string: url) else { throw URLError(.badURL) }
    var request = URLRequest(url: u, timeoutInterval: 120)
    request.httpMethod = method
    request.httpBody = body
    if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
}

func join(_ server: ServerProcess, _ name: String) async throws -> String {
    let (status, data) = try await http("POST", server.url + "/v1/players", body: try LeagueAPI.encoder().encode(NewPlayer(name: name)))
    XCTAssertEqual(status, 201)
    return try LeagueAPI.decoder().decode(PlayerToken.self, from: data).token
}

func submit(_ server: ServerProcess, _ script: String, token: String) async throws -> (Int, Data) {
    let level = try firstLevel()
    let body = try LeagueAPI.encoder().encode(SubmissionRequest(script: script, engineVersion: EngineInfo.version, levelHash: level.contentHash))
    return try await http("POST", server.url + "/v1/levels/1/submissions", body: body, token: token)
}

func board(_ server: ServerProcess, metric: String = "profit", token: String? = nil) async throws -> LeagueBoard {
    let (_, data) = try await http("GET", server.url + "/v1/levels/1/leaderboard?metric=\(metric)&limit=100", token: token)
    return try LeagueAPI.decoder().decode(LeagueBoard.self, from: data)
}
