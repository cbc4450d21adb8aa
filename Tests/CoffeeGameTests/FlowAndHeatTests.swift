import CoffeeEngine
import Testing
@testable import CoffeeGame

/// The play screen's figures: the heat of each line so far and the cumulative flow.
@Suite struct FlowAndHeatTests {
    @Test func heatSumsTheEnginesAttributionByLine() {
        let attribution = [
            LineTicks(barista: 0, line: 3, valueAdding: 4, waiting: 0, polling: 0, switching: 0, idle: 0),
            LineTicks(barista: 0, line: 5, valueAdding: 0, waiting: 6, polling: 0, switching: 0, idle: 0),
            LineTicks(barista: 1, line: 0, valueAdding: 0, waiting: 0, polling: 0, switching: 0, idle: 4),
            LineTicks(barista: 1, line: 3, valueAdding: 6, waiting: 0, polling: 0, switching: 0, idle: 0),
            LineTicks(barista: 2, line: 9, valueAdding: 50, waiting: 0, polling: 0, switching: 0, idle: 0),  // no such barista: dropped
        ]
        let heat = LineHeat(attribution, baristas: 2, now: 10)
        #expect(heat.lastTick == 10)
        #expect(heat.total == 20)
        #expect(heat.ticks(line: 3) == [10, 0, 0, 0, 0])
        #expect(heat.ticks(line: 5) == [0, 6, 0, 0, 0])
        #expect(heat.ticks(line: 0) == [0, 0, 0, 0, 4])
        #expect(heat.share(line: 3) == 0.5)
        #expect(heat.dominant(line: 5) == .waiting)
        #expect(heat.dominant(line: 7) == nil)
        #expect(heat.attribution == Array(attribution.prefix(4)))
        #expect(LineHeat(baristas: 1).share(line: 1) == 0)
    }

    @Test func theFlowCountsArrivedServedAndLeftAtEvenlySpacedTicks() {
        let customers = [
            CumulativeFlow.Customer(arrival: 0, end: 30, served: true),
            CumulativeFlow.Customer(arrival: 10, end: 25, served: false),
            CumulativeFlow.Customer(arrival: 20, end: nil, served: false),
            CumulativeFlow.Customer(arrival: 35, end: 40, served: true),
        ]
        let flow = CumulativeFlow(customers: customers, now: 40, columns: 4)
        #expect(flow.points.map(\.tick) == [10, 20, 30, 40])
        #expect(flow.points.map(\.arrived) == [2, 3, 3, 4])
        #expect(flow.points.map(\.served) == [0, 0, 1, 2])
        #expect(flow.points.map(\.left) == [0, 0, 1, 1])
        #expect(flow.points.map(\.inProgress) == [2, 3, 1, 1])
        // Never more columns than ticks so far.
        #expect(CumulativeFlow(customers: customers, now: 2, columns: 10).points.map(\.tick) == [0, 1, 2])
        #expect(CumulativeFlow(customers: [], now: 0, columns: 5).points.map(\.arrived) == [0])
        #expect(CumulativeFlow(customers: customers, now: 40, columns: 0).points.isEmpty)
    }

    @Test func theMeanOfExplanationsDropsTheSeeds() throws {
        let (level, script) = try Shipped.solution("06-many-hands/gold")
        let a = Explain.explain(level: level, script: script, seed: 1)
        let b = Explain.explain(level: level, script: script, seed: 2)
        let m = try #require(Explain.mean(of: [a, b]))
        #expect(m.seed == nil && m.seeds == 2)
        #expect(m.yourShift.objectiveValue == (a.yourShift.objectiveValue + b.yourShift.objectiveValue) / 2)
        #expect(m.yourShift.served == a.yourShift.served + b.yourShift.served)
        #expect(m.baseline.wages == Int((Double(a.baseline.wages + b.baseline.wages) / 2).rounded()))
        #expect(m.concurrencyGain == Explain.round2((a.concurrencyGain + b.concurrencyGain) / 2))
        #expect(m.items.map(\.minLeadTime) == zip(a.items, b.items).map { [$0.minLeadTime, $1.minLeadTime].compactMap { $0 }.min() })
        #expect(m.text.hasPrefix("06 many-hands · gold.brew · the mean of 2 hidden seeds · objective max profit\n"))
        #expect(!m.text.contains("seed 1") && !m.text.contains("seed 2"))
        #expect(Explain.mean(of: []) == nil)
        let over = try #require(Explain.over(seeds: [1, 2], jobs: 2) { Explain.explain(level: level, script: script, seed: $0) })
        #expect(over == m)
    }

    /// Over an evaluation's seeds, your shift's mean objective is the evaluation's mean.
    @Test func yourShiftOverTheSeedsIsTheEvaluation() throws {
        let (level, script) = try Shipped.solution("02-long-brews/naive")
        let evaluation = Evaluation.run(level: level, seeds: 3, jobs: 2) { ShiftRunner.run(level: level, script: script, seed: $0) }
        let e = try #require(Explain.over(seeds: Evaluation.seeds(for: level, count: 3), jobs: 2) {
            Explain.explain(level: level, script: script, seed: $0)
        })
        #expect(e.yourShift.objectiveValue == evaluation.mean)
        #expect(e.yourShift.served == evaluation.served && e.yourShift.arrived == evaluation.arrived)
    }
}
