@testable import CoffeeEngine
import Testing

/// `Spawner.forward(into:_:)`: how a strategy that wraps another (`BuiltInLines`) passes on the
/// tasks the wrapped one spawned, each with a state of its own.
@Suite struct SpawnerTests {
    @Test func forwardHandsOnEveryTaskInOrderWithItsStateWrapped() {
        var inner = Spawner<Int>()
        let a = OrderID(slot: 3, generation: 7), b = OrderID(slot: 4, generation: 1)
        inner.spawn(10, order: a)
        inner.spawn(20, order: nil, role: 2, priority: .urgent)
        inner.spawn(30, order: b, role: 1)
        var outer = Spawner<String>()
        outer.spawn("before", order: nil)
        inner.forward(into: &outer) { "task \($0)" }
        #expect(outer.count == 4)
        #expect(outer.pending.prefix(outer.count).map(\.state) == ["before", "task 10", "task 20", "task 30"])
        #expect(outer.pending.prefix(outer.count).map(\.order) == [nil, a, nil, b])
        #expect(outer.pending.prefix(outer.count).map(\.role) == [0, 0, 2, 1])
        #expect(outer.pending.prefix(outer.count).map(\.priority) == [.normal, .normal, .urgent, .normal])
    }

    @Test func onlyTheTasksOfThisEventAreForwarded() {
        // A spawner is reused from one event to the next: entries past `count` are stale.
        var inner = Spawner<Int>()
        inner.spawn(1, order: nil)
        inner.spawn(2, order: nil)
        inner.count = 0
        inner.spawn(3, order: nil)
        var outer = Spawner<Int>()
        inner.forward(into: &outer) { $0 * 100 }
        #expect(outer.pending.prefix(outer.count).map(\.state) == [300])
    }
}
