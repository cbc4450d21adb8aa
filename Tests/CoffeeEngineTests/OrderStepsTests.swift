@testable import CoffeeEngine
import Testing

/// An order's steps on their own: work begun, paused, resumed and done; products ready,
/// collected, held to cool on and used; the customer gone.
@Suite("Order steps")
struct OrderStepsTests {
    /// The small shop's recipe: take 2 (step 0) → brew 10 on the machine (step 1) → serve 1 (step 2).
    func shopWithOneOrder() -> (ShopState, Slot<OrderRecord>) {
        var shop = ShopState(config: smallShop(arrivals: [0]))
        let o = shop.admit(0).order
        return (shop, o)
    }

    @Test func aStepsBitIsTheShiftOfOneForEveryStepARecipeCanHave() {
        #expect((0..<64).allSatisfy { stepBit($0) == (1 as UInt64) << $0 })
        #expect((stepBit(0), stepBit(63)) == (1, 0x8000_0000_0000_0000))
    }

    @Test func workPausedKeepsItsTicksLeftAndResumingItIsTold() {
        var (shop, o) = shopWithOneOrder()
        let fresh = shop.beginWork(o, 0)
        #expect(fresh == false)
        #expect((shop.orders[o].started, shop.orders[o].busy) == (0b001, 0b001))
        shop.pauseWork(o, 0, left: 1)
        #expect((shop.orders[o].busy, shop.orders[o].paused, shop.left(o, 0)) == (0, 0b001, 1))
        // Resumed: it picks up the tick left.
        let resumes = shop.beginWork(o, 0)
        #expect(resumes == true)
        let number = shop.finishWork(o, 0, ticks: 2)
        #expect(number == 1)
        let r = shop.orders[o]
        #expect((r.busy, r.done, r.paused, r.workLeft) == (0, 0b001, 0, 1))
        #expect(shop.left(o, 0) == nil && shop.partial.isEmpty)
    }

    @Test func aProductCollectedAheadCoolsOnUntilAStepUsesIt() {
        var (shop, o) = shopWithOneOrder()
        let job = shop.bank.request(order: OrderID(slot: o.index, generation: shop.orders[o].generation), orderNumber: 1,
                                    step: 1, machine: 0, nextOfOrder: shop.orders[o].firstJob, task: .none).job
        shop.beginMachineStep(o, 1, job: job)
        #expect((shop.orders[o].started, shop.orders[o].firstJob) == (0b010, job))
        _ = shop.bank.load(job, order: 1, by: 0, now: 0, ticks: 10)
        _ = shop.bank.finish(job, now: 10)
        shop.productReady(o, 1)
        #expect(shop.orders[o].ready == 0b010)
        _ = shop.bank.collect(job, by: 0, now: 12)
        shop.productCollected(o, 1, cold: false, ahead: true)
        #expect((shop.orders[o].done, shop.orders[o].ready, shop.orders[o].held, shop.orders[o].cold) == (0b010, 0, 0b010, false))
        // Used 1,001 ticks after it was done, past the cooling limit of 1,000: the drink is cold.
        shop.now = 1_011
        shop.useHeld(o, 0b010)
        #expect((shop.orders[o].held, shop.orders[o].cold) == (0, true))
    }

    @Test func aProductUsedWithinTheCoolingLimitKeepsTheDrinkWarm() {
        var (shop, o) = shopWithOneOrder()
        let job = shop.bank.request(order: OrderID(slot: o.index, generation: shop.orders[o].generation), orderNumber: 1,
                                    step: 1, machine: 0, nextOfOrder: .none, task: .none).job
        shop.beginMachineStep(o, 1, job: job)
        _ = shop.bank.load(job, order: 1, by: 0, now: 0, ticks: 10)
        _ = shop.bank.finish(job, now: 10)
        _ = shop.bank.collect(job, by: 0, now: 10)
        shop.productCollected(o, 1, cold: false, ahead: true)
        shop.now = 1_010
        shop.useHeld(o, 0b010)
        #expect((shop.orders[o].held, shop.orders[o].cold) == (0, false))
        // Collected cold, a product is never held: the drink is cold at once.
        shop.productCollected(o, 1, cold: true, ahead: true)
        #expect((shop.orders[o].held, shop.orders[o].cold) == (0, true))
    }

    @Test func whenTheCustomerLeavesTheirWorkIsDroppedWithItsProgress() {
        var (shop, o) = shopWithOneOrder()
        _ = shop.beginWork(o, 0)
        shop.pauseWork(o, 0, left: 1)
        _ = shop.beginWork(o, 2)
        shop.dropWork(o)
        #expect((shop.orders[o].busy, shop.orders[o].paused, shop.partial.isEmpty) == (0, 0, true))
    }

    @Test func aClosedOrderIsFreedWhenItsLastTaskEnds() {
        var (shop, o) = shopWithOneOrder()
        shop.bindTask(to: o)
        shop.bindTask(to: o)
        shop.close(o)
        shop.unbindTask(from: o)
        #expect((shop.orders[o].refs, shop.orders[o].generation) == (1, 1))
        shop.unbindTask(from: o)
        #expect((shop.orders[o].refs, shop.orders[o].generation, shop.orders.free.count) == (0, 2, 1))
    }
}
