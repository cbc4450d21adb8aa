import HeapModule

/// What the engine has scheduled. Payloads are plain integers so the queue never allocates per event.
@usableFromInline
struct Scheduled: Comparable {
    /// (time, priority) packed so one compare orders both; ties broken by `sequence` (first in, first out).
    @usableFromInline let key: UInt64
    @usableFromInline let sequence: UInt64
    @usableFromInline let kind: Wakeup
    @usableFromInline let a: Int32
    @usableFromInline let b: UInt32

    @usableFromInline var time: Int { Int(key >> 8) }

    @usableFromInline
    static func < (l: Scheduled, r: Scheduled) -> Bool {
        l.key != r.key ? l.key < r.key : l.sequence < r.sequence
    }
    @usableFromInline
    static func == (l: Scheduled, r: Scheduled) -> Bool { l.key == r.key && l.sequence == r.sequence }
}

/// Kinds of wake-up, in the order they are handled within one tick: a machine finishing is seen
/// before a barista's check that ends on the same tick, and a customer leaves only after every
/// chance to serve them at that tick.
@usableFromInline
enum Wakeup: UInt8 {
    case machineDone = 0
    case activityDone = 1
    case arrival = 2
    case taskWake = 3
    case timer = 4
    case ackDeadline = 5
    case serveDeadline = 6
    case closing = 7
}

/// The event queue: a binary heap keyed by (time, priority, sequence).
@usableFromInline
struct EventQueue {
    @usableFromInline var heap = Heap<Scheduled>()
    @usableFromInline var sequence: UInt64 = 0

    @usableFromInline
    mutating func schedule(at time: Int, _ kind: Wakeup, _ a: Int32 = 0, _ b: UInt32 = 0) {
        sequence &+= 1
        heap.insert(Scheduled(key: UInt64(time) << 8 | UInt64(kind.rawValue), sequence: sequence, kind: kind, a: a, b: b))
    }

    @usableFromInline var isEmpty: Bool { heap.isEmpty }
    @usableFromInline var nextTime: Int? { heap.min?.time }
    @usableFromInline mutating func pop() -> Scheduled? { heap.popMin() }
}
