/// Machines: products queued, loaded, brewing on their own, held in a slot, collected or thrown out.
extension Simulation {
    @inline(__always)
    mutating func createJob(order: OrderID, step: Int) -> JobID {
        let slot: Int32
        if let free = shop.freeJobs.popLast() {
            slot = free
        } else {
            slot = Int32(shop.jobs.count)
            shop.jobs.append(JobRecord())
        }
        let machine = shop.fact(shop.orders[Int(order.slot)].item, step).machine
        shop.jobsStarted += 1
        var j = shop.jobs[Int(slot)]
        j.generation &+= 1
        j.number = shop.jobsStarted
        j.order = order.slot
        j.orderGeneration = order.generation
        j.step = Int16(step)
        j.machine = Int16(machine)
        j.state = .queued
        j.waiter = -1
        j.extraWaiters = false
        j.nextOfOrder = shop.orders[Int(order.slot)].firstJob
        shop.jobs[Int(slot)] = j
        shop.orders[Int(order.slot)].firstJob = slot
        shop.orders[Int(order.slot)].started |= 1 << step
        return JobID(slot: slot, generation: j.generation)
    }

    /// The barista loads a product whose slot is reserved.
    @inline(__always)
    mutating func load(_ b: Int, job: Int32) {
        let ticks = shop.config.machines[Int(shop.jobs[Int(job)].machine)].loadTicks
        if ticks > 0 {
            begin(b, .loading(job: job), .valueAdding, ticks: ticks)
        } else {
            startMachine(b, job: job)
        }
    }

    mutating func startMachine(_ b: Int, job: Int32) {
        baristas[b].activity = .none
        let j = shop.jobs[Int(job)]
        let m = Int(j.machine)
        shop.machines[m].account(to: shop.now)
        shop.machines[m].running += 1
        shop.jobs[Int(job)].state = .running
        let fact = shop.fact(shop.orders[Int(j.order)].item, Int(j.step))
        let ticks = fact.jitter == 0 ? fact.ticks
            : Step.machineTicks(fact.ticks, jitter: fact.jitter, seed: seed, order: shop.orders[Int(j.order)].number, step: Int(j.step))
        shop.jobs[Int(job)].startedAt = shop.now
        shop.jobs[Int(job)].doneAt = shop.now + ticks
        queue.schedule(at: shop.now + ticks, .machineDone, job)
        emit(.machineStarted(job: j.number, machine: m, order: shop.orders[Int(j.order)].number, barista: b))
        decide(b, .job(JobID(slot: job, generation: j.generation)))
    }

    @inline(__always)
    mutating func handleMachineDone(job: Int32) {
        let j = shop.jobs[Int(job)]
        let m = Int(j.machine)
        shop.machines[m].account(to: shop.now)
        shop.machines[m].running -= 1
        if j.state == .discarding {
            shop.machines[m].occupied -= 1
            emit(.productDiscarded(job: j.number, machine: m))
            freeJob(job)
            advanceMachineQueue(m)
            return
        }
        shop.machines[m].holding += 1
        shop.jobs[Int(job)].state = .ready
        shop.jobs[Int(job)].doneAt = shop.now
        shop.orders[Int(j.order)].ready |= 1 << Int(j.step)
        emit(.machineDone(job: j.number, machine: m))
        if j.waiter >= 0 { wakeWaiter(j.waiter, job: job) }
        if j.extraWaiters {
            for t in tasks.indices where tasks[t].state != .free && tasks[t].waitingOn == job {
                wakeWaiter(Int32(t), job: job)
            }
        }
    }

    @inline(__always)
    mutating func wakeWaiter(_ t: Int32, job: Int32) {
        guard tasks[Int(t)].waitingOn == job else { return }
        tasks[Int(t)].waitingOn = -1
        switch tasks[Int(t)].state {
        case .awaiting:
            makeReady(t)
        case .running:
            let b = tasks[Int(t)].barista
            guard case .blocked(job) = baristas[b].activity else { return }
            baristas[b].activity = .none
            decide(b, .none)
        default:
            break
        }
    }

