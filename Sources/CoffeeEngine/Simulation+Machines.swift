/// Machines: products queued, loaded, brewing on their own, held in a slot, collected or thrown
/// out. The counters are the machine bank's (`MachineBank`); here is what each change sets off.
extension Simulation {
    /// The barista loads a product whose slot is reserved.
    @inline(__always)
    mutating func load(_ b: Int, job: Slot<JobRecord>) {
        let ticks = shop.config.machines[Int(shop.bank.jobs[job].machine)].loadTicks
        if ticks > 0 {
            begin(b, .loading(job: job), .valueAdding, ticks: ticks)
        } else {
            startMachine(b, job: job)
        }
    }

    mutating func startMachine(_ b: Int, job: Slot<JobRecord>) {
        crew.endActivity(b)
        let j = shop.bank.jobs[job]
        let r = shop.orders[j.order]
        let fact = shop.fact(r.item, Int(j.step))
        let ticks = fact.jitter == 0 ? fact.ticks
            : Step.machineTicks(fact.ticks, jitter: fact.jitter, seed: seed, order: r.number, step: Int(j.step))
        let started = shop.bank.load(job, order: r.number, by: b, now: shop.now, ticks: ticks)
        queue.schedule(at: shop.now + ticks, .machineDone, job.index)
        emit(started)
        decide(b, .job(JobID(slot: job.index, generation: j.generation)))
    }

    @inline(__always)
    mutating func handleMachineDone(job: Slot<JobRecord>) {
        let j = shop.bank.jobs[job]
        let m = Int(j.machine)
        let (held, event) = shop.bank.finish(job, now: shop.now)
        emit(event)
        guard held else {
            advanceMachineQueue(m)
            return
        }
        shop.productReady(j.order, Int(j.step))
        if j.waiter.exists { wakeWaiter(j.waiter, job: job) }
        if j.extraWaiters {
            for t in tasks.indices where tasks[Slot(t)].state != .free && tasks[Slot(t)].waitingOn == job {
                wakeWaiter(Slot(t), job: job)
            }
        }
    }

    @inline(__always)
    mutating func wakeWaiter(_ t: Slot<TaskRecord>, job: Slot<JobRecord>) {
        guard tasks[t].waitingOn == job else { return }
        tasks.waitOn(t, .none)
        switch tasks[t].state {
        case .awaiting:
            makeReady(t)
        case .running:
            let b = tasks[t].barista
            guard case .blocked(job) = crew.members[b].activity else { return }
            crew.endActivity(b)
            decide(b, .none)
        default:
            break
        }
    }

    /// Takes a finished product out of its slot; returns the barista ticks it costs. A product
    /// collected `ahead` of the step that uses it (`collect shot`) keeps cooling until that step
    /// begins (`useHeld`): holding it out of the machine does not keep it warm.
    mutating func collect(_ job: Slot<JobRecord>, by b: Int, ahead: Bool = false) -> Int {
        let j = shop.bank.jobs[job]
        let (cold, collected) = shop.bank.collect(job, by: b, now: shop.now)
        shop.productCollected(j.order, Int(j.step), cold: cold, ahead: ahead)
        emit(collected)
        advanceMachineQueue(Int(j.machine))
        checkServed(j.order)
        return shop.config.costs.collectTicks
    }

    /// Collects finished products a step depends on; returns the barista ticks spent.
    @inline(__always)
    mutating func collectDependencies(_ o: Slot<OrderRecord>, _ step: Int, by b: Int) -> Int {
        let after = shop.fact(shop.orders[o].item, step).after
        let held = after & shop.orders[o].held
        if held != 0 { shop.useHeld(o, held) }
        let waiting = after & shop.orders[o].ready
        return waiting == 0 ? 0 : collectProducts(o, waiting, by: b)
    }

    /// Collects the products of the machine steps in `waiting`, a bit mask.
    mutating func collectProducts(_ o: Slot<OrderRecord>, _ waiting: UInt64, by b: Int) -> Int {
        var ticks = 0
        var left = waiting
        while left != 0 {
            let d = left.trailingZeroBitCount
            left &= left - 1
            var j = shop.orders[o].firstJob
            while j.exists {
                if Int(shop.bank.jobs[j].step) == d, shop.bank.jobs[j].state == .ready {
                    ticks += collect(j, by: b)
                    break
                }
                j = shop.bank.jobs[j].nextOfOrder
            }
        }
        return ticks
    }

    /// Promises free slots to the tasks queued first: each loads its product when it next runs.
    mutating func advanceMachineQueue(_ m: Int) {
        while let (job, task) = shop.bank.promiseSlot(m) {
            tasks.setPending(task, .load(job))
            makeReady(task)
        }
    }
}
