/// What a barista is doing, as a front end shows it.
public enum BaristaActivity: String, Sendable, Hashable {
    case free, working, switching, collecting, loading, checking, waiting, queuedForStation, idling
}

/// One barista at this instant.
public struct BaristaView: Sendable, Hashable {
    public let index: Int
    public let role: Int
    public let tickClass: TickClass
    public let activity: BaristaActivity
    /// The order (running number) and recipe step the barista is on, if any.
    public let order: Int?
    public let step: Int?
    /// Start and end of the current timed activity, if it has an end.
    public let since: Int
    public let until: Int?
}

/// One product in a machine or queued for one.
public struct ProductView: Sendable, Hashable {
    /// `reserved`: a slot is kept for the product but nobody is loading it yet (its task waits
    /// for a barista); the slot is still empty. `loading`: a barista is putting it in.
    public enum State: String, Sendable, Hashable { case queued, reserved, loading, brewing, done }
    public let job: Int
    public let order: Int
    public let machine: Int
    public let state: State
    public let startedAt: Int
    /// When brewing ends (brewing) or ended (done).
    public let doneAt: Int
    /// Done and left in its slot past the cooling limit.
    public let cold: Bool
}

/// One customer in the shop.
public struct CustomerView: Sendable, Hashable {
    public let order: Int
    public let item: Int
    public let arrival: Int
    public let acknowledged: Bool
    /// The tick they leave unless acknowledged or served, if patience is limited.
    public let deadline: Int?
    public let stepsDone: Int
    public let steps: Int
}

/// The whole shop at one instant, for front ends: everything is plain values.
public struct ShopView: Sendable, Hashable {
    public let now: Int
    public let baristas: [BaristaView]
    public let products: [ProductView]
    public let customers: [CustomerView]
}

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

/// A live task, as a debugger lists it: who runs it, its order and what it waits for. Read-only.
public struct TaskView<State> {
    public enum Status: String, Sendable, Hashable {
        case ready, running, sleeping, awaiting
        case queuedForSlot = "queued for a slot"
    }
    public let id: TaskID
    /// The barista running it, if one is.
    public let barista: Int?
    /// The order's running number, if the task has an order.
    public let order: Int?
    public let status: Status
    /// The running number of the product an awaiting task sleeps on.
    public let product: Int?
    /// The strategy's own state of the task.
    public let state: State
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
