import CoffeeEngine
import Testing

@Suite("What a strategy may not do")
struct FailureTests {
    func failure<S: Strategy>(_ config: ShopConfig, _ s: S, limits: EngineLimits = EngineLimits()) -> ShiftFailure? {
        var sim = Simulation(config: config, strategy: s, seed: 1, limits: limits)
        sim.run()
        if case .failed(let f) = sim.status { return f }
        return nil
    }

    @Test func aStepBeforeItsPredecessorIsRefusedWithTheReason() {
        let s = ClosureStrategy { task, _, _, _ in .work(task.order!, step: 2) }
        let f = failure(smallShop(arrivals: [3]), s)
        #expect(f == ShiftFailure(tick: 3, barista: 0, limit: nil,
                                  message: "'serve' of #1 (espresso) comes after 'brew', which is not done"))
    }

    @Test func startingWorkAndDoingAMachineStepAreTold() {
        let work = ClosureStrategy { task, _, _, _ in .start(task.order!, step: 0) }
        #expect(failure(smallShop(arrivals: [0]), work)?.message
            == "'take' of #1 (espresso) is barista work, not a machine step: do it, don't start it")
        let machine = ClosureStrategy { task, _, _, _ in
            task.stage += 1
            return task.stage == 1 ? .work(task.order!, step: 0) : .work(task.order!, step: 1)
        }
        #expect(failure(smallShop(arrivals: [0]), machine)?.message
            == "'brew' of #1 (espresso) is a machine step: start it on espresso")
    }

    @Test func collectingBeforeTheMachineIsDoneIsRefused() {
        let s = recipeStrategy { .collect($0) }
        #expect(failure(smallShop(arrivals: [0]), s)?.message
            == "job 1 is not done yet: wait or await it before collecting")
    }

    @Test func endlessZeroTimeDecisionsHitTheSandbox() {
        let s = ClosureStrategy { _, _, _, _ in .idle(0) }
        let f = failure(smallShop(arrivals: [7]), s)
        #expect(f == ShiftFailure(tick: 7, barista: 0, limit: "decisions-per-tick",
                                  message: "barista 0 made more than 10000 decisions at tick 7 without spending a tick"))
    }

    /// Yields with nothing else ready are not endless: the barista waits for the next event (here
    /// the closing), so the shift ends with the customer lost, not with a sandbox failure.
    @Test func endlessYieldsWaitForTheNextEvent() {
        let config = smallShop(arrivals: [7])
        var sim = Simulation(config: config, strategy: ClosureStrategy { _, _, _, _ in .yield }, seed: 1)
        sim.run()
        #expect(sim.status == .finished)
        #expect(sim.metrics.lostAtClosing == 1)
        #expect(sim.metrics.endTick == config.duration + config.closing)
    }

    @Test func runawayTaskCreationHitsTheSandbox() {
        var s = ClosureStrategy { _, _, _, _ in .sleep(1_000) }
        s.onArrival = { order, _, spawn in
            for _ in 0..<600 { spawn.spawn(.init(order: order), order: order) }
        }
        let f = failure(smallShop(arrivals: [0, 1]), s, limits: EngineLimits(tasks: 1_000))
        #expect(f?.message == "more than 1000 tasks alive at once")
        #expect(f?.limit == "tasks")
        #expect(f?.tick == 1)
    }

    @Test func aStaleOrderIsGoneNotAnError() {
        // The task of #1 sleeps past the customer's patience, then tries to go on.
        let s = ClosureStrategy { task, _, result, _ in
            task.stage += 1
            if task.stage == 1 { return .sleep(20) }
            if task.stage == 2 { return .work(task.order!, step: 0) }
            return result == .gone ? .finish : .fail("expected the order to be gone")
        }
        var config = smallShop(arrivals: [0], patience: Patience(acknowledge: 5))
        config.duration = 1
        var sim = Simulation(config: config, strategy: s, seed: 1)
        sim.run()
        #expect(sim.status == .finished)
        #expect(sim.metrics.lostNotAcknowledged == 1)
    }

    @Test func sendingToARoleNobodyHasIsRefused() {
        let s = ClosureStrategy { _, _, _, _ in .send(role: 3) }
        #expect(failure(smallShop(arrivals: [0]), s)?.message == "no barista has role 3 to send the task to")
    }
}
