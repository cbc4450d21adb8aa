@testable import barista
import CoffeeGame
import Foundation
import Testing

/// `barista replay RUN --cast FILE` and `export RUN --trace` on the real binary, for a run of
/// every kind: a built-in strategy, a script and a shift played by hand.
@Suite struct CastCommandTests {
    /// The header's fields and the markers of a cast file, checked to be asciicast v2.
    static func read(_ path: String) throws -> (header: [String: Any], markers: [String], outputs: Int) {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        var markers: [String] = []
        var outputs = 0
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            #expect(event.count == 3 && event[0] is Double)
            switch event[1] as? String {
            case "o": outputs += 1
            case "m": markers.append(event[2] as? String ?? "")
            default: Issue.record("unexpected event \(line.prefix(40))")
            }
        }
        return (header, markers, outputs)
    }

    /// `replay ID --cast`, then its trace: both for a run already verified.
    static func castAndTrace(_ id: String, db: String, in dir: URL, title: String, markers: [String]) throws {
        let path = dir.appendingPathComponent("run\(id).cast").path
        let replay = try barista(["replay", id, "--cast", path, "--db", db])
        #expect(replay.status == 0, "\(replay.stderr)")
        let lines = replay.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("run #\(id): verified"))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let cast = try read(path)
        #expect(lines.last == "cast written to \(path) (\(cast.outputs + cast.markers.count) events, \(size) bytes)")
        #expect(cast.header["version"] as? Int == 2 && cast.header["width"] as? Int == 80 && cast.header["height"] as? Int == 24)
        #expect(cast.header["title"] as? String == title)
        #expect((cast.header["env"] as? [String: String]) == ["TERM": "xterm-256color"])
        #expect(cast.markers == markers)
        // The same run, cast again: the same bytes.
        let again = dir.appendingPathComponent("again\(id).cast").path
        #expect(try barista(["replay", id, "--cast", again, "--db", db]).status == 0)
        #expect(FileManager.default.contentsEqual(atPath: path, andPath: again))
        let trace = try barista(["export", id, "--trace", "--db", db])
        #expect(trace.status == 0, "\(trace.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(trace.stdout.utf8)) as? [String: Any])
        #expect((object["traceEvents"] as? [[String: Any]])?.isEmpty == false)
    }

    @Test func runsOfEveryKindAreCastAndTraced() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("a.sqlite").path
        let hand = try ManualRunTests.playAndRecord(db: db)
        #expect(try barista(["run", "1", "--strategy", "event", "--db", db, "--player", "ana"]).status == 0)
        #expect(try barista(["run", "1", "Tests/CoffeeGameTests/Solutions/01-first-shot/gold.brew", "--db", db, "--player", "ana"]).status == 0)
        try Self.castAndTrace("1", db: db, in: dir, title: "Barista · 01 first-shot · run #1 · by hand, seed 1",
                              markers: ["end: \(hand.medal.map { "\($0) medal" } ?? "no medal"), served \(hand.metrics.served)"])
        let gold = ["bronze reached: served 3", "silver reached: served 4", "gold reached: served 6", "end: gold medal, served 6"]
        try Self.castAndTrace("2", db: db, in: dir, title: "Barista · 01 first-shot · run #2 · event/1, seed 1", markers: gold)
        try Self.castAndTrace("3", db: db, in: dir, title: "Barista · 01 first-shot · run #3 · gold.brew, seed 1", markers: gold)
    }

    @Test func aCastFileThatCannotBeWrittenIsRefusedBeforeTheReplay() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("a.sqlite").path
        #expect(try barista(["run", "1", "--strategy", "event", "--db", db]).status == 0)
        let kept = dir.appendingPathComponent("kept.cast")
        try "mine\n".write(to: kept, atomically: true, encoding: .utf8)
        let cases: [(String, String)] = [
            (kept.path, "\(kept.path) already exists: a cast never overwrites a file; remove it or name another"),
            (dir.path, "\(dir.path) is a folder: name a new file for the cast"),
            (dir.appendingPathComponent("none/x.cast").path,
             "cannot write the cast to \(dir.path)/none/x.cast: the folder \(dir.path)/none does not exist"),
            ("", "'--cast' needs a file name"),
        ]
        for (path, message) in cases {
            let out = try barista(["replay", "1", "--cast", path, "--db", db])
            #expect(out.status == 2 && out.stdout == "" && out.stderr == "barista: \(message)\n", "\(path)")
        }
        #expect(try String(contentsOf: kept, encoding: .utf8) == "mine\n")
        #expect(try barista(["eval", "1", "--strategy", "event", "--db", db]).status == 0)
        let evaluation = try barista(["replay", "e1", "--cast", dir.appendingPathComponent("e.cast").path, "--db", db])
        #expect(evaluation.status == 2 && evaluation.stderr
                == "barista: '--cast' records one shift; an evaluation is many hidden seeds: cast one of your runs instead\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("e.cast").path))
    }
}
