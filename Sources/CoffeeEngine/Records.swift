/// How a shift ended.
public enum ShiftStatus: Sendable, Hashable {
    case running
    case finished
    case failed(ShiftFailure)
}

/// A strategy did something the shop cannot do, or hit a sandbox limit.
public struct ShiftFailure: Sendable, Hashable, Error {
    public let tick: Int
    public let barista: Int?
    /// The sandbox limit hit, if any (`decisions-per-tick`, `tasks`).
    public let limit: String?
    public let message: String

    public init(tick: Int, barista: Int?, limit: String?, message: String) {
        self.tick = tick
        self.barista = barista
        self.limit = limit
        self.message = message
    }
}

/// Sandbox limits the engine enforces whatever the strategy does.
public struct EngineLimits: Sendable, Hashable {
    /// Actions that take no time one barista may choose within one tick.
    public var decisionsPerTick: Int
    /// Tasks alive at once.
    public var tasks: Int
    public init(decisionsPerTick: Int = 10_000, tasks: Int = 100_000) {
        self.decisionsPerTick = decisionsPerTick
        self.tasks = tasks
    }
}

enum TaskRunState: UInt8 {
    case free, ready, running, sleeping, awaiting, queuedForSlot
}

/// What a task does when it next gets a barista, before the strategy is asked again.
enum Pending: Equatable {
    case ask(ActionResult)
    case resume(OrderID, step: Int)
    case load(JobID)
}

struct TaskRecord {
    var generation: UInt32 = 0
    var state: TaskRunState = .free
    var order: OrderID?
    var role = 0
    var priority: TaskPriority = .normal
    var barista = -1
    var pending: Pending = .ask(.none)
    var created: UInt64 = 0
    var wakeToken: UInt32 = 0
    /// The product an awaiting task sleeps on.
    var waitingOn: Int32 = -1
}

/// A ready task in a role's queue, ordered by (priority, policy key, creation). A task that
/// yielded goes behind every other ready task of its role, urgent ones included; yielded tasks
/// among themselves go in the order they yielded.
struct ReadyEntry: Comparable {
    /// Yielded tasks have the top bit set, normal ones the next bit (so urgent ones come first);
    /// then the policy key (a tick or a count, never negative), then the creation number — or, for a
    /// yielded task, its turn among the yielded: one compare orders them all.
    let order: UInt128
    let slot: Int32
    let generation: UInt32

    init(urgent: Bool, key: Int, created: UInt64, slot: Int32, generation: UInt32) {
        let high = (urgent ? 0 : 1 << 62) | UInt64(Swift.min(Swift.max(0, key), (1 << 62) - 1))
        order = UInt128(high) << 64 | UInt128(created)
        self.slot = slot
        self.generation = generation
    }

    /// A task that yielded: `turn` counts the yields of the shift.
    init(yieldedTurn turn: UInt64, slot: Int32, generation: UInt32) {
        order = UInt128(1 << 63 as UInt64) << 64 | UInt128(turn)
        self.slot = slot
        self.generation = generation
    }

    var isUrgent: Bool { order >> 126 == 0 }
    var isYielded: Bool { order >> 127 == 1 }
    /// A yielded task's turn among the yielded.
    var turn: UInt64 { UInt64(truncatingIfNeeded: order) }

    @inline(__always)
    static func < (l: ReadyEntry, r: ReadyEntry) -> Bool { l.order < r.order }
    static func == (l: ReadyEntry, r: ReadyEntry) -> Bool { l.order == r.order }
}

/// What a barista is doing right now.
enum Activity: Equatable {
    case none
    case working(order: Int32, step: Int, since: Int, end: Int)
    case switching(order: Int32, step: Int)
    case collecting(then: Pending)
    case loading(job: Int32)
    case checking(job: Int32)
    case blocked(job: Int32)
    case stationQueue(order: Int32, step: Int)
    case idling
}

struct BaristaState {
    let role: Int
    var task: Int32 = -1
    var activity: Activity = .none
    var tickClass: TickClass = .idle
    var since = 0
    var ticks = TickCounts()
    /// Bumped whenever an activity is cut short, so its scheduled end is ignored.
    var token: UInt32 = 0
    /// When the current timed activity ends (for the UI's progress bars).
    var until = 0
    var busySince = 0
    var station = -1
    var decisionTick = -1
    var decisions = 0
    var wakeQueued = false
    /// The last tick the strategy was told this barista is idle.
    var idleTick = -1
    /// Every ready task of its role yielded during this event: it stands idle until the next one.
    var parked = false

    init(role: Int) { self.role = role }
}

/// Ticks per class, in fields rather than an array so counting one never checks array uniqueness.
struct TickCounts {
    var counts: (Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0)

    @inline(__always)
    mutating func add(_ c: TickClass, _ n: Int) {
        switch c {
        case .valueAdding: counts.0 += n
        case .waiting: counts.1 += n
        case .polling: counts.2 += n
        case .switching: counts.3 += n
        case .idle: counts.4 += n
        }
    }
}

struct StationState {
    var user = -1
    var lastUser = -1
}
