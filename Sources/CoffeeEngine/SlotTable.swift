/// A record kept in a `SlotTable`: made fresh from `init()` each time its slot is handed out.
protocol SlotRecord {
    init()
    /// Moves on whenever the slot is freed, so a handle kept past that no longer names it.
    var generation: UInt32 { get set }
    /// Whether handing a slot out moves its generation on as well. Orders and jobs do (a live one's
    /// generation is odd: saved manual logs name them by slot and generation); tasks do not.
    static var renumbersOnAllocation: Bool { get }
}

/// A link from one record of the engine to another (a job to the next job of its order, a barista
/// to its task): a slot, without a generation, since the engine keeps its own links current.
/// `none` is the only empty link; the raw value behind it stays in this file.
struct Slot<Record>: Hashable {
    let index: Int32

    @inline(__always) init(_ index: Int32) { self.index = index }
    @inline(__always) init(_ index: Int) { self.index = Int32(truncatingIfNeeded: index) }

    /// No record.
    static var none: Slot { Slot(Int32(-1)) }
    @inline(__always) var isNone: Bool { index < 0 }
    @inline(__always) var exists: Bool { index >= 0 }
    @inline(__always) var int: Int { Int(index) }
}

/// Records of one kind in slots with a free list: a long day reuses the slots of customers gone
/// instead of growing with every one. A slot handed out again holds a fresh `Record()` (nothing of
/// the record before it is left but the generation), and the slot freed last is handed out first.
struct SlotTable<Record: SlotRecord> {
    var records = Slab<Record>()
    var free = Slab<Int32>()

    /// Slots ever handed out, free or not.
    var count: Int { records.count }
    var indices: Range<Int> { 0..<records.count }

    @inline(__always)
    subscript(slot: Slot<Record>) -> Record {
        unsafeAddress { UnsafePointer(records.address(slot.int)) }
        nonmutating unsafeMutableAddress { records.address(slot.int) }
    }

    @inline(__always)
    subscript(index: Int) -> Record {
        unsafeAddress { UnsafePointer(records.address(index)) }
        nonmutating unsafeMutableAddress { records.address(index) }
    }

    /// A slot with a fresh record in it.
    @inline(__always)
    mutating func allocate() -> Slot<Record> {
        let slot: Int32
        if let reused = free.popLast() {
            slot = reused
        } else {
            slot = Int32(records.count)
            records.append(Record())
        }
        let p = records.address(Int(slot))
        let generation = p.pointee.generation
        p.pointee = Record()
        p.pointee.generation = Record.renumbersOnAllocation ? generation &+ 1 : generation
        return Slot(slot)
    }

    /// Gives a slot back: handles to it go stale, and it is the next one handed out.
    @inline(__always)
    mutating func release(_ slot: Slot<Record>) {
        self[slot].generation &+= 1
        free.append(slot.index)
    }

    /// The slot named by a handle's slot and generation, if it is in the table and still that one.
    @inline(__always)
    func live(_ slot: Int32, generation: UInt32) -> Slot<Record>? {
        guard slot >= 0, Int(slot) < records.count, records[Int(slot)].generation == generation else { return nil }
        return Slot(slot)
    }

    /// Storage of its own, shared with no copy (see `CopyToken`).
    mutating func detach() {
        records.detach()
        free.detach()
    }
}

/// Changes one record in one access (one exclusivity and bounds check instead of one per field).
@inline(__always)
func modify<T, R>(_ record: inout T, _ change: (inout T) -> R) -> R { change(&record) }
