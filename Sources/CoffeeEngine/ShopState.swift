/// The state of the shop that strategies may read. Records live in slot arrays with free lists,
/// so a long day reuses memory instead of growing with every customer.
public struct ShopState {
    public let config: ShopConfig
    /// The current tick.
    public internal(set) var now = 0
    /// Customers in the shop, acknowledged or not.
    public internal(set) var openOrders = 0
    /// Customers no barista has begun on yet.
    public internal(set) var unacknowledged = 0

    var orders: [OrderRecord] = []
    var freeOrders: [Int32] = []
    var jobs: [JobRecord] = []
    var freeJobs: [Int32] = []
    var machines: [MachineState]
    var recipes: [RecipeFacts]
    /// Progress of paused steps, keyed by `order slot << 6 | step`: rare, so a dictionary.
    var partial: [Int: Int] = [:]
    var ordersArrived = 0
    var jobsStarted = 0

    init(config: ShopConfig) {
        self.config = config
        machines = config.machines.map { MachineState(slots: $0.slots) }
        recipes = config.menu.map(RecipeFacts.init)
    }

    // MARK: Queries for strategies

    /// The order behind a handle, or `nil` if the customer has gone.
    public func isOpen(_ order: OrderID) -> Bool {
        let r = orders[Int(order.slot)]
        return r.generation == order.generation && r.open
    }
    /// The running number of an order (#1 is the first customer).
    public func number(of order: OrderID) -> Int { orders[Int(order.slot)].number }
    public func item(of order: OrderID) -> Int { Int(orders[Int(order.slot)].item) }
    public func arrival(of order: OrderID) -> Int { orders[Int(order.slot)].arrival }
    public func age(of order: OrderID) -> Int { now - orders[Int(order.slot)].arrival }
    public func isDone(_ order: OrderID, step: Int) -> Bool { orders[Int(order.slot)].done & (1 << step) != 0 }
    public func isStarted(_ order: OrderID, step: Int) -> Bool { orders[Int(order.slot)].started & (1 << step) != 0 }
    public func isAcknowledged(_ order: OrderID) -> Bool { orders[Int(order.slot)].acknowledged }
    /// Barista ticks of work left on an order (paused progress counted).
    public func workLeft(of order: OrderID) -> Int { orders[Int(order.slot)].workLeft }
    /// The tick by which the customer leaves unless served, if patience is limited.
    public func deadline(of order: OrderID) -> Int? {
        let r = orders[Int(order.slot)]
        if !r.acknowledged, let ack = config.patience.acknowledge { return r.arrival + ack }
        return config.patience.serve.map { r.arrival + $0 }
    }
    /// The step ready to be done next in recipe order, if any (its `after` steps are done or ready to collect).
    public func nextStep(of order: OrderID) -> Int? {
        let r = orders[Int(order.slot)]
        let recipe = config.menu[Int(r.item)]
        for s in recipe.steps.indices where r.started & (1 << s) == 0 && r.done & (1 << s) == 0 {
            if recipe.steps[s].after.allSatisfy({ r.done & (1 << $0) != 0 || readyInSlot(r, step: $0) }) { return s }
        }
        return nil
    }
    /// Slots of a machine kind neither busy, holding a product nor promised to a queued task.
    public func freeSlots(_ machine: Int) -> Int {
        let m = machines[machine]
        return m.slots - m.occupied
    }
    /// Tasks queued for a slot of this machine.
    public func machineQueue(_ machine: Int) -> Int { machines[machine].queued }
    /// Whether a product is done (in its slot or already collected).
    public func isReady(_ job: JobID) -> Bool {
        let j = jobs[Int(job.slot)]
        return j.generation == job.generation && (j.state == .ready || j.state == .collected)
    }
    public func number(of job: JobID) -> Int { jobs[Int(job.slot)].number }
    /// The product job of an order's machine step, if started.
    public func job(of order: OrderID, step: Int) -> JobID? {
        var j = orders[Int(order.slot)].firstJob
        while j >= 0 {
            let rec = jobs[Int(j)]
            if rec.step == step { return JobID(slot: j, generation: rec.generation) }
            j = rec.nextOfOrder
        }
        return nil
    }
    public func hasTag(_ order: OrderID, _ tag: String) -> Bool {
        config.menu[item(of: order)].tags.contains(tag)
    }

    func readyInSlot(_ r: OrderRecord, step: Int) -> Bool {
        var j = r.firstJob
        while j >= 0 {
            let rec = jobs[Int(j)]
            if Int(rec.step) == step { return rec.state == .ready }
            j = rec.nextOfOrder
        }
        return false
    }
}

/// Facts about a recipe, worked out once per menu item.
struct RecipeFacts {
    /// Barista ticks of the whole recipe (work steps and machine loads are added by the engine).
    let workTicks: Int
    let allSteps: UInt64

    init(_ item: MenuItem) {
        workTicks = item.steps.reduce(0) { acc, s in
            if case .work(let t, _) = s.kind { return acc + t }
            return acc
        }
        allSteps = item.steps.count == 64 ? ~0 : (1 << UInt64(item.steps.count)) - 1
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
