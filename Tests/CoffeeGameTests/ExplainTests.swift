import CoffeeEngine
import Testing
@testable import CoffeeGame

/// `barista explain`: the four corners on the same customers, with exact figures on shipped levels.
@Suite struct ExplainTests {
    /// objective value, profit, wages, mean lead time, served, baristas of one corner.
    func figures(_ c: Explanation.Corner) -> [Double] {
        [c.objectiveValue, Double(c.profit), Double(c.wages), c.meanLeadTime, Double(c.served), Double(c.baristas)]
    }

    @Test func manyHandsGoldGainsFromBothAndPaysForTheSecondBarista() throws {
        let (level, script) = try Shipped.solution("06-many-hands/gold")
        let e = Explain.explain(level: level, script: script)
        #expect(e.seed == level.practiceSeed)
        #expect(e.objective == "max profit")
        #expect(figures(e.baseline) == [3832, 3832, 4328, 266.38, 22, 1])
        #expect(figures(e.concurrencyAlone) == [29992, 29992, 4328, 154.52, 89, 1])
        #expect(figures(e.parallelismAlone) == [7244, 7244, 8656, 236.81, 42, 2])
        #expect(figures(e.yourShift) == [43122, 43122, 8328, 59.25, 133, 2])
        #expect(e.baseline.arrangement == "blocking" && e.concurrencyAlone.arrangement == "script")
        #expect(e.concurrencyGain == 35878)
        #expect(e.parallelismGain == 13130)
        #expect(e.extraWages == 4000)
        #expect(e.items.map(\.item) == ["espresso", "latte", "cappuccino"])
        #expect(e.items.map(\.minLeadTime) == [39, 41, 41])
        #expect(e.items.map(\.criticalPath) == [39, 40, 40])
        #expect(e.items.map(\.served) == [49, 49, 35])
        #expect(e.items.allSatisfy { $0.holds })
    }

    @Test func manyHandsNaiveLosesMoneyBothWays() throws {
        let (level, script) = try Shipped.solution("06-many-hands/naive")
        let e = Explain.explain(level: level, script: script)
        #expect(figures(e.concurrencyAlone) == [-488, -488, 4328, 266.38, 22, 1])
        #expect(figures(e.parallelismAlone) == [17000, 17000, 21640, 136.77, 101, 5])
        #expect(figures(e.yourShift) == [-2400, -2400, 21480, 136.32, 102, 5])
        #expect(e.concurrencyGain == -19400)
        #expect(e.parallelismGain == -1912)
        #expect(e.extraWages == 17152)
        #expect(e.items.map(\.minLeadTime) == [39, 56, 62])
    }

    /// Level 2's briefing: one barista, and concurrency is the whole gain.
    @Test func longBrewsIsConcurrencyAlone() throws {
        let (level, script) = try Shipped.solution("02-long-brews/gold")
        let e = Explain.explain(level: level, script: script)
        #expect(figures(e.baseline) == [194, 194, 496, 219.25, 4, 1])
        #expect(figures(e.yourShift) == [5279, 5279, 361, 86.31, 16, 1])
        #expect(e.concurrencyGain == 5085)
        #expect(e.parallelismGain == 0)
        #expect(e.extraWages == 0)
        #expect(e.items.map(\.minLeadTime) == [63, 62] && e.items.map(\.criticalPath) == [57, 57])
        // The naive script blocks: it is the blocking corner, so it gains nothing at all.
        let naive = Explain.explain(level: level, script: try Shipped.script("02-long-brews", "naive", for: level))
        #expect(figures(naive.yourShift) == figures(naive.baseline))
        #expect(naive.concurrencyGain == 0 && naive.parallelismGain == 0)
    }

    /// Level 10's briefing: more threads than cores. Two baristas on two stations gain 108 ticks
    /// of mean lead time by parallelism; six gain only 26, and pay for four more.
    @Test func twoStationsMoreBaristasGainLess() throws {
        let level = try Shipped.level("10-two-stations")
        let gold = Explain.explain(level: level, script: try Shipped.script("10-two-stations", "gold", for: level))
        let naive = Explain.explain(level: level, script: try Shipped.script("10-two-stations", "naive", for: level))
        #expect(gold.objective == "min lead-time-mean")
        #expect(figures(gold.yourShift) == [50.58, 22242, 1908, 50.58, 60, 2])
        #expect(figures(naive.yourShift) == [132.63, 17430, 6720, 132.63, 60, 6])
        // A lower lead time is a gain: the signs say "better".
        #expect(gold.parallelismGain == 108.04 && gold.concurrencyGain == 233.47)
        #expect(naive.parallelismGain == 25.99 && naive.concurrencyGain == 8.74)
        #expect(gold.extraWages == 695 && naive.extraWages == 5507)
        #expect(gold.parallelismGain > naive.parallelismGain)
    }

