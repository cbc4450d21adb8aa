/// The live tasks: the engine's record of each (`TaskRecord`) beside the strategy's own state of
/// it, in slots reused once a task is over. Only these calls change a task's record, so the
/// count of urgent ready tasks is kept here, where every change of state is (`OwnershipTests`
/// checks that the rules in `Simulation+*.swift` write no record themselves).
///
///     create → ready → running → ready (yields, is preempted or sent) | sleeping | awaiting |
///     queuedForSlot (each back to ready when woken) | free (finished, or its customer left)
struct TaskTable<State> {
    var records = SlotTable<TaskRecord>()
    /// The strategy's state of each task, by slot (a free slot keeps its last task's until reused).
    var states = Slab<State>()
    /// Tasks alive now.
    var live = 0
    /// Tasks created so far in the shift: a task's creation number breaks ties in its ready queue.
    var created: UInt64 = 0
    /// Every sleep gets a token no other sleep of the shift has, so the end of an earlier sleep
    /// (of this task, or of another task in the same slot) never wakes it.
    var sleeps: UInt32 = 0
    /// Urgent tasks that are ready: while none, no safe-point check is needed between actions.
    var urgentReady = 0

    @inline(__always)
    subscript(slot: Slot<TaskRecord>) -> TaskRecord {
        unsafeAddress { UnsafePointer(records.records.address(slot.int)) }
        nonmutating unsafeMutableAddress { records.records.address(slot.int) }
    }

    var indices: Range<Int> { records.indices }

    /// A new task, ready to be queued.
    @inline(__always)
    mutating func create(_ state: State, order: OrderID?, role: Int, priority: TaskPriority) -> Slot<TaskRecord> {
        let slot = records.allocate()
        if slot.int == states.count { states.append(state) } else { states[slot.int] = state }
        created += 1
        live += 1
        let number = created
        modify(&self[slot]) { t in
            t.order = order
            t.role = role
            t.priority = priority
            t.created = number
        }
        return slot
    }

    /// The task is over: its slot is free and handles to it are stale.
    @inline(__always)
    mutating func free(_ slot: Slot<TaskRecord>) {
        if self[slot].state == .ready, self[slot].priority == .urgent { urgentReady -= 1 }
        self[slot].state = .free
        live -= 1
        records.release(slot)
    }

    /// The task is ready to run (the caller puts it in its role's ready queue). Returns its
    /// record, marked and read in one access.
    @inline(__always) @discardableResult
    mutating func markReady(_ slot: Slot<TaskRecord>) -> TaskRecord {
        let (t, newlyReady) = modify(&self[slot]) { t -> (TaskRecord, Bool) in
            let newlyReady = t.state != .ready
            t.state = .ready
            return (t, newlyReady)
        }
        if t.priority == .urgent, newlyReady { urgentReady += 1 }
        return t
    }

    /// Barista `b` runs the task, which was ready. Returns what the task does first, and only this
    /// once: the task's `pending` goes back to asking with no result, so an answer it was owed
    /// (the result it was put down with at a safe point) is not heard again the next time it runs.
    @inline(__always)
    mutating func run(_ slot: Slot<TaskRecord>, by b: Int) -> Pending {
        let (urgent, pending) = modify(&self[slot]) { t -> (Bool, Pending) in
            t.state = .running
            t.barista = b
            let first = t.pending
            t.pending = .ask(.none)
            return (t.priority == .urgent, first)
        }
        if urgent { urgentReady -= 1 }
        return pending
    }

    /// The task sleeps; its wake-up carries the token returned.
    @inline(__always)
    mutating func sleep(_ slot: Slot<TaskRecord>) -> UInt32 {
        sleeps &+= 1
        self[slot].state = .sleeping
        self[slot].wakeToken = sleeps
        return sleeps
    }

    /// The running task lets its barista go until the product is done (`await`).
    @inline(__always)
    mutating func await(_ slot: Slot<TaskRecord>) { self[slot].state = .awaiting }

    /// The running task lets its barista go until a slot of the machine is promised to it.
    @inline(__always)
    mutating func queueForSlot(_ slot: Slot<TaskRecord>) { self[slot].state = .queuedForSlot }

    /// The task waits on a product (`wait` or `await`), or, with `.none`, no longer does.
    @inline(__always)
    mutating func waitOn(_ slot: Slot<TaskRecord>, _ job: Slot<JobRecord>) { self[slot].waitingOn = job }

    /// What the task does when it next gets a barista, before the strategy is asked again.
    @inline(__always)
    mutating func setPending(_ slot: Slot<TaskRecord>, _ pending: Pending) { self[slot].pending = pending }

    /// The task is sent to the baristas of another role.
    mutating func send(_ slot: Slot<TaskRecord>, to role: Int) { self[slot].role = role }

    /// The public handle of a live task.
    @inline(__always)
    func id(_ slot: Slot<TaskRecord>) -> TaskID { TaskID(slot: slot.index, generation: self[slot].generation) }

    /// Storage of its own, shared with no copy (see `CopyToken`).
    mutating func detach() {
        records.detach()
        states.detach()
    }
}

enum TaskRunState: UInt8 {
    case free, ready, running, sleeping, awaiting, queuedForSlot
}

/// What a task does when it next gets a barista, before the strategy is asked again.
enum Pending: Equatable {
    case ask(ActionResult)
    case resume(OrderID, step: Int)
    case load(JobID)
}

struct TaskRecord: SlotRecord {
    static var renumbersOnAllocation: Bool { false }
    var generation: UInt32 = 0
    var state: TaskRunState = .free
    var order: OrderID?
    var role = 0
    var priority: TaskPriority = .normal
    /// The barista running it: meaningful only while `state == .running`.
    var barista = 0
    var pending: Pending = .ask(.none)
    var created: UInt64 = 0
    /// The token of its current sleep (see `TaskTable.sleeps`).
    var wakeToken: UInt32 = 0
    /// The product an awaiting (or blocked) task waits on.
    var waitingOn = Slot<JobRecord>.none
}
