@testable import CoffeeEngine
import Testing

/// The engine's parts on their own: each keeps its records and counters, whatever the caller does.
@Suite("Engine parts")
struct PartsTests {
    struct Note: SlotRecord {
        static var renumbersOnAllocation: Bool { true }
        var generation: UInt32 = 0
        var text = ""
    }

    @Test func aSlotTableReusesTheLastFreedSlotWithAFreshRecord() {
        var table = SlotTable<Note>()
        let a = table.allocate(), b = table.allocate()
        #expect((a.index, b.index) == (0, 1))
        #expect((table[a].generation, table[b].generation) == (1, 1))
        table[a].text = "old"
        table.release(a)
        #expect(table[a].generation == 2)
        #expect(table.live(0, generation: 1) == nil)
        let c = table.allocate()
        // The slot freed last comes back, with nothing of its record but the generation.
        #expect(c == a)
        #expect(table[c].text == "")
        #expect(table[c].generation == 3)
        #expect(table.live(0, generation: 3) == c)
        #expect(table.live(2, generation: 0) == nil)
        #expect(table.live(-1, generation: 0) == nil)
        #expect(table.count == 2)
    }

    @Test func tasksKeepTheirGenerationWhenHandedOutAndMoveItOnWhenFreed() {
        var tasks = TaskTable<String>()
        let t = tasks.create("first", order: nil, role: 0, priority: .normal)
        #expect(tasks.id(t) == TaskID(slot: 0, generation: 0))
        #expect((tasks.live, tasks.created) == (1, 1))
        tasks.free(t)
        #expect(tasks.live == 0)
        #expect(tasks[t].state == .free)
        let u = tasks.create("second", order: nil, role: 1, priority: .urgent)
        #expect(tasks.id(u) == TaskID(slot: 0, generation: 1))
        #expect(tasks[u].role == 1 && tasks[u].priority == .urgent && tasks[u].created == 2)
        #expect(tasks.states[0] == "second")
    }

    @Test func theTaskTableCountsUrgentReadyTasksThroughEveryChange() {
        var tasks = TaskTable<Int>()
        let urgent = tasks.create(1, order: nil, role: 0, priority: .urgent)
        let normal = tasks.create(2, order: nil, role: 0, priority: .normal)
        tasks.markReady(urgent)
        tasks.markReady(urgent)
        tasks.markReady(normal)
        // Ready twice is counted once; normal tasks are not counted.
        #expect(tasks.urgentReady == 1)
        let first = tasks.run(urgent, by: 3)
        #expect(first == .ask(.none))
        #expect((tasks.urgentReady, tasks[urgent].state, tasks[urgent].barista) == (0, .running, 3))
        tasks.markReady(urgent)
        #expect(tasks.urgentReady == 1)
        // Freed while ready: no longer counted.
        tasks.free(urgent)
        #expect((tasks.urgentReady, tasks.live) == (0, 1))
        let other = tasks.create(3, order: nil, role: 0, priority: .urgent)
        tasks.markReady(other)
        _ = tasks.run(other, by: 0)
        tasks.queueForSlot(other)
        #expect((tasks.urgentReady, tasks[other].state) == (0, .queuedForSlot))
        tasks.free(other)
        #expect((tasks.urgentReady, tasks.live) == (0, 1))
    }

    @Test func aProductKeepsItsFirstWaiterAndFlagsAnyOther() {
        var bank = MachineBank(config: smallShop(arrivals: [0]))
        let job = bank.request(order: OrderID(slot: 0, generation: 1), orderNumber: 1, step: 1, machine: 0,
                               nextOfOrder: .none, task: .none).job
        bank.addWaiter(Slot(4), to: job)
        bank.addWaiter(Slot(4), to: job)
        #expect((bank.jobs[job].waiter, bank.jobs[job].extraWaiters) == (Slot(4), false))
        bank.addWaiter(Slot(7), to: job)
        #expect((bank.jobs[job].waiter, bank.jobs[job].extraWaiters) == (Slot(4), true))
    }

