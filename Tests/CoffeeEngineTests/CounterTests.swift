@testable import CoffeeEngine
import Testing

/// The counter on its own: customers admitted, acknowledged once, and closed.
@Suite("The counter")
struct CounterTests {
    @Test func aCustomerIsAdmittedOpenAndUnacknowledgedAndAcknowledgedOnce() {
        var shop = ShopState(config: smallShop(arrivals: [0]))
        shop.now = 5
        let first = shop.admit(0)
        #expect(first.event == .orderArrived(order: 1, item: 0))
        #expect((first.order.index, first.generation) == (0, 1))
        let r = shop.orders[first.order]
        #expect((r.number, r.arrival, r.open, r.acknowledged, r.workLeft) == (1, 5, true, false, 3))
        #expect((shop.ordersArrived, shop.openOrders, shop.unacknowledged) == (1, 1, 1))
        shop.now = 9
        // Waited 4 ticks at the counter; a second look is no news.
        #expect(shop.acknowledge(first.order) == 4)
        #expect(shop.acknowledge(first.order) == nil)
        #expect((shop.openOrders, shop.unacknowledged) == (1, 0))
    }

    @Test func aClosedOrderIsFreedOnlyOnceNoTaskRefersToIt() {
        var shop = ShopState(config: smallShop(arrivals: [0]))
        let kept = shop.admit(0).order, gone = shop.admit(0).order
        #expect(shop.unacknowledged == 2)
        shop.orders[kept].refs = 1
        shop.close(kept)
        shop.close(gone)
        // Both closed, neither acknowledged: the counts go down with them.
        #expect((shop.ordersArrived, shop.openOrders, shop.unacknowledged) == (2, 0, 0))
        // The one no task refers to is freed (its generation moves on); the other waits for its task.
        #expect(shop.orders[gone].generation == 2 && shop.orders.free.count == 1)
        #expect(shop.orders[kept].generation == 1 && !shop.orders[kept].open)
        shop.orders[kept].refs = 0
        shop.releaseIfUnused(kept)
        #expect(shop.orders[kept].generation == 2 && shop.orders.free.count == 2)
        // The slot freed last comes back first, as a new customer's.
        let next = shop.admit(0)
        #expect(next.order == kept && next.generation == 3 && next.event == .orderArrived(order: 3, item: 0))
    }
}
