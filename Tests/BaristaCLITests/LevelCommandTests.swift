import Foundation
import Testing

@Suite("barista levels, level, eval and check")
struct LevelCommandTests {
    @Test func levelsListsTheCurriculumWithYourBestMedal() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("own.sqlite").path
        let r = try barista(["levels", "--db", db, "--player", "ana"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 12)
        #expect(lines.first == " 1  First Shot            an order is a recipe of small steps")
        #expect(lines[1].hasPrefix(" 2  Long Brews            ") && !lines[1].contains("["))
        // No database is created just to list the levels.
        #expect(!FileManager.default.fileExists(atPath: db))
        // A practice run earns no medal; an evaluation does.
        let gold = "Tests/CoffeeGameTests/Solutions/02-long-brews/gold.brew"
        _ = try barista(["run", "2", gold, "--db", db, "--player", "ana"])
        let practised = try barista(["levels", "--db", db, "--player", "ana"]).stdout.split(separator: "\n")
        #expect(practised == lines)
        _ = try barista(["eval", "2", gold, "--seeds", "2", "--jobs", "1", "--db", db, "--player", "ana"])
        let after = try barista(["levels", "--db", db, "--player", "ana"]).stdout.split(separator: "\n")
        #expect(after[1].hasSuffix("  [gold]"))
        #expect(after[0] == lines[0])
    }

    @Test func levelShowsTheBriefingAndTheBound() throws {
        let r = try barista(["level", "2"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("02 long-brews: Long Brews\nidea: "))
        #expect(r.stdout.contains("    3. brew 48–72 ticks (60 ± 12, drawn per order) on espresso after grind"))
        #expect(r.stdout.contains("lower bound (practice seed 2, 1 barista): mean lead time 57.00, last customer served at tick 313"))
        #expect(r.stdout.contains("and only with at least 90% of the customers served"))
    }

    @Test func evalAwardsTheMedalOnHiddenSeeds() throws {
        let gold = "Tests/CoffeeGameTests/Solutions/03-watched-pot/gold.brew"
        let r = try barista(["eval", "3", gold, "--seeds", "6", "--jobs", "2", "--no-save"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("""
            03 watched-pot · strategy \(gold) · 6 hidden seeds on 2 threads
            objective   max profit, judged on the mean of 6 hidden seeds
            medals      bronze $40.00 · silver $75.00 · gold $99.00
            spread      min $
            """))
        #expect(r.stdout.hasSuffix("medal       gold\nnext        none: gold is the top medal\n"))
        let json = try barista(["eval", "3", gold, "--seeds", "6", "--no-save", "--json"])
        let obj = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(obj["seeds"] as? Int == 6 && obj["medal"] as? String == "gold")
    }

    @Test func checkExitsZeroOneOrTwo() throws {
        let clean = try barista(["check", "Strategies/event.brew"])
        #expect(clean.status == 0)
        #expect(clean.stdout == "Strategies/event.brew: 0 errors, 0 warnings (corner-shop)\n")
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.brew")
        try "on order o:\n    stem o\n".write(to: bad, atomically: true, encoding: .utf8)
        let errors = try barista(["check", bad.path, "--level", "2"])
        #expect(errors.status == 1)
        #expect(errors.stdout == """
        \(bad.path):2:5: error: unknown verb 'stem'
            stem o
            ^~~~
          hint: did you mean 'steam'?

        \(bad.path): 1 error, 0 warnings (02 long-brews)

        """)
        let missing = try barista(["check", dir.appendingPathComponent("none.brew").path, "--level", "2"])
        #expect(missing.status == 2)
    }
}
