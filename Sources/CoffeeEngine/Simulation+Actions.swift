/// Carrying out what the strategy decides.
extension Simulation {
    /// Asks the strategy for the next action of the barista's task until one takes time or lets go.
    mutating func decide(_ b: Int, _ first: ActionResult) {
        var result = first
        let now = shop.now, limit = limits.decisionsPerTick
        while running {
            let slot = crew.members[b].task
            guard slot.exists else { return }
            guard crew.countDecision(b, at: now, limit: limit) else {
                fail("barista \(b) made more than \(limits.decisionsPerTick) decisions at tick \(shop.now) without spending a tick",
                     barista: b, limit: "decisions-per-tick")
                return
            }
            let t = tasks[slot]
            if tasks.urgentReady > 0, t.priority == .normal, urgentWaiting(role: crew.members[b].role) {
                // A safe point between actions: an urgent task goes first, this one waits its turn.
                tasks.setPending(slot, .ask(result))
                crew.putDown(b)
                enqueueReady(slot)
                takeNextTask(b)
                return
            }
            let context = TaskContext(task: TaskID(slot: slot.index, generation: t.generation), order: t.order, barista: b)
            // A running task's state is in its slot: the strategy changes it in place.
            let action = strategy.next(&tasks.states[slot.int], context: context, result: result, shop: shop)
            if profiling { crew.attribute(b, to: strategy.line(of: tasks.states[slot.int]), at: shop.now) }
            spawnPending()
            guard let next = perform(b, action) else { return }
            result = next
        }
    }

    /// Starts an action. Returns its result at once if it took no time, or `nil` when the barista
    /// is now busy or has let go of the task.
    @inline(__always)
    mutating func perform(_ b: Int, _ action: Action) -> ActionResult? {
        let task = crew.members[b].task
        switch action {
        case .work(let order, let step):
            guard shop.isOpen(order) else { return .gone }
            guard let error = checkStep(order, step, machine: false) else {
                let ticks = collectDependencies(Slot(order.slot), step, by: b)
                if ticks > 0 {
                    begin(b, .collecting(then: .resume(order, step: step)), .valueAdding, ticks: ticks)
                } else {
                    startWork(b, order: Slot(order.slot), step: step)
                }
                return nil
            }
            fail(error, barista: b, limit: nil)
            return nil

        case .start(let order, let step):
            guard shop.isOpen(order) else { return .gone }
            if let error = checkStep(order, step, machine: true) {
                fail(error, barista: b, limit: nil)
                return nil
            }
            let o = Slot<OrderRecord>(order.slot)
            let ticks = collectDependencies(o, step, by: b)
            let machine = shop.fact(shop.orders[o].item, step).machine
            let (job, queued) = shop.bank.request(order: order, orderNumber: shop.orders[o].number, step: step, machine: machine,
                                                  nextOfOrder: shop.orders[o].firstJob, task: task)
            shop.beginMachineStep(o, step, job: job)
            acknowledge(o)
            if let queued {
                tasks.queueForSlot(task)
                emit(queued)
                releaseBarista(b)
            } else {
                if ticks > 0 {
                    begin(b, .collecting(then: .load(JobID(slot: job.index, generation: shop.bank.jobs[job].generation))),
                          .valueAdding, ticks: ticks)
                } else {
                    load(b, job: job)
                }
            }
            return nil

        case .wait(let job), .await(let job):
            guard let j = liveJob(job) else { return .gone }
            switch shop.bank.jobs[j].state {
            case .ready, .collected: return ActionResult.none
            case .discarded, .discarding: return .gone
            default: break
            }
            addWaiter(task, job: j)
            if case .wait = action {
                crew.block(b, on: j)
                setClass(b, .waiting)
            } else {
                tasks.await(task)
                releaseBarista(b)
            }
            return nil

        case .check(let job):
            guard let j = liveJob(job) else { return .gone }
            let ticks = shop.config.costs.checkTicks
            if ticks > 0 {
                begin(b, .checking(job: j), .polling, ticks: ticks)
                return nil
            }
            return finishCheck(b, job: j)

        case .collect(let job):
            guard let j = liveJob(job) else { return .gone }
            switch shop.bank.jobs[j].state {
            case .collected: return ActionResult.none
            case .ready: break
            case .discarded, .discarding: return .gone
            default:
                fail("job \(shop.bank.jobs[j].number) is not done yet: wait or await it before collecting", barista: b, limit: nil)
                return nil
            }
            let ticks = collect(j, by: b, ahead: true)
            if ticks > 0 {
                begin(b, .collecting(then: .ask(.none)), .valueAdding, ticks: ticks)
                return nil
            }
            return ActionResult.none

        case .sleep(let ticks):
            guard ticks > 0 else {
                // As `.yield`: to the back of the ready queue.
                releaseBarista(b)
                enqueueYielded(task)
                return nil
            }
            let token = tasks.sleep(task)
            queue.schedule(at: shop.now + ticks, .taskWake, task.index, token)
            releaseBarista(b)
            return nil

        case .idle(let ticks):
            guard ticks > 0 else { return ActionResult.none }
            begin(b, .idling, .idle, ticks: ticks)
            return nil

        case .yield:
            releaseBarista(b)
            enqueueYielded(task)
            return nil

        case .send(let role):
            guard crew.has(role: role) else {
                fail("no barista has role \(role) to send the task to", barista: b, limit: nil)
                return nil
            }
            tasks.send(task, to: role)
            releaseBarista(b)
            makeReady(task)
            return nil

        case .finish:
            releaseBarista(b)
            freeTask(task)
            return nil

        case .fail(let message):
            fail(message, barista: b, limit: nil)
            return nil
        }
    }

