@testable import CoffeeEngine
import Testing

/// A task put down at a safe point (an urgent task went first) hears the result it was owed when
/// it runs again, once: after that, each action's own result.
@Suite("Safe points")
struct SafePointTests {
    final class Heard: @unchecked Sendable { var results: [ActionResult] = [] }

    @Test func aResultOwedAtASafePointIsHeardOnce() {
        let heard = Heard()
        var strategy = ClosureStrategy { task, _, result, _ in
            if task.timer >= 0 { return .finish }  // the urgent task: done at once
            guard let order = task.order else { return .finish }
            heard.results.append(result)
            task.stage += 1
            switch task.stage {
            case 1: return .work(order, step: 0)   // take, ticks 0–2
            case 2: return .start(order, step: 1)  // loaded 2–3: the product's job comes back at 3
            case 3: return .yield                  // heard after the urgent task, at 3
            default: return .finish                // heard at the next event
            }
        }
        strategy.timers = [2]
        // At tick 2, while the barista loads the machine, an urgent task comes: it goes first at
        // the safe point after the load, at 3.
        strategy.onTimer = { _, shop, spawn in
            if shop.now == 2 { spawn.spawn(.init(timer: 0), order: nil, priority: .urgent) }
        }
        var sim = Simulation(config: smallShop(arrivals: [0]), strategy: strategy, seed: 1)
        sim.run()
        let job = JobID(slot: 0, generation: 1)
        #expect(heard.results == [.none, .none, .job(job), .none])
    }
}
