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

/// The event queue: a binary min-heap keyed by (time, priority, sequence). Written out rather
/// than taken from swift-collections' min-max `Heap`, which does twice the comparisons per pop
/// for a maximum the engine never asks for.
@usableFromInline
struct EventQueue {
    @usableFromInline var heap: ContiguousArray<Scheduled> = []
    @usableFromInline var sequence: UInt64 = 0

    @usableFromInline
    mutating func schedule(at time: Int, _ kind: Wakeup, _ a: Int32 = 0, _ b: UInt32 = 0) {
        sequence &+= 1
        let item = Scheduled(key: UInt64(time) << 8 | UInt64(kind.rawValue), sequence: sequence, kind: kind, a: a, b: b)
        heap.append(item)
        heap.withUnsafeMutableBufferPointer { h in
            var i = h.count - 1
            while i > 0 {
                let parent = (i - 1) >> 1
                guard item < h[parent] else { break }
                h[i] = h[parent]
                i = parent
            }
            h[i] = item
        }
    }

    @usableFromInline var isEmpty: Bool { heap.isEmpty }
    @usableFromInline var nextTime: Int? { heap.first?.time }

    @usableFromInline
    mutating func pop() -> Scheduled? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        guard !heap.isEmpty else { return top }
        heap.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n, h[child + 1] < h[child] { child += 1 }
                guard h[child] < last else { break }
                h[i] = h[child]
                i = child
            }
            h[i] = last
        }
        return top
    }
}
