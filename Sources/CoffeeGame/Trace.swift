import CoffeeEngine

/// A shift in the Chrome trace event format (Perfetto and `chrome://tracing` open it): one track
/// per barista (process 1) and per machine slot (process 2), a complete event per step, wait or
/// poll with its order, a brew and a hold per machine product, a flow arrow per served order from
/// its first step to its last (a step cut short by its customer leaving has `left: 1`), and counters for the queue and the orders in the shop (process 3).
/// One tick is one millisecond (`ts` and `dur` are in microseconds).
public struct ChromeTrace: Sendable, Encodable {
    /// A value of an event's `args`.
    public enum Arg: Sendable, Encodable, Hashable {
        case int(Int)
        case text(String)

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .int(let n): try c.encode(n)
            case .text(let s): try c.encode(s)
            }
        }
    }

    /// One trace event, with the fields the format names.
    public struct Event: Sendable, Encodable, Hashable {
        public var name: String
        public var cat: String
        public var ph: String
        public var ts: Int
        public var dur: Int?
        public var pid: Int
        public var tid: Int
        public var id: Int?
        public var bp: String?
        public var args: [String: Arg]?
    }

    public var traceEvents: [Event]
    public var displayTimeUnit = "ms"

    /// Microseconds of a tick.
    public static let tickMicros = 1000
    static let baristaProcess = 1, machineProcess = 2, shopProcess = 3

    /// The trace of a shift from its own event log (`(tick, event)`, in order), on `config`, with
    /// `baristas` baristas.
    public init(config: ShopConfig, baristas: Int, log: [(Int, ShopEvent)]) {
        var b = Builder(config: config, baristas: baristas)
        for (tick, e) in log { b.add(tick, e) }
        traceEvents = b.finish()
    }
}

/// Folds the event log into trace events.
private struct Builder {
    let config: ShopConfig
    var events: [ChromeTrace.Event] = []
    var itemOf: [Int: Int] = [:]
    /// Barista: the step it is doing (order, step, since).
    var doing: [(order: Int, step: Int, since: Int)?]
    /// Barista: the class it is in and since when, and the order it last worked on.
    var state: [(TickClass, Int)]
    var lastOrder: [Int?]
    /// Job: (machine, slot track, order, started, done).
    var jobs: [Int: (machine: Int, track: Int, order: Int, started: Int, done: Int?)] = [:]
    var busyTracks: Set<Int> = []
    /// Order: the first step's start and barista; the last step's start and barista.
    var first: [Int: (Int, Int)] = [:]
    var last: [Int: (Int, Int)] = [:]
    var waiting = 0, inShop = 0

    init(config: ShopConfig, baristas: Int) {
        self.config = config
        doing = Array(repeating: nil, count: baristas)
        state = Array(repeating: (.idle, 0), count: baristas)
        lastOrder = Array(repeating: nil, count: baristas)
        meta("baristas", pid: ChromeTrace.baristaProcess)
        meta("machines", pid: ChromeTrace.machineProcess)
        meta("shop", pid: ChromeTrace.shopProcess)
        for i in 0..<baristas { thread("b\(i)", pid: ChromeTrace.baristaProcess, tid: i) }
        for (m, machine) in config.machines.enumerated() {
            for s in 0..<machine.slots { thread("\(TerminalSafe.line(machine.name)) slot \(s + 1)", pid: ChromeTrace.machineProcess, tid: track(m, s)) }
        }
    }

    /// The machine slot's track number: machine kind × 1000 + slot.
    func track(_ machine: Int, _ slot: Int) -> Int { machine * 1000 + slot }

    mutating func meta(_ name: String, pid: Int) {
        events.append(.init(name: "process_name", cat: "__metadata", ph: "M", ts: 0, pid: pid, tid: 0, args: ["name": .text(name)]))
    }

    mutating func thread(_ name: String, pid: Int, tid: Int) {
        events.append(.init(name: "thread_name", cat: "__metadata", ph: "M", ts: 0, pid: pid, tid: tid, args: ["name": .text(name)]))
    }

    static func us(_ tick: Int) -> Int { tick * ChromeTrace.tickMicros }

    func stepName(_ order: Int, _ step: Int) -> String {
        guard let item = itemOf[order], config.menu.indices.contains(item), config.menu[item].steps.indices.contains(step) else {
            return "step \(step)"
        }
        return TerminalSafe.line(config.menu[item].steps[step].name)
    }

    func orderArgs(_ order: Int?) -> [String: ChromeTrace.Arg] {
        guard let order else { return [:] }
        var args: [String: ChromeTrace.Arg] = ["order": .int(order)]
        if let item = itemOf[order], config.menu.indices.contains(item) { args["item"] = .text(TerminalSafe.line(config.menu[item].name)) }
        return args
    }

