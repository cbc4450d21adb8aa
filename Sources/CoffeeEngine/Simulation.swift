/// One shift of a shop driven by a strategy: a discrete-event simulation on integer ticks.
/// Single-threaded and deterministic: the same config, strategy and seed give the same events.
public struct Simulation<S: Strategy> {
    public internal(set) var shop: ShopState
    public internal(set) var strategy: S
    public let seed: UInt64
    public let limits: EngineLimits
    public internal(set) var status: ShiftStatus = .running {
        didSet { running = status == .running }
    }
    /// `status == .running`, kept as a flag: the hot loop tests it at every step.
    var running = true
    public internal(set) var digest = EventDigest()
    /// Called with every event as it happens (the UI, the store, a log).
    public var observer: ((Int, ShopEvent) -> Void)?

    // The core: the clock (`shop.now`) and the event queue.
    var queue = EventQueue()
    // The parts, each keeping its own records and counters (`shop` holds the orders and the
    // machine bank, which strategies read).
    /// The customers still to come.
    var door: Door
    var tasks = TaskTable<S.TaskState>()
    var ready: ReadyQueues
    /// The baristas, their time, their stations and who is to be woken.
    var crew: Crew
    var spawner = Spawner<S.TaskState>()
    var tally: MetricsAccumulator
    /// Attribute every barista tick to a line of the strategy (`lineProfile`): only for a strategy
    /// whose type says so (`LineProfiled`), decided when the engine is specialised for it, so a
    /// shift of any other strategy pays nothing. The crew keeps the profile.
    var profiling: Bool { S.attributesLines }

    public init(config: ShopConfig, strategy: S, seed: UInt64, limits: EngineLimits = EngineLimits()) {
        shop = ShopState(config: config)
        self.strategy = strategy
        self.seed = seed
        self.limits = limits
        door = Door(config: config, seed: seed)
        let roles = strategy.crew
        crew = Crew(roles: roles, stations: config.stations?.count ?? 0)
        ready = ReadyQueues(roles: crew.roleCount)
        tally = MetricsAccumulator(duration: config.duration)
        if let problem = Self.configProblem(config, crew: roles) { fail(problem, barista: nil, limit: nil) }
        scheduleNextArrival()
        queue.schedule(at: config.duration + config.closing, .closing)
        // A timer fires while the shop is open; a period past the duration (or past UInt32) never does.
        for (i, period) in strategy.timers.enumerated() where period > 0 && period < config.duration && period <= Int(UInt32.max) {
            queue.schedule(at: period, .timer, Int32(i), UInt32(period))
        }
    }

    public var isFinished: Bool { !running }

    /// What the engine cannot run, checked before the shift begins (a level loader checks the
    /// same and more, with places in the file; the engine does not rely on it).
    static func configProblem(_ config: ShopConfig, crew: [Int]) -> String? {
        if crew.isEmpty { return "no baristas hired" }
        if config.menu.isEmpty { return "nothing on the menu" }
        if let role = crew.first(where: { $0 < 0 }) { return "a barista has role \(role); roles are 0 or more" }
        for item in config.menu {
            // A recipe's steps are bits of one 64-bit word.
            if item.steps.count > ShopConfig.maxSteps {
                return "\(item.name) has \(item.steps.count) steps; a recipe has at most \(ShopConfig.maxSteps)"
            }
            for step in item.steps {
                if let m = step.machine, m < 0 || m >= config.machines.count {
                    return "'\(step.name)' of \(item.name) runs on machine \(m), but the shop has \(config.machines.count)"
                }
                if let d = step.after.first(where: { $0 < 0 || $0 >= item.steps.count }) {
                    return "'\(step.name)' of \(item.name) comes after step \(d), but the recipe has \(item.steps.count) steps"
                }
            }
        }
        return nil
    }

    /// Storage of this simulation's own before it changes: a copy taken earlier (of the whole
    /// simulation or of its shop) keeps its state. One check for all of it: see `CopyToken`.
    @inline(__always)
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&shop.copyToken) { detachStorage() }
    }

    @inline(never)
    mutating func detachStorage() {
        shop.copyToken = CopyToken()
        // Each part gives every slab it has storage of its own.
        shop.orders.detach()
        shop.bank.detach()
        tasks.detach()
        ready.detach()
        crew.detach()
        queue.detach()
    }
    /// No customer will come and none is left: idle handlers stop spawning.
    var isFinishedShop: Bool { door.closed && shop.openOrders == 0 }
    /// The tick of the next thing to happen, if the shift is still on.
    public var nextEventTick: Int? { isFinished ? nil : queue.nextTime }

    /// Runs to the end of the shift.
    public mutating func run() {
        while running { step() }
    }

    /// Runs every event up to and including `tick` (the UI's clock).
    public mutating func run(until tick: Int) {
        while running, let t = queue.nextTime, t <= tick { step() }
        if running, tick > shop.now { shop.now = tick }
    }

    /// Handles the next event and everything it sets off at that tick. Inlined into the loops of
    /// `run()` and `run(until:)`: a shift takes five or six steps an order, and the handlers it
    /// calls stay out of line, so the loop spares a call's entry and exit at each.
    @inline(__always)
    public mutating func step() {
        makeUnique()
        guard running, let e = queue.pop() else {
            if running { endShift() }
            return
        }
        shop.now = e.time
        ready.eventBegins()
        if !crew.parked.isEmpty { crew.wakeParked() }
        switch e.kind {
        case .arrival: handleArrival(Int(e.a))
        case .machineDone: handleMachineDone(job: Slot(e.a))
        case .activityDone: handleActivityDone(barista: Int(e.a), token: e.b)
        case .taskWake: handleTaskWake(Slot(e.a), token: e.b)
        case .timer: handleTimer(Int(e.a), period: Int(e.b))
        case .ackDeadline: handleDeadline(Slot(e.a), generation: e.b, reason: .notAcknowledged)
        case .serveDeadline: handleDeadline(Slot(e.a), generation: e.b, reason: .notServed)
        case .closing: handleClosing()
        }
        drainWakeList()
        if running, door.closed, shop.openOrders == 0 { endShift() }
    }

    // MARK: Events out

    @inline(__always)
    mutating func emit(_ event: ShopEvent) {
        digest.add(tick: shop.now, event)
        if let observer { observer(shop.now, event) }
    }

    mutating func fail(_ message: String, barista: Int?, limit: String?) {
        guard running else { return }
        status = .failed(ShiftFailure(tick: shop.now, barista: barista, limit: limit, message: message))
        finalize()
    }

    mutating func endShift() {
        guard running else { return }
        status = .finished
        finalize()
        emit(.shiftEnded)
    }

    mutating func finalize() {
        tally.endTick = shop.now
        crew.close(at: shop.now, profiling: profiling)
        shop.bank.account(to: shop.now)
        tally.advanceWIP(to: shop.now, open: shop.openOrders)
    }

    // MARK: Barista time

    /// Closes the current stretch of a barista's time and opens one of class `c`.
    @inline(__always)
    mutating func setClass(_ b: Int, _ c: TickClass) {
        if let e = crew.setClass(b, c, at: shop.now, profiling: profiling) { emit(e) }
    }

    /// Starts a timed activity: its end comes back as `activityDone` unless cut short first.
    @inline(__always)
    mutating func begin(_ b: Int, _ activity: Activity, _ c: TickClass, ticks: Int) {
        let token = crew.begin(b, activity, at: shop.now, ticks: ticks)
        setClass(b, c)
        queue.schedule(at: shop.now + ticks, .activityDone, Int32(b), token)
    }
}
