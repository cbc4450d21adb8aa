/// A binary min-heap in a slab: the event queue and the ready queues. Written out rather than
/// taken from swift-collections' min-max `Heap`, which does twice the comparisons per pop for a
/// maximum the engine never asks for, and checks its storage for copies at every change (the
/// slab is checked once per event instead, through the simulation's `CopyToken`).
struct MinHeap<Element: Comparable> {
    var items = Slab<Element>()

    var isEmpty: Bool { items.storage.count == 0 }
    var min: Element? { isEmpty ? nil : items[0] }

    @inline(__always)
    mutating func insert(_ item: Element) {
        items.append(item)
        let h = items.storage.base
        var i = items.storage.count - 1
        while i > 0 {
            let parent = (i - 1) >> 1
            guard item < h[parent] else { break }
            h[i] = h[parent]
            i = parent
        }
        h[i] = item
    }

    @inline(__always)
    mutating func popMin() -> Element? {
        let n = items.storage.count
        guard n > 0 else { return nil }
        let h = items.storage.base
        let top = h[0]
        let last = items.removeLast()
        guard n > 1 else { return top }
        let m = n - 1
        var i = 0
        while true {
            var child = 2 * i + 1
            if child >= m { break }
            if child + 1 < m, h[child + 1] < h[child] { child += 1 }
            guard h[child] < last else { break }
            h[i] = h[child]
            i = child
        }
        h[i] = last
        return top
    }

    /// Gives this heap storage of its own, shared with no copy.
    mutating func detach() { items.detach() }
}