    @Test func theDoorClosesWhenNoCustomerIsLeftOrTheShopCloses() {
        var door = Door(config: smallShop(arrivals: [3, 8]), seed: 1)
        let first = door.next(), second = door.next()
        #expect(first?.tick == 3 && second?.tick == 8 && !door.closed)
        let third = door.next()
        #expect(third == nil && door.closed)
        var early = Door(config: smallShop(arrivals: [3, 8]), seed: 1)
        early.close()
        #expect(early.closed)
    }

    @Test func everySleepHasItsOwnWakeToken() {
        var tasks = TaskTable<Int>()
        let t = tasks.create(0, order: nil, role: 0, priority: .normal)
        let first = tasks.sleep(t)
        tasks.free(t)
        let u = tasks.create(1, order: nil, role: 0, priority: .normal)
        // The same slot, a new sleep: the end of the old one must not wake it.
        #expect(u == t)
        let second = tasks.sleep(u)
        #expect(first != second)
        #expect(tasks[u].state == .sleeping && tasks[u].wakeToken == second)
    }

    func bank(slots: Int) -> MachineBank {
        MachineBank(config: smallShop(arrivals: [0], slots: slots))
    }

    let order = OrderID(slot: 0, generation: 1)

    @Test func aMachineReservesWhileItHasSlotsThenQueuesFirstComeFirstServed() {
        var b = bank(slots: 1)
        let (first, reserved) = b.request(order: order, orderNumber: 4, step: 1, machine: 0, nextOfOrder: .none, task: Slot(Int32(0)))
        #expect(reserved == nil)
        let (second, queued) = b.request(order: order, orderNumber: 4, step: 1, machine: 0, nextOfOrder: first, task: Slot(Int32(7)))
        #expect(queued == .machineQueued(job: 2, machine: 0, order: 4))
        #expect(b.machines[0].occupied == 1 && b.machines[0].queued == 1)
        #expect(b.jobs[second].waiter == Slot(Int32(7)))
        #expect(b.jobs[second].nextOfOrder == first)
        let none = b.promiseSlot(0)
        #expect(none == nil)
        #expect(b.load(first, order: 4, by: 3, now: 5, ticks: 10) == .machineStarted(job: 1, machine: 0, order: 4, barista: 3))
        let kept = b.finish(first, now: 15)
        #expect(kept.held && kept.event == .machineDone(job: 1, machine: 0))
        #expect(b.machines[0].holding == 1 && b.machines[0].running == 0)
        // Done at 15, collected at 20: within the cooling limit.
        let collected = b.collect(first, by: 3, now: 20)
        #expect(!collected.cold && collected.event == .machineCollected(job: 1, machine: 0, barista: 3, cold: false))
        // The slot is free: the queued product gets it, and its task is told.
        let promised = b.promiseSlot(0)
        #expect(promised?.job == JobID(slot: second.index, generation: b.jobs[second].generation))
        #expect(promised?.task == Slot(Int32(7)))
        #expect(b.jobs[second].state == .reserved && b.jobs[second].waiter.isNone)
        #expect(b.machines[0].occupied == 1 && b.machines[0].queued == 0)
        #expect(b.invariantViolations() == [])
        b.account(to: 20)
        #expect((b.machines[0].busyTicks, b.machines[0].holdingTicks) == (10, 5))
    }

