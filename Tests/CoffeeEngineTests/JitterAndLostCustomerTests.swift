import CoffeeEngine
import Testing

/// Machine times drawn per order (`Step.jitter`), and how a lost customer counts in the time figures
/// (`LostCustomerRule`).
@Suite struct JitterAndLostCustomerTests {
    func jittered(_ jitter: Int, arrivals: [Int], patience: Patience = Patience()) -> ShopConfig {
        var c = smallShop(arrivals: arrivals, slots: 4, patience: patience)
        c.menu[0].steps[1].jitter = jitter
        return c
    }

    @Test func aJitteredStepTakesADrawnTimeThatOnlyTheSeedOrderAndStepDecide() {
        let draws = (1...400).map { Step.machineTicks(10, jitter: 3, seed: 7, order: $0, step: 1) }
        #expect(draws.allSatisfy { (7...13).contains($0) })
        #expect(Set(draws) == Set(7...13), "every value of the range comes up")
        #expect(draws == (1...400).map { Step.machineTicks(10, jitter: 3, seed: 7, order: $0, step: 1) })
        #expect(draws != (1...400).map { Step.machineTicks(10, jitter: 3, seed: 8, order: $0, step: 1) })
        #expect(Step.machineTicks(10, jitter: 0, seed: 7, order: 1, step: 1) == 10)
        // The first orders of seed 7, exactly.
        #expect(Array(draws.prefix(8)) == [13, 7, 13, 12, 11, 11, 12, 12])
    }

    @Test func theEngineBrewsForTheDrawnTimeAndTheArrivalsDoNotMove() {
        let arrivals = [0, 3, 6, 9]
        let plain = timeline(jittered(0, arrivals: arrivals), recipeStrategy { .await($0) }, seed: 7)
        let jit = timeline(jittered(3, arrivals: arrivals), recipeStrategy { .await($0) }, seed: 7)
        let arrivedPlain = plain.log.filter { $0.contains("arrives") }
        #expect(!arrivedPlain.isEmpty && arrivedPlain == jit.log.filter { $0.contains("arrives") })
        // Each brew runs from its start to its end for exactly the drawn ticks.
        var started: [Int: Int] = [:]
        var lengths: [Int: Int] = [:]
        var sim = Simulation(config: jittered(3, arrivals: arrivals), strategy: recipeStrategy { .await($0) }, seed: 7)
        sim.observer = { tick, event in
            if case let .machineStarted(job, _, order, _) = event { started[job] = tick; lengths[job] = order }
            if case let .machineDone(job, _) = event, let s = started[job], let order = lengths[job] {
                lengths[job] = tick - s
                #expect(tick - s == Step.machineTicks(10, jitter: 3, seed: 7, order: order, step: 1))
            }
        }
        sim.run()
        #expect(started.count == 4)
    }

    @Test func theLowerBoundAssumesTheShortestDraw() {
        let c = jittered(3, arrivals: [0])
        // take 2, load 1, brew at least 7, serve 1.
        #expect(LowerBound.criticalPath(of: c.menu[0], config: c) == 11)
    }

    @Test func aLostCustomerCountsTheLongestAServedOneCouldTake() {
        let rule = LostCustomerRule(acknowledge: 5, serve: 40, closesAt: 100)
        #expect(rule.leadTime(arrival: 10) == 40)
        #expect(rule.leadTime(arrival: 80) == 20, "the shop closes first")
        #expect(rule.counterWait(arrival: 10) == 5)
        #expect(rule.counterWait(arrival: 98) == 2)
        let forever = LostCustomerRule(acknowledge: nil, serve: nil, closesAt: 100)
        #expect(forever.leadTime(arrival: 30) == 70 && forever.counterWait(arrival: 30) == 70)
    }

    @Test func theScoreCardCountsEveryArrival() {
        // One slot, brew 10, a barista who waits at the machine: the first customer is served at 14;
        // the second, with 20 ticks of patience, leaves at 21 and counts 20; the third comes at 40
        // and is served at 54.
        let config = smallShop(arrivals: [0, 1, 40], patience: Patience(serve: 20))
        let (_, sim) = timeline(config, recipeStrategy { .wait($0) })
        let m = sim.metrics
        #expect(m.served == 2 && m.lost == 1 && m.arrived == 3)
        #expect(m.leadTime == Spread(mean: 16, p50: 14, p95: 20, max: 20))
        #expect(m.counterWait == Spread(mean: 4.33, p50: 0, p95: 13, max: 13))
    }
}
