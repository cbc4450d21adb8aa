/// Barista work, stations, and what happens when a timed activity ends.
extension Simulation {
    @inline(__always)
    mutating func handleActivityDone(barista b: Int, token: UInt32) {
        guard crew.members[b].token == token else { return }
        switch crew.members[b].activity {
        case .working(let o, let s, let since, let end):
            // The step's ticks, looked up once: what is left of it now, and what it takes off the order.
            let ticks = stepTicks(o, s)
            let left = (shop.left(o, s) ?? ticks) - (end - since)
            if left <= 0 {
                finishStep(b, order: o, step: s, ticks: ticks)
            } else if crew.stations.someoneWaits {
                // Quantum over and someone is queued: hand the station over and queue again.
                shop.setLeft(o, s, left)
                emit(.stepPaused(barista: b, order: shop.orders[o].number, step: s, left: left))
                releaseStation(b)
                waitForStation(b, order: o, step: s)
            } else {
                shop.setLeft(o, s, left)
                runChunk(b, order: o, step: s, announce: false)
            }
        case .switching(let o, let s):
            runChunk(b, order: o, step: s, announce: true)
        case .collecting(let then):
            crew.endActivity(b)
            switch then {
            case .ask(let r): decide(b, r)
            case .resume(let order, let step):
                if shop.isOpen(order) { startWork(b, order: Slot(order.slot), step: step) } else { decide(b, .gone) }
            case .load(let job): load(b, job: Slot(job.slot))
            }
        case .loading(let j):
            startMachine(b, job: j)
        case .checking(let j):
            crew.endActivity(b)
            let r = finishCheck(b, job: j)
            decide(b, r)
        case .idling:
            crew.endActivity(b)
            decide(b, .none)
        case .none, .blocked, .stationQueue:
            break
        }
    }

    @inline(__always)
    mutating func stepTicks(_ order: Slot<OrderRecord>, _ step: Int) -> Int {
        shop.fact(shop.orders[order].item, step).ticks
    }

    /// Begins (or resumes) a worker step: a station first if stations are scarce, a switch if resuming.
    @inline(__always)
    mutating func startWork(_ b: Int, order o: Slot<OrderRecord>, step s: Int) {
        let resumes = shop.beginWork(o, s)
        acknowledge(o)
        var needSwitch = resumes
        if crew.stations.exist, crew.members[b].station == nil {
            guard let st = crew.stations.firstFree() else {
                waitForStation(b, order: o, step: s)
                return
            }
            needSwitch = crew.takeStation(st, by: b) || needSwitch
        }
        switchThenWork(b, order: o, step: s, needSwitch: needSwitch)
    }

    @inline(__always)
    mutating func switchThenWork(_ b: Int, order o: Slot<OrderRecord>, step s: Int, needSwitch: Bool) {
        let ticks = shop.config.costs.switchTicks
        if needSwitch, ticks > 0 {
            begin(b, .switching(order: o, step: s), .switching, ticks: ticks)
        } else {
            runChunk(b, order: o, step: s, announce: true)
        }
    }

    @inline(__always)
    mutating func runChunk(_ b: Int, order o: Slot<OrderRecord>, step s: Int, announce: Bool) {
        let left = shop.left(o, s) ?? stepTicks(o, s)
        var chunk = left
        if crew.stations.exist, crew.stations.count < crew.count, let st = shop.config.stations { chunk = min(left, max(1, st.quantum)) }
        if announce { emit(.stepStarted(barista: b, order: shop.orders[o].number, step: s)) }
        begin(b, .working(order: o, step: s, since: shop.now, end: shop.now + chunk), .valueAdding, ticks: chunk)
    }

    @inline(__always)
    mutating func finishStep(_ b: Int, order o: Slot<OrderRecord>, step s: Int, ticks: Int) {
        let number = shop.finishWork(o, s, ticks: ticks)
        crew.endActivity(b)
        emit(.stepFinished(barista: b, order: number, step: s))
        checkServed(o)
        releaseStation(b)
        decide(b, .none)
    }

    /// Stops a barista's worker step, keeping its progress; the task resumes it later.
    mutating func pauseWork(_ b: Int) {
        let o: Slot<OrderRecord>, s: Int, left: Int
        switch crew.members[b].activity {
        case .working(let order, let step, let since, _):
            (o, s) = (order, step)
            left = (shop.left(o, s) ?? stepTicks(o, s)) - (shop.now - since)
        case .switching(let order, let step):
            (o, s) = (order, step)
            left = shop.left(o, s) ?? stepTicks(o, s)
        default:
            return
        }
        shop.pauseWork(o, s, left: left)
        emit(.stepPaused(barista: b, order: shop.orders[o].number, step: s, left: left))
        releaseStation(b)
        crew.interrupt(b)
        let order = OrderID(slot: o.index, generation: shop.orders[o].generation)
        tasks.setPending(crew.members[b].task, .resume(order, step: s))
    }

    // MARK: Stations

    mutating func waitForStation(_ b: Int, order o: Slot<OrderRecord>, step s: Int) {
        crew.queueForStation(b, order: o, step: s)
        setClass(b, .waiting)
    }

    /// Gives the barista's station back, if it has one; the barista queued first for one takes it.
    @inline(__always)
    mutating func releaseStation(_ b: Int) {
        if let st = crew.members[b].station { handOverStation(st, from: b) }
    }

    /// Kept out of line: most shops have no stations, and the hot paths stay small.
    mutating func handOverStation(_ st: Int, from b: Int) {
        guard let next = crew.handOver(st, from: b) else { return }
        switchThenWork(next.barista, order: next.order, step: next.step, needSwitch: next.switches || shop.left(next.order, next.step) != nil)
    }

    // MARK: Orders

    @inline(__always)
    mutating func acknowledge(_ o: Slot<OrderRecord>) {
        if let wait = shop.acknowledge(o) { tally.counterWait.record(wait) }
    }

    /// Every step done: the customer has the drink.
    @inline(__always)
    mutating func checkServed(_ o: Slot<OrderRecord>) {
        let r = shop.orders[o]
        if r.open, r.done == shop.recipes[Int(r.item)].allSteps { serve(o) }
    }

    mutating func serve(_ o: Slot<OrderRecord>) {
        let r = shop.orders[o]
        let lead = shop.now - r.arrival
        tally.lead.record(lead)
        tally.served += 1
        let recipe = shop.recipes[Int(r.item)]
        if r.cold {
            tally.cold += 1
            tally.waste += recipe.cost
        } else {
            tally.revenue += recipe.price
        }
        emit(.orderServed(order: r.number, leadTime: lead, cold: r.cold))
        closeOrder(o)
    }

    /// Inlined: once an order, at the end of `serve` (and of `leave`), where a call cost more than the body.
    @inline(__always)
    mutating func closeOrder(_ o: Slot<OrderRecord>) {
        tally.advanceWIP(to: shop.now, open: shop.openOrders)
        shop.close(o)
    }
}
