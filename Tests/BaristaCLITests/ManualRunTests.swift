@testable import barista
import CoffeeGame
import CoffeeTerminal
import Foundation
import Testing

/// A shift played by hand is recorded the way `barista play` records it, then checked by the
/// commands a player uses on it: `replay` verifies it, `export` → `import` carries it elsewhere.
@Suite struct ManualRunTests {
    /// Plays level 1 by hand with a player who takes the first move offered (often idling), so
    /// the barista is often left with nothing to do: the case that used to break the log.
    static func playAndRecord(db: String) throws -> RunResult {
        let level = try LevelLoader.load(path: repoRoot.appendingPathComponent("Levels/01-first-shot.yaml").path)
        let source = ManualSource(level: level)
        let saver = try ShiftSaver(options: StoreOptions.parse(["--db", db, "--player", "ana"]), level: level, source: source)
        let player = try ShiftPlayer(source: source)
        saver.screen = player
        var result: RunResult?
        player.onFinish = { r in
            result = r
            _ = saver.record(r)
        }
        var moves = 0
        while !player.isFinished, moves < 1000 {
            player.advance(to: 100_000)
            guard let q = player.question else { break }
            // Every third move idles until news; the others take the first move offered.
            player.answer(moves % 3 == 2 ? q.options[q.options.count - 1] : q.options[0])
            moves += 1
        }
        return try #require(result)
    }

    @Test func aHandPlayedRunVerifiesAndSurvivesExportAndImport() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("a.sqlite").path
        let result = try Self.playAndRecord(db: db)
        let replay = try barista(["replay", "1", "--db", db])
        #expect(replay.stdout == "run #1: verified (01 first-shot, seed 1, digest \(result.digest))\n")
        // Its Chrome trace: a flow arrow per served order, counters that end with an empty shop.
        let trace = try barista(["export", "1", "--trace", "--db", db])
        #expect(trace.status == 0, "\(trace.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(trace.stdout.utf8)) as? [String: Any])
        let events = try #require(object["traceEvents"] as? [[String: Any]])
        #expect(events.filter { $0["ph"] as? String == "f" }.count == result.metrics.served)
        let counters = events.filter { $0["ph"] as? String == "C" }.compactMap { $0["args"] as? [String: Int] }
        #expect(counters.last == ["queue": 0, "in shop": 0])
        #expect(replay.status == 0)
        let exported = try barista(["export", "1", "--db", db])
        let file = dir.appendingPathComponent("manual.replay")
        try exported.stdout.write(to: file, atomically: true, encoding: .utf8)
        let imported = try barista(["import", file.path, "--db", dir.appendingPathComponent("b.sqlite").path])
        #expect(imported.stdout == "verified and stored as run #1\n")
    }

    @Test func quittingSaysWhatWasAndWasNotRecorded() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let level = try LevelLoader.load(path: repoRoot.appendingPathComponent("Levels/01-first-shot.yaml").path)
        let source = ManualSource(level: level)
        let player = try ShiftPlayer(source: source)
        player.advance(to: 100_000)
        #expect(Play.recordedSummary(player: player, saver: nil, replay: false) == """
            nothing was recorded (--no-save)
            the shift in play was stopped at tick 0: an unfinished shift is not recorded
            """)
        #expect(Play.recordedSummary(player: player, saver: nil, replay: true).hasPrefix("a replay: nothing was recorded\n"))
        let db = dir.appendingPathComponent("a.sqlite").path
        _ = try Self.playAndRecord(db: db)
        let saver = try ShiftSaver(options: StoreOptions.parse(["--db", db, "--player", "ana"]), level: level, source: source)
        #expect(Play.recordedSummary(player: player, saver: saver, replay: false).hasPrefix("nothing was recorded\n"))
    }

    @Test func breakpointsNeedAScriptAndALineOfIt() throws {
        let level = try LevelLoader.load(path: repoRoot.appendingPathComponent("Levels/01-first-shot.yaml").path)
        let manual = try ShiftPlayer(source: ManualSource(level: level))
        #expect(throws: CLIError.self) { try Play.setBreakpoints([3], on: manual) }
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("four.brew").path
        try "on order o:\n    take o\n    grind o\n    serve o\n".write(toFile: path, atomically: true, encoding: .utf8)
        let lines = 4
        let scripted = try ShiftPlayer(source: makeScriptSource(level: level, path: path, baristas: nil, seed: nil))
        try Play.setBreakpoints([1, lines], on: scripted)
        #expect(scripted.breakpoints == [1, lines])
        do {
            try Play.setBreakpoints([lines + 1], on: scripted)
            Issue.record("line \(lines + 1) was taken")
        } catch let error as CLIError {
            #expect(error.description == "--break \(lines + 1): the script has lines 1 to \(lines)")
        }
    }
}