    mutating func complete(_ name: String, _ cat: String, pid: Int, tid: Int, from: Int, to: Int, args: [String: ChromeTrace.Arg]) {
        events.append(.init(name: name, cat: cat, ph: "X", ts: Self.us(from), dur: Self.us(to - from), pid: pid, tid: tid, args: args))
    }

    mutating func counters(_ tick: Int) {
        events.append(.init(name: "orders", cat: "flow", ph: "C", ts: Self.us(tick), pid: ChromeTrace.shopProcess, tid: 0,
                            args: ["queue": .int(waiting), "in shop": .int(inShop)]))
    }

    mutating func endStep(_ b: Int, at tick: Int, paused: Bool, left: Bool = false) {
        guard doing.indices.contains(b), let d = doing[b] else { return }
        var args = orderArgs(d.order)
        args["step"] = .int(d.step)
        if paused { args["paused"] = .int(1) }
        if left { args["left"] = .int(1) }
        complete(stepName(d.order, d.step), "step", pid: ChromeTrace.baristaProcess, tid: b, from: d.since, to: tick, args: args)
        doing[b] = nil
    }

    mutating func add(_ tick: Int, _ e: ShopEvent) {
        switch e {
        case .orderArrived(let o, let item):
            itemOf[o] = item
            waiting += 1
            inShop += 1
            counters(tick)
        case .customerLeft(let o, _):
            // A step the customer walked out of ends there (the engine emits no finish for it).
            for b in doing.indices where doing[b]?.order == o { endStep(b, at: tick, paused: false, left: true) }
            if first[o] == nil { waiting -= 1 }
            inShop -= 1
            counters(tick)
        case .orderServed(let o, _, _):
            inShop -= 1
            counters(tick)
            if let (start, b0) = first[o], let (end, b1) = last[o] {
                events.append(.init(name: "order #\(o)", cat: "order", ph: "s", ts: Self.us(start), pid: ChromeTrace.baristaProcess, tid: b0, id: o))
                events.append(.init(name: "order #\(o)", cat: "order", ph: "f", ts: Self.us(end), pid: ChromeTrace.baristaProcess, tid: b1, id: o, bp: "e"))
            }
        case .stepStarted(let b, let o, let s):
            guard doing.indices.contains(b) else { return }
            endStep(b, at: tick, paused: true)
            doing[b] = (o, s, tick)
            lastOrder[b] = o
            if first[o] == nil {
                first[o] = (tick, b)
                waiting -= 1
                counters(tick)
            }
            last[o] = (tick, b)
        case .stepPaused(let b, _, _, _):
            endStep(b, at: tick, paused: true)
        case .stepFinished(let b, _, _):
            endStep(b, at: tick, paused: false)
        case .machineStarted(let j, let m, let o, let b):
            if lastOrder.indices.contains(b) { lastOrder[b] = o }
            guard config.machines.indices.contains(m) else { return }
            let slot = (0..<config.machines[m].slots).first { !busyTracks.contains(track(m, $0)) } ?? 0
            busyTracks.insert(track(m, slot))
            jobs[j] = (m, track(m, slot), o, tick, nil)
        case .machineDone(let j, _):
            guard let job = jobs[j] else { return }
            complete("brew", "machine", pid: ChromeTrace.machineProcess, tid: job.track, from: job.started, to: tick, args: orderArgs(job.order))
            jobs[j]?.done = tick
        case .machineCollected(let j, _, _, _), .productDiscarded(let j, _):
            guard let job = jobs.removeValue(forKey: j) else { return }
            if let done = job.done {
                complete("holding", "machine", pid: ChromeTrace.machineProcess, tid: job.track, from: done, to: tick, args: orderArgs(job.order))
            }
            busyTracks.remove(job.track)
        case .baristaState(let b, let c):
            closeState(b, at: tick)
            if state.indices.contains(b) { state[b] = (c, tick) }
        case .shiftEnded:
            for b in state.indices { closeState(b, at: tick) }
        default:
            break
        }
    }

    /// A wait or a poll becomes one complete event, with the barista's order.
    mutating func closeState(_ b: Int, at tick: Int) {
        guard state.indices.contains(b) else { return }
        let (c, since) = state[b]
        state[b] = (c, tick)
        guard tick > since, c == .waiting || c == .polling else { return }
        complete(c == .waiting ? "wait" : "poll", c.name, pid: ChromeTrace.baristaProcess, tid: b, from: since, to: tick,
                 args: orderArgs(lastOrder[b]))
    }

    func finish() -> [ChromeTrace.Event] { events }
}
