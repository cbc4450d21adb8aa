/// A reference strategy written in Swift: every barista runs one task per order and walks its
/// recipe in order. How it meets a running machine is the whole difference between the modes.
public struct RecipeStrategy: Strategy {
    public enum Mode: String, Sendable, CaseIterable {
        /// Start the machine, then stand at it until it is done.
        case blocking
        /// Start the machine, then look at it again and again until it is done.
        case polling
        /// Start the machine, do any other step that does not need it, and sleep on it only when
        /// nothing else can be done: the barista is told when it is done.
        case event
    }

    public struct TaskState {
        var order: OrderID
        var job: JobID?
    }

    public let mode: Mode
    public let crew: [Int]
    public let policy: ReadyPolicy

    public init(mode: Mode, baristas: Int, policy: ReadyPolicy = .oldest) {
        self.mode = mode
        crew = Array(repeating: 0, count: baristas)
        self.policy = policy
    }

    public mutating func orderArrived(_ order: OrderID, shop: ShopState, spawn: inout Spawner<TaskState>) {
        spawn.spawn(TaskState(order: order), order: order)
    }

    /// Reads the shop only through its public queries, as a strategy written anywhere else must.
    @inline(__always)
    public mutating func next(_ task: inout TaskState, context: TaskContext, result: ActionResult, shop: ShopState) -> Action {
        let order = task.order
        switch result {
        case .gone:
            return .finish
        case .job(let j) where mode != .event:
            task.job = j
            return mode == .blocking ? .wait(j) : .check(j)
        case .ready(false):
            // Not done yet: look again (the product looked at is the one started last).
            if let j = task.job { return .check(j) }
        default:
            break
        }
        guard shop.isOpen(order) else { return .finish }
        // A product still in a machine: take it out as soon as it is done (it holds the slot and
        // cools), and never queue for a machine while holding one, or slots can deadlock.
        let waiting = shop.productsWaiting(order)
        if waiting != 0, let j = firstJob(order, steps: waiting, shop) { return .collect(j) }
        let outstanding = shop.productsOutstanding(order)
        if let s = shop.nextStep(of: order) {
            guard let m = shop.machine(of: order, step: s) else { return .work(order, step: s) }
            if outstanding != 0, shop.freeSlots(m) == 0, let j = firstJob(order, steps: outstanding, shop) { return .await(j) }
            return .start(order, step: s)
        }
        if outstanding != 0, let j = firstJob(order, steps: outstanding, shop) { return .await(j) }
        return .finish
    }

    /// The product of the lowest-numbered step in `steps` (a bit mask of machine steps).
    @inline(__always)
    func firstJob(_ order: OrderID, steps: UInt64, _ shop: ShopState) -> JobID? {
        shop.job(of: order, step: steps.trailingZeroBitCount)
    }
}

extension Simulation where S == RecipeStrategy {
    /// Runs to the end of the shift: the same as `run()`, under the name the built-in strategy's
    /// callers (bench, headless runs) have always used.
    public mutating func runBuiltIn() { run() }
}