    /// Takes a finished product out of its slot; returns the barista ticks it costs. A product
    /// collected `ahead` of the step that uses it (`collect shot`) keeps cooling until that step
    /// begins (`useHeld`): holding it out of the machine does not keep it warm.
    mutating func collect(_ job: Int32, by b: Int, ahead: Bool = false) -> Int {
        let j = shop.jobs[Int(job)]
        let m = Int(j.machine)
        shop.machines[m].account(to: shop.now)
        shop.machines[m].holding -= 1
        shop.machines[m].occupied -= 1
        shop.jobs[Int(job)].state = .collected
        let cold = shop.now - j.doneAt > shop.config.coolingLimit
        if cold {
            shop.orders[Int(j.order)].cold = true
        } else if ahead {
            shop.orders[Int(j.order)].held |= 1 << Int(j.step)
        }
        shop.orders[Int(j.order)].done |= 1 << Int(j.step)
        shop.orders[Int(j.order)].ready &= ~(1 << Int(j.step))
        emit(.machineCollected(job: j.number, machine: m, barista: b, cold: cold))
        advanceMachineQueue(m)
        checkServed(j.order)
        return shop.config.costs.collectTicks
    }

    /// Collects finished products a step depends on; returns the barista ticks spent.
    @inline(__always)
    mutating func collectDependencies(_ o: Int32, _ step: Int, by b: Int) -> Int {
        let after = shop.fact(shop.orders[Int(o)].item, step).after
        let held = after & shop.orders[Int(o)].held
        if held != 0 { useHeld(o, held) }
        let waiting = after & shop.orders[Int(o)].ready
        return waiting == 0 ? 0 : collectProducts(o, waiting, by: b)
    }

    /// A step begins with products collected ahead (the machine steps in `steps`, a bit mask):
    /// any that waited longer than the cooling limit since it was done makes the drink cold.
    mutating func useHeld(_ o: Int32, _ steps: UInt64) {
        shop.orders[Int(o)].held &= ~steps
        var j = shop.orders[Int(o)].firstJob
        while j >= 0 {
            let job = shop.jobs[Int(j)]
            if job.state == .collected, steps & (1 << UInt64(job.step)) != 0, shop.now - job.doneAt > shop.config.coolingLimit {
                shop.orders[Int(o)].cold = true
            }
            j = job.nextOfOrder
        }
    }

    /// Collects the products of the machine steps in `waiting`, a bit mask.
    mutating func collectProducts(_ o: Int32, _ waiting: UInt64, by b: Int) -> Int {
        var ticks = 0
        var left = waiting
        while left != 0 {
            let d = left.trailingZeroBitCount
            left &= left - 1
            var j = shop.orders[Int(o)].firstJob
            while j >= 0 {
                if Int(shop.jobs[Int(j)].step) == d, shop.jobs[Int(j)].state == .ready {
                    ticks += collect(j, by: b)
                    break
                }
                j = shop.jobs[Int(j)].nextOfOrder
            }
        }
        return ticks
    }

    /// Promises free slots to the tasks queued first.
    mutating func advanceMachineQueue(_ m: Int) {
        while shop.machines[m].occupied < shop.machines[m].slots, shop.machines[m].queueHead < shop.machines[m].queue.count {
            let job = shop.machines[m].queue[shop.machines[m].queueHead]
            shop.machines[m].queueHead += 1
            guard let j = liveJob(job), shop.jobs[j].state == .queued else { continue }
            shop.machines[m].queued -= 1
            shop.machines[m].occupied += 1
            shop.jobs[j].state = .reserved
            let t = shop.jobs[j].waiter
            shop.jobs[j].waiter = -1
            tasks[Int(t)].pending = .load(job)
            makeReady(t)
        }
        let head = shop.machines[m].queueHead
        if head > 256, head * 2 > shop.machines[m].queue.count {
            shop.machines[m].queue.removeFirst(head)
            shop.machines[m].queueHead = 0
        }
    }

    mutating func freeJob(_ job: Int32) {
        shop.jobs[Int(job)].generation &+= 1
        shop.jobs[Int(job)].state = .discarded
        shop.freeJobs.append(job)
    }
}