    /// Whether the best ready task of a role is urgent (stale queue entries are dropped on the way).
    mutating func urgentWaiting(role: Int) -> Bool {
        while let top = ready.best(role) {
            let t = tasks[top.slot]
            if t.generation == top.generation, t.state == .ready, t.role == role { return top.isUrgent }
            ready.dropBest(role)
        }
        return false
    }

    /// Why a step cannot be done now, or `nil` if it can.
    @inline(__always)
    mutating func checkStep(_ order: OrderID, _ step: Int, machine: Bool) -> String? {
        let r = shop.orders[Int(order.slot)]
        guard step >= 0, step < shop.recipes[Int(r.item)].steps else { return "\(shop.config.menu[Int(r.item)].name) has no step \(step)" }
        let bit = stepBit(step)
        let fact = shop.fact(r.item, step)
        let usable = r.done | r.ready
        let problem = fact.onMachine != machine || r.done & bit != 0 || r.busy & bit != 0
            || (machine && r.started & bit != 0) || fact.after & usable != fact.after
        // The slot, not the record: handing the record over would copy all of it at every check.
        return problem ? describeProblem(Int(order.slot), step, machine: machine) : nil
    }

    /// The words for what `checkStep` found wrong: built only when something is.
    func describeProblem(_ slot: Int, _ step: Int, machine: Bool) -> String {
        let r = shop.orders[slot]
        let item = shop.config.menu[Int(r.item)]
        let s = item.steps[step]
        let name = "'\(s.name)' of #\(r.number) (\(item.name))"
        if machine, s.machine == nil { return "\(name) is barista work, not a machine step: do it, don't start it" }
        if !machine, let m = s.machine { return "\(name) is a machine step: start it on \(shop.config.machines[m].name)" }
        if r.done & (1 << step) != 0 { return "\(name) is already done" }
        for d in s.after where r.done & (1 << d) == 0 && r.ready & (1 << d) == 0 {
            return "\(name) comes after '\(item.steps[d].name)', which is not done"
        }
        return "\(name) is already under way"
    }

    /// A job handle's slot if it still names that product.
    @inline(__always)
    func liveJob(_ job: JobID) -> Slot<JobRecord>? { shop.bank.jobs.live(job.slot, generation: job.generation) }

    @inline(__always)
    mutating func addWaiter(_ task: Slot<TaskRecord>, job j: Slot<JobRecord>) {
        shop.bank.addWaiter(task, to: j)
        tasks.waitOn(task, j)
    }

    mutating func finishCheck(_ b: Int, job: Slot<JobRecord>) -> ActionResult {
        let j = shop.bank.jobs[job]
        let ready = j.state == .ready || j.state == .collected
        // Counted when the look is over: a check cut short (the customer left) is not one.
        tally.checks += 1
        emit(.checked(barista: b, job: j.number, ready: ready))
        return .ready(ready)
    }
}
