/// The baristas: what each is doing, their time by tick class (and, while profiling, by line of
/// the strategy), the stations they work at, and who is to be offered a ready task once the
/// current event is handled. The crew alone changes a barista's record (its task, activity, tick
/// class, time, station and decisions per tick: `OwnershipTests` checks that the rules in
/// `Simulation+*.swift` write none of it); what it wants the shop to hear it returns, for the core
/// to emit.
struct Crew {
    var members: Slab<BaristaState>
    /// Roles run from 0 to `roleCount - 1`.
    let roleCount: Int
    var stations: StationPool
    /// Baristas to offer a ready task once the current event is handled, in the order woken
    /// (the first `wakeCount`; each is listed at most once, so the list never outgrows the crew).
    var wakeList = Slab<Int>()
    var wakeCount = 0
    /// Baristas standing idle because every ready task of their role yielded: woken by the next event.
    var parked: [Int] = []
    /// Ticks by line, kept only while profiling (see `LineProfiled`).
    var profile = LineProfile()

    init(roles: [Int], stations: Int) {
        members = Slab(roles.map { BaristaState(role: $0) })
        roleCount = (roles.max() ?? 0) + 1
        self.stations = StationPool(count: stations)
    }

    var count: Int { members.count }
    var indices: Range<Int> { 0..<members.count }

    /// The first barista of the role with no task, if any.
    @inline(__always)
    func firstFree(role: Int) -> Int? {
        members.indices.first { members[$0].role == role && members[$0].task.isNone }
    }

    func has(role: Int) -> Bool { role >= 0 && role < roleCount && members.contains { $0.role == role } }

    // MARK: Tasks and activities

    /// Barista `b` runs task `slot`.
    @inline(__always)
    mutating func take(_ slot: Slot<TaskRecord>, by b: Int) { members[b].task = slot }

    /// Barista `b` puts its task down unfinished (it goes back to its ready queue).
    @inline(__always)
    mutating func putDown(_ b: Int) { members[b].task = .none }

    /// Barista `b`'s timed activity is over, or it has none to begin.
    @inline(__always)
    mutating func endActivity(_ b: Int) { members[b].activity = .none }

    /// Barista `b` stands at the machine until the product is done (`wait`), holding its task.
    @inline(__always)
    mutating func block(_ b: Int, on job: Slot<JobRecord>) { members[b].activity = .blocked(job: job) }

    /// Counts an action that takes no time chosen for barista `b` at `now`: false once it is more
    /// than `limit` in that tick (the sandbox's `decisionsPerTick`).
    @inline(__always)
    mutating func countDecision(_ b: Int, at now: Int, limit: Int) -> Bool {
        modify(&members[b]) { s -> Bool in
            if s.decisionTick != now {
                s.decisionTick = now
                s.decisions = 0
            }
            s.decisions &+= 1
            return s.decisions <= limit
        }
    }

    /// Whether the strategy is still to hear that barista `b` stands idle at `now`, which it hears
    /// at most once a tick (an idle handler that spends no time waits for the next event).
    @inline(__always)
    mutating func firstIdle(_ b: Int, at now: Int) -> Bool {
        guard members[b].idleTick != now else { return false }
        members[b].idleTick = now
        return true
    }

    // MARK: Time

    /// Closes the barista's stretch of time at `now` and opens one of class `c`. The same class
    /// again: the stretch goes on and there is nothing to tell.
    @inline(__always)
    mutating func setClass(_ b: Int, _ c: TickClass, at now: Int, profiling: Bool) -> ShopEvent? {
        if profiling, members[b].tickClass != c { closeLine(b, at: now) }
        let s = members.address(b)
        guard s.pointee.tickClass != c else { return nil }
        s.pointee.ticks.add(s.pointee.tickClass, now - s.pointee.since)
        s.pointee.since = now
        s.pointee.tickClass = c
        return .baristaState(barista: b, state: c)
    }

    /// A timed activity from `now` for `ticks`; returns the token its end must carry.
    @inline(__always)
    mutating func begin(_ b: Int, _ activity: Activity, at now: Int, ticks: Int) -> UInt32 {
        modify(&members[b]) { s -> UInt32 in
            s.activity = activity
            s.until = now + ticks
            s.busySince = now
            return s.token
        }
    }

    /// Cuts the barista's activity short: its pending end is ignored from now on.
    mutating func interrupt(_ b: Int) {
        members[b].token &+= 1
        members[b].activity = .none
    }

