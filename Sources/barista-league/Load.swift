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
/// Bounded: at most `--submissions` and `--reads` requests (per rate), and `--max-seconds` in all.
///
/// Board reads run closed-loop (each client sends its next read when the last one answers: the
/// latency then mostly says how many clients share the cores) or, with `--rate`, open-loop: read
/// i is due at start + i / rate, sent by the next free client, and its latency is counted from when
/// it was due, so a stall that delays the reads behind it shows in their latencies too.
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
    @Option(help: "Open-loop board reads at these rates, reads per second, one after another (e.g. 50,100,200; each 1 to 10000); without it, closed-loop.")
    var rate: String?

    func run() async throws {
        guard let base = URL(string: url), let host = base.host, ["127.0.0.1", "localhost", "::1"].contains(host) else {
            throw ValidationError("the load generator only talks to a server on loopback (127.0.0.1, localhost or ::1)")
        }
        guard (1...64).contains(clients), (0...10_000).contains(submissions), (0...100_000).contains(reads),
              (1...3600).contains(maxSeconds), (0...1_000_000).contains(fill), (1...1_000_000).contains(fillPlayers) else {
            throw ValidationError("a bound is out of range: see --help")
        }
        let rates = try rate.map { list in
            try list.split(separator: ",").map { text -> Double in
                guard let r = Double(text), (1...10_000).contains(r) else {
                    throw ValidationError("--rate takes reads per second from 1 to 10000, separated by commas, not '\(text)'")
                }
                return r
            }
        } ?? []
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
        let cpuBefore = serverPid.flatMap(Self.cpuSeconds)
        let submitted = try await phase(count: submissions, tokens: tokens, deadline: deadline) { token in
            try await http.send("POST", path + "/submissions", json: request, token: token)
        }
        report("submissions", submitted, countedAs: "verified", expected: 201)
        printCPU(since: cpuBefore, per: submitted.latencies.count, "submission")
        let board = path + "/leaderboard?metric=profit"
        let readPhases: [Double?] = reads == 0 ? [] : rates.isEmpty ? [nil] : rates.map(Optional.some)
        for r in readPhases {
            let readsBefore = serverPid.flatMap(Self.cpuSeconds)
            let ranks = SeenRanks()
            let read = try await phase(count: reads, tokens: tokens, deadline: deadline, rate: r) { token in
                let answer = try await http.send("GET", board, token: token)
                if !ranks.has(token), let b = try? LeagueAPI.decoder().decode(LeagueBoard.self, from: answer.1) {
                    ranks.add(token, rank: b.you?.rank, of: b.playerCount)
                }
                return answer
            }
            let name = r.map { "board reads, open loop at \(Int($0))/s over \(clients) clients" } ?? "board reads, closed loop, \(clients) clients"
            report(name, read, countedAs: "answered", expected: 200)
            print("  the clients' own ranks: \(ranks.summary)")
            printCPU(since: readsBefore, per: read.latencies.count, "board read")
        }
        if let dbURL {
            try await withDatabase(dbURL) { client, logger in
                let n = try await LeagueBench.count(client: client, logger: logger, levelHash: lvl.contentHash)
                print("stored evaluations of \(lvl.label): \(n)")
                print("board query plan:\n" + (try await LeagueBench.explainBoard(client: client, logger: logger, levelHash: lvl.contentHash)))
            }
        }
    }

    /// The server's CPU time per request since `before`, with the load average.
    func printCPU(since before: Double?, per count: Int, _ what: String) {
        guard let before, let after = serverPid.flatMap(Self.cpuSeconds), count > 0 else { return }
        let each = (after - before) / Double(count) * 1e6
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        print("  server CPU per \(what): \(Int(each)) µs (user + system); load average \(load)")
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

    /// `count` requests over one task per client, each timed. Closed loop without `rate`: each client
    /// sends its share back to back. Open loop with `rate`: request i is due at start + i / rate and
    /// goes to the next free client; its latency runs from when it was due, not from when it was sent.
    func phase(count: Int, tokens: [String], deadline: Date, rate: Double? = nil,
               _ request: @escaping @Sendable (String) async throws -> (Int, Data)) async throws -> Phase {
        let start = Date()
        let clock = ContinuousClock()
        let origin = clock.now
        let tickets = Tickets(count: count)
        let perClient = (0..<tokens.count).map { i in count / tokens.count + (i < count % tokens.count ? 1 : 0) }
        var phase = Phase()
        try await withThrowingTaskGroup(of: [(Int, Double)].self) { group in
            for (i, token) in tokens.enumerated() {
                let n = perClient[i]
                group.addTask {
                    var out: [(Int, Double)] = []
                    if let rate {
                        while let ticket = tickets.next(), Date() < deadline {
                            let due = origin + .nanoseconds(Int64(Double(ticket) / rate * 1e9))
                            if due > clock.now { try await clock.sleep(until: due) }
                            let (status, _) = try await request(token)
                            out.append((status, Self.milliseconds(clock.now - due)))
                        }
                    } else {
                        for _ in 0..<n where Date() < deadline {
                            let t = clock.now
                            let (status, _) = try await request(token)
                            out.append((status, Self.milliseconds(clock.now - t)))
                        }
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

    static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
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

/// The open loop's schedule: request numbers handed out in order, each once.
final class Tickets: @unchecked Sendable {
    private var issued = 0
    private let count: Int
    private let lock = NSLock()
    init(count: Int) { self.count = count }
    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard issued < count else { return nil }
        issued += 1
        return issued - 1
    }
}

/// The rank each client's first board read showed it, to say where on the board the reads were.
final class SeenRanks: @unchecked Sendable {
    private var ranks: [String: (rank: Int?, of: Int)] = [:]
    private let lock = NSLock()
    func has(_ token: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return ranks[token] != nil
    }
    func add(_ token: String, rank: Int?, of players: Int) {
        lock.lock()
        defer { lock.unlock() }
        ranks[token] = (rank, players)
    }
    var summary: String {
        lock.lock()
        defer { lock.unlock() }
        let seen = ranks.values.sorted { ($0.rank ?? .max) < ($1.rank ?? .max) }
        guard !seen.isEmpty else { return "none seen" }
        return seen.map { "\($0.rank.map(String.init) ?? "unranked") of \($0.of)" }.joined(separator: ", ")
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
