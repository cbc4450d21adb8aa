import Foundation
import Testing
@testable import CoffeeGame

/// A broken level and the exact text its load must give.
struct BrokenLevel: Sendable, CustomTestStringConvertible {
    let name: String
    let yaml: String
    let expected: String
    var file = "09-test.yaml"
    var testDescription: String { name }
}

private let path = "Levels/09-test.yaml"

/// Golden text for each class of mistake: message and line, and every problem of a file at once.
@Suite struct LevelErrorTests {
    static let cases: [BrokenLevel] = [
        // Not a level at all
        BrokenLevel(name: "not YAML", yaml: "title: [unclosed\nidea: x\n", expected:
            "\(path):2: not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence from line 1)"),
        BrokenLevel(name: "a tab in the indentation", yaml: "title: x\n\tidea: y\n", expected:
            "\(path):2: not valid YAML: found a tab character that violates indentation (while scanning a plain scalar from line 1)"),
        BrokenLevel(name: "two documents", yaml: "---\ntitle: a\n---\ntitle: b\n", expected:
            "\(path):3: not valid YAML: but found another document (expected a single document in the stream from line 1)"),
        BrokenLevel(name: "undefined alias", yaml: "title: &a x\nidea: *b\n", expected:
            "\(path):2: not valid YAML: found undefined alias"),
        BrokenLevel(name: "a list, not a mapping", yaml: "- espresso\n- latte\n", expected:
            "\(path):1: a level must be a mapping of fields such as 'title:' and 'menu:', got a list"),
        BrokenLevel(name: "plain text", yaml: "just some words\n", expected:
            "\(path):1: a level must be a mapping of fields such as 'title:' and 'menu:', got plain text"),
        BrokenLevel(name: "empty file", yaml: "", expected:
            "\(path): the file is empty; a level needs at least 'title', 'idea', 'briefing', 'menu', 'arrivals', 'duration', 'objective', 'medals'"),
        BrokenLevel(name: "only a comment", yaml: "# nothing yet\n", expected:
            "\(path): the file is empty; a level needs at least 'title', 'idea', 'briefing', 'menu', 'arrivals', 'duration', 'objective', 'medals'"),
        BrokenLevel(name: "a key written twice", yaml: breaking("duration: 600", with: "duration: 600\nduration: 700"), expected:
            "\(path):26: not valid YAML: 'duration' written twice in the same mapping"),
        BrokenLevel(name: "a complex key", yaml: "{a: 1}: b\n", expected: """
            \(path):1: a field name must be a plain word, got a mapping
            \(path):1: missing field 'title'
            \(path):1: missing field 'idea'
            \(path):1: missing field 'briefing'
            \(path):1: missing field 'menu'
            \(path):1: missing field 'arrivals'
            \(path):1: missing field 'duration'
            \(path):1: missing field 'objective'
            \(path):1: missing field 'medals'
            """),

        // Missing fields and values
        BrokenLevel(name: "missing field", yaml: breaking("duration: 600\n", with: ""), expected:
            "\(path):1: missing field 'duration'"),
        BrokenLevel(name: "a field with no value", yaml: breaking("duration: 600", with: "duration:"), expected:
            "\(path):26: field 'duration' has no value"),
        BrokenLevel(name: "missing nested field", yaml: breaking("{at: 10, item: latte}", with: "{at: 10}"), expected:
            "\(path):25: missing field 'item' in an arrival"),
        BrokenLevel(name: "missing medal",
                    yaml: breaking("{bronze: 500, silver: 900, gold: 1200}", with: "{bronze: 500, gold: 1200}"), expected:
            "\(path):28: missing field 'silver' in 'medals'"),
        BrokenLevel(name: "empty title", yaml: breaking("title: Test Shop", with: "title: ''"), expected:
            "\(path):1: 'title' is empty"),

        // Wrong types
        BrokenLevel(name: "duration is a word", yaml: breaking("duration: 600", with: "duration: soon"), expected:
            "\(path):26: 'duration' must be a whole number of ticks, got 'soon'"),
        BrokenLevel(name: "price in euros", yaml: breaking("price: 420", with: "price: 4.20"), expected:
            "\(path):15: 'price' of 'latte' must be a whole number of cents, got '4.20'"),
        BrokenLevel(name: "tags as a mapping", yaml: breaking("tags: [milk]", with: "tags: {milk: yes}"), expected:
            "\(path):16: 'tags' of 'latte' must be a list of names, got a mapping"),
        BrokenLevel(name: "seed below zero", yaml: breaking("duration: 600", with: "duration: 600\nseed: -4"), expected:
            "\(path):27: 'seed' must be a whole number from 0 to 18446744073709551615, got '-4'"),
        BrokenLevel(name: "a name with a space", yaml: breaking("  latte:\n", with: "  flat white:\n"), expected:
            "\(path):14: menu item name 'flat white' must be a word of letters, digits and '_' that starts with a letter"),
        BrokenLevel(name: "steps written wrong",
                    yaml: breaking("      - take: 2\n      - grind: 3\n", with: "      - take\n      - [grind, 3]\n      - {a: 1, b: 2}\n"),
                    expected: """
            \(path):18: each step of 'latte' is written '- name: ticks' or '- name: {ticks: …, machine: …, after: […]}', got 'take'
            \(path):19: each step of 'latte' is written '- name: ticks' or '- name: {ticks: …, machine: …, after: […]}', got a list
            \(path):20: each step of 'latte' is written '- name: ticks' or '- name: {ticks: …, machine: …, after: […]}', got a mapping
            """),

        // Zero, negative, too large
        BrokenLevel(name: "zero duration", yaml: breaking("duration: 600", with: "duration: 0"), expected:
            "\(path):26: 'duration' must be at least 1 tick, got 0"),
        BrokenLevel(name: "negative ticks", yaml: breaking("- grind: 3", with: "- grind: -3"), expected:
            "\(path):19: step 'grind' of 'latte' must be at least 1 tick, got -3"),
        BrokenLevel(name: "zero slots", yaml: breaking("{slots: 1, load: 1}", with: "{slots: 0, load: 1}"), expected:
            "\(path):6: 'slots' of machine 'espresso' must be at least 1, got 0"),
        BrokenLevel(name: "a number too large for any integer",
                    yaml: breaking("duration: 600", with: "duration: 99999999999999999999999"), expected:
            "\(path):26: 'duration' is too large: at most 10000000 ticks"),
        BrokenLevel(name: "a very long shift", yaml: breaking("duration: 600", with: "duration: 20000000"), expected:
            "\(path):26: 'duration' is too large: at most 10000000 ticks, got 20000000"),
        BrokenLevel(name: "bound ratio below 1", yaml: breaking("duration: 600", with: "duration: 600\nbound-ratio: 0.5"), expected:
            "\(path):27: 'bound-ratio' must be at least 1, got 0.5"),
        BrokenLevel(name: "service floor above 1", yaml: breaking("duration: 600", with: "duration: 600\nservice-floor: 90"), expected:
            "\(path):27: 'service-floor' is too large: at most 1, got 90"),
        BrokenLevel(name: "jitter as long as the step",
                    yaml: breaking("      - brew: {machine: espresso, ticks: 25}\n      - serve: 1",
                                   with: "      - brew: {machine: espresso, ticks: 25, jitter: 25}\n      - serve: 1"), expected:
            "\(path):12: 'jitter' of step 'brew' of 'espresso' must be less than its ticks (25), got 25"),
        BrokenLevel(name: "jitter on a barista step", yaml: breaking("- grind: 3", with: "- grind: {ticks: 3, jitter: 1}"), expected:
            "\(path):19: 'jitter' is only for machine steps; barista step 'grind' of 'latte' always takes its ticks"),
        BrokenLevel(name: "more to hire than allowed",
                    yaml: breaking("{hire: 1, max: 2, wage: 1}", with: "{hire: 3, max: 2, wage: 1}"), expected:
            "\(path):4: 'max' of 'baristas' (2) is less than 'hire' (3)"),

        // Recipes
        BrokenLevel(name: "unknown machine",
                    yaml: breaking("- brew: {machine: espresso, ticks: 25}\n      - steam",
                                   with: "- brew: {machine: espreso, ticks: 25}\n      - steam"),
                    expected: "Levels/02-long-brews.yaml:20: unknown machine 'espreso' in step 'brew' of 'latte' (machines: espresso)",
                    file: "02-long-brews.yaml"),
        BrokenLevel(name: "no machines at all", yaml: breaking("machines:\n  espresso: {slots: 1, load: 1}\n", with: ""),
                    expected: """
            \(path):10: unknown machine 'espresso' in step 'brew' of 'espresso' (no machines are declared)
            \(path):18: unknown machine 'espresso' in step 'brew' of 'latte' (no machines are declared)
            """),
        BrokenLevel(name: "unknown step in after", yaml: breaking("after: [grind]", with: "after: [grnd]"), expected:
            "\(path):21: unknown step 'grnd' in 'after' of step 'steam' of 'latte' (steps: take, grind, brew, steam, pour, serve)"),
        BrokenLevel(name: "cycle",
                    yaml: breaking("- brew: {machine: espresso, ticks: 25}\n      - steam",
                                   with: "- brew: {machine: espresso, ticks: 25, after: [pour]}\n      - steam"),
                    expected: "\(path):20: the recipe of 'latte' has a cycle: brew → pour → brew"),
        BrokenLevel(name: "a step after itself",
                    yaml: breaking("{ticks: 8, after: [grind]}", with: "{ticks: 8, after: [steam]}"), expected:
            "\(path):21: the recipe of 'latte' has a cycle: steam → steam"),
        BrokenLevel(name: "a step twice",
                    yaml: breaking("      - pour: {ticks: 2, after: [brew, steam]}\n", with: "      - grind: 2\n"), expected:
            "\(path):22: step 'grind' appears twice in 'latte'"),
        BrokenLevel(name: "interruptible machine step",
                    yaml: breaking("- brew: {machine: espresso, ticks: 25}\n      - serve",
                                   with: "- brew: {machine: espresso, ticks: 25, interruptible: false}\n      - serve"),
                    expected: "\(path):12: 'interruptible' is only for barista steps; machine step 'brew' of 'espresso' runs on its own"),
        BrokenLevel(name: "too many steps",
                    yaml: breaking("      - take: 2\n      - brew: {machine: espresso, ticks: 25}\n      - serve: 1",
                                   with: (1...65).map { "      - s\($0): 1" }.joined(separator: "\n")),
                    expected: "\(path):11: 'espresso' has 65 steps; a recipe may have at most 64"),
        BrokenLevel(name: "no steps",
                    yaml: breaking("    steps:\n      - take: 2\n      - brew", with: "    steps: []\n    old:\n      - take: 2\n      - brew"),
                    expected: """
            \(path):10: 'espresso' has no steps
            \(path):11: unknown field 'old' in 'espresso' (known fields: price, cost, weight, tags, steps, patience)
            """),
        BrokenLevel(name: "empty menu", yaml: emptyMenu, expected:
            "\(path):7: the menu is empty; list at least one item"),
        BrokenLevel(name: "an item twice", yaml: breaking("  latte:\n", with: "  espresso:\n"), expected:
            "\(path):8: not valid YAML: 'espresso' written twice in the same mapping"),

        // Arrivals
        BrokenLevel(name: "arrival not on the menu", yaml: breaking("{at: 10, item: latte}", with: "{at: 10, item: mocha}"),
                    expected: "\(path):25: arrival at tick 10 orders 'mocha', which is not on the menu (menu: espresso, latte)"),
        BrokenLevel(name: "arrivals out of order",
                    yaml: breaking("{at: 10, item: latte}", with: "{at: 10, item: latte}, {at: 5, item: espresso}"),
                    expected: "\(path):25: arrivals out of order: tick 5 comes after tick 10; list fixed arrivals by tick"),
        BrokenLevel(name: "arrival after the shift", yaml: breaking("{at: 10, item: latte}", with: "{at: 600, item: latte}"),
                    expected: "\(path):25: arrival at tick 600 would never come: no one arrives at or after 'duration' (600)"),
        BrokenLevel(name: "no arrivals", yaml: breaking("[{at: 0, item: espresso}, {at: 10, item: latte}]", with: "[]"),
                    expected: "\(path):25: 'fixed' of 'arrivals' is empty: no customer would come"),
        BrokenLevel(name: "fixed and poisson", yaml: breaking("arrivals:\n", with: "arrivals:\n  poisson: {mean-gap: 30}\n"),
                    expected: "\(path):25: 'arrivals' has both 'fixed' and 'poisson'; keep one"),
        BrokenLevel(name: "neither fixed nor poisson",
                    yaml: breaking("  fixed: [{at: 0, item: espresso}, {at: 10, item: latte}]\n", with: "  {}\n"),
                    expected: "\(path):25: 'arrivals' needs 'fixed' (a list of customers) or 'poisson' (random customers)"),
        BrokenLevel(name: "rush windows out of order",
                    yaml: breaking("  fixed: [{at: 0, item: espresso}, {at: 10, item: latte}]\n", with: """
                          poisson:
                            mean-gap: 20
                            rush:
                              - {from: 100, to: 300, mean-gap: 5}
                              - {from: 200, to: 400, mean-gap: 5}
                              - {from: 500, to: 450, mean-gap: 5}

                        """),
                    expected: """
            \(path):29: rush window from 200 to 400 overlaps or comes before the one above it (which ends at 300)
            \(path):30: rush window from 500 to 450 ends before it starts
            """),

        // Typos
        BrokenLevel(name: "unknown top-level field", yaml: breaking("duration: 600", with: "duration: 600\nduraton: 700"),
                    expected: "\(path):27: unknown field 'duraton' (did you mean 'duration'?)"),
        BrokenLevel(name: "unknown machine field", yaml: breaking("{slots: 1, load: 1}", with: "{slot: 1, load: 1}"),
                    expected: """
            \(path):6: unknown field 'slot' in machine 'espresso' (did you mean 'slots'?)
            \(path):6: missing field 'slots' in machine 'espresso'
            """),
        BrokenLevel(name: "unknown item field, nothing close", yaml: breaking("price: 420", with: "price: 420\n    colour: brown"),
                    expected: "\(path):16: unknown field 'colour' in 'latte' (known fields: price, cost, weight, tags, steps, patience)"),
        BrokenLevel(name: "unknown metric, close", yaml: breaking("metric: profit", with: "metric: proft"),
                    expected: "\(path):27: unknown metric 'proft' (did you mean 'profit'?)"),
        BrokenLevel(name: "unknown metric", yaml: breaking("metric: profit", with: "metric: happiness"), expected:
            "\(path):27: unknown metric 'happiness' (metrics: served, lost, cold, profit, revenue, throughput, "
            + "lead-time-mean, lead-time-p50, lead-time-p95, lead-time-max, counter-wait-mean, counter-wait-p95, value-added)"),
        BrokenLevel(name: "unknown direction", yaml: breaking("direction: max", with: "direction: up"),
                    expected: "\(path):27: 'direction' of 'objective' must be max or min, got 'up'"),

        // Medals
        BrokenLevel(name: "medals out of order for max",
                    yaml: breaking("{bronze: 500, silver: 900, gold: 1200}", with: "{bronze: 900, silver: 500, gold: 1200}"),
                    expected: "\(path):28: medals out of order for 'max profit' (higher is better): "
                        + "need bronze < silver < gold, got bronze 900, silver 500, gold 1200"),
        BrokenLevel(name: "medals out of order for min",
                    yaml: breaking("{metric: profit, direction: max}", with: "{metric: lead-time-p95}"),
                    expected: "\(path):28: medals out of order for 'min lead-time-p95' (lower is better): "
                        + "need bronze > silver > gold, got bronze 500, silver 900, gold 1200"),

        // Several at once, by line
        BrokenLevel(name: "every problem at once", yaml: validLevel
            .replacingOccurrences(of: "duration: 600", with: "duration: soon")
            .replacingOccurrences(of: "{slots: 1, load: 1}", with: "{slots: 0, load: 1}")
            .replacingOccurrences(of: "after: [grind]", with: "after: [grnd]"),
                    expected: """
            \(path):6: 'slots' of machine 'espresso' must be at least 1, got 0
            \(path):21: unknown step 'grnd' in 'after' of step 'steam' of 'latte' (steps: take, grind, brew, steam, pour, serve)
            \(path):26: 'duration' must be a whole number of ticks, got 'soon'
            """),
    ]

