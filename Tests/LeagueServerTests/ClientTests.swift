import Foundation
import LeagueAPI
import XCTest

/// The player's side: `barista league join`, `submit` and `leaderboard --league` against a live server.
final class ClientTests: XCTestCase {
    func barista(_ args: [String], db: String) throws -> Outcome { try runBarista(args, db: db) }

    func scratchDB() -> String {
        let path = scratchDatabase()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        return path
    }

    func testJoinSubmitAndTheLeagueBoard() async throws {
        let db = scratchDB()
        try await withTestDatabase { url in
            let server = try ServerProcess(database: url)
            let joined = try runBarista(["league", "join", server.url, "--player", "ada"], db: db)
            XCTAssertEqual(joined.status, 0, joined.stderr)
            XCTAssertEqual(joined.stdout, "joined \(server.url) as ada; your token is kept in \(db) (readable by you only)\n")
            let mode = try FileManager.default.attributesOfItem(atPath: db)[.posixPermissions] as? NSNumber
            XCTAssertEqual(mode?.intValue, 0o600)

            let gold = goldScript.path
            let sent = try runBarista(["submit", "1", gold], db: db)
            XCTAssertEqual(sent.status, 0, sent.stderr)
            let lines = sent.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(lines.first, "01 first-shot · submission #1 to \(server.url) · verified on the league's 4 hidden seeds")
            XCTAssertTrue(lines.contains("rank        1 of 1 on profit (your best)"), sent.stdout)
            XCTAssertTrue(lines.contains { $0.hasSuffix("◀ you") || $0.contains("◀ you (") }, sent.stdout)

            let board = try runBarista(["leaderboard", "1", "--league"], db: db)
            XCTAssertEqual(board.status, 0, board.stderr)
            XCTAssertTrue(board.stdout.hasPrefix("01 first-shot · league · best profit per player · 1 player\n  1.   ada"), board.stdout)
            XCTAssertTrue(board.stdout.contains("#1  ← you"), board.stdout)
            let front = try runBarista(["leaderboard", "1", "--league", "--pareto"], db: db)
            XCTAssertEqual(front.status, 0, front.stderr)
            XCTAssertEqual(front.stdout.split(separator: "\n").first.map(String.init),
                           "01 first-shot · league · submissions no other beats on profit, throughput, lead-time, size at once")
            XCTAssertTrue(front.stdout.contains("\n  #1  ada"), front.stdout)

            // The league gone: a clear message, and the script is still there.
            server.kill()
            let offline = try runBarista(["submit", "1", gold], db: db)
            XCTAssertEqual(offline.status, 1)
            XCTAssertTrue(offline.stderr.hasPrefix("barista: cannot reach the league at 127.0.0.1:\(server.port): "), offline.stderr)
            XCTAssertTrue(offline.stderr.hasSuffix("nothing is lost: \(gold) is still where it was\n"), offline.stderr)
        }
    }

    func testSubmittingAStoredEvaluationSendsItsScript() async throws {
        let db = scratchDB()
        let evaluated = try runBarista(["eval", "1", goldScript.path, "--seeds", "3"], db: db)
        XCTAssertEqual(evaluated.status, 0, evaluated.stderr)
        try await withTestDatabase { url in
            let server = try ServerProcess(database: url)
            let joined = try runBarista(["league", "join", server.url, "--player", "ada"], db: db)
            XCTAssertEqual(joined.status, 0, joined.stderr)
            // e1 is the local evaluation (3 practice seeds); the league runs its own 4 hidden ones.
            let sent = try runBarista(["submit", "e1"], db: db)
            XCTAssertEqual(sent.status, 0, sent.stderr)
            let expected = try expectedEvaluation(try text(goldScript))
            let lines = sent.stdout.split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.first, "01 first-shot · submission #1 to \(server.url) · verified on the league's 4 hidden seeds")
            XCTAssertEqual(lines.dropFirst().first, "objective   \(expected.objective)")
            XCTAssertTrue(lines.contains("medal       \(expected.medal?.description ?? "none")"), sent.stdout)
            XCTAssertTrue(lines.contains("rank        1 of 1 on profit (your best)"), sent.stdout)
            // What the league stored is the evaluation's script, byte for byte.
            let (status, data) = try await http("GET", server.url + "/v1/submissions/1")
            XCTAssertEqual(status, 200)
            XCTAssertEqual(try LeagueAPI.decoder().decode(SubmissionDetail.self, from: data).script, try text(goldScript))
            // An evaluation that is not there: the store's message, nothing sent.
            let missing = try runBarista(["submit", "e9"], db: db)
            XCTAssertEqual(missing.status, 2, missing.stderr)
            XCTAssertEqual(missing.stdout, "")
            XCTAssertEqual(missing.stderr, "barista: There is no evaluation e9.\n")
            let (_, again) = try await http("GET", server.url + "/v1/submissions/2")
            XCTAssertEqual(try LeagueAPI.decoder().decode(LeagueErrorBody.self, from: again).error, "there is no submission 2")
        }
    }

    func testWithoutALeagueTheMessagesSayWhatToDo() throws {
        let db = scratchDB()
        let none = try barista(["submit", "1", goldScript.path], db: db)
        XCTAssertEqual(none.status, 2)
        XCTAssertEqual(none.stderr, "barista: you have not joined a league: barista league join URL --player NAME\n")
        let bad = try barista(["league", "join", "ftp://example.org", "--player", "ada"], db: db)
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr, "barista: 'ftp://example.org' is not a league address: use http://host:port or https://host\n")
        // Port 9 (discard) has no league on loopback.
        let down = try barista(["league", "join", "http://127.0.0.1:9", "--player", "ada"], db: db)
        XCTAssertEqual(down.status, 1)
        XCTAssertTrue(down.stderr.hasPrefix("barista: cannot reach the league at 127.0.0.1:9: "), down.stderr)
        let builtin = try barista(["submit", "banana"], db: db)
        XCTAssertEqual(builtin.status, 2)
        XCTAssertEqual(builtin.stderr, "barista: give a level and a script (barista submit 2 mine.brew), or a run or evaluation (barista submit 12, barista submit e3)\n")
    }
}

