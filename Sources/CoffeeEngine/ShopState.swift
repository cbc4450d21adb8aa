/// The state of the shop that strategies may read. Records live in slot arrays with free lists,
/// so a long day reuses memory instead of growing with every customer.
public struct ShopState {
    /// What never changes during a shift, shared by reference so handing the shop to a strategy
    /// at every decision copies a few words, not the whole level.
    let catalog: ShopCatalog
    public var config: ShopConfig { catalog.config }
    /// The current tick.
    public internal(set) var now = 0
    /// Customers in the shop, acknowledged or not.
    public internal(set) var openOrders = 0
    /// Customers no barista has begun on yet.
    public internal(set) var unacknowledged = 0

    /// Shared by every copy of this shop (and of the simulation that holds it): see `CopyToken`.
    var copyToken = CopyToken()
    var orders = Slab<OrderRecord>()
    var freeOrders = Slab<Int32>()
    var jobs = Slab<JobRecord>()
    var freeJobs = Slab<Int32>()
    var machines: Slab<MachineState>
    /// Ticks left of paused steps, keyed by `order slot << 6 | step`: rare, so a dictionary
    /// behind each order's `paused` mask, which the hot path reads instead.
    var partial: [Int: Int] = [:]
    var ordersArrived = 0
    var jobsStarted = 0

    var recipes: [RecipeFacts] { catalog.recipes }

    init(config: ShopConfig) {
        catalog = ShopCatalog(config: config)
        machines = Slab(config.machines.map { MachineState(slots: $0.slots) })
    }

    @inline(__always)
    func left(_ o: Int32, _ s: Int) -> Int? {
        orders[Int(o)].paused & (1 << s) == 0 ? nil : partial[Int(o) << 6 | s]
    }
    /// Forgets a paused step's progress, if it has any (most steps never pause).
    @inline(__always)
    mutating func clearLeft(_ o: Int32, _ s: Int) {
        if orders[Int(o)].paused & (1 << s) != 0 { setLeft(o, s, nil) }
    }
    mutating func setLeft(_ o: Int32, _ s: Int, _ left: Int?) {
        if let left {
            orders[Int(o)].paused |= 1 << s
            partial[Int(o) << 6 | s] = left
        } else if orders[Int(o)].paused & (1 << s) != 0 {
            orders[Int(o)].paused &= ~(1 << s)
            partial.removeValue(forKey: Int(o) << 6 | s)
        }
    }

    // MARK: Queries for strategies

    /// The order behind a handle, or `nil` if the customer has gone.
    @inline(__always)
    public func isOpen(_ order: OrderID) -> Bool {
        let r = orders[Int(order.slot)]
        return r.generation == order.generation && r.open
    }
    /// The running number of an order (#1 is the first customer).
    @inline(__always)
    public func number(of order: OrderID) -> Int { orders[Int(order.slot)].number }
    @inline(__always)
    public func item(of order: OrderID) -> Int { Int(orders[Int(order.slot)].item) }
    public func arrival(of order: OrderID) -> Int { orders[Int(order.slot)].arrival }
    public func age(of order: OrderID) -> Int { now - orders[Int(order.slot)].arrival }
    @inline(__always)
    public func isDone(_ order: OrderID, step: Int) -> Bool { orders[Int(order.slot)].done & (1 << step) != 0 }
    @inline(__always)
    public func isStarted(_ order: OrderID, step: Int) -> Bool { orders[Int(order.slot)].started & (1 << step) != 0 }
    public func isAcknowledged(_ order: OrderID) -> Bool { orders[Int(order.slot)].acknowledged }
    /// Barista ticks of work left on an order (paused progress counted).
    public func workLeft(of order: OrderID) -> Int { orders[Int(order.slot)].workLeft }
    /// The tick by which the customer leaves unless served, if patience is limited.
    @inline(__always)
    public func deadline(of order: OrderID) -> Int? {
        let r = orders[Int(order.slot)]
        let patience = catalog.patience[Int(r.item)]
        if !r.acknowledged, let ack = patience.acknowledge { return r.arrival + ack }
        return patience.serve.map { r.arrival + $0 }
    }
    /// The step ready to be done next in recipe order, if any (its `after` steps are done or ready to collect).
    @inline(__always)
    public func nextStep(of order: OrderID) -> Int? {
        let r = orders[Int(order.slot)]
        let recipe = recipes[Int(r.item)]
        let usable = r.done | r.ready
        var open = recipe.allSteps & ~(r.started | r.done)
        while open != 0 {
            let s = open.trailingZeroBitCount
            open &= open &- 1
            let after = catalog.stepFacts[recipe.firstStep + s].after
            if after & usable == after { return s }
        }
        return nil
    }
    /// Slots of a machine kind neither busy, holding a product nor promised to a queued task.
    @inline(__always)
    public func freeSlots(_ machine: Int) -> Int {
        let m = machines[machine]
        return m.slots - m.occupied
    }
    /// Tasks queued for a slot of this machine.
    public func machineQueue(_ machine: Int) -> Int { machines[machine].queued }
    /// Whether a product is done (in its slot or already collected).
    @inline(__always)
    public func isReady(_ job: JobID) -> Bool {
        let j = jobs[Int(job.slot)]
        return j.generation == job.generation && (j.state == .ready || j.state == .collected)
    }
    @inline(__always)
    public func number(of job: JobID) -> Int { jobs[Int(job.slot)].number }
    /// The product job of an order's machine step, if started.
    @inline(__always)
    public func job(of order: OrderID, step: Int) -> JobID? {
        var j = orders[Int(order.slot)].firstJob
        while j >= 0 {
            let rec = jobs[Int(j)]
            if rec.step == step { return JobID(slot: j, generation: rec.generation) }
            j = rec.nextOfOrder
        }
        return nil
    }
    /// The machine kind a step runs on, or `nil` for barista work.
    @inline(__always)
    public func machine(of order: OrderID, step: Int) -> Int? {
        let m = fact(orders[Int(order.slot)].item, step).machine
        return m < 0 ? nil : m
    }
    /// Steps in the order's recipe.
    public func stepCount(of order: OrderID) -> Int { recipes[Int(orders[Int(order.slot)].item)].steps }