    static var emptyMenu: String {
        guard let start = validLevel.range(of: "menu:\n"), let end = validLevel.range(of: "arrivals:") else { return "" }
        return validLevel.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "menu: {}\n")
    }

    @Test func theValidLevelLoads() throws {
        #expect(try loadErrors(validLevel) == nil)
    }

    @Test(arguments: cases)
    func goldenError(_ broken: BrokenLevel) throws {
        let text = try loadErrors(broken.yaml, name: broken.file)
        #expect(text == broken.expected)
    }

    @Test func notUTF8() {
        #expect(throws: LevelError.invalid([LevelDiagnostic(path: "x.yaml", line: nil,
                                                            message: "not a level file: the bytes are not UTF-8 text")])) {
            try LevelLoader.load(bytes: [0x74, 0xff, 0xfe, 0x41], path: "x.yaml")
        }
    }

    @Test func missingFileAndFolder() throws {
        #expect(throws: LevelError.unreadable(path: "Levels/nope.yaml", reason: "no such level file")) {
            try LevelLoader.load(path: "/nonexistent/nope.yaml", displayPath: "Levels/nope.yaml")
        }
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: LevelError.unreadable(path: folder, reason: "is a folder, not a level file")) {
            try LevelLoader.load(path: folder)
        }
    }

    @Test func tooLarge() {
        let bytes = [UInt8](repeating: 0x20, count: LevelLoader.maxFileBytes + 1)
        #expect(throws: LevelError.unreadable(path: "big.yaml", reason: "is 1048577 bytes; a level file may have at most 1048576")) {
            try LevelLoader.load(bytes: bytes, path: "big.yaml")
        }
    }

    @Test func diagnosticsAreValues() throws {
        do {
            _ = try LevelLoader.load(yaml: breaking("duration: 600", with: "duration: soon"), path: "a.yaml")
            Issue.record("a broken level loaded")
        } catch {
            #expect(error.diagnostics == [LevelDiagnostic(path: "a.yaml", line: 26,
                                                          message: "'duration' must be a whole number of ticks, got 'soon'")])
        }
    }
}
