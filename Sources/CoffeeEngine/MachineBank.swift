/// The machines of the shop and the products in them. The bank alone changes a machine's
/// counters (slots occupied, running, holding, queued) and a product's state, each in one of the
/// calls below, so a new state of a machine means changing this file and no other. Each call
/// that changes what a front end shows returns the event to tell, for the core to emit.
///
///     request → reserved (a slot is promised) or queued (for a slot, first come first served)
///     reserved → load → running → finish → ready → collect
///     and at any point before collect: discard (the customer left; a product being loaded gives its slot back)
struct MachineBank {
    var jobs = SlotTable<JobRecord>()
    var machines: Slab<MachineState>
    /// Products started so far in the shift (their running numbers).
    var jobsStarted = 0
    /// Ticks a product may wait done before it is cold (`ShopConfig.coolingLimit`).
    let coolingLimit: Int

    init(config: ShopConfig) {
        machines = Slab(config.machines.map { MachineState(slots: $0.slots) })
        coolingLimit = config.coolingLimit
    }

    /// A product for an order's machine step: a slot is reserved for it if one is free, else it
    /// queues for one with `task` waiting (and `queued` is the event to tell). `nextOfOrder` is the
    /// order's product list so far; `orderNumber` the order's running number.
    @inline(__always)
    mutating func request(order: OrderID, orderNumber: Int, step: Int, machine m: Int, nextOfOrder: Slot<JobRecord>,
                          task: Slot<TaskRecord>) -> (job: Slot<JobRecord>, queued: ShopEvent?) {
        let job = jobs.allocate()
        jobsStarted += 1
        let reserved = machines[m].occupied < machines[m].slots
        let number = jobsStarted
        modify(&jobs[job]) { j in
            j.number = number
            j.order = Slot(order.slot)
            j.step = Int16(step)
            j.machine = Int16(m)
            j.nextOfOrder = nextOfOrder
            j.state = reserved ? .reserved : .queued
            if !reserved { j.waiter = task }
        }
        if reserved {
            machines[m].occupied += 1
            return (job, nil)
        }
        machines[m].queue.append(JobID(slot: job.index, generation: jobs[job].generation))
        machines[m].queued += 1
        return (job, .machineQueued(job: number, machine: m, order: orderNumber))
    }

    /// Barista `b` puts the product of order `number` in: brewing from `now` for `ticks`.
    @inline(__always)
    mutating func load(_ job: Slot<JobRecord>, order number: Int, by b: Int, now: Int, ticks: Int) -> ShopEvent {
        let m = Int(jobs[job].machine)
        modify(&machines[m]) { s in
            s.account(to: now)
            s.running += 1
        }
        return modify(&jobs[job]) { j -> ShopEvent in
            j.state = .running
            j.startedAt = now
            j.doneAt = now + ticks
            return .machineStarted(job: j.number, machine: m, order: number, barista: b)
        }
    }

    /// Brewing is over. `held == false`: the customer had left, the product is thrown out and
    /// its slot is free (and the job's slot freed too); `true`: it waits in its slot to be collected.
    @inline(__always)
    mutating func finish(_ job: Slot<JobRecord>, now: Int) -> (held: Bool, event: ShopEvent) {
        let m = Int(jobs[job].machine), number = jobs[job].number
        let discarding = jobs[job].state == .discarding
        // The machine's counters in one access (as in `load` and `collect`).
        modify(&machines[m]) { s in
            s.account(to: now)
            s.running -= 1
            if discarding { s.occupied -= 1 } else { s.holding += 1 }
        }
        if discarding {
            release(job)
            return (false, .productDiscarded(job: number, machine: m))
        }
        modify(&jobs[job]) { j in
            j.state = .ready
            j.doneAt = now
        }
        return (true, .machineDone(job: number, machine: m))
    }

    /// Barista `b` takes the finished product out of its slot: cold if it waited done longer
    /// than the cooling limit.
    @inline(__always)
    mutating func collect(_ job: Slot<JobRecord>, by b: Int, now: Int) -> (cold: Bool, event: ShopEvent) {
        let m = Int(jobs[job].machine)
        modify(&machines[m]) { s in
            s.account(to: now)
            s.holding -= 1
            s.occupied -= 1
        }
        return modify(&jobs[job]) { j in
            j.state = .collected
            let cold = now - j.doneAt > coolingLimit
            return (cold, .machineCollected(job: j.number, machine: m, barista: b, cold: cold))
        }
    }

    /// Throws a product out (its customer left). `slotFreed`: a slot is free again (it was
    /// reserved, or the product sat done in it, and then `thrownOut` is the event to tell).
    /// Nothing is freed for a product that never had a slot (queued), is already out, or is
    /// still brewing (thrown out when it is done).
    mutating func discard(_ job: Slot<JobRecord>, now: Int) -> (slotFreed: Bool, thrownOut: ShopEvent?) {
        let m = Int(jobs[job].machine)
        switch jobs[job].state {
        case .queued:
            jobs[job].state = .discarded
            machines[m].queued -= 1
            return (false, nil)
        case .reserved:
            jobs[job].state = .discarded
            machines[m].occupied -= 1
            return (true, nil)
        case .running:
            jobs[job].state = .discarding
            return (false, nil)
        case .ready:
            machines[m].account(to: now)
            machines[m].holding -= 1
            machines[m].occupied -= 1
            jobs[job].state = .discarded
            return (true, .productDiscarded(job: jobs[job].number, machine: m))
        case .collected, .discarded, .discarding:
            return (false, nil)
        }
    }

