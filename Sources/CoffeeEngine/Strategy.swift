/// A handle on an order in the shop. Stale handles (the customer left, the slot reused) are detected.
public struct OrderID: Hashable, Sendable {
    public let slot: Int32
    public let generation: UInt32
    public init(slot: Int32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }
}

/// A handle on one product in (or queued for) a machine.
public struct JobID: Hashable, Sendable {
    public let slot: Int32
    public let generation: UInt32
    public init(slot: Int32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }
}

/// A handle on a task: a strand of strategy work, usually one order.
public struct TaskID: Hashable, Sendable {
    public let slot: Int32
    public let generation: UInt32
}

/// Everything a barista can be told to do next. Timed actions keep the barista busy; the others
/// take no time and the strategy is asked again at once.
public enum Action: Sendable, Hashable {
    /// Do (or resume) a worker step of an order. Its `after` steps must be done; a machine step
    /// it depends on is collected from its slot first.
    case work(OrderID, step: Int)
    /// Load a machine step; the result is `.job`. With no free slot the task queues for one,
    /// first come first served, and the barista is free meanwhile.
    case start(OrderID, step: Int)
    /// Block: the barista stands at the machine until the product is done (`waiting` ticks).
    case wait(JobID)
    /// Sleep the task until the product is done; the barista is free for other tasks.
    case await(JobID)
    /// Look at the machine once (`polling` ticks); the result is `.ready(done)`.
    case check(JobID)
    /// Take a finished product out of its slot.
    case collect(JobID)
    /// Sleep the task for some ticks; the barista is free.
    case sleep(Int)
    /// Stand idle for some ticks, keeping the task.
    case idle(Int)
    /// Go to the back of the ready queue.
    case yield
    /// Hand the task to the ready queue of another role.
    case send(role: Int)
    /// The task is over.
    case finish
    /// The strategy cannot go on: the shift ends with this message.
    case fail(String)

    /// The answer for a command on an order whose customer has left: the engine does nothing and
    /// hands the task `.gone` at once (it answers any `work` or `start` of a closed order so,
    /// before looking at the step), the same as the task would hear had it asked a moment earlier.
    public static func orderGone(_ order: OrderID) -> Action { .work(order, step: 0) }
}

/// What the last action gave back, handed to the strategy with the next question.
public enum ActionResult: Sendable, Hashable {
    case none
    case job(JobID)
    case ready(Bool)
    /// The order is gone (its customer left); nothing was done.
    case gone
}

/// How a free barista picks among ready tasks of equal priority.
public enum ReadyPolicy: String, Sendable, Hashable, CaseIterable {
    /// The task of the earliest customer first.
    case oldest
    /// The order with the least barista work left first.
    case shortest
    /// The order whose customer will leave soonest first.
    case deadline
}

/// Urgent tasks go before normal ones and may preempt a barista on an interruptible step.
public enum TaskPriority: Int, Sendable, Hashable {
    case normal = 0
    case urgent = 1
}

/// Tasks a strategy asks for when something happens.
public struct Spawner<TaskState> {
    /// Reused from one event to the next: entries past `count` are stale.
    @usableFromInline var pending: [(state: TaskState, order: OrderID?, role: Int, priority: TaskPriority)] = []
    @usableFromInline var count = 0

    public init() {}

    /// Start a task with the given state, bound to an order or not.
    @inlinable
    public mutating func spawn(_ state: TaskState, order: OrderID?, role: Int = 0, priority: TaskPriority = .normal) {
        if count < pending.count {
            pending[count] = (state, order, role, priority)
        } else {
            pending.append((state, order, role, priority))
        }
        count += 1
    }

    /// Spawns into `other` every task spawned here, in order, each state wrapped by `wrap`: how a
    /// strategy that wraps another passes its tasks on with a state of its own (`BuiltInLines`).
    @inlinable
    public func forward<Outer>(into other: inout Spawner<Outer>, _ wrap: (TaskState) -> Outer) {
        for i in 0..<count {
            let task = pending[i]
            other.spawn(wrap(task.state), order: task.order, role: task.role, priority: task.priority)
        }
    }
}

/// Where a task stands when the strategy is asked for its next action.
public struct TaskContext: Sendable {
    public let task: TaskID
    public let order: OrderID?
    public let barista: Int
}

