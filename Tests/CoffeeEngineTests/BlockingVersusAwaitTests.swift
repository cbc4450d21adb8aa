import CoffeeEngine
import Testing

/// One barista, one machine, two customers a tick apart: the same recipe met three ways.
@Suite("Blocking, polling and await")
struct BlockingVersusAwaitTests {
    @Test func blockingStandsAtTheMachine() {
        let (log, sim) = timeline(smallShop(arrivals: [0, 1], slots: 2), recipeStrategy { .wait($0) }, states: true)
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "0: b0 value-adding",
            "1: #2 arrives (item 0)",
            "2: b0 finishes #1.0",
            "3: b0 starts job 1 for #1 on m0",
            "3: b0 waiting",
            "13: job 1 done on m0",
            "13: b0 collects job 1 from m0",
            "13: b0 starts #1.2",
            "13: b0 value-adding",
            "14: b0 finishes #1.2",
            "14: #1 served in 14",
            "14: b0 starts #2.0",
            "16: b0 finishes #2.0",
            "17: b0 starts job 2 for #2 on m0",
            "17: b0 waiting",
            "27: job 2 done on m0",
            "27: b0 collects job 2 from m0",
            "27: b0 starts #2.2",
            "27: b0 value-adding",
            "28: b0 finishes #2.2",
            "28: #2 served in 27",
            "28: b0 idle",
            "28: shift ends",
        ])
        let m = sim.metrics
        #expect(m.baristas == [BaristaMetrics(role: 0, valueAdding: 8, waiting: 20, polling: 0, switching: 0, idle: 0)])
        #expect(m.leadTime == Spread(mean: 20.5, p50: 14, p95: 27, max: 27))
        #expect(m.valueAddedRatio == 0.2857)
    }

    @Test func awaitServesOthersMeanwhile() {
        let (log, sim) = timeline(smallShop(arrivals: [0, 1], slots: 2), recipeStrategy { .await($0) }, states: true)
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "0: b0 value-adding",
            "1: #2 arrives (item 0)",
            "2: b0 finishes #1.0",
            "3: b0 starts job 1 for #1 on m0",
            "3: b0 starts #2.0",
            "5: b0 finishes #2.0",
            "6: b0 starts job 2 for #2 on m0",
            "6: b0 idle",
            "13: job 1 done on m0",
            "13: b0 collects job 1 from m0",
            "13: b0 starts #1.2",
            "13: b0 value-adding",
            "14: b0 finishes #1.2",
            "14: #1 served in 14",
            "14: b0 idle",
            "16: job 2 done on m0",
            "16: b0 collects job 2 from m0",
            "16: b0 starts #2.2",
            "16: b0 value-adding",
            "17: b0 finishes #2.2",
            "17: #2 served in 16",
            "17: b0 idle",
            "17: shift ends",
        ])
        let m = sim.metrics
        #expect(m.baristas == [BaristaMetrics(role: 0, valueAdding: 8, waiting: 0, polling: 0, switching: 0, idle: 9)])
        #expect(m.leadTime == Spread(mean: 15, p50: 14, p95: 16, max: 16))
        #expect(m.machines == [MachineMetrics(name: "espresso", slots: 2, busy: 20, holding: 0, idle: 14)])
    }

    @Test func pollingCostsTicksAndReactsOnlyWhenItLooks() {
        var s = recipeStrategy { .check($0) }
        let walk = s.step
        s.step = { task, ctx, result, shop in
            if task.stage == 3, case .ready(false) = result { return .check(task.job!) }
            return walk(&task, ctx, result, shop)
        }
        var config = smallShop(arrivals: [0])
        config.costs.checkTicks = 3
        let (log, sim) = timeline(config, s, states: true)
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "0: b0 value-adding",
            "2: b0 finishes #1.0",
            "3: b0 starts job 1 for #1 on m0",
            "3: b0 polling",
            "6: b0 checks job 1: not ready",
            "9: b0 checks job 1: not ready",
            "12: b0 checks job 1: not ready",
            "13: job 1 done on m0",
            "15: b0 checks job 1: ready",
            "15: b0 collects job 1 from m0",
            "15: b0 starts #1.2",
            "15: b0 value-adding",
            "16: b0 finishes #1.2",
            "16: #1 served in 16",
            "16: b0 idle",
            "16: shift ends",
        ])
        let m = sim.metrics
        #expect(m.checks == 4)
        #expect(m.baristas[0].polling == 12)
        #expect(m.machines[0].holding == 2)
    }

    @Test func aFullMachineQueuesTasksFirstComeFirstServed() {
        let (log, _) = timeline(smallShop(arrivals: [0, 0]), RecipeStrategy(mode: .event, baristas: 1))
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "0: #2 arrives (item 0)",
            "2: b0 finishes #1.0",
            "3: b0 starts job 1 for #1 on m0",
            "3: b0 starts #2.0",
            "5: b0 finishes #2.0",
            "5: job 2 for #2 queues at m0",
            "13: job 1 done on m0",
            "13: b0 collects job 1 from m0",
            "13: b0 starts #1.2",
            "14: b0 finishes #1.2",
            "14: #1 served in 14",
            "15: b0 starts job 2 for #2 on m0",
            "25: job 2 done on m0",
            "25: b0 collects job 2 from m0",
            "25: b0 starts #2.2",
            "26: b0 finishes #2.2",
            "26: #2 served in 26",
            "26: shift ends",
        ])
    }
}
