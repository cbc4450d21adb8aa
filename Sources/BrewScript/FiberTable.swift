/// The VM's fibers in one block of memory, read and written in place: no copy-on-write check and
/// no copy of a whole fiber to change one field. Owned by one VM, which frees it (`release()`).
struct FiberTable {
    private(set) var base: UnsafeMutablePointer<VM.Fiber>
    private(set) var count = 0
    private var capacity = 16

    init() { base = .allocate(capacity: capacity) }

    subscript(i: Int) -> VM.Fiber {
        @inline(__always) unsafeAddress {
            precondition(i >= 0 && i < count, "fiber index out of range")
            return UnsafePointer(base + i)
        }
        @inline(__always) nonmutating unsafeMutableAddress {
            precondition(i >= 0 && i < count, "fiber index out of range")
            return base + i
        }
    }

    mutating func append(_ fiber: VM.Fiber) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<VM.Fiber>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        (base + count).initialize(to: fiber)
        count += 1
    }

    /// Frees the table's memory (the fibers' own stacks are the VM's to free first).
    func release() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
