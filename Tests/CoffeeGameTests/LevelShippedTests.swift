import CoffeeEngine
import Foundation
import Testing
@testable import CoffeeGame

/// The levels in the repository's `Levels/` folder load, and say what they are meant to say.
@Suite struct LevelShippedTests {
    let catalog = LevelCatalog(folder: repositoryRoot + "/Levels")

    func level(_ argument: String) throws -> Level { try catalog.level(argument) }

    /// Step names and kinds of one recipe: `brew@espresso:20` for a machine step, `take:2` for work.
    func recipe(_ level: Level, _ item: String) -> [String] {
        guard let i = level.config.menuIndex(named: item) else { return [] }
        return level.config.menu[i].steps.map { step in
            switch step.kind {
            case let .work(t, interruptible): "\(step.name):\(t)\(interruptible ? "" : "!")"
            case let .machine(m, t): "\(step.name)@\(level.config.machines[m].name):\(t)"
            }
        }
    }

    func after(_ level: Level, _ item: String) -> [[Int]] {
        guard let i = level.config.menuIndex(named: item) else { return [] }
        return level.config.menu[i].steps.map(\.after)
    }

    @Test func everyShippedLevelLoads() throws {
        let all = catalog.loadAll()
        #expect(all.map(\.entry.label) == ["01 first-shot", "02 long-brews", "03 watched-pot", "04 ring-the-bell", "05 juggler",
                                            "06 many-hands", "07 at-the-counter", "08 no-shelf", "09 rush-hour",
                                            "10 two-stations", "11 hand-offs", "12 full-day"])
        for (entry, result) in all {
            switch result {
            case .success(let level):
                #expect(level.number == entry.number)
                #expect(!level.briefing.isEmpty)
                #expect(level.contentHash.count == 16)
            case .failure(let error):
                Issue.record("\(entry.path) does not load:\n\(error)")
            }
        }
    }

    @Test func firstShot() throws {
        let level = try level("1")
        #expect(level.title == "First Shot")
        #expect(level.slug == "first-shot")
        #expect(level.number == 1)
        #expect(level.config.machines == [MachineKind(name: "espresso", slots: 1, loadTicks: 1)])
        #expect(level.config.baristas == 1 && level.config.maxBaristas == 1 && level.config.wage == 1)
        #expect(recipe(level, "espresso") == ["take:2", "grind:3", "brew@espresso:20", "pour:2", "serve:1"])
        #expect(recipe(level, "latte") == ["take:2", "grind:3", "brew@espresso:20", "steam:8", "pour:2", "serve:1"])
        #expect(after(level, "latte") == [[], [0], [1], [1], [2, 3], [4]])
        #expect(level.config.menu.map(\.tags) == [[], ["milk"]])
        guard case .fixed(let arrivals) = level.config.arrivals else {
            Issue.record("level 1 has fixed arrivals")
            return
        }
        #expect(arrivals.map(\.tick) == [0, 45, 90, 135, 180, 225])
        #expect(arrivals.map(\.item) == [0, 1, 0, 1, 0, 1])
        #expect(level.config.coolingLimit == 30)
        #expect(level.config.patience == Patience(acknowledge: nil, serve: 34))
        #expect(level.objective.metric == .served && level.objective.direction == .max)
        #expect(level.practiceSeed == 1)
        #expect(level.boundRatio == 1.05)
    }

    @Test func longBrews() throws {
        let level = try level("long-brews")
        #expect(level.title == "Long Brews")
        #expect(level.config.machines == [MachineKind(name: "espresso", slots: 4, loadTicks: 1)])
        #expect(recipe(level, "espresso") == ["take:2", "grind:3", "brew@espresso:60", "pour:2", "serve:1"])
        // Brews are long against the barista's part of an order: the point of the level.
        for item in level.config.menu {
            let work = item.steps.reduce(0) { $0 + ($1.machine == nil ? $1.ticks : 0) }
            let brew = item.steps.reduce(0) { $0 + ($1.machine == nil ? 0 : $1.ticks) }
            #expect(brew >= 3 * work, "\(item.name): brew \(brew), work \(work)")
        }
        guard case .fixed(let arrivals) = level.config.arrivals else {
            Issue.record("level 2 has fixed arrivals")
            return
        }
        #expect(arrivals.count == 16)
        #expect(level.config.maxBaristas == 1)
        #expect(level.objective.metric == .profit && level.objective.direction == .max)
    }

    @Test func manyHands() throws {
        let level = try level("06-many-hands")
        #expect(level.title == "Many Hands")
        #expect(level.config.machines.map(\.name) == ["espresso", "steamer"])
        #expect(level.config.machines.map(\.slots) == [6, 3])
        #expect(level.config.baristas == 2 && level.config.maxBaristas == 5 && level.config.wage == 4)
        #expect(level.config.menu.map(\.name) == ["espresso", "latte", "cappuccino"])
        #expect(level.config.menu.map(\.weight) == [3, 3, 2])
        #expect(recipe(level, "cappuccino")
                == ["take:2", "grind:3", "brew@espresso:30", "steam@steamer:15", "foam:6", "pour:3", "serve:1"])
        #expect(after(level, "cappuccino") == [[], [0], [1], [0], [3], [2, 4], [5]])
        #expect(level.config.arrivals == .poisson(meanGap: 9, rush: [Rush(from: 300, to: 500, meanGap: 5)]))
        #expect(level.config.patience == Patience(acknowledge: 60, serve: 300))
        #expect(level.objective.metric == .profit)
    }

    @Test func watchedPot() throws {
        let level = try level("3")
        #expect(level.title == "A Watched Pot")
        // Polling: a look at the machine costs more than a tick, and shots cool.
        #expect(level.config.costs.checkTicks == 3)
        #expect(level.config.coolingLimit == 15)
        #expect(level.config.arrivals == .poisson(meanGap: 22, rush: []))
        #expect(level.objective.metric == .profit)
    }

    @Test func levelsAreDeterministicValues() throws {
        let a = try level("2")
        let b = try level("2")
        #expect(a == b)
        #expect(a.contentHash == Level.contentHash(of: Array(try Data(contentsOf: URL(fileURLWithPath: a.sourcePath)))))
        #expect(try level("1").contentHash != a.contentHash)
    }

    @Test func medals() throws {
        let profit = Objective(metric: .profit, medals: MedalThresholds(bronze: 500, silver: 900, gold: 1200))
        #expect(profit.direction == .max)
        #expect(profit.medal(for: 499) == nil)
        #expect(profit.medal(for: 500) == .bronze)
        #expect(profit.medal(for: 1199) == .silver)
        #expect(profit.medal(for: 5000) == .gold)
        #expect(profit.medal(for: .nan) == nil)
        let lead = Objective(metric: .leadTimeP95, medals: MedalThresholds(bronze: 90, silver: 60, gold: 40))
        #expect(lead.direction == .min)
        #expect(lead.medal(for: 91) == nil)
        #expect(lead.medal(for: 60) == .silver)
        #expect(lead.medal(for: 12) == .gold)
        #expect(Medal.gold > Medal.silver && Medal.silver > Medal.bronze)
        #expect(lead.description == "min lead-time-p95")
    }

    @Test func fileNames() {
        #expect(Level.nameParts(fileName: "02-long-brews.yaml") == (2, "long-brews"))
        #expect(Level.nameParts(fileName: "10_rush.yml") == (10, "rush"))
        #expect(Level.nameParts(fileName: "my-level.yaml") == (nil, "my-level"))
        #expect(Level.nameParts(fileName: "42.yaml") == (42, "42"))
    }

    @Test func fnv1a() {
        // Published FNV-1a 64 test vectors.
        #expect(Level.contentHash(of: Array("".utf8)) == "cbf29ce484222325")
        #expect(Level.contentHash(of: Array("a".utf8)) == "af63dc4c8601ec8c")
        #expect(Level.contentHash(of: Array("foobar".utf8)) == "85944171f73967e8")
    }
}
