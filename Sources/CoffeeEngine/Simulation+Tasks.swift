/// Tasks: creating them, queueing them ready, handing them to free baristas, preempting.
extension Simulation {
    /// Creates the tasks the strategy asked for, if any (most calls have none).
    @inline(__always)
    mutating func spawnPending() {
        if spawner.count > 0 { spawnQueued() }
    }

    mutating func spawnQueued() {
        // Nothing below calls the strategy, so nothing is added to the list while it is read.
        let n = spawner.count
        spawner.count = 0
        for i in 0..<n where running {
            let s = spawner.pending[i]
            guard tasks.live < limits.tasks else {
                fail("more than \(limits.tasks) tasks alive at once", barista: nil, limit: "tasks")
                return
            }
            guard s.role >= 0, s.role < crew.roleCount else {
                fail("a task was given role \(s.role), but no barista has it", barista: nil, limit: nil)
                return
            }
            let slot = tasks.create(s.state, order: s.order, role: s.role, priority: s.priority)
            if let o = s.order { shop.bindTask(to: Slot(o.slot)) }
            makeReady(slot)
        }
    }

    /// Puts a task in its role's ready queue, waking a free barista or preempting for an urgent one.
    @inline(__always)
    mutating func makeReady(_ slot: Slot<TaskRecord>) {
        let t = enqueueReady(slot)
        if let b = crew.firstFree(role: t.role) {
            crew.queueWake(b)
        } else if t.priority == .urgent {
            preemptFor(role: t.role)
        }
    }

    /// Into the ready queue, keyed by the strategy's policy; waking anyone is the caller's business.
    /// Returns the task's record as queued, for the waking.
    @inline(__always) @discardableResult
    mutating func enqueueReady(_ slot: Slot<TaskRecord>) -> TaskRecord {
        let t = tasks.markReady(slot)
        let key: Int
        switch strategy.policy {
        case .oldest: key = t.order.map { shop.orders[Int($0.slot)].arrival } ?? 0
        case .shortest: key = t.order.map { shop.orders[Int($0.slot)].workLeft } ?? 0
        case .deadline: key = t.order.flatMap { shop.deadline(of: $0) } ?? Int.max
        }
        ready.insert(ReadyEntry(urgent: t.priority == .urgent, key: key, created: t.created, slot: slot, generation: t.generation),
                     role: t.role)
        return t
    }

    /// A task that yields goes behind every other ready task of its role (see `ReadyEntry`).
    mutating func enqueueYielded(_ slot: Slot<TaskRecord>) {
        tasks.markReady(slot)
        ready.insertYielded(slot, generation: tasks[slot].generation, role: tasks[slot].role)
    }

    /// Free baristas take ready tasks, in the order they were woken.
    @inline(__always)
    mutating func drainWakeList() {
        if crew.wakeCount > 0 { drainWakeQueue() }
    }

    mutating func drainWakeQueue() {
        var i = 0
        while i < crew.wakeCount, running {
            let b = crew.woken(i)
            if crew.members[b].task.isNone { takeNextTask(b) }
            i += 1
        }
        crew.clearWakeList()
    }

    /// A free barista takes the best ready task of its role, or stands idle.
    @inline(__always)
    mutating func takeNextTask(_ b: Int) {
        let role = crew.members[b].role
        while let e = ready.best(role) {
            let t = tasks[e.slot]
            guard t.generation == e.generation, t.state == .ready, t.role == role else {
                ready.dropBest(role)
                continue
            }
            if ready.yieldedThisEvent(e) {
                // Every ready task of the role yielded during this event: none can make progress
                // before something happens, so the barista stands idle until the next event.
                crew.park(b)
                break
            }
            ready.dropBest(role)
            assign(e.slot, to: b)
            return
        }
        crew.endActivity(b)
        if profiling { crew.attribute(b, to: 0, at: shop.now) }
        setClass(b, .idle)
        if strategy.wantsIdleTasks, running, !isFinishedShop, crew.firstIdle(b, at: shop.now) {
            strategy.baristaIdle(b, role: role, shop: shop, spawn: &spawner)
            spawnPending()
        }
    }

    @inline(__always)
    mutating func assign(_ slot: Slot<TaskRecord>, to b: Int) {
        let pending = tasks.run(slot, by: b)
        crew.take(slot, by: b)
        if profiling { crew.attribute(b, to: strategy.line(of: tasks.states[slot.int]), at: shop.now) }
        switch pending {
        case .ask(let result): decide(b, result)
        case .resume(let order, let step):
            // The order may have closed while the step was paused: the task hears it at once.
            if let result = perform(b, .work(order, step: step)) { decide(b, result) }
        case .load(let job):
            // The slot promised may be gone with its customer while the task waited for a
            // barista (a task not bound to that order lives on): it hears so at once.
            if let j = liveJob(job), shop.bank.jobs[j].state == .reserved { load(b, job: j) } else { decide(b, .gone) }
        }
    }

    /// Preempts the first barista of a role on an interruptible step (or idling) for an urgent task.
    mutating func preemptFor(role: Int) {
        for b in crew.indices where crew.members[b].role == role && crew.members[b].task.exists {
            let t = crew.members[b].task
            guard tasks[t].priority != .urgent else { continue }
            switch crew.members[b].activity {
            case .working(let o, let s, _, _), .switching(let o, let s):
                guard shop.fact(shop.orders[o].item, s).interruptible else { continue }
                pauseWork(b)
            case .idling:
                crew.interrupt(b)
                tasks.setPending(t, .ask(.none))
            default:
                continue
            }
            tally.preemptions += 1
            crew.putDown(b)
            enqueueReady(t)
            crew.queueWake(b)
            return
        }
    }

    /// The barista lets go of its task (it sleeps, queues, or is over) and looks for the next.
    @inline(__always)
    mutating func releaseBarista(_ b: Int) {
        crew.letGo(b)
    }

    @inline(__always)
    mutating func freeTask(_ slot: Slot<TaskRecord>) {
        let t = tasks[slot]
        guard t.state != .free else { return }
        tasks.free(slot)
        if let o = t.order { shop.unbindTask(from: Slot(o.slot)) }
    }

    mutating func handleTaskWake(_ slot: Slot<TaskRecord>, token: UInt32) {
        guard tasks[slot].state == .sleeping, tasks[slot].wakeToken == token else { return }
        makeReady(slot)
    }

    /// A timer fires while the shop is open (before `duration`), the last time before it closes.
    mutating func handleTimer(_ index: Int, period: Int) {
        guard shop.now < shop.config.duration else { return }
        emit(.timerFired(timer: index))
        strategy.timerFired(index, shop: shop, spawn: &spawner)
        spawnPending()
        if shop.now + period < shop.config.duration {
            queue.schedule(at: shop.now + period, .timer, Int32(index), UInt32(period))
        }
    }
}
