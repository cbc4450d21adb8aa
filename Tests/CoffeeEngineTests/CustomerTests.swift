import CoffeeEngine
import Testing

@Suite("Customers, holding and cooling")
struct CustomerTests {
    @Test func customersLeaveWhenNotAcknowledgedOrNotServedInTime() {
        let config = smallShop(arrivals: [0, 1], patience: Patience(acknowledge: 3, serve: 12))
        let (log, sim) = timeline(config, recipeStrategy { .wait($0) })
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "1: #2 arrives (item 0)",
            "2: b0 finishes #1.0",
            "3: b0 starts job 1 for #1 on m0",
            "4: #2 leaves (not acknowledged)",
            "12: #1 leaves (not served)",
            "12: shift ends",
        ])
        let m = sim.metrics
        #expect(m.lost == 2 && m.lostNotAcknowledged == 1 && m.lostNotServed == 1 && m.served == 0)
        // Only #1 was begun, so only its ingredients are wasted; wages run for 12 ticks.
        #expect(m.waste == 40 && m.wages == 12 && m.profit == -52)
        #expect(m.baristas == [BaristaMetrics(role: 0, valueAdding: 3, waiting: 9, polling: 0, switching: 0, idle: 0)])
    }

    @Test func aProductLeftInItsSlotHoldsItAndGoesCold() {
        var config = smallShop(arrivals: [0, 1], slots: 2, cooling: 2)
        config.menu[0].steps[2] = .work("serve", 6, after: [1])
        let (log, sim) = timeline(config, recipeStrategy { .await($0) })
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "1: #2 arrives (item 0)",
            "2: b0 finishes #1.0",
            "3: b0 starts job 1 for #1 on m0",
            "3: b0 starts #2.0",
            "5: b0 finishes #2.0",
            "6: b0 starts job 2 for #2 on m0",
            "13: job 1 done on m0",
            "13: b0 collects job 1 from m0",
            "13: b0 starts #1.2",
            "16: job 2 done on m0",
            "19: b0 finishes #1.2",
            "19: #1 served in 19",
            "19: b0 collects job 2 from m0 cold",
            "19: b0 starts #2.2",
            "25: b0 finishes #2.2",
            "25: #2 served in 24 cold",
            "25: shift ends",
        ])
        let m = sim.metrics
        #expect(m.cold == 1 && m.revenue == 300 && m.waste == 40)
        #expect(m.machines == [MachineMetrics(name: "espresso", slots: 2, busy: 20, holding: 3, idle: 27)])
    }

    @Test func aCustomerLeavingMidBrewHasTheProductThrownOut() {
        var config = smallShop(arrivals: [0], slots: 1, patience: Patience(serve: 8))
        config.closing = 10
        config.duration = 10
        let (log, _) = timeline(config, recipeStrategy { .await($0) })
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "2: b0 finishes #1.0",
            "3: b0 starts job 1 for #1 on m0",
            "8: #1 leaves (not served)",
            "8: shift ends",
        ])
    }

    @Test func theShopClosesOnTheCustomersStillWaiting() {
        var config = smallShop(arrivals: [0, 1, 5])
        config.duration = 4
        config.closing = 4
        let (log, sim) = timeline(config, recipeStrategy { .wait($0) })
        #expect(log.suffix(3) == ["8: #1 leaves (closing)", "8: #2 leaves (closing)", "8: shift ends"])
        #expect(sim.metrics.arrived == 2)
        #expect(sim.metrics.lostAtClosing == 2)
    }
}
