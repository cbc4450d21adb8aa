import CoffeeEngine
import Testing

/// A long grind: take 2 → grind 20 (interruptible or not) → serve 1.
func grindShop(arrivals: [Int], interruptible: Bool = true) -> ShopConfig {
    var config = smallShop(arrivals: arrivals)
    config.menu[0].steps = [
        .work("take", 2, after: []),
        .work("grind", 20, interruptible: interruptible, after: [0]),
        .work("serve", 1, after: [1]),
    ]
    return config
}

/// The second customer is greeted by an urgent task (take), the rest done by a normal one.
func greetingStrategy() -> ClosureStrategy {
    var s = ClosureStrategy { task, _, _, _ in
        guard let o = task.order else { return .finish }
        task.stage += 1
        if task.timer == 1 { return task.stage == 1 ? .work(o, step: 0) : .finish }
        let first = task.timer == 2 ? 1 : 0
        let step = first + task.stage - 1
        return step <= 2 ? .work(o, step: step) : .finish
    }
    s.onArrival = { order, shop, spawn in
        if shop.number(of: order) == 1 {
            spawn.spawn(.init(order: order), order: order)
        } else {
            spawn.spawn(.init(order: order, timer: 1), order: order, priority: .urgent)
            spawn.spawn(.init(order: order, timer: 2), order: order)
        }
    }
    return s
}

@Suite("Interruption, resumption and periodic preemption")
struct InterruptTests {
    @Test func anUrgentCustomerPausesTheGrindWhichResumesWithItsProgress() {
        let (log, sim) = timeline(grindShop(arrivals: [0, 5]), greetingStrategy(), states: true)
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "0: b0 value-adding",
            "2: b0 finishes #1.0",
            "2: b0 starts #1.1",
            "5: #2 arrives (item 0)",
            "5: b0 pauses #1.1 (17 left)",
            "5: b0 starts #2.0",
            "7: b0 finishes #2.0",
            "7: b0 switching",
            "9: b0 starts #1.1",
            "9: b0 value-adding",
            "26: b0 finishes #1.1",
            "26: b0 starts #1.2",
            "27: b0 finishes #1.2",
            "27: #1 served in 27",
            "27: b0 starts #2.1",
            "47: b0 finishes #2.1",
            "47: b0 starts #2.2",
            "48: b0 finishes #2.2",
            "48: #2 served in 43",
            "48: b0 idle",
            "48: shift ends",
        ])
        let m = sim.metrics
        #expect(m.preemptions == 1)
        #expect(m.baristas[0].switching == 2)
        #expect(m.counterWait == Spread(mean: 0, p50: 0, p95: 0, max: 0))
    }

    @Test func aStepThatCannotBeInterruptedMakesTheCustomerWait() {
        let (log, sim) = timeline(grindShop(arrivals: [0, 5], interruptible: false), greetingStrategy())
        #expect(Array(log.prefix(9)) == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "2: b0 finishes #1.0",
            "2: b0 starts #1.1",
            "5: #2 arrives (item 0)",
            "22: b0 finishes #1.1",
            "22: b0 starts #2.0",
            "24: b0 finishes #2.0",
            "24: b0 starts #1.2",
        ])
        #expect(sim.metrics.preemptions == 0)
        #expect(sim.metrics.counterWait.max == 17)
    }

    @Test func aPeriodicTimerPreemptsEveryFiveTicks() {
        var config = smallShop(arrivals: [0])
        config.menu[0].steps = [.work("grind", 12, after: [])]
        var s = ClosureStrategy { task, _, _, _ in
            task.stage += 1
            if task.timer >= 0 { return task.stage == 1 ? .idle(1) : .finish }
            return task.stage == 1 ? .work(task.order!, step: 0) : .finish
        }
        s.timers = [5]
        s.onTimer = { t, _, spawn in spawn.spawn(.init(timer: t), order: nil, priority: .urgent) }
        let (log, sim) = timeline(config, s, states: true)
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "0: b0 value-adding",
            "5: timer 0 fires",
            "5: b0 pauses #1.0 (7 left)",
            "5: b0 idle",
            "6: b0 switching",
            "8: b0 starts #1.0",
            "8: b0 value-adding",
            "10: timer 0 fires",
            "10: b0 pauses #1.0 (5 left)",
            "10: b0 idle",
            "11: b0 switching",
            "13: b0 starts #1.0",
            "13: b0 value-adding",
            "15: timer 0 fires",
            "15: b0 pauses #1.0 (3 left)",
            "15: b0 idle",
            "16: b0 switching",
            "18: b0 starts #1.0",
            "18: b0 value-adding",
            "20: timer 0 fires",
            "20: b0 pauses #1.0 (1 left)",
            "20: b0 idle",
            "21: b0 switching",
            "23: b0 starts #1.0",
            "23: b0 value-adding",
            "24: b0 finishes #1.0",
            "24: #1 served in 24",
            "24: b0 idle",
            "24: shift ends",
        ])
        #expect(sim.metrics.baristas == [BaristaMetrics(role: 0, valueAdding: 12, waiting: 0, polling: 0, switching: 8, idle: 4)])
        #expect(sim.metrics.preemptions == 4)
    }

    @Test func moreBaristasThanStationsTimeShareWithASwitchEachHandover() {
        var config = smallShop(arrivals: [0, 0])
        config.menu[0].steps = [.work("grind", 6, after: [])]
        config.stations = Stations(count: 1, quantum: 4)
        var s = ClosureStrategy { task, _, _, _ in
            task.stage += 1
            return task.stage == 1 ? .work(task.order!, step: 0) : .finish
        }
        s.crew = [0, 0]
        let (log, sim) = timeline(config, s, states: true)
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "0: b0 value-adding",
            "0: #2 arrives (item 0)",
            "0: b1 waiting",
            "4: b0 pauses #1.0 (2 left)",
            "4: b1 switching",
            "4: b0 waiting",
            "6: b1 starts #2.0",
            "6: b1 value-adding",
            "10: b1 pauses #2.0 (2 left)",
            "10: b0 switching",
            "10: b1 waiting",
            "12: b0 starts #1.0",
            "12: b0 value-adding",
            "14: b0 finishes #1.0",
            "14: #1 served in 14",
            "14: b1 switching",
            "14: b0 idle",
            "16: b1 starts #2.0",
            "16: b1 value-adding",
            "18: b1 finishes #2.0",
            "18: #2 served in 18",
            "18: b1 idle",
            "18: shift ends",
        ])
        #expect(sim.metrics.baristas.map(\.switching) == [2, 4])
        #expect(sim.metrics.baristas.map(\.waiting) == [6, 8])
    }
}