    /// The customer who has waited longest without a barista beginning their order.
    public func oldestUnacknowledged() -> OrderID? {
        guard unacknowledged > 0 else { return nil }
        var best: (slot: Int, number: Int)?
        for (slot, r) in orders.enumerated() where r.open && !r.acknowledged && r.busy == 0 {
            if best == nil || r.number < best!.number { best = (slot, r.number) }
        }
        return best.map { OrderID(slot: Int32($0.slot), generation: orders[$0.slot].generation) }
    }

    @inline(__always)
    func fact(_ item: Int32, _ step: Int) -> StepFact { catalog.stepFacts[catalog.recipes[Int(item)].firstStep + step] }
}

/// The level's fixed facts, worked out once per shift.
final class ShopCatalog: @unchecked Sendable {
    let config: ShopConfig
    let recipes: [RecipeFacts]
    /// Every recipe step of every item, flattened: `stepFacts[recipes[item].firstStep + step]`.
    let stepFacts: [StepFact]
    /// Each menu item's patience (its own, else the shop's).
    let patience: [Patience]

    init(config: ShopConfig) {
        self.config = config
        var first = 0
        recipes = config.menu.map { item in
            defer { first += item.steps.count }
            return RecipeFacts(item, firstStep: first)
        }
        stepFacts = config.menu.flatMap { $0.steps.map(StepFact.init) }
        patience = config.menu.indices.map { config.patience(of: $0) }
    }
}

/// Facts about a recipe, worked out once per menu item.
struct RecipeFacts {
    /// Barista ticks of the whole recipe (work steps and machine loads are added by the engine).
    let workTicks: Int
    let allSteps: UInt64
    let firstStep: Int
    let steps: Int
    let machineSteps: UInt64
    /// What the customer pays, and what the ingredients cost (wasted if it goes cold).
    let price: Int
    let cost: Int

    init(_ item: MenuItem, firstStep: Int) {
        self.firstStep = firstStep
        price = item.price
        cost = item.cost
        steps = item.steps.count
        machineSteps = item.steps.indices.reduce(0) { item.steps[$1].machine == nil ? $0 : $0 | 1 << UInt64($1) }
        workTicks = item.steps.reduce(0) { acc, s in
            if case .work(let t, _) = s.kind { return acc + t }
            return acc
        }
        allSteps = item.steps.count == 64 ? ~0 : (1 << UInt64(item.steps.count)) - 1
    }
}

/// What the engine needs of a recipe step on its hot path, without strings.
struct StepFact {
    let ticks: Int
    /// Machine steps only: up to this many ticks either way, drawn per order (`Step.machineTicks`).
    let jitter: Int
    /// The machine kind, or -1 for barista work.
    let machine: Int
    let interruptible: Bool
    /// The steps this one comes after, as a bit mask.
    let after: UInt64

    init(_ step: Step) {
        ticks = step.ticks
        jitter = step.machine == nil ? 0 : step.jitter
        machine = step.machine ?? -1
        if case .work(_, let i) = step.kind { interruptible = i } else { interruptible = false }
        after = step.after.reduce(0) { $0 | 1 << UInt64($1) }
    }
}

struct OrderRecord {
    var generation: UInt32 = 0
    var number = 0
    var item: Int32 = 0
    var arrival = 0
    var acknowledgedAt = 0
    var started: UInt64 = 0
    var done: UInt64 = 0
    /// Machine steps whose product waits in its slot.
    var ready: UInt64 = 0
    /// Machine steps whose product was collected ahead and still cools, until a step uses it.
    var held: UInt64 = 0
    /// Worker steps paused with progress kept.
    var paused: UInt64 = 0
    /// Steps a barista is on right now.
    var busy: UInt64 = 0
    var acknowledged = false
    var open = false
    var cold = false
    var firstJob: Int32 = -1
    var workLeft = 0
    /// Live tasks bound to this order; its slot is reused only when none is left.
    var refs = 0
}

enum JobState: UInt8 {
    case queued, reserved, running, ready, collected, discarded
    /// Still brewing for a customer who left: thrown out when done.
    case discarding
}

struct JobRecord {
    var generation: UInt32 = 0
    var number = 0
    var order: Int32 = 0
    var orderGeneration: UInt32 = 0
    var step: Int16 = 0
    var machine: Int16 = 0
    var state: JobState = .queued
    var doneAt = 0
    var startedAt = 0
    /// A task blocked (`wait`) or asleep (`await`) on this product, or queued for its slot.
    var waiter: Int32 = -1
    var extraWaiters = false
    var nextOfOrder: Int32 = -1
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
