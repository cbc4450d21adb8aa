import CoffeeEngine
import Foundation
import Testing
@testable import CoffeeGame

/// Defaults and short forms of the level format, as `docs/levels.md` states them.
@Suite struct LevelFormatTests {
    func load(_ yaml: String, path: String = "Levels/07-format.yaml") throws -> Level {
        try LevelLoader.load(yaml: yaml, path: path)
    }

    @Test func defaults() throws {
        let level = try load(validLevel)
        let c = level.config
        #expect(level.number == 7 && level.slug == "format" && level.label == "07 format")
        #expect(level.practiceSeed == 1 && level.boundRatio == nil)
        #expect(c.stations == nil)
        #expect(c.costs == Costs(switchTicks: 1, checkTicks: 1, collectTicks: 0))
        #expect(c.patience == Patience())
        #expect(c.closing == 1000)
        #expect(c.coolingLimit >= c.duration + c.closing)  // no limit: nothing goes cold within a shift
        #expect(c.menu[0].cost == 0 && c.menu[0].weight == 1 && c.menu[0].tags == [])
        #expect(c.menu[0].steps[0] == Step.work("take", 2, interruptible: true, after: []))
        #expect(c.menu[0].steps[1] == Step.machine("brew", on: 0, 25, after: [0]))
        #expect(level.objective == Objective(metric: .profit, direction: .max,
                                             medals: MedalThresholds(bronze: 500, silver: 900, gold: 1200)))
        #expect(level.medals.gold == 1200)
        #expect(level.objective.serviceFloor == 0.9 && level.objective.serviceFloorText == "90%")
        #expect(c.menu.allSatisfy { $0.patience == nil && $0.steps.allSatisfy { $0.jitter == 0 } })
    }

    @Test func serviceFloorJitterAndAnItemsOwnPatience() throws {
        var yaml = breaking("duration: 600", with: "duration: 600\nservice-floor: 0.875\npatience: {acknowledge: 40, serve: 300}")
        yaml = yaml.replacingOccurrences(of: "      - brew: {machine: espresso, ticks: 25}\n      - serve: 1",
                                         with: "      - brew: {machine: espresso, ticks: 25, jitter: 5}\n      - serve: 1")
        yaml = yaml.replacingOccurrences(of: "    price: 420\n", with: "    price: 420\n    patience: {serve: 45}\n")
        let level = try load(yaml)
        let c = level.config
        #expect(level.objective.serviceFloor == 0.875 && level.objective.serviceFloorText == "87.5%")
        #expect(c.menu[0].steps[1].jitter == 5 && c.menu[1].steps[2].jitter == 0)
        // At the limit: one tick less than the step.
        let longest = try load(breaking("      - brew: {machine: espresso, ticks: 25}\n      - serve: 1",
                                        with: "      - brew: {machine: espresso, ticks: 25, jitter: 24}\n      - serve: 1"))
        #expect(longest.config.menu[0].steps[1].jitter == 24)
        #expect(try load(breaking("duration: 600", with: "duration: 600\nservice-floor: 1")).objective.serviceFloor == 1)
        // The item names what it changes; the rest is the level's.
        #expect(c.menu[0].patience == nil && c.patience(of: 0) == Patience(acknowledge: 40, serve: 300))
        #expect(c.menu[1].patience == Patience(acknowledge: 40, serve: 45) && c.patience(of: 1) == Patience(acknowledge: 40, serve: 45))
        // Below the floor there is no medal, whatever the value.
        #expect(level.objective.medal(for: 5000, served: 7, arrived: 8) == .gold)
        #expect(level.objective.medal(for: 5000, served: 6, arrived: 8) == nil)
        #expect(level.objective.medal(for: 5000, served: 0, arrived: 0) == .gold)
    }

    @Test func everyOptionalField() throws {
        let yaml = breaking("baristas: {hire: 1, max: 2, wage: 1}", with: """
            baristas: {hire: 2, max: 4, wage: 3}
            stations: {count: 1, quantum: 5}
            costs: {switch: 2, check: 3, collect: 1}
            cooling: 30
            patience: {acknowledge: 40, serve: 300}
            closing: 250
            seed: 18446744073709551615
            bound-ratio: 1.25
            """)
        let level = try load(yaml)
        let c = level.config
        #expect(c.baristas == 2 && c.maxBaristas == 4 && c.wage == 3)
        #expect(c.stations == Stations(count: 1, quantum: 5))
        #expect(c.costs == Costs(switchTicks: 2, checkTicks: 3, collectTicks: 1))
        #expect(c.coolingLimit == 30)
        #expect(c.patience == Patience(acknowledge: 40, serve: 300))
        #expect(c.closing == 250)
        #expect(level.practiceSeed == UInt64.max)
        #expect(level.boundRatio == 1.25)
    }

    @Test func shortForms() throws {
        var yaml = breaking("baristas: {hire: 1, max: 2, wage: 1}", with: "baristas: 3\nstations: {count: 2}")
        yaml = yaml.replacingOccurrences(of: "objective: {metric: profit, direction: max}", with: "objective: lead-time-p95")
        yaml = yaml.replacingOccurrences(of: "{bronze: 500, silver: 900, gold: 1200}", with: "{bronze: 90, silver: 60, gold: 40.5}")
        yaml = yaml.replacingOccurrences(of: "{ticks: 8, after: [grind]}", with: "{ticks: 8, after: take, interruptible: no}")
        yaml = yaml.replacingOccurrences(of: "- grind: 3", with: "- grind: {ticks: 3, after: ~}")
        let level = try load(yaml)
        let c = level.config
        #expect(c.baristas == 3 && c.maxBaristas == 3 && c.wage == 0)
        #expect(c.stations == Stations(count: 2, quantum: 8))
        #expect(level.objective.metric == .leadTimeP95 && level.objective.direction == .min)
        #expect(level.medals == MedalThresholds(bronze: 90, silver: 60, gold: 40.5))
        let latte = c.menu[1]
        #expect(latte.steps.map(\.after) == [[], [], [1], [0], [2, 3], [4]])
        #expect(latte.steps[3].kind == .work(ticks: 8, interruptible: false))
    }

    @Test func poissonArrivalsAndWeights() throws {
        var yaml = breaking("  fixed: [{at: 0, item: espresso}, {at: 10, item: latte}]\n", with: """
              poisson:
                mean-gap: 12.5
                rush:
                  - {from: 100, to: 200, mean-gap: 4}
                  - {from: 200, to: 260, mean-gap: 6}

            """)
        yaml = yaml.replacingOccurrences(of: "    price: 420\n", with: "    price: 420\n    weight: 0\n")
        let level = try load(yaml)
        #expect(level.config.arrivals == .poisson(meanGap: 12.5, rush: [Rush(from: 100, to: 200, meanGap: 4),
                                                                      Rush(from: 200, to: 260, meanGap: 6)]))
        #expect(level.config.menu.map(\.weight) == [1, 0])
        let noWeight = yaml.replacingOccurrences(of: "    price: 300\n", with: "    price: 300\n    weight: 0\n")
        #expect(throws: LevelError.self) { try load(noWeight) }
    }

    @Test func forwardReferencesWithoutACycle() throws {
        // `after` may name a step written further down.
        let yaml = breaking("- steam: {ticks: 8, after: [grind]}", with: "- steam: {ticks: 8, after: [serve]}")
            .replacingOccurrences(of: "- pour: {ticks: 2, after: [brew, steam]}", with: "- pour: {ticks: 2, after: [brew]}")
        let level = try load(yaml)
        #expect(level.config.menu[1].steps.map(\.after) == [[], [0], [1], [5], [2], [4]])
    }

    @Test func commentsBlankLinesAndWindowsLineEnds() throws {
        let yaml = "# a comment\n\n" + validLevel.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try load(yaml).title == "Test Shop")
    }

    @Test func theExecutableFindsTheRepositoryLevels() throws {
        // The test runner lives under .build/ in the repository, like `swift run barista`.
        let elsewhere = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let catalog = try LevelCatalog.locate(environment: [:], currentDirectory: elsewhere)
        #expect(catalog.folder == repositoryRoot + "/Levels")
    }
}
