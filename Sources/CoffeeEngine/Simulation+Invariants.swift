/// The engine's bookkeeping checked against itself, for tests (the chaos test runs it after every
/// event). Each line of the answer is one broken rule; none means the counters and the records agree.
extension Simulation {
    func invariantViolations() -> [String] {
        var problems: [String] = []
        // Customers: every one who came is served, lost or still in the shop.
        let lost = tally.lost.reduce(0, +)
        if tally.served + lost + shop.openOrders != shop.ordersArrived {
            problems.append("served \(tally.served) + lost \(lost) + in shop \(shop.openOrders) != arrived \(shop.ordersArrived)")
        }
        let open = shop.orders.indices.map { shop.orders[$0] }.filter(\.open)
        if open.count != shop.openOrders { problems.append("\(open.count) open order records, counter says \(shop.openOrders)") }
        let waiting = open.filter { !$0.acknowledged }.count
        if waiting != shop.unacknowledged { problems.append("\(waiting) unacknowledged orders, counter says \(shop.unacknowledged)") }
        problems += shop.bank.invariantViolations()
        // Tasks and baristas point at each other.
        let live = tasks.indices.map { Slot<TaskRecord>($0) }.filter { tasks[$0].state != .free }
        if live.count != tasks.live { problems.append("\(live.count) live tasks, counter says \(tasks.live)") }
        let urgent = live.filter { tasks[$0].state == .ready && tasks[$0].priority == .urgent }.count
        if urgent != tasks.urgentReady { problems.append("\(urgent) urgent ready tasks, counter says \(tasks.urgentReady)") }
        for t in live where tasks[t].state == .running {
            let b = tasks[t].barista
            if b < 0 || b >= crew.count || crew.members[b].task != t { problems.append("running task \(t.index) not held by its barista \(b)") }
        }
        for b in crew.indices where crew.members[b].task.exists {
            let t = tasks[crew.members[b].task]
            if t.state != .running || t.barista != b { problems.append("barista \(b) holds task \(crew.members[b].task.index), which is \(t.state)") }
        }
        problems += crew.invariantViolations()
        return problems
    }

}