    /// Promises a free slot of machine `m`, if there is one, to the product queued first; returns
    /// it and the task that waited for it.
    @inline(__always)
    mutating func promiseSlot(_ m: Int) -> (job: JobID, task: Slot<TaskRecord>)? {
        while machines[m].occupied < machines[m].slots, machines[m].queueHead < machines[m].queue.count {
            let id = machines[m].queue[machines[m].queueHead]
            machines[m].queueHead += 1
            guard let job = jobs.live(id.slot, generation: id.generation), jobs[job].state == .queued else { continue }
            machines[m].queued -= 1
            machines[m].occupied += 1
            jobs[job].state = .reserved
            let task = jobs[job].waiter
            jobs[job].waiter = .none
            return (id, task)
        }
        let head = machines[m].queueHead
        if head > 256, head * 2 > machines[m].queue.count {
            machines[m].queue.removeFirst(head)
            machines[m].queueHead = 0
        }
        return nil
    }

    /// Task `t` waits on the product (`wait` or `await`): the first such task is its `waiter`,
    /// any other is found by its own `waitingOn` when the product is done.
    @inline(__always)
    mutating func addWaiter(_ t: Slot<TaskRecord>, to job: Slot<JobRecord>) {
        if jobs[job].waiter.isNone || jobs[job].waiter == t {
            jobs[job].waiter = t
        } else {
            jobs[job].extraWaiters = true
        }
    }

    /// The job's slot goes back to the table (its order is released).
    @inline(__always)
    mutating func release(_ job: Slot<JobRecord>) {
        jobs[job].state = .discarded
        jobs.release(job)
    }

    /// Busy and holding slot-ticks brought up to `now` on every machine.
    mutating func account(to now: Int) {
        for m in machines.indices { machines[m].account(to: now) }
    }

    /// Storage of its own, shared with no copy (see `CopyToken`).
    mutating func detach() {
        jobs.detach()
        machines.detach()
    }

    /// The bank's counters checked against its products (for tests): one line per broken rule.
    func invariantViolations() -> [String] {
        var problems: [String] = []
        for m in machines.indices {
            let state = machines[m]
            func count(_ states: Set<JobState>) -> Int {
                jobs.indices.filter { Int(jobs[$0].machine) == m && states.contains(jobs[$0].state) }.count
            }
            let queued = count([.queued]), running = count([.running, .discarding]), holding = count([.ready])
            let occupied = count([.reserved, .running, .discarding, .ready])
            if state.queued != queued { problems.append("machine \(m): \(queued) jobs queued, counter says \(state.queued)") }
            if state.running != running { problems.append("machine \(m): \(running) jobs running, counter says \(state.running)") }
            if state.holding != holding { problems.append("machine \(m): \(holding) jobs held, counter says \(state.holding)") }
            if state.occupied != occupied { problems.append("machine \(m): \(occupied) slots in use, counter says \(state.occupied)") }
            if occupied > state.slots { problems.append("machine \(m): \(occupied) slots in use of \(state.slots)") }
            // No job both queued and running: what waits in the queue is queued (or thrown out).
            var inQueue = Set<Int32>()
            for id in state.queue[state.queueHead...] {
                guard let job = jobs.live(id.slot, generation: id.generation) else { continue }
                let j = jobs[job]
                if j.state != .queued, j.state != .discarded { problems.append("machine \(m): job \(j.number) in the queue is \(j.state)") }
                if j.state == .queued, !inQueue.insert(id.slot).inserted { problems.append("machine \(m): job \(j.number) queued twice") }
            }
            if inQueue.count != queued { problems.append("machine \(m): \(inQueue.count) queued jobs in the queue, \(queued) queued") }
        }
        return problems
    }
}

enum JobState: UInt8 {
    case queued, reserved, running, ready, collected, discarded
    /// Still brewing for a customer who left: thrown out when done.
    case discarding
}

struct JobRecord: SlotRecord {
    static var renumbersOnAllocation: Bool { true }
    var generation: UInt32 = 0
    var number = 0
    var order = Slot<OrderRecord>.none
    var step: Int16 = 0
    var machine: Int16 = 0
    var state: JobState = .queued
    var doneAt = 0
    var startedAt = 0
    /// A task blocked (`wait`) or asleep (`await`) on this product, or queued for its slot.
    var waiter = Slot<TaskRecord>.none
    /// More than one task waits on it: the others are found by their `waitingOn`.
    var extraWaiters = false
    /// The order's product started before this one.
    var nextOfOrder = Slot<JobRecord>.none
}

struct MachineState {
    let slots: Int
    /// Slots running, holding or reserved.
    var occupied = 0
    var running = 0
    var holding = 0
    var since = 0
    var busyTicks = 0
    var holdingTicks = 0
    /// Jobs waiting for a slot, first come first served (a head index instead of removals).
    var queue: [JobID] = []
    var queueHead = 0
    var queued = 0

    init(slots: Int) { self.slots = slots }

    mutating func account(to now: Int) {
        busyTicks += running * (now - since)
        holdingTicks += holding * (now - since)
        since = now
    }
}
