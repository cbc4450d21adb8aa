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

/// What a barista is doing right now.
enum Activity: Equatable {
    case none
    case working(order: Slot<OrderRecord>, step: Int, since: Int, end: Int)
    case switching(order: Slot<OrderRecord>, step: Int)
    case collecting(then: Pending)
    case loading(job: Slot<JobRecord>)
    case checking(job: Slot<JobRecord>)
    case blocked(job: Slot<JobRecord>)
    case stationQueue(order: Slot<OrderRecord>, step: Int)
    case idling
}

struct BaristaState {
    let role: Int
    var task = Slot<TaskRecord>.none
    var activity: Activity = .none
    var tickClass: TickClass = .idle
    var since = 0
    var ticks = TickCounts()
    /// Bumped whenever an activity is cut short, so its scheduled end is ignored.
    var token: UInt32 = 0
    /// When the current timed activity ends (for the UI's progress bars).
    var until = 0
    var busySince = 0
    /// The station the barista works at, if the level has stations and they hold one.
    var station: Int?
    /// The tick of `decisions`, the actions taking no time chosen in it (`Int.min`: none yet).
    var decisionTick = Int.min
    var decisions = 0
    var wakeQueued = false
    /// The last tick the strategy was told this barista is idle (`Int.min`: never).
    var idleTick = Int.min
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