/// A strategy decides what baristas do. The engine drives it: it reports arrivals and timers,
/// and each time a task holds a barista and its last action is over, it asks for the next one.
///
/// What a strategy may keep between calls: its own state and the handles it was given (`OrderID`,
/// `JobID`, `TaskID`: a stale one is detected, never misread). The `ShopState` it is handed is the
/// shop at that instant, to read during the call: it shares storage with the running shift, so a
/// copy kept past the call is not a snapshot (it may show later changes, or records reused for
/// other customers). To look back, keep the figures you need, not the shop.
public protocol Strategy {
    /// What the strategy keeps per task (a script's program counter and locals, a recipe position).
    associatedtype TaskState

    /// The role of each barista hired, by index; its count is the number of baristas.
    var crew: [Int] { get }
    /// How free baristas pick among ready tasks.
    var policy: ReadyPolicy { get }
    /// Periods of timers that fire while the shop is open (at every multiple of the period).
    var timers: [Int] { get }
    /// Whether `baristaIdle` may spawn anything; the engine skips the call when not.
    var wantsIdleTasks: Bool { get }

    mutating func orderArrived(_ order: OrderID, shop: ShopState, spawn: inout Spawner<TaskState>)
    mutating func timerFired(_ timer: Int, shop: ShopState, spawn: inout Spawner<TaskState>)
    /// A barista found no ready task of its role; tasks spawned here (for that role) run next.
    /// Called at most once a tick for each barista.
    mutating func baristaIdle(_ barista: Int, role: Int, shop: ShopState, spawn: inout Spawner<TaskState>)
    /// The next action of a task that holds `context.barista`.
    mutating func next(_ task: inout TaskState, context: TaskContext, result: ActionResult, shop: ShopState) -> Action
    /// The line of the strategy's text (a script line, a pseudo-script line) whose command the
    /// task is carrying out, for the profile; 0 when it has none. Asked only while profiling.
    func line(of task: TaskState) -> Int
    /// Whether the engine attributes every barista tick to `line(of:)` (see `LineProfiled`).
    static var attributesLines: Bool { get }
}

extension Strategy {
    public var policy: ReadyPolicy { .oldest }
    public var timers: [Int] { [] }
    public mutating func timerFired(_ timer: Int, shop: ShopState, spawn: inout Spawner<TaskState>) {}
    public mutating func baristaIdle(_ barista: Int, role: Int, shop: ShopState, spawn: inout Spawner<TaskState>) {}
    /// Whether `baristaIdle` may spawn anything; the engine skips the call when not.
    public var wantsIdleTasks: Bool { false }
    public func line(of task: TaskState) -> Int { 0 }
    public static var attributesLines: Bool { false }
}

/// A strategy run with every barista tick attributed to its lines (`Simulation.lineProfile`):
/// the same decisions, the same shift, the same digest.
public struct LineProfiled<Base: Strategy>: Strategy {
    public typealias TaskState = Base.TaskState
    public var base: Base

    public init(_ base: Base) { self.base = base }

    public var crew: [Int] { base.crew }
    public var policy: ReadyPolicy { base.policy }
    public var timers: [Int] { base.timers }
    public var wantsIdleTasks: Bool { base.wantsIdleTasks }
    public static var attributesLines: Bool { true }

    public mutating func orderArrived(_ order: OrderID, shop: ShopState, spawn: inout Spawner<TaskState>) {
        base.orderArrived(order, shop: shop, spawn: &spawn)
    }
    public mutating func timerFired(_ timer: Int, shop: ShopState, spawn: inout Spawner<TaskState>) {
        base.timerFired(timer, shop: shop, spawn: &spawn)
    }
    public mutating func baristaIdle(_ barista: Int, role: Int, shop: ShopState, spawn: inout Spawner<TaskState>) {
        base.baristaIdle(barista, role: role, shop: shop, spawn: &spawn)
    }
    public mutating func next(_ task: inout TaskState, context: TaskContext, result: ActionResult, shop: ShopState) -> Action {
        base.next(&task, context: context, result: result, shop: shop)
    }
    public func line(of task: TaskState) -> Int { base.line(of: task) }
}
