/// The shop as a front end shows it (`ShopView.swift` has the types): plain values read from the parts.
extension Simulation {
    /// A snapshot of who is doing what, for drawing the shop.
    public var view: ShopView {
        let baristaViews = crew.members.enumerated().map { b, s -> BaristaView in
            var activity = BaristaActivity.free
            var order: Slot<OrderRecord>?, step: Int?, timed = true
            switch s.activity {
            case .none: activity = s.task.exists ? .working : .free; timed = false
            case .working(let o, let st, _, _): (activity, order, step) = (.working, o, st)
            case .switching(let o, let st): (activity, order, step) = (.switching, o, st)
            case .stationQueue(let o, let st): (activity, order, step, timed) = (.queuedForStation, o, st, false)
            case .collecting: activity = .collecting
            case .loading(let j): (activity, order, step) = (.loading, shop.bank.jobs[j].order, Int(shop.bank.jobs[j].step))
            case .checking(let j): (activity, order, step) = (.checking, shop.bank.jobs[j].order, Int(shop.bank.jobs[j].step))
            case .blocked(let j): (activity, order, step, timed) = (.waiting, shop.bank.jobs[j].order, Int(shop.bank.jobs[j].step), false)
            case .idling: activity = .idling
            }
            return BaristaView(index: b, role: s.role, tickClass: s.tickClass, activity: activity,
                               order: order.map { shop.orders[$0].number }, step: step,
                               since: timed ? s.busySince : s.since, until: timed ? s.until : nil)
        }
        var products: [ProductView] = []
        var customers: [CustomerView] = []
        var beingLoaded = Set<Slot<JobRecord>>()
        for b in crew.indices { if case .loading(let j) = crew.members[b].activity { beingLoaded.insert(j) } }
        for slot in shop.orders.indices where shop.orders[slot].open {
            let r = shop.orders[slot]
            let id = OrderID(slot: Int32(slot), generation: r.generation)
            let steps = shop.recipes[Int(r.item)].steps
            customers.append(CustomerView(order: r.number, item: Int(r.item), arrival: r.arrival, acknowledged: r.acknowledged,
                                          deadline: shop.deadline(of: id), stepsDone: r.done.nonzeroBitCount, steps: steps))
            var j = r.firstJob
            while j.exists {
                let job = shop.bank.jobs[j]
                let state: ProductView.State?
                switch job.state {
                case .queued: state = .queued
                case .reserved: state = beingLoaded.contains(j) ? .loading : .reserved
                case .running: state = .brewing
                case .ready: state = .done
                default: state = nil
                }
                if let state {
                    products.append(ProductView(job: job.number, order: r.number, machine: Int(job.machine), state: state,
                                                startedAt: job.startedAt, doneAt: job.doneAt,
                                                cold: state == .done && shop.now - job.doneAt > shop.config.coolingLimit))
                }
                j = job.nextOfOrder
            }
        }
        customers.sort { $0.order < $1.order }
        products.sort { $0.job < $1.job }
        return ShopView(now: shop.now, baristas: baristaViews, products: products, customers: customers)
    }
}

extension Simulation {
    /// Every live task, oldest slot first.
    public var taskViews: [TaskView<S.TaskState>] {
        var out: [TaskView<S.TaskState>] = []
        for slot in tasks.indices {
            let t = tasks[Slot(slot)]
            let status: TaskView<S.TaskState>.Status
            switch t.state {
            case .free: continue
            case .ready: status = .ready
            case .running: status = .running
            case .sleeping: status = .sleeping
            case .awaiting: status = .awaiting
            case .queuedForSlot: status = .queuedForSlot
            }
            let state = tasks.states[slot]
            let order = t.order.flatMap { o in
                shop.orders[Int(o.slot)].generation == o.generation ? shop.orders[Int(o.slot)].number : nil
            }
            let product = t.state == .awaiting && t.waitingOn.exists ? shop.bank.jobs[t.waitingOn].number : nil
            out.append(TaskView(id: TaskID(slot: Int32(slot), generation: t.generation),
                                barista: t.state == .running ? t.barista : nil,
                                order: order, status: status, product: product, state: state))
        }
        return out
    }
}
