/// Records in one block of memory, read and written in place without a copy-on-write check on
/// every access (the engine touches them dozens of times per order). Copies still behave as
/// values: before it changes anything, once per event, `Simulation` asks whether its `CopyToken`
/// is shared and, if so, gives every slab storage of its own (`detach()`), so a copy of a
/// simulation or of its shop (a snapshot) never sees the original move on.
@usableFromInline
final class SlabStorage<Element> {
    @exclusivity(unchecked) @usableFromInline var base: UnsafeMutablePointer<Element>
    @exclusivity(unchecked) @usableFromInline var count = 0
    @exclusivity(unchecked) @usableFromInline var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(4, capacity)
        base = .allocate(capacity: self.capacity)
    }

    func copy() -> SlabStorage<Element> {
        let s = SlabStorage(capacity: capacity)
        s.base.initialize(from: base, count: count)
        s.count = count
        return s
    }

    @inline(__always)
    func append(_ element: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    @inline(never)
    func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
}

@usableFromInline
struct Slab<Element>: RandomAccessCollection {
    @usableFromInline var storage: SlabStorage<Element>

    init() { storage = SlabStorage(capacity: 16) }

    init<S: Sequence>(_ elements: S) where S.Element == Element {
        storage = SlabStorage(capacity: 16)
        for e in elements { storage.append(e) }
    }

    @usableFromInline var startIndex: Int { 0 }
    @usableFromInline var endIndex: Int { storage.count }

    /// In place, bounds-checked, no copy-on-write check: see `makeUnique()`.
    @usableFromInline
    subscript(i: Int) -> Element {
        @inline(__always) unsafeAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: storage.count), "record index out of range")
            return UnsafePointer(storage.base + i)
        }
        @inline(__always) nonmutating unsafeMutableAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: storage.count), "record index out of range")
            return storage.base + i
        }
    }

    /// The record at `i`, bounds-checked, to read or write in place.
    @inline(__always)
    func address(_ i: Int) -> UnsafeMutablePointer<Element> {
        precondition(UInt(bitPattern: i) < UInt(bitPattern: storage.count), "record index out of range")
        return storage.base + i
    }

    @inline(__always)
    mutating func append(_ element: Element) { storage.append(element) }

    @inline(__always)
    mutating func popLast() -> Element? { storage.count == 0 ? nil : removeLast() }

    @inline(__always)
    mutating func removeLast() -> Element {
        precondition(storage.count > 0, "removeLast of an empty slab")
        storage.count -= 1
        return (storage.base + storage.count).move()
    }

    /// Gives this value storage of its own, shared with no copy.
    mutating func detach() { storage = storage.copy() }
}

/// Held by a value whose slabs are written in place: while no copy of that value exists, the
/// token is uniquely referenced, so one check of it tells whether every slab may be written.
final class CopyToken {}
