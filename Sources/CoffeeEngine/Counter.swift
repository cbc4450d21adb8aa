/// The counter: customers come in, are acknowledged, and go, served or not. Only these calls
/// open or close an order and change the shop's counts of customers (`ordersArrived`,
/// `openOrders`, `unacknowledged`); what the shop is to hear they return, for the core to emit.
extension ShopState {
    /// A customer comes in for `item`: a fresh order, open, not yet acknowledged.
    @inline(__always)
    mutating func admit(_ item: Int) -> (order: Slot<OrderRecord>, generation: UInt32, event: ShopEvent) {
        let slot = orders.allocate()
        ordersArrived += 1
        let number = ordersArrived, arrival = now, workLeft = recipes[item].workTicks
        let generation = modify(&orders[slot]) { r -> UInt32 in
            r.number = number
            r.item = Int32(item)
            r.arrival = arrival
            r.open = true
            r.workLeft = workLeft
            return r.generation
        }
        openOrders += 1
        unacknowledged += 1
        return (slot, generation, .orderArrived(order: number, item: item))
    }

    /// A barista begins on the order. The first time, the customer is acknowledged: returns how
    /// long they waited at the counter (`nil` after that).
    @inline(__always)
    mutating func acknowledge(_ o: Slot<OrderRecord>) -> Int? {
        guard !orders[o].acknowledged else { return nil }
        orders[o].acknowledged = true
        unacknowledged -= 1
        return now - orders[o].arrival
    }

    /// The customer has gone, served or not: the order closes, and its slot is freed once no
    /// task refers to it.
    @inline(__always)
    mutating func close(_ o: Slot<OrderRecord>) {
        orders[o].open = false
        openOrders -= 1
        if !orders[o].acknowledged { unacknowledged -= 1 }
        releaseIfUnused(o)
    }

    /// Frees a closed order's slot (and its products') once no task refers to it.
    @inline(__always)
    mutating func releaseIfUnused(_ o: Slot<OrderRecord>) {
        if !orders[o].open, orders[o].refs == 0 { release(o) }
    }

    mutating func release(_ o: Slot<OrderRecord>) {
        var j = orders[o].firstJob
        while j.exists {
            let next = bank.jobs[j].nextOfOrder
            if bank.jobs[j].state != .discarding { bank.release(j) }
            j = next
        }
        orders[o].firstJob = .none
        orders.release(o)
    }
}