    @Test func throwingOutAProductFreesWhatItHeld() {
        var b = bank(slots: 2)
        let (brewing, _) = b.request(order: order, orderNumber: 1, step: 1, machine: 0, nextOfOrder: .none, task: .none)
        let (done, _) = b.request(order: order, orderNumber: 1, step: 1, machine: 0, nextOfOrder: brewing, task: .none)
        let (queued, _) = b.request(order: order, orderNumber: 1, step: 1, machine: 0, nextOfOrder: done, task: .none)
        _ = b.load(brewing, order: 1, by: 0, now: 0, ticks: 10)
        _ = b.load(done, order: 1, by: 1, now: 0, ticks: 2)
        let held = b.finish(done, now: 2)
        #expect(held.held)
        let outcomes = [b.discard(queued, now: 3), b.discard(done, now: 3), b.discard(brewing, now: 3)]
        #expect(outcomes.map(\.slotFreed) == [false, true, false])
        #expect(outcomes.map(\.thrownOut) == [nil, .productDiscarded(job: 2, machine: 0), nil])
        #expect(b.jobs[brewing].state == .discarding)
        #expect(b.machines[0].occupied == 1 && b.machines[0].holding == 0 && b.machines[0].queued == 0)
        // Still brewing for nobody: thrown out when done, its slot and its record freed.
        let keptForNobody = b.finish(brewing, now: 10)
        #expect(!keptForNobody.held && keptForNobody.event == .productDiscarded(job: 1, machine: 0))
        #expect(b.machines[0].occupied == 0 && b.machines[0].running == 0)
        #expect(b.jobs.free.count == 1)
        #expect(b.invariantViolations() == [])
    }

    @Test func aReusedJobStartsWithNoTimesOfTheJobBefore() {
        var b = bank(slots: 1)
        let (job, _) = b.request(order: order, orderNumber: 1, step: 1, machine: 0, nextOfOrder: .none, task: .none)
        _ = b.load(job, order: 1, by: 0, now: 5, ticks: 10)
        let done = b.finish(job, now: 15)
        #expect(done.held)
        _ = b.collect(job, by: 0, now: 16)
        b.release(job)
        let (again, _) = b.request(order: order, orderNumber: 1, step: 1, machine: 0, nextOfOrder: .none, task: .none)
        #expect(again == job)
        #expect((b.jobs[again].startedAt, b.jobs[again].doneAt) == (0, 0))
        #expect(b.jobs[again].number == 2)
    }

    @Test func aProductCollectedPastTheCoolingLimitIsCold() {
        var b = MachineBank(config: smallShop(arrivals: [0], cooling: 4))
        let (on, _) = b.request(order: order, orderNumber: 1, step: 1, machine: 0, nextOfOrder: .none, task: .none)
        _ = b.load(on, order: 1, by: 0, now: 0, ticks: 10)
        _ = b.finish(on, now: 10)
        // Waited 4 ticks done: still warm.
        #expect(b.collect(on, by: 2, now: 14) == (false, .machineCollected(job: 1, machine: 0, barista: 2, cold: false)))
        let (late, _) = b.request(order: order, orderNumber: 1, step: 1, machine: 0, nextOfOrder: on, task: .none)
        _ = b.load(late, order: 1, by: 0, now: 14, ticks: 10)
        _ = b.finish(late, now: 24)
        // Waited 5: cold.
        #expect(b.collect(late, by: 2, now: 29) == (true, .machineCollected(job: 2, machine: 0, barista: 2, cold: true)))
        #expect(b.invariantViolations() == [])
    }

    @Test func aProductThrownOutWhileBeingLoadedGivesItsSlotBackOnce() {
        var b = bank(slots: 1)
        let (job, _) = b.request(order: order, orderNumber: 1, step: 1, machine: 0, nextOfOrder: .none, task: .none)
        let outcome = b.discard(job, now: 1)
        #expect(outcome.slotFreed && outcome.thrownOut == nil)
        #expect(b.machines[0].occupied == 0)
        let again = b.discard(job, now: 2)
        #expect(!again.slotFreed && again.thrownOut == nil)
        #expect(b.machines[0].occupied == 0)
        #expect(b.invariantViolations() == [])
    }

    @Test func stationsGoToTheBaristaQueuedFirstAndCostASwitchWhenSomeoneElseUsedThem() {
        var pool = StationPool(count: 1)
        #expect(pool.firstFree() == 0)
        let switchFirst = pool.take(0, by: 2)
        #expect(!switchFirst)
        #expect(pool.firstFree() == nil)
        pool.queue(1)
        pool.queue(3)
        pool.leave(0, by: 2)
        let next = pool.nextWaiting()
        #expect(next == 1)
        let switchOver = pool.take(0, by: 1)
        #expect(switchOver)
        pool.remove(3)
        #expect(!pool.someoneWaits)
        let nobody = pool.nextWaiting()
        #expect(nobody == nil)
        pool.leave(0, by: 1)
        let switchBack = pool.take(0, by: 1)
        #expect(!switchBack)
    }

