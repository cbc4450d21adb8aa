@testable import CoffeeEngine
import Testing

/// A strategy that does anything at all, legal or not: the engine must end every shift cleanly,
/// finished or failed with a message, never trap or hang.
@Suite("Engine fuzzing")
struct EngineFuzzTests {
    struct Chaos: Strategy {
        struct TaskState { var order: OrderID?; var jobs: [JobID] = [] }
        var rng: SplitMix64
        var crew: [Int]
        var policy: ReadyPolicy
        var timers: [Int]
        var seenOrders: [OrderID] = []

        mutating func orderArrived(_ order: OrderID, shop: ShopState, spawn: inout Spawner<TaskState>) {
            seenOrders.append(order)
            spawn.spawn(TaskState(order: order), order: rng.below(4) == 0 ? nil : order,
                        role: rng.below(crew.max()! + 1), priority: rng.below(5) == 0 ? .urgent : .normal)
        }
        mutating func timerFired(_ timer: Int, shop: ShopState, spawn: inout Spawner<TaskState>) {
            spawn.spawn(TaskState(order: seenOrders.last), order: nil, priority: .urgent)
        }
        mutating func next(_ task: inout TaskState, context: TaskContext, result: ActionResult, shop: ShopState) -> Action {
            if case .job(let j) = result { task.jobs.append(j) }
            // Sometimes an order of another task, sometimes a stale one.
            let order = rng.below(3) == 0 ? (seenOrders.isEmpty ? task.order : seenOrders[rng.below(seenOrders.count)]) : task.order
            let job = task.jobs.isEmpty ? JobID(slot: Int32(rng.below(5)), generation: UInt32(rng.below(3))) : task.jobs[rng.below(task.jobs.count)]
            let step = rng.below(8) - 1
            let roll = rng.below(100)
            if roll >= 3, let o = task.order, shop.isOpen(o) {
                // Mostly legal moves, in an order a strategy might pick, so shifts get deep.
                if roll < 10, let j = task.jobs.last { return [Action.wait(j), .await(j), .check(j)][rng.below(3)] }
                if roll < 14 { return [Action.sleep(1 + rng.below(5)), .idle(1 + rng.below(3)), .yield][rng.below(3)] }
                if let j = task.jobs.first(where: { shop.isReady($0) && !shop.isDone(o, step: 0) }), rng.below(2) == 0 { return .collect(j) }
                guard let s = shop.nextStep(of: o) else {
                    if let j = task.jobs.last, !shop.isReady(j) { return .await(j) }
                    return .finish
                }
                return shop.machine(of: o, step: s) == nil ? .work(o, step: s) : .start(o, step: s)
            }
            switch rng.below(16) {
            case 0, 1, 2: return order.map { .work($0, step: step) } ?? .finish
            case 3, 4: return order.map { .start($0, step: step) } ?? .finish
            case 5: return .wait(job)
            case 6: return .await(job)
            case 7: return .check(job)
            case 8: return .collect(job)
            case 9: return .sleep(rng.below(20) - 2)
            case 10: return .idle(rng.below(6) - 1)
            case 11: return .yield
            case 12: return .send(role: rng.below(4) - 1)
            case 13: return .finish
            default:
                // The sensible next thing, so shifts get somewhere.
                guard let o = order, shop.isOpen(o), let s = shop.nextStep(of: o) else { return .finish }
                return shop.machine(of: o, step: s) == nil ? .work(o, step: s) : .start(o, step: s)
            }
        }
    }

    @Test func chaosNeverTrapsOrHangs() {
        var rng = SplitMix64(seed: 99)
        var finished = 0, failed = 0
        for i in 0..<300 {
            let config = BoundTests().randomShop(&rng)
            let crew = (0..<(1 + rng.below(3))).map { _ in rng.below(2) }
            let chaos = Chaos(rng: SplitMix64(seed: UInt64(i)), crew: crew.contains(0) ? crew : [0] + crew,
                              policy: ReadyPolicy.allCases[rng.below(3)], timers: rng.below(3) == 0 ? [1 + rng.below(9)] : [])
            var patienceConfig = config
            patienceConfig.patience = Patience(acknowledge: rng.below(2) == 0 ? nil : 5 + rng.below(20), serve: 40 + rng.below(100))
            patienceConfig.closing = 300
            var sim = Simulation(config: patienceConfig, strategy: chaos, seed: UInt64(i), limits: EngineLimits(decisionsPerTick: 500, tasks: 500))
            // The bookkeeping after every event: counters agree with the records they count.
            var steps = 0
            while !sim.isFinished, steps < 1_000_000 {
                sim.step()
                steps += 1
                let problems = sim.invariantViolations()
                if !problems.isEmpty {
                    Issue.record("shift \(i), tick \(sim.shop.now): \(problems.joined(separator: "; "))")
                    break
                }
            }
            let m = sim.metrics
            // Every customer who came is served, lost or still in the shop.
            #expect(m.served + m.lost + sim.shop.openOrders == m.arrived, "shift \(i)")
            // Each barista's tick classes add up to the shift's length.
            for b in m.baristas { #expect(b.valueAdding + b.waiting + b.polling + b.switching + b.idle == m.endTick, "shift \(i)") }
            // Each machine's slot-ticks add up to its slots times the shift's length.
            for machine in m.machines {
                #expect(machine.busy + machine.holding <= machine.slots * m.endTick, "shift \(i)")
                #expect(machine.busy + machine.holding + machine.idle == machine.slots * m.endTick, "shift \(i)")
            }
            switch sim.status {
            case .finished: finished += 1
            case .failed(let f): failed += 1; #expect(!f.message.isEmpty)
            case .running: Issue.record("shift \(i) did not end")
            }
            #expect(sim.metrics.endTick <= patienceConfig.duration + patienceConfig.closing)
        }
        // Deterministic: the same seeds end the same way every time. (Since a yield with nothing
        // else to run waits for the next event, shifts of tasks that only yield finish.)
        #expect(finished == 124 && failed == 176)
    }
}
