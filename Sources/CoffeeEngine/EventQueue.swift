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

/// The event queue, keyed by (time, priority, sequence), plus one slot for the next customer.
/// Arrivals come one at a time (each schedules the next), so keeping the pending one beside the
/// rest spares a push and a pop per customer. While few events are pending (a handful of baristas
/// and machines) they sit in an array sorted latest first: the next one is taken off the end, and
/// a new one, usually due soon, is slid in a few places from the end. Past `sortedLimit` pending
/// events (many customers with deadlines) they move to a binary heap for the rest of the shift.
/// Either way `pop` returns events in exactly the order of their keys.
struct EventQueue {
    static let sortedLimit = 32
    var sorted = Slab<Scheduled>()
    var heap = MinHeap<Scheduled>()
    var usesHeap = false
    var arrival: Scheduled?
    var sequence: UInt64 = 0

    @inline(__always)
    mutating func schedule(at time: Int, _ kind: Wakeup, _ a: Int32 = 0, _ b: UInt32 = 0) {
        sequence &+= 1
        let item = Scheduled(time: time, kind: kind, sequence: sequence, a: a, b: b)
        if kind == .arrival, arrival == nil {
            arrival = item
        } else if usesHeap {
            heap.insert(item)
        } else if sorted.count < Self.sortedLimit {
            sorted.append(item)
            let p = sorted.storage.base
            var i = sorted.count - 1
            while i > 0, p[i - 1] < item {
                p[i] = p[i - 1]
                i -= 1
            }
            p[i] = item
        } else {
            while let e = sorted.popLast() { heap.insert(e) }
            heap.insert(item)
            usesHeap = true
        }
    }

    /// The next event other than the pending arrival.
    @inline(__always)
    var first: Scheduled? {
        usesHeap ? heap.min : (sorted.count == 0 ? nil : sorted[sorted.count - 1])
    }

    var isEmpty: Bool { first == nil && arrival == nil }
    var nextTime: Int? {
        guard let a = arrival else { return first?.time }
        guard let top = first, top < a else { return a.time }
        return top.time
    }

    @inline(__always)
    mutating func pop() -> Scheduled? {
        if let a = arrival {
            if let top = first, top < a { return popFirst() }
            arrival = nil
            return a
        }
        return popFirst()
    }

    @inline(__always)
    mutating func popFirst() -> Scheduled? {
        usesHeap ? heap.popMin() : sorted.popLast()
    }

    /// Storage of its own, shared with no copy (see `CopyToken`).
    mutating func detach() {
        sorted.detach()
        heap.detach()
    }
}
