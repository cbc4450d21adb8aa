import Foundation
import Testing

/// `barista explain`, `run --profile` and `export --trace` from the command line.
@Suite struct InsightCommandTests {
    static let gold = "Tests/CoffeeGameTests/Solutions/06-many-hands/gold.brew"

    @Test func explainALevelAndAScript() throws {
        let r = try barista(["explain", "6", Self.gold])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "06 many-hands · \(Self.gold) · seed 3 · objective max profit")
        #expect(lines.contains("concurrency gain   +$358.78   your arrangement against blocking, both with 2 baristas"))
        let json = try barista(["explain", "6", Self.gold, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["concurrencyGain"] as? Double == 35878)
        #expect((object["yourShift"] as? [String: Any])?["served"] as? Int == 133)
    }

    @Test func explainRefusesWhatItCannotExplain() throws {
        let notARun = try barista(["explain", "long-brews"])
        #expect(notARun.status == 2)
        #expect(notARun.stderr.contains("'long-brews' is not a run number"))
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let evaluation = try barista(["explain", "e1", "--db", dir.appendingPathComponent("none.sqlite").path])
        #expect(evaluation.status == 2, "\(evaluation.stdout)")
        let crew = try barista(["explain", "6", "--strategy", "event", "--baristas", "9"])
        #expect(crew.status == 2 && crew.stderr.contains("allows 1 to 5 baristas, not 9"))
    }

    @Test func profileAndCoachingUnderRun() throws {
        let naive = "Tests/CoffeeGameTests/Solutions/02-long-brews/naive.brew"
        let r = try barista(["run", "2", naive, "--profile", "--no-save"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\ncoaching (the changes most likely to pay)\n  · line 6 'wait shot': 358 ticks waiting (72 % of b0)"))
        #expect(r.stdout.contains("\nprofile of \(naive) · "))
        let json = try barista(["run", "2", naive, "--profile", "--no-save", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(((object["run"] as? [String: Any])?["metrics"] as? [String: Any])?["served"] as? Int == 4)
        let lines = try #require((object["profile"] as? [String: Any])?["lines"] as? [[String: Any]])
        #expect(lines.first { $0["line"] as? Int == 6 }?["waiting"] as? Int == 358)
        #expect((object["coaching"] as? [[String: Any]])?.first?["rule"] as? String == "wait-line")
    }

    @Test func aBuiltInIsProfiledOnItsPseudoScript() throws {
        let r = try barista(["run", "2", "--strategy", "blocking", "--profile", "--no-save"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("  · line 6 'wait p': 358 ticks waiting (72 % of b0) — 'await p' lets b0 serve others meanwhile"))
        #expect(lines.contains("profile of built-in blocking · every barista tick on the line of the command it was spent on (1 barista, 496 ticks)"))
        #expect(lines.contains("    6             0      358        0          0       0  ██████████████▍       72%              wait p        # stand at the machine until done"))
    }

    /// An evaluation is explained over its hidden seeds, none of them shown.
    @Test func anEvaluationIsExplainedOverItsHiddenSeeds() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("a.sqlite").path
        let eval = try barista(["eval", "6", Self.gold, "--seeds", "4", "--db", db, "--player", "ana"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let r = try barista(["explain", "e1", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(10)) == [
            "06 many-hands · gold.brew · the mean of 4 hidden seeds · objective max profit",
            "where the speedup came from (each seed's customers four ways; means, served summed, quickest of all)",
            "                     baristas  arrangement         max profit    profit     wages  lead time    served",
            "  baseline                  1  blocking                $38.79    $38.79    $43.34     265.93    86/511",
            "  concurrency alone         1  your script            $301.58   $301.58    $43.27     153.35   353/511",
            "  parallelism alone         2  blocking                $75.81    $75.81    $86.94     234.05   166/511",
            "  your shift                2  your script            $406.72   $406.72    $83.86      68.19   511/511",
            "concurrency gain   +$330.91   your arrangement against blocking, both with 2 baristas",
            "parallelism gain   +$105.14   2 baristas against 1 barista, both your arrangement",
            "extra baristas     $40.59 more in wages than 1 barista",
        ])
        let json = try barista(["explain", "e1", "--db", db, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["seed"] == nil && object["seeds"] as? Int == 4)
        #expect((object["yourShift"] as? [String: Any])?["served"] as? Int == 511)
        let seeded = try barista(["explain", "e1", "--db", db, "--seed", "3"])
        #expect(seeded.status == 2 && seeded.stderr.contains("drop --baristas and --seed"))
    }

    @Test func aStoredRunIsExplainedAndExportedAsATrace() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("a.sqlite").path
        let run = try barista(["run", "6", Self.gold, "--db", db, "--player", "ana"])
        #expect(run.status == 0, "\(run.stderr)")
        let id = try #require(run.stdout.split(separator: "\n").last { $0.hasPrefix("saved") }?.split(separator: "#").last?
            .split(separator: " ").first.map(String.init))
        let explained = try barista(["explain", id, "--db", db])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("concurrency gain   +$358.78"))
        let trace = try barista(["export", id, "--trace", "--db", db])
        #expect(trace.status == 0, "\(trace.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(trace.stdout.utf8)) as? [String: Any])
        let events = try #require(object["traceEvents"] as? [[String: Any]])
        #expect(events.filter { $0["ph"] as? String == "s" }.count == 133)
        let builtin = try barista(["run", "6", "--strategy", "event", "--db", db, "--player", "ana"])
        let builtinId = try #require(builtin.stdout.split(separator: "\n").last { $0.hasPrefix("saved") }?.split(separator: "#").last?
            .split(separator: " ").first.map(String.init))
        let builtinTrace = try barista(["export", builtinId, "--trace", "--db", db])
        #expect(builtinTrace.status == 0, "\(builtinTrace.stderr)")
        #expect(builtinTrace.stdout.hasPrefix("{\"displayTimeUnit\":\"ms\",\"traceEvents\":["))
    }
}