    @Test func aScriptWithRolesKeepsOneBaristaPerRole() throws {
        let (level, script) = try Shipped.solution("11-hand-offs/gold")
        #expect(script.crew == [0, 1, 1])
        let e = Explain.explain(level: level, script: script)
        #expect(e.baseline.baristas == 2 && e.concurrencyAlone.baristas == 2)
        #expect(e.parallelismAlone.baristas == 3 && e.yourShift.baristas == 3)
    }

    /// Two roles of one barista each: the "1 barista" row is the crew itself.
    @Test func aCrewOfOnePerRoleHasNoParallelismToWeigh() throws {
        let level = try LevelLoader.load(path: repositoryRoot + "/Strategies/corner-shop.yaml", displayPath: "corner-shop.yaml")
        let source = try CurriculumTests.read(repositoryRoot + "/Strategies/roles.brew")
        let script = try #require(Script.compile(source: source, file: "roles.brew", level: level).script)
        let e = Explain.explain(level: level, script: script)
        #expect(e.concurrencyAlone == Explanation.Corner(name: "concurrency alone", baristas: 2, arrangement: "script", status: "finished",
                                                        objectiveValue: 11424, profit: 11424, wages: 2976, meanLeadTime: 73.37,
                                                        served: 38, arrived: 38))
        #expect(e.concurrencyGain == 5142 && e.parallelismGain == 0 && e.extraWages == 0)
        let lines = e.text.split(separator: "\n").map(String.init)
        #expect(lines[8] == "parallelism gain   ±0   your crew is one barista per role already: no extra baristas to weigh")
        #expect(lines[9] == "extra baristas     $0.00 more in wages than 2 baristas (one per role)")
    }

    @Test func aBuiltInStrategyRunsWithOneBaristaForConcurrencyAlone() throws {
        let level = try Shipped.level("06-many-hands")
        let e = Explain.explain(level: level, mode: .event, baristas: 3)
        #expect(e.strategy == "event/3")
        #expect(e.concurrencyAlone.baristas == 1 && e.yourShift.baristas == 3)
        let alone = ShiftRunner.run(level: level, mode: .event, baristas: 1)
        #expect(e.concurrencyAlone.profit == alone.metrics.profit)
        let blocking = ShiftRunner.run(level: level, mode: .blocking, baristas: 3)
        #expect(e.parallelismAlone.profit == blocking.metrics.profit)
    }

    /// No order of any shipped level's gold or naive solution beats its recipe's critical path.
    @Test(arguments: Shipped.goldAndNaive)
    func noOrderBeatsItsCriticalPath(_ id: String) throws {
        let (level, script) = try Shipped.solution(id)
        let e = Explain.explain(level: level, script: script)
        #expect(e.items.allSatisfy { $0.holds }, "\(id): \(e.items)")
        #expect(e.items.reduce(0) { $0 + $1.served } == e.yourShift.served)
        #expect(e.yourShift.profit == ShiftRunner.run(level: level, script: script).metrics.profit)
    }

    @Test func theTextShowsTheTableAndTheGains() throws {
        let (level, script) = try Shipped.solution("06-many-hands/gold")
        let lines = Explain.explain(level: level, script: script).text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "06 many-hands · gold.brew · seed 3 · objective max profit")
        #expect(lines[3] == "  baseline                  1  blocking                $38.32    $38.32    $43.28     266.38    22/133")
        #expect(lines[6] == "  your shift                2  your script            $431.22   $431.22    $83.28      59.25   133/133")
        #expect(lines[7] == "concurrency gain   +$358.78   your arrangement against blocking, both with 2 baristas")
        #expect(lines[8] == "parallelism gain   +$131.30   2 baristas against 1 barista, both your arrangement")
        #expect(lines[9] == "extra baristas     $40.00 more in wages than 1 barista")
        #expect(lines[11] == "  espresso          quickest 39 ticks   critical path 39  ≥ critical path   (49 served)")
    }
}

/// Little's law on the score card: orders in the shop = throughput × lead time, both sides shown.
@Suite struct LittlesLawTests {
    @Test(arguments: Shipped.goldAndNaive)
    func bothSidesAgreeWhenEveryCustomerIsServed(_ id: String) throws {
        let (level, script) = try Shipped.solution(id)
        let m = ShiftRunner.run(level: level, script: script).metrics
        let line = ScoreCard.littlesLaw(m)
        let sides = line.split(separator: " ").filter { $0.first?.isNumber == true }
        // orders in shop, throughput, lead time, product
        #expect(sides.count == 5, "\(line)")
        if m.lost == 0 {
            #expect(sides[0] == sides[4], "\(id): \(line)")
        } else {
            #expect(line.hasSuffix("(lost customers count a penalty lead time, so the sides part)"))
        }
    }

    @Test func theLineShowsBothSides() throws {
        let (level, script) = try Shipped.solution("06-many-hands/gold")
        let card = ScoreCard.render(ShiftRunner.run(level: level, script: script)).split(separator: "\n").map(String.init)
        #expect(card.contains("little's law orders in shop 7.57 ≈ throughput 12.78 per 100 ticks × lead time 59.25 = 7.57"))
    }
}