    /// The shift is over at `now`: every barista's open stretch is counted.
    mutating func close(at now: Int, profiling: Bool) {
        for b in members.indices {
            if profiling { closeLine(b, at: now) }
            modify(&members[b]) { s in
                s.ticks.add(s.tickClass, now - s.since)
                s.since = now
            }
        }
    }

    // MARK: Lines (profiling only)

    /// Closes the barista's stretch on its current line and class at `now`, and puts it on `line`.
    @inline(never)
    mutating func attribute(_ b: Int, to line: Int, at now: Int) {
        closeLine(b, at: now)
        profile.now[b].line = line
    }

    /// Adds the ticks since the barista's last line or class change to its current line and class.
    @inline(never)
    mutating func closeLine(_ b: Int, at now: Int) {
        if profile.ticks.isEmpty {
            profile.ticks = Array(repeating: [:], count: members.count)
            profile.now = Array(repeating: (0, 0), count: members.count)
        }
        profile.close(b, at: now, as: members[b].tickClass)
    }

    // MARK: Waking

    /// The barista is to be offered a ready task once the current event is handled.
    @inline(__always)
    mutating func queueWake(_ b: Int) {
        let s = members.address(b)
        guard !s.pointee.wakeQueued else { return }
        s.pointee.wakeQueued = true
        listWoken(b)
    }

    /// The barista lets go of its task (it sleeps, queues, or is over) and is to be offered the next.
    @inline(__always)
    mutating func letGo(_ b: Int) {
        let s = members.address(b)
        s.pointee.task = .none
        s.pointee.activity = .none
        guard !s.pointee.wakeQueued else { return }
        s.pointee.wakeQueued = true
        listWoken(b)
    }

    @inline(__always)
    mutating func listWoken(_ b: Int) {
        if wakeCount < wakeList.count { wakeList[wakeCount] = b } else { wakeList.append(b) }
        wakeCount += 1
    }

    /// The `i`th barista of the wake list, which is no longer queued to wake.
    @inline(__always)
    mutating func woken(_ i: Int) -> Int {
        let b = wakeList[i]
        members[b].wakeQueued = false
        return b
    }

    /// Every barista on the wake list has been offered a task.
    @inline(__always)
    mutating func clearWakeList() { wakeCount = 0 }

    /// Every ready task of the barista's role yielded during this event: it stands idle until the next.
    mutating func park(_ b: Int) {
        guard !members[b].parked else { return }
        members[b].parked = true
        parked.append(b)
    }

    /// The next event has come: parked baristas with no task look at their queue again.
    mutating func wakeParked() {
        for b in parked {
            members[b].parked = false
            if members[b].task.isNone { queueWake(b) }
        }
        parked.removeAll(keepingCapacity: true)
    }

    // MARK: Stations

    /// Barista `b` takes free station `st`; returns whether that costs a switch (someone else used it last).
    mutating func takeStation(_ st: Int, by b: Int) -> Bool {
        members[b].station = st
        return stations.take(st, by: b)
    }

    /// Barista `b` queues for a station to work on the step; the core counts it as waiting.
    mutating func queueForStation(_ b: Int, order o: Slot<OrderRecord>, step s: Int) {
        stations.queue(b)
        members[b].activity = .stationQueue(order: o, step: s)
    }

    /// Barista `b` gives back station `st`, and the first barista still queued for one takes it:
    /// returns that barista, the step it waited to work on and whether taking over costs a switch.
    mutating func handOver(_ st: Int, from b: Int) -> (barista: Int, order: Slot<OrderRecord>, step: Int, switches: Bool)? {
        stations.leave(st, by: b)
        members[b].station = nil
        defer { stations.compact() }
        while let next = stations.nextWaiting() {
            guard case .stationQueue(let o, let s) = members[next].activity else { continue }
            return (next, o, s, takeStation(st, by: next))
        }
        return nil
    }

    /// Barista `b` stops waiting for a station, if it was.
    mutating func leaveStationQueue(_ b: Int) {
        if case .stationQueue = members[b].activity { stations.remove(b) }
    }

    /// Storage of its own, shared with no copy (see `CopyToken`).
    mutating func detach() {
        members.detach()
        wakeList.detach()
    }

    /// Stations and baristas checked against each other (for tests): one line per broken rule.
    func invariantViolations() -> [String] {
        var problems: [String] = []
        for st in 0..<stations.count {
            if let user = stations.user[st], members[user].station != st {
                problems.append("station \(st) used by barista \(user), who is not at it")
            }
        }
        for b in members.indices {
            if let st = members[b].station, stations.user[st] != b { problems.append("barista \(b) at station \(st), which has \(String(describing: stations.user[st]))") }
        }
        return problems
    }
}