    @Test func readyTasksComeOutUrgentFirstThenByKeyAndYieldedLast() {
        var queues = ReadyQueues(roles: 1)
        queues.insert(ReadyEntry(urgent: false, key: 5, created: 1, slot: Slot(Int32(0)), generation: 0), role: 0)
        queues.insertYielded(Slot(Int32(1)), generation: 0, role: 0)
        queues.insert(ReadyEntry(urgent: true, key: 9, created: 2, slot: Slot(Int32(2)), generation: 0), role: 0)
        queues.insert(ReadyEntry(urgent: false, key: 3, created: 3, slot: Slot(Int32(3)), generation: 0), role: 0)
        var order: [Int32] = []
        while let e = queues.best(0) {
            order.append(e.slot.index)
            queues.dropBest(0)
        }
        #expect(order == [2, 3, 0, 1])
        // Yielded during this event until the next one begins.
        queues.insertYielded(Slot(Int32(4)), generation: 0, role: 0)
        #expect(queues.best(0).map(queues.yieldedThisEvent) == true)
        queues.eventBegins()
        #expect(queues.best(0).map(queues.yieldedThisEvent) == false)
    }

    // MARK: The engine checks its own config

    func recipe(steps: Int) -> ShopConfig {
        ShopConfig(menu: [MenuItem(name: "long", price: 100, steps: (0..<steps).map { .work("s\($0)", 1, after: $0 == 0 ? [] : [$0 - 1]) })],
                   machines: [], costs: Costs(switchTicks: 0, checkTicks: 1, collectTicks: 0),
                   arrivals: .fixed([Arrival(tick: 0, item: 0)]), duration: 1_000, closing: 100)
    }

    @Test func aRecipeOfSixtyFourStepsRuns() {
        var sim = Simulation(config: recipe(steps: ShopConfig.maxSteps), strategy: RecipeStrategy(mode: .event, baristas: 1), seed: 1)
        sim.run()
        #expect(sim.status == .finished)
        #expect(sim.metrics.served == 1)
        #expect(sim.metrics.leadTime.max == 64)
    }

    @Test func aRecipeOfSixtyFiveStepsIsRefusedBeforeTheShiftBegins() {
        var sim = Simulation(config: recipe(steps: ShopConfig.maxSteps + 1), strategy: RecipeStrategy(mode: .event, baristas: 1), seed: 1)
        sim.run()
        #expect(sim.status == .failed(ShiftFailure(tick: 0, barista: nil, limit: nil,
                                                   message: "long has 65 steps; a recipe has at most 64")))
        #expect(sim.metrics.arrived == 0)
    }

    @Test func aStepOnAMachineTheShopLacksOrAfterAStepTheRecipeLacksIsRefused() {
        var config = smallShop(arrivals: [0])
        config.menu[0].steps[1] = .machine("brew", on: 3, 10, after: [0])
        var sim = Simulation(config: config, strategy: RecipeStrategy(mode: .event, baristas: 1), seed: 1)
        #expect(sim.status == .failed(ShiftFailure(tick: 0, barista: nil, limit: nil,
                                                   message: "'brew' of espresso runs on machine 3, but the shop has 1")))
        config = smallShop(arrivals: [0])
        config.menu[0].steps[2] = .work("serve", 1, after: [5])
        sim = Simulation(config: config, strategy: RecipeStrategy(mode: .event, baristas: 1), seed: 1)
        #expect(sim.status == .failed(ShiftFailure(tick: 0, barista: nil, limit: nil,
                                                   message: "'serve' of espresso comes after step 5, but the recipe has 3 steps")))
    }
}
