/// Each role's ready tasks, best first (see `ReadyEntry`). How many of them are urgent the task
/// table counts (`TaskTable.urgentReady`), since it sees every change of a task's state.
/// Entries are not removed when a task stops being ready: a stale one (another generation, or a
/// task no longer ready in that role) is dropped when it comes to the top.
struct ReadyQueues {
    var heaps: Slab<MinHeap<ReadyEntry>>
    /// Yields so far in the shift, and how many there were when the current event began: an entry
    /// with a turn at or past `yieldsBeforeEvent` yielded during this event.
    var yields: UInt64 = 0
    var yieldsBeforeEvent: UInt64 = 0

    init(roles: Int) { heaps = Slab((0..<roles).map { _ in MinHeap<ReadyEntry>() }) }

    @inline(__always)
    mutating func insert(_ entry: ReadyEntry, role: Int) { heaps[role].insert(entry) }

    /// Behind every other ready task of the role (see `ReadyEntry`).
    @inline(__always)
    mutating func insertYielded(_ slot: Slot<TaskRecord>, generation: UInt32, role: Int) {
        heaps[role].insert(ReadyEntry(yieldedTurn: yields, slot: slot, generation: generation))
        yields += 1
    }

    /// An event begins: entries that yield from now on yielded during it.
    @inline(__always) mutating func eventBegins() { yieldsBeforeEvent = yields }

    @inline(__always) func best(_ role: Int) -> ReadyEntry? { heaps[role].min }
    @inline(__always) mutating func dropBest(_ role: Int) { _ = heaps[role].popMin() }

    /// Whether an entry yielded during the event being handled.
    @inline(__always) func yieldedThisEvent(_ e: ReadyEntry) -> Bool { e.isYielded && e.turn >= yieldsBeforeEvent }

    /// Storage of its own, shared with no copy (see `CopyToken`).
    mutating func detach() {
        heaps.detach()
        for r in heaps.indices { heaps[r].detach() }
    }
}

/// A ready task in a role's queue, ordered by (priority, policy key, creation). A task that
/// yielded goes behind every other ready task of its role, urgent ones included; yielded tasks
/// among themselves go in the order they yielded.
struct ReadyEntry: Comparable {
    /// Yielded tasks have the top bit set, normal ones the next bit (so urgent ones come first);
    /// then the policy key (a tick or a count, never negative), then the creation number — or, for a
    /// yielded task, its turn among the yielded: one compare orders them all.
    let order: UInt128
    let slot: Slot<TaskRecord>
    let generation: UInt32

    init(urgent: Bool, key: Int, created: UInt64, slot: Slot<TaskRecord>, generation: UInt32) {
        let high = (urgent ? 0 : 1 << 62) | UInt64(Swift.min(Swift.max(0, key), (1 << 62) - 1))
        order = UInt128(high) << 64 | UInt128(created)
        self.slot = slot
        self.generation = generation
    }

    /// A task that yielded: `turn` counts the yields of the shift.
    init(yieldedTurn turn: UInt64, slot: Slot<TaskRecord>, generation: UInt32) {
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
