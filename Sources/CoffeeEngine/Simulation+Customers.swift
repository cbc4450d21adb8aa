/// Customers: arriving, running out of patience, and the shop closing.
extension Simulation {
    @inline(__always)
    mutating func scheduleNextArrival() {
        if let a = door.next() { queue.schedule(at: a.tick, .arrival, Int32(a.item)) }
    }

    @inline(__always)
    mutating func handleArrival(_ item: Int) {
        tally.advanceWIP(to: shop.now, open: shop.openOrders)
        let (slot, generation, arrived) = shop.admit(item)
        tally.wipMax = max(tally.wipMax, shop.openOrders)
        emit(arrived)
        let patience = shop.catalog.patience[item]
        if let ack = patience.acknowledge {
            queue.schedule(at: shop.now + ack, .ackDeadline, slot.index, generation)
        }
        if let serve = patience.serve {
            queue.schedule(at: shop.now + serve, .serveDeadline, slot.index, generation)
        }
        let order = OrderID(slot: slot.index, generation: generation)
        strategy.orderArrived(order, shop: shop, spawn: &spawner)
        spawnPending()
        scheduleNextArrival()
    }

    mutating func handleDeadline(_ o: Slot<OrderRecord>, generation: UInt32, reason: LeaveReason) {
        let r = shop.orders[o]
        guard r.generation == generation, r.open else { return }
        if reason == .notAcknowledged, r.acknowledged { return }
        leave(o, reason)
    }

    mutating func handleClosing() {
        door.close()
        for o in shop.orders.indices where shop.orders[o].open {
            leave(Slot(o), .closing)
        }
        endShift()
    }

    /// The customer walks out: their tasks are dropped, their products thrown away.
    mutating func leave(_ o: Slot<OrderRecord>, _ reason: LeaveReason) {
        let r = shop.orders[o]
        tally.lost[reason.rawValue] += 1
        let rule = LostCustomerRule(config: shop.config, item: Int(r.item))
        tally.lead.record(rule.leadTime(arrival: r.arrival))
        if !r.acknowledged { tally.counterWait.record(rule.counterWait(arrival: r.arrival)) }
        if r.started != 0 { tally.waste += shop.config.menu[Int(r.item)].cost }
        emit(.customerLeft(order: r.number, reason: reason))
        // Products of the order.
        var j = r.firstJob
        while j.exists {
            let job = shop.bank.jobs[j]
            let m = Int(job.machine)
            let (slotFreed, thrownOut) = shop.bank.discard(j, now: shop.now)
            if let thrownOut { emit(thrownOut) }
            if slotFreed { advanceMachineQueue(m) }
            j = job.nextOfOrder
        }
        // Baristas busy with the order drop what they were doing.
        var toAsk: [Int] = []
        for b in crew.indices where crew.members[b].task.exists && isOnOrder(b, o) {
            abandonActivity(b, order: o)
            if tasks[crew.members[b].task].order?.slot != o.index { toAsk.append(b) }
        }
        // Tasks bound to the order end.
        for t in tasks.indices where tasks[Slot(t)].state != .free && tasks[Slot(t)].order?.slot == o.index {
            if tasks[Slot(t)].state == .running { releaseBarista(tasks[Slot(t)].barista) }
            freeTask(Slot(t))
        }
        shop.dropWork(o)
        closeOrder(o)
        for b in toAsk { decide(b, .gone) }
    }

    mutating func isOnOrder(_ b: Int, _ o: Slot<OrderRecord>) -> Bool {
        switch crew.members[b].activity {
        case .working(let order, _, _, _), .switching(let order, _), .stationQueue(let order, _): return order == o
        case .loading(let j), .checking(let j), .blocked(let j): return shop.bank.jobs[j].order == o
        case .collecting(let then):
            switch then {
            case .resume(let order, _): return order.slot == o.index
            case .load(let job): return shop.bank.jobs[Int(job.slot)].order == o
            case .ask: return false
            }
        case .none, .idling: return false
        }
    }

    mutating func abandonActivity(_ b: Int, order o: Slot<OrderRecord>) {
        crew.leaveStationQueue(b)
        // A product being loaded was thrown out with the order's others (`leave`), which gave its
        // reserved slot back: nothing more to free here. (Freeing it again here, as engine 1.1.0
        // did, let a machine take more products than it has slots.)
        releaseStation(b)
        crew.interrupt(b)
        setClass(b, .idle)
    }
}
