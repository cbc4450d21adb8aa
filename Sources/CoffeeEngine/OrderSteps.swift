/// An order's steps, kept as bit masks of its `OrderRecord` (bit s is step s): begun
/// (`started`), under a barista's hands now (`busy`), paused with progress kept (`paused`, the
/// ticks left in `partial`) and done; for machine steps, a product waiting in its slot (`ready`)
/// or collected ahead and still cooling (`held`); and `cold`, once any product waited too long.
/// Only these calls and the counter's (`Counter.swift`) change an order's record; the rules in
/// `Simulation+*.swift` call them (`OwnershipTests` checks that they write no record themselves).
extension ShopState {
    // MARK: Barista work

    /// A barista begins worker step `s`, or resumes it: returns whether it resumes progress kept
    /// from a pause (and so may cost a switch).
    @inline(__always)
    mutating func beginWork(_ o: Slot<OrderRecord>, _ s: Int) -> Bool {
        let bit = stepBit(s)
        let paused = modify(&orders[o]) { r -> Bool in
            r.busy |= bit
            r.started |= bit
            return r.paused & bit != 0
        }
        return paused && left(o, s) != nil
    }

    /// Worker step `s`, of `ticks` ticks, is done: they leave the order's work left. Returns the
    /// order's running number (read in the same access, for the event).
    @inline(__always)
    mutating func finishWork(_ o: Slot<OrderRecord>, _ s: Int, ticks: Int) -> Int {
        clearLeft(o, s)
        let bit = stepBit(s)
        return modify(&orders[o]) { r -> Int in
            r.busy &= ~bit
            r.done |= bit
            r.workLeft -= ticks
            return r.number
        }
    }

    /// The barista stops worker step `s` with `left` ticks of it to go, kept for whoever resumes it.
    mutating func pauseWork(_ o: Slot<OrderRecord>, _ s: Int, left: Int) {
        setLeft(o, s, left)
        orders[o].busy &= ~stepBit(s)
    }

    /// The customer has left: no barista is on the order any more, and paused progress is forgotten.
    mutating func dropWork(_ o: Slot<OrderRecord>) {
        orders[o].busy = 0
        for s in 0..<recipes[Int(orders[o].item)].steps { setLeft(o, s, nil) }
    }

    /// Ticks left of a paused step, if it was paused (most steps never are).
    @inline(__always)
    func left(_ o: Slot<OrderRecord>, _ s: Int) -> Int? {
        orders[o].paused & stepBit(s) == 0 ? nil : partial[o.int << 6 | s]
    }

    /// Forgets a paused step's progress, if it has any.
    @inline(__always)
    mutating func clearLeft(_ o: Slot<OrderRecord>, _ s: Int) {
        if orders[o].paused & stepBit(s) != 0 { setLeft(o, s, nil) }
    }

    /// Keeps (or, with `nil`, forgets) the ticks left of a paused step.
    mutating func setLeft(_ o: Slot<OrderRecord>, _ s: Int, _ left: Int?) {
        if let left {
            orders[o].paused |= stepBit(s)
            partial[o.int << 6 | s] = left
        } else if orders[o].paused & stepBit(s) != 0 {
            orders[o].paused &= ~stepBit(s)
            partial.removeValue(forKey: o.int << 6 | s)
        }
    }

    // MARK: Machine steps

    /// Machine step `s` is begun: `job`, its product, is now the order's newest.
    @inline(__always)
    mutating func beginMachineStep(_ o: Slot<OrderRecord>, _ s: Int, job: Slot<JobRecord>) {
        modify(&orders[o]) { r in
            r.firstJob = job
            r.started |= stepBit(s)
        }
    }

    /// The product of machine step `s` is done and waits in its slot.
    @inline(__always)
    mutating func productReady(_ o: Slot<OrderRecord>, _ s: Int) {
        orders[o].ready |= stepBit(s)
    }

    /// The product of machine step `s` is taken out of its slot, and the step is done. A cold
    /// product makes the drink cold; one collected `ahead` of the step that uses it keeps cooling
    /// until that step begins (`useHeld`).
    @inline(__always)
    mutating func productCollected(_ o: Slot<OrderRecord>, _ s: Int, cold: Bool, ahead: Bool) {
        let bit = stepBit(s)
        modify(&orders[o]) { r in
            if cold {
                r.cold = true
            } else if ahead {
                r.held |= bit
            }
            r.done |= bit
            r.ready &= ~bit
        }
    }

    /// A step begins with products collected ahead (the machine steps in `steps`, a bit mask):
    /// any that waited longer than the cooling limit since it was done makes the drink cold.
    mutating func useHeld(_ o: Slot<OrderRecord>, _ steps: UInt64) {
        orders[o].held &= ~steps
        var j = orders[o].firstJob
        while j.exists {
            let job = bank.jobs[j]
            if job.state == .collected, steps & stepBit(Int(job.step)) != 0, now - job.doneAt > config.coolingLimit {
                orders[o].cold = true
            }
            j = job.nextOfOrder
        }
    }

    // MARK: Tasks bound to the order

    /// A task is bound to the order: its slot is kept while the task lives.
    @inline(__always)
    mutating func bindTask(to o: Slot<OrderRecord>) {
        orders[o].refs += 1
    }

    /// A task bound to the order is over: a closed order no task refers to is freed.
    @inline(__always)
    mutating func unbindTask(from o: Slot<OrderRecord>) {
        orders[o].refs -= 1
        releaseIfUnused(o)
    }
}

/// The bit of step `s` in an order's step masks (`started`, `done`, `busy`, …), for a step the
/// engine has already checked: 0 up to the recipe's steps, which are at most 64 (see
/// `Simulation.configProblem` and `checkStep`). For such a step a masking shift is the same bit
/// as `1 << s`, without the range tests a smart shift makes for counts past 63 or below 0, on
/// paths taken several times an order. The strategies' queries (`isDone`, `isStarted`) take any
/// integer and keep `<<`.
@inline(__always)
func stepBit(_ s: Int) -> UInt64 { 1 &<< UInt64(truncatingIfNeeded: s) }
