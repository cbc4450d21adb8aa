/// Customers: arriving, running out of patience, and the shop closing.
extension Simulation {
    @inline(__always)
    mutating func scheduleNextArrival() {
        if let a = arrivals.next() {
            queue.schedule(at: a.tick, .arrival, Int32(a.item))
        } else {
            arrivalsDone = true
        }
    }

    @inline(__always)
    mutating func handleArrival(_ item: Int) {
        let slot: Int32
        if let free = shop.freeOrders.popLast() {
            slot = free
        } else {
            slot = Int32(shop.orders.count)
            shop.orders.append(OrderRecord())
        }
        tally.advanceWIP(to: shop.now, open: shop.openOrders)
        shop.ordersArrived += 1
        var r = shop.orders[Int(slot)]
        r.generation &+= 1
        r.number = shop.ordersArrived
        r.item = Int32(item)
        r.arrival = shop.now
        r.started = 0
        r.done = 0
        r.ready = 0
        r.held = 0
        r.paused = 0
        r.busy = 0
        r.acknowledged = false
        r.open = true
        r.cold = false
        r.firstJob = -1
        r.workLeft = shop.recipes[item].workTicks
        r.refs = 0
        shop.orders[Int(slot)] = r
        shop.openOrders += 1
        shop.unacknowledged += 1
        tally.wipMax = max(tally.wipMax, shop.openOrders)
        emit(.orderArrived(order: r.number, item: item))
        let patience = shop.catalog.patience[item]
        if let ack = patience.acknowledge {
            queue.schedule(at: shop.now + ack, .ackDeadline, slot, r.generation)
        }
        if let serve = patience.serve {
            queue.schedule(at: shop.now + serve, .serveDeadline, slot, r.generation)
        }
        let order = OrderID(slot: slot, generation: r.generation)
        strategy.orderArrived(order, shop: shop, spawn: &spawner)
        spawnPending()
        scheduleNextArrival()
    }

    mutating func handleDeadline(slot: Int32, generation: UInt32, reason: LeaveReason) {
        let r = shop.orders[Int(slot)]
        guard r.generation == generation, r.open else { return }
        if reason == .notAcknowledged, r.acknowledged { return }
        leave(slot, reason)
    }

    mutating func handleClosing() {
        arrivalsDone = true
        for o in shop.orders.indices where shop.orders[o].open {
            leave(Int32(o), .closing)
        }
        endShift()
    }

    /// The customer walks out: their tasks are dropped, their products thrown away.
    mutating func leave(_ o: Int32, _ reason: LeaveReason) {
        let r = shop.orders[Int(o)]
        tally.lost[reason.rawValue] += 1
        let rule = LostCustomerRule(config: shop.config, item: Int(r.item))
        tally.lead.record(rule.leadTime(arrival: r.arrival))
        if !r.acknowledged { tally.counterWait.record(rule.counterWait(arrival: r.arrival)) }
        if r.started != 0 { tally.waste += shop.config.menu[Int(r.item)].cost }
        emit(.customerLeft(order: r.number, reason: reason))
        // Products of the order.
        var j = r.firstJob
        while j >= 0 {
            let job = shop.jobs[Int(j)]
            let m = Int(job.machine)
            switch job.state {
            case .queued:
                shop.jobs[Int(j)].state = .discarded
                shop.machines[m].queued -= 1
            case .reserved:
                shop.jobs[Int(j)].state = .discarded
                shop.machines[m].occupied -= 1
                advanceMachineQueue(m)
            case .running:
                shop.jobs[Int(j)].state = .discarding
            case .ready:
                shop.machines[m].account(to: shop.now)
                shop.machines[m].holding -= 1
                shop.machines[m].occupied -= 1
                shop.jobs[Int(j)].state = .discarded
                emit(.productDiscarded(job: job.number, machine: m))
                advanceMachineQueue(m)
            case .collected, .discarded, .discarding:
                break
            }
            j = job.nextOfOrder
        }
        // Baristas busy with the order drop what they were doing.
        var toAsk: [Int] = []
        for b in baristas.indices where baristas[b].task >= 0 && isOnOrder(b, o) {
            abandonActivity(b, order: o)
            if tasks[Int(baristas[b].task)].order?.slot != o { toAsk.append(b) }
        }
        // Tasks bound to the order end.
        for t in tasks.indices where tasks[t].state != .free && tasks[t].order?.slot == o {
            if tasks[t].state == .running { releaseBarista(tasks[t].barista) }
            freeTask(Int32(t))
        }
        for s in 0..<shop.recipes[Int(r.item)].steps { shop.setLeft(o, s, nil) }
        closeOrder(o)
        for b in toAsk { decide(b, .gone) }
    }

    mutating func isOnOrder(_ b: Int, _ o: Int32) -> Bool {
        switch baristas[b].activity {
        case .working(let order, _, _, _), .switching(let order, _), .stationQueue(let order, _): return order == o
        case .loading(let j), .checking(let j), .blocked(let j): return shop.jobs[Int(j)].order == o
        case .collecting(let then):
            switch then {
            case .resume(let order, _): return order.slot == o
            case .load(let job): return shop.jobs[Int(job.slot)].order == o
            case .ask: return false
            }
        case .none, .idling: return false
        }
    }

    mutating func abandonActivity(_ b: Int, order o: Int32) {
        shop.orders[Int(o)].busy = 0
        if case .stationQueue = baristas[b].activity {
            stationQueue.removeAll { $0 == b }
            stationQueueHead = min(stationQueueHead, stationQueue.count)
        }
        if case .loading(let j) = baristas[b].activity {
            // Loading never finished: the reserved slot goes back.
            let m = Int(shop.jobs[Int(j)].machine)
            shop.machines[m].occupied -= 1
            advanceMachineQueue(m)
        }
        releaseStation(b)
        interrupt(b)
        setClass(b, .idle)
    }

    /// Frees an order's slot (and its products') once it is closed and no task refers to it.
    @inline(__always)
    mutating func releaseOrderIfUnused(_ o: Int32) {
        if !shop.orders[Int(o)].open, shop.orders[Int(o)].refs == 0 { releaseOrder(o) }
    }

    mutating func releaseOrder(_ o: Int32) {
        var j = shop.orders[Int(o)].firstJob
        while j >= 0 {
            let next = shop.jobs[Int(j)].nextOfOrder
            if shop.jobs[Int(j)].state != .discarding { freeJob(j) }
            j = next
        }
        shop.orders[Int(o)].firstJob = -1
        shop.orders[Int(o)].generation &+= 1
        shop.freeOrders.append(o)
    }
}
