import ArgumentParser
import CoffeeEngine
import CoffeeGame
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LeagueAPI
import LeagueServer
import Logging
import PostgresNIO

/// `barista-league load`: N concurrent clients submit a real script to one level and read its
/// board, against a server on loopback; prints verified submissions per second and latencies.
/// Bounded: at most `--submissions` and `--reads` requests, and `--max-seconds` in all.
struct Load: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load-test a league server on loopback (a benchmark, not a test).")

    @Option(help: "The server, on loopback.") var url = "http://127.0.0.1:8080"
    @Option(help: "The level to submit to.") var level = "1"
    @Option(help: "The script every client submits.") var script: String
    @Option(help: "Concurrent clients (1 to 64).") var clients = 4
    @Option(help: "Submissions in all (0 to 10000).") var submissions = 32
    @Option(help: "Board reads in all (0 to 100000).") var reads = 1000
    @Option(help: "Stop after this many seconds whatever is left (1 to 3600).") var maxSeconds = 300.0
    @Option(help: "First insert this many evaluations directly into the database (needs --database-url; 0 to 1000000).") var fill = 0
    @Option(help: "Players the filled evaluations belong to.") var fillPlayers = 10_000
    @Option(help: "The league's database, for --fill, the count of stored evaluations and the board's query plan.") var databaseURL: String?
    @Option(help: "The server's process id, to report its CPU time per board read (Linux /proc).") var serverPid: Int32?

    func run() async throws {
        guard let base = URL(string: url), let host = base.host, ["127.0.0.1", "localhost", "::1"].contains(host) else {
            throw ValidationError("the load generator only talks to a server on loopback (127.0.0.1, localhost or ::1)")
        }
        guard (1...64).contains(clients), (0...10_000).contains(submissions), (0...100_000).contains(reads),
              (1...3600).contains(maxSeconds), (0...1_000_000).contains(fill), (1...1_000_000).contains(fillPlayers) else {
            throw ValidationError("a bound is out of range: see --help")
        }
        let lvl: Level
        do { lvl = try LevelCatalog.resolve(level) } catch { throw ValidationError(error.description) }
        guard let data = FileManager.default.contents(atPath: script), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("cannot read script '\(script)'")
        }
        let deadline = Date().addingTimeInterval(maxSeconds)
        let dbURL = databaseURL
        if fill > 0 {
            guard let dbURL else { throw ValidationError("--fill needs --database-url") }
            let t = Date()
            try await withDatabase(dbURL) { client, logger in
                try await LeagueBench.fill(client: client, logger: logger, levelHash: lvl.contentHash, levelLabel: lvl.label,
                                           count: fill, players: fillPlayers)
            }
            print("filled \(fill) evaluations (\(fillPlayers) players) in \(String(format: "%.1f", Date().timeIntervalSince(t))) s")
        }
        let http = LoadClient(base: base)
        var tokens: [String] = []
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        for i in 0..<clients {
            let (status, body) = try await http.send("POST", "/v1/players", json: NewPlayer(name: "load-\(tag)-\(i)"))
            guard status == 201, let t = try? LeagueAPI.decoder().decode(PlayerToken.self, from: body) else {
                throw ValidationError("joining the league failed: HTTP \(status) \(String(decoding: body, as: UTF8.self))")
            }
            tokens.append(t.token)
        }
        let request = SubmissionRequest(script: text, engineVersion: EngineInfo.version, levelHash: lvl.contentHash)
        let path = "/v1/levels/\(lvl.contentHash)"
        let submitted = try await phase(count: submissions, tokens: tokens, deadline: deadline) { token in
            try await http.send("POST", path + "/submissions", json: request, token: token)
        }
        report("submissions", submitted, countedAs: "verified", expected: 201)
        let cpuBefore = serverPid.flatMap(Self.cpuSeconds)
        let read = try await phase(count: reads, tokens: tokens, deadline: deadline) { token in
            try await http.send("GET", path + "/leaderboard?metric=profit", token: token)
        }
        report("board reads", read, countedAs: "answered", expected: 200)
        if let cpuBefore, let cpuAfter = serverPid.flatMap(Self.cpuSeconds), !read.latencies.isEmpty {
            let perRead = (cpuAfter - cpuBefore) / Double(read.latencies.count) * 1e6
            let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
            print("server CPU per board read: \(Int(perRead)) µs (user + system); load average \(load)")
        }
        if let dbURL {
            try await withDatabase(dbURL) { client, logger in
                let n = try await LeagueBench.count(client: client, logger: logger, levelHash: lvl.contentHash)
                print("stored evaluations of \(lvl.label): \(n)")
                print("board query plan:\n" + (try await LeagueBench.explainBoard(client: client, logger: logger, levelHash: lvl.contentHash)))
            }
        }
    }

    /// A process's user + system CPU seconds, from /proc/PID/stat (nil where there is none).
    static func cpuSeconds(_ pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // After "pid (name)": field 3 is the state; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    struct Phase {
        var latencies: [Double] = []
        var statuses: [Int: Int] = [:]
        var seconds = 0.0
    }

    /// `count` requests spread over one task per client, each timed.
    func phase(count: Int, tokens: [String], deadline: Date,
               _ request: @escaping @Sendable (String) async throws -> (Int, Data)) async throws -> Phase {
        let start = Date()
        let perClient = (0..<tokens.count).map { i in count / tokens.count + (i < count % tokens.count ? 1 : 0) }
        var phase = Phase()
        try await withThrowingTaskGroup(of: [(Int, Double)].self) { group in
            for (i, token) in tokens.enumerated() {
                let n = perClient[i]
                group.addTask {
                    var out: [(Int, Double)] = []
                    for _ in 0..<n where Date() < deadline {
                        let t = ContinuousClock.now
                        let (status, _) = try await request(token)
                        let d = ContinuousClock.now - t
                        out.append((status, Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15))
                    }
                    return out
                }
            }
            for try await results in group {
                for (status, ms) in results {
                    phase.latencies.append(ms)
                    phase.statuses[status, default: 0] += 1
                }
            }
        }
        phase.seconds = Date().timeIntervalSince(start)
        return phase
    }

    func report(_ name: String, _ p: Phase, countedAs word: String, expected: Int) {
        guard !p.latencies.isEmpty else { print("\(name): none"); return }
        let sorted = p.latencies.sorted()
        func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int((q * Double(sorted.count)).rounded(.up)) - 1)] }
        let ok = p.statuses[expected] ?? 0
        let statuses = p.statuses.keys.sorted().map { "\($0)×\(p.statuses[$0] ?? 0)" }.joined(separator: " ")
        print("\(name): \(p.latencies.count) in \(String(format: "%.2f", p.seconds)) s, \(ok) \(word) "
              + "(\(String(format: "%.2f", Double(ok) / p.seconds))/s), p50 \(String(format: "%.2f", at(0.5))) ms, "
              + "p99 \(String(format: "%.2f", at(0.99))) ms, max \(String(format: "%.2f", sorted.last ?? 0)) ms; HTTP \(statuses)")
    }

    func withDatabase(_ url: String, _ body: (PostgresClient, Logger) async throws -> Void) async throws {
        var logger = Logger(label: "barista-league-load")
        logger.logLevel = .warning
        let client = PostgresClient(configuration: try .league(url: url), backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await body(client, logger)
        }
    }
}

/// A small HTTP client over URLSession: status and body, no retries.
struct LoadClient: Sendable {
    let base: URL
    let session: URLSession = {
        let c = URLSessionConfiguration.ephemeral
        c.timeoutIntervalForRequest = 120
        c.httpMaximumConnectionsPerHost = 64
        return URLSession(configuration: c)
    }()

    func send(_ method: String, _ path: String, token: String? = nil) async throws -> (Int, Data) {
        try await send(method, path, body: nil, token: token)
    }

    func send<T: Encodable>(_ method: String, _ path: String, json: T, token: String? = nil) async throws -> (Int, Data) {
        try await send(method, path, body: try LeagueAPI.encoder().encode(json), token: token)
    }

    private func send(_ method: String, _ path: String, body: Data?, token: String?) async throws -> (Int, Data) {
        guard let url = URL(string: base.absoluteString + path) else { throw ValidationError("bad path \(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }
}
