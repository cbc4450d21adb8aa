/// What the engine has scheduled. Payloads are plain integers so the queue never allocates per event.
struct Scheduled: Comparable {
    /// (time, priority) in the high word, the sequence number in the low: one compare orders all
    /// three, ties of time and priority broken first in, first out.
    let key: UInt128
    let kind: Wakeup
    let a: Int32
    let b: UInt32

    init(time: Int, kind: Wakeup, sequence: UInt64, a: Int32, b: UInt32) {
        key = UInt128(UInt64(time) << 8 | UInt64(kind.rawValue)) << 64 | UInt128(sequence)
        self.kind = kind
        self.a = a
        self.b = b
    }

    var time: Int { Int(truncatingIfNeeded: UInt64(truncatingIfNeeded: key >> 72)) }

    @inline(__always)
    static func < (l: Scheduled, r: Scheduled) -> Bool { l.key < r.key }
    static func == (l: Scheduled, r: Scheduled) -> Bool { l.key == r.key }
}

/// Kinds of wake-up, in the order they are handled within one tick: a machine finishing is seen
/// before a barista's check that ends on the same tick, and a customer leaves only after every
/// chance to serve them at that tick.
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

/// The event queue: a binary min-heap keyed by (time, priority, sequence), plus one slot for the
/// next customer. Arrivals come one at a time (each schedules the next), so keeping the pending
/// one beside the heap spares a push and a pop per customer; `pop` still returns events in
/// exactly the heap's order.
struct EventQueue {
    var heap = MinHeap<Scheduled>()
    var arrival: Scheduled?
    var sequence: UInt64 = 0

    @inline(__always)
    mutating func schedule(at time: Int, _ kind: Wakeup, _ a: Int32 = 0, _ b: UInt32 = 0) {
        sequence &+= 1
        let item = Scheduled(time: time, kind: kind, sequence: sequence, a: a, b: b)
        if kind == .arrival, arrival == nil {
            arrival = item
        } else {
            heap.insert(item)
        }
    }

    var isEmpty: Bool { heap.isEmpty && arrival == nil }
    var nextTime: Int? {
        guard let a = arrival else { return heap.min?.time }
        guard let top = heap.min, top < a else { return a.time }
        return top.time
    }

    @inline(__always)
    mutating func pop() -> Scheduled? {
        if let a = arrival {
            if let top = heap.min, top < a { return heap.popMin() }
            arrival = nil
            return a
        }
        return heap.popMin()
    }
}
