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
    var orders = SlotTable<OrderRecord>()
    /// The machines and the products in them.
    var bank: MachineBank
    /// Ticks left of paused steps, keyed by `order slot << 6 | step`: rare, so a dictionary
    /// behind each order's `paused` mask, which the hot path reads instead.
    var partial: [Int: Int] = [:]
    var ordersArrived = 0

    var recipes: [RecipeFacts] { catalog.recipes }

    init(config: ShopConfig) {
        catalog = ShopCatalog(config: config)
        bank = MachineBank(config: config)
    }

    // MARK: Queries for strategies

    /// The order behind a handle, or `nil` if the customer has gone.
    @inline(__always)
    public func isOpen(_ order: OrderID) -> Bool {
        let r = orders[Int(order.slot)]
        return r.generation == order.generation && r.open
    }
    /// Machine steps of the order whose product is done and waits in its slot, as a bit mask.
    @inline(__always)
    public func productsWaiting(_ order: OrderID) -> UInt64 { orders[Int(order.slot)].ready }
    /// Machine steps of the order started and not yet collected, as a bit mask.
    @inline(__always)
    public func productsOutstanding(_ order: OrderID) -> UInt64 {
        let r = orders[Int(order.slot)]
        return recipes[Int(r.item)].machineSteps & r.started & ~r.done
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
        let m = bank.machines[machine]
        return m.slots - m.occupied
    }
    /// Tasks queued for a slot of this machine.
    public func machineQueue(_ machine: Int) -> Int { bank.machines[machine].queued }
    /// Whether a product is done (in its slot or already collected).
    @inline(__always)
    public func isReady(_ job: JobID) -> Bool {
        let j = bank.jobs[Int(job.slot)]
        return j.generation == job.generation && (j.state == .ready || j.state == .collected)
    }
    @inline(__always)
    public func number(of job: JobID) -> Int { bank.jobs[Int(job.slot)].number }
    /// The product job of an order's machine step, if started.
    @inline(__always)
    public func job(of order: OrderID, step: Int) -> JobID? {
        var j = orders[Int(order.slot)].firstJob
        while j.exists {
            let rec = bank.jobs[j]
            if rec.step == step { return JobID(slot: j.index, generation: rec.generation) }
            j = rec.nextOfOrder
        }
        return nil
    }
    /// The machine kind a step runs on, or `nil` for barista work.
    @inline(__always)
    public func machine(of order: OrderID, step: Int) -> Int? {
        let f = fact(orders[Int(order.slot)].item, step)
        return f.onMachine ? f.machine : nil
    }
    /// Steps in the order's recipe.
    public func stepCount(of order: OrderID) -> Int { recipes[Int(orders[Int(order.slot)].item)].steps }

    /// The customer who has waited longest without a barista beginning their order.
    public func oldestUnacknowledged() -> OrderID? {
        guard unacknowledged > 0 else { return nil }
        var best: (slot: Int, number: Int)?
        for slot in orders.indices {
            let r = orders[slot]
            guard r.open, !r.acknowledged, r.busy == 0 else { continue }
            if let b = best, b.number < r.number { continue }
            best = (slot, r.number)
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
        machineSteps = item.steps.indices.reduce(0) { item.steps[$1].machine == nil ? $0 : $0 | 1 << UInt64(truncatingIfNeeded: $1) }
        workTicks = item.steps.reduce(0) { acc, s in
            if case .work(let t, _) = s.kind { return acc + t }
            return acc
        }
        // Past 64 steps the shift is refused (`Simulation.configProblem`); these facts only must not trap.
        allSteps = item.steps.count >= 64 ? ~0 : (1 << UInt64(item.steps.count)) - 1
    }
}

/// What the engine needs of a recipe step on its hot path, without strings.
struct StepFact {
    let ticks: Int
    /// Machine steps only: up to this many ticks either way, drawn per order (`Step.machineTicks`).
    let jitter: Int
    /// The machine kind of a machine step (0 for barista work, which `onMachine` tells apart).
    let machine: Int
    let onMachine: Bool
    let interruptible: Bool
    /// The steps this one comes after, as a bit mask.
    let after: UInt64

    init(_ step: Step) {
        ticks = step.ticks
        jitter = step.machine == nil ? 0 : step.jitter
        machine = step.machine ?? 0
        onMachine = step.machine != nil
        if case .work(_, let i) = step.kind { interruptible = i } else { interruptible = false }
        after = step.after.reduce(0) { $0 | 1 << UInt64(truncatingIfNeeded: $1) }
    }
}

struct OrderRecord: SlotRecord {
    static var renumbersOnAllocation: Bool { true }
    var generation: UInt32 = 0
    var number = 0
    var item: Int32 = 0
    var arrival = 0
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
    /// The order's products, last started first (linked by `JobRecord.nextOfOrder`).
    var firstJob = Slot<JobRecord>.none
    var workLeft = 0
    /// Live tasks bound to this order; its slot is reused only when none is left.
    var refs = 0
}
