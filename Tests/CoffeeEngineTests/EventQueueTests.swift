@testable import CoffeeEngine
import Testing

/// The event queue keeps few events in a sorted array and many in a heap; either way events must
/// come out in exactly the order of (time, priority, sequence), or shifts would not replay.
@Suite struct EventQueueTests {
    /// What the queue must do: a plain sort of everything scheduled and not yet taken.
    struct Reference {
        var items: [(time: Int, kind: UInt8, sequence: Int)] = []
        var sequence = 0
        mutating func schedule(_ time: Int, _ kind: Wakeup) {
            sequence += 1
            items.append((time, kind.rawValue, sequence))
        }
        mutating func pop() -> (time: Int, kind: UInt8, sequence: Int)? {
            guard let i = items.indices.min(by: { (items[$0].time, items[$0].kind, items[$0].sequence) < (items[$1].time, items[$1].kind, items[$1].sequence) }) else { return nil }
            return items.remove(at: i)
        }
    }

    @Test(arguments: [5, 40, 400])
    func eventsComeOutInKeyOrder(pending: Int) {
        var rng = SplitMix64(seed: UInt64(pending))
        var queue = EventQueue()
        var reference = Reference()
        var now = 0
        var popped = 0
        let kinds: [Wakeup] = [.machineDone, .activityDone, .arrival, .taskWake, .ackDeadline, .serveDeadline]
        for _ in 0..<5_000 {
            // Keep about `pending` events waiting: schedule when below, take when above.
            if reference.items.count < pending || rng.below(3) == 0 {
                let kind = kinds[rng.below(kinds.count)]
                // Arrivals as the engine makes them: one waiting at a time.
                if kind == .arrival, reference.items.contains(where: { $0.kind == Wakeup.arrival.rawValue }) { continue }
                let time = now + rng.below(30)
                queue.schedule(at: time, kind, Int32(reference.sequence + 1))
                reference.schedule(time, kind)
            } else {
                let got = queue.pop(), want = reference.pop()
                #expect(got?.time == want?.time && got?.kind.rawValue == want?.kind && got.map { Int($0.a) } == want?.sequence)
                now = got?.time ?? now
                popped += 1
            }
        }
        while let want = reference.pop() {
            let got = queue.pop()
            #expect(got?.time == want.time && got.map { Int($0.a) } == want.sequence)
        }
        #expect(queue.pop() == nil && queue.isEmpty)
        #expect(queue.usesHeap == (pending > EventQueue.sortedLimit))
        #expect(popped > 1_000)
    }
}