/// The README's league lines, run as written against a live server (its URL put in for 8080).
final class ReadmeLeagueTests: XCTestCase {
    func testTheReadmesLeagueExamplesRun() async throws {
        let readme = try String(contentsOf: repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n").map(String.init).filter {
            $0.hasPrefix("swift run barista ") && ($0.contains(" league ") || $0.contains(" submit ") || $0.contains("--league"))
        }
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(readme.contains("swift run barista-league --migrate --database-url "))
        try await withTestDatabase { url in
            let server = try ServerProcess(database: url)
            let db = scratchDatabase()
            defer { try? FileManager.default.removeItem(atPath: (db as NSString).deletingLastPathComponent) }
            for line in lines {
                let words = line.dropFirst("swift run barista ".count).split(separator: " ").map {
                    $0 == "http://127.0.0.1:8080" ? server.url : String($0)
                }
                let r = try runBarista(words, db: db)
                XCTAssertEqual(r.status, 0, "\(line): \(r.stderr)")
                XCTAssertFalse(r.stdout.isEmpty, line)
            }
        }
    }
}

struct Outcome { let status: Int32; let stdout: String; let stderr: String }

/// A save file path in a new temporary folder.
func scratchDatabase() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("league-client-\(UInt64.random(in: 0...UInt64.max))")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("barista.sqlite").path
}

/// Runs `barista ARGS` in the repository with its own save file.
func runBarista(_ args: [String], db: String) throws -> Outcome {
    let p = Process()
    p.executableURL = builtBinary("barista")
    p.arguments = args
    p.currentDirectoryURL = repoRoot
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "BARISTA_LEVELS")
    env["BARISTA_DB"] = db
    p.environment = env
    let out = Pipe(), err = Pipe()
    (p.standardOutput, p.standardError) = (out, err)
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Outcome(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// The game binary links no server code: none of NIO, Hummingbird or PostgresNIO is in it.
final class GameBinaryTests: XCTestCase {
    func testBaristaLinksNoServerLibraries() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/nm") else { throw XCTSkip("nm is not installed") }
        func symbols(_ binary: String, matching words: [String]) throws -> Int {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/nm")
            p.arguments = [builtBinary(binary).path]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            return text.split(separator: "\n").filter { line in words.contains { line.contains($0) } }.count
        }
        let server = ["NIOCore", "Hummingbird", "PostgresNIO"]
        XCTAssertEqual(try symbols("barista", matching: server), 0)
        XCTAssertGreaterThan(try symbols("barista", matching: ["LeagueAPI"]), 0)
    }

    /// Nor networking libraries at load time: the league client opens libcurl itself when a league
    /// command runs, so FoundationNetworking's dozen libraries are not mapped into every `barista bench`.
    func testBaristaNeedsNeitherFoundationNetworkingNorLibcurl() throws {
        let needed = try neededLibraries(Data(contentsOf: builtBinary("barista")))
        XCTAssertTrue(needed.contains("libswiftCore.so"), "\(needed)")
        XCTAssertTrue(needed.contains("libFoundation.so"), "\(needed)")
        XCTAssertEqual(needed.filter { $0.contains("FoundationNetworking") || $0.contains("curl") }, [])
        // The server, for contrast, still links them (its load generator uses URLSession).
        XCTAssertTrue(try neededLibraries(Data(contentsOf: builtBinary("barista-league"))).contains("libFoundationNetworking.so"))
    }
}

/// The DT_NEEDED entries of a little-endian ELF64 file: the libraries the loader maps before main.
func neededLibraries(_ elf: Data) throws -> [String] {
    let bytes = [UInt8](elf)
    func integer(_ at: Int, _ size: Int) throws -> Int {
        guard at >= 0, size <= 8, at + size <= bytes.count else { throw ELFError("read past the end at \(at)") }
        return (0..<size).reversed().reduce(0) { $0 << 8 | Int(bytes[at + $1]) }
    }
    guard bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46, 2, 1]) else { throw ELFError("not a little-endian ELF64 file") }
    let sections = try integer(0x28, 8), entrySize = try integer(0x3A, 2), count = try integer(0x3C, 2)
    func section(_ i: Int) throws -> (type: Int, offset: Int, size: Int, link: Int) {
        let at = sections + i * entrySize
        return (try integer(at + 4, 4), try integer(at + 0x18, 8), try integer(at + 0x20, 8), try integer(at + 0x28, 4))
    }
    guard let dynamic = try (0..<count).map(section).first(where: { $0.type == 6 }) else { throw ELFError("no dynamic section") }
    let strings = try section(dynamic.link).offset
    var names: [String] = []
    for at in stride(from: dynamic.offset, to: dynamic.offset + dynamic.size, by: 16) {
        let tag = try integer(at, 8)
        if tag == 0 { break }
        guard tag == 1 else { continue }
        let start = strings + (try integer(at + 8, 8))
        guard let end = bytes[start...].firstIndex(of: 0) else { throw ELFError("unterminated name") }
        names.append(String(decoding: bytes[start..<end], as: UTF8.self))
    }
    return names
}

struct ELFError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
