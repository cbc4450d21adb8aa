import BrewScript
import CoffeeEngine
import CoffeeGame
import Testing

/// The level's own checks of a script (issue 10, item 8): comparisons that are always false
/// because of the level's words, and `workers` beside role blocks.
@Suite struct ScriptCheckTests {
    static func level() throws -> Level {
        try LevelLoader.load(yaml: """
        title: Checks
        idea: the level's words
        briefing: a test shop
        baristas: {hire: 1, max: 3, wage: 1}
        machines:
          espresso: {slots: 1, load: 1}
          steamer: {slots: 1, load: 1}
        menu:
          espresso:
            price: 300
            steps:
              - take: 2
              - brew: {machine: espresso, ticks: 10}
              - serve: 1
          latte:
            price: 400
            tags: [milk]
            steps:
              - take: 2
              - brew: {machine: espresso, ticks: 10}
              - steam: {machine: steamer, ticks: 5, after: [take]}
              - serve: 1
        arrivals:
          fixed:
            - {at: 0, item: latte}
        duration: 100
        objective: served
        medals: {bronze: 0, silver: 1, gold: 2}
        """, path: "checks.yaml")
    }

    /// Every diagnostic as `line:column: severity: message`, a hint on the line after.
    func diagnostics(_ source: String) throws -> [String] {
        let (_, found) = Script.compile(source: source, file: "t.brew", level: try Self.level())
        return found.flatMap { d in
            ["\(d.line):\(d.column): \(d.severity.rawValue): \(d.message)"] + (d.hint.map { ["hint: \($0)"] } ?? [])
        }
    }

    @Test func comparisonsThatAreAlwaysFalseAreWarned() throws {
        let found = try diagnostics("""
        on order o:
            take o
            if o.item == "pourover":
                pass
            if "latte" != o.item:
                pass
            if o.item == "lattte":
                pass
            if o.item == steamer:
                pass
            if o.item == brew:
                pass
            s = (brew)
            if s == "foam":
                pass
            m = steamer
            if m == "espresso":
                pass
            if o.item == latte and m == steamer and o.milk == true:
                pass
        """)
        #expect(found == [
            "3:18: warning: this level has no item 'pourover': the comparison is always false",
            "hint: the items are: espresso, latte",
            "5:8: warning: the string \"latte\" is never equal to an item",
            "hint: write latte without quotes",
            "7:18: warning: this level has no item 'lattte': the comparison is always false",
            "hint: did you mean 'latte'?",
            "9:18: warning: 'steamer' is a machine, not an item: the comparison is always false",
            "hint: the items are: espresso, latte",
            "11:18: warning: 'brew' is a step, not an item: the comparison is always false",
            "hint: the items are: espresso, latte",
            "14:13: warning: this level has no step 'foam': the comparison is always false",
            "hint: the steps are: take, brew, serve, steam",
            "17:13: warning: the string \"espresso\" is never equal to a machine or item",
            "hint: write espresso without quotes",
        ])
    }

    @Test func workersBesideRoleBlocksIsAnError() throws {
        let found = try diagnostics("""
        workers 3
        role barista 2:
            on order o:
                take o
        """)
        #expect(found == [
            "1:1: error: 'workers' hires the baristas of a script without roles; with role blocks, each role says how many",
            "hint: drop this line and give each role its count: role barista 2:",
        ])
        #expect(try diagnostics("workers 3\non order o:\n    take o\n") == [])
    }
}
