import CoffeeEngine

/// What one timeline cell shows: a barista's tick class, or the state of a machine slot.
public enum LaneMark: UInt8, Sendable, Hashable {
    case idle, valueAdding, waiting, polling, switching
    case empty, loading, brewing, done

    init(_ c: TickClass) {
        switch c {
        case .valueAdding: self = .valueAdding
        case .waiting: self = .waiting
        case .polling: self = .polling
        case .switching: self = .switching
        case .idle: self = .idle
        }
    }
}

/// A stretch of a lane from `start` until the next span starts (or now).
public struct Span: Sendable, Hashable {
    public var start: Int
    public var mark: LaneMark
    /// The order's running number, or -1.
    public var order: Int32
}

/// One row of the shop-frame timeline: a barista, or one slot of a machine.
public struct Lane: Sendable, Hashable {
    public enum Owner: Sendable, Hashable {
        case barista(Int)
        case slot(machine: Int, slot: Int)
    }
    public let owner: Owner
    public internal(set) var spans: [Span] = []

    /// The span covering `tick`, by binary search.
    public func span(at tick: Int) -> Span? { index(at: tick).map { spans[$0] } }

    func index(at tick: Int) -> Int? {
        var lo = 0, hi = spans.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if spans[mid].start <= tick { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }
}

/// A line of the event log.
public struct LogLine: Sendable, Hashable {
    public enum Tone: Sendable, Hashable { case plain, good, bad, machine }
    public let tick: Int
    public let text: String
    public let tone: Tone
}

/// The shift's history as the screen draws it: timeline lanes, the event log, and when each
/// order came and went. Append-only, so seeking back just cuts it at a tick.
public struct ShiftHistory: Sendable {
    public let config: ShopConfig
    public private(set) var lanes: [Lane]
    public private(set) var log: [LogLine] = []
    /// Running number → (menu item, arrival, served or left).
    public private(set) var orders: [Int: OrderLife] = [:]
    /// The lane each product in a slot is drawn on, by product number.
    public private(set) var slotOfJob: [Int: Int] = [:]
    var jobOrder: [Int: Int] = [:]
    public let baristaCount: Int

    public struct OrderLife: Sendable, Hashable {
        public let item: Int
        public let arrival: Int
        public var end: Int?
        public var outcome: String?
    }

    public init(config: ShopConfig, baristas: Int) {
        self.config = config
        baristaCount = baristas
        var lanes = (0..<baristas).map { Lane(owner: .barista($0), spans: [Span(start: 0, mark: .idle, order: -1)]) }
        for (m, kind) in config.machines.enumerated() {
            for s in 0..<kind.slots {
                lanes.append(Lane(owner: .slot(machine: m, slot: s), spans: [Span(start: 0, mark: .empty, order: -1)]))
            }
        }
        self.lanes = lanes
    }

    /// The lanes of one machine kind, in slot order.
    public func slotLanes(machine: Int) -> [Int] {
        lanes.indices.filter { if case .slot(machine, _) = lanes[$0].owner { return true } else { return false } }
    }

    // MARK: Recording

    /// Notes the shop as it is after an event: who does what, what is in which slot.
    public mutating func sample(_ view: ShopView) {
        let t = view.now
        for b in view.baristas where b.index < baristaCount {
            mark(b.index, LaneMark(b.tickClass), Int32(b.order ?? -1), at: t)
        }
        var present: [Int: ProductView] = [:]
        // A slot kept for a product nobody is loading yet is still empty.
        for p in view.products where p.state != .queued && p.state != .reserved { present[p.job] = p }
        for (job, lane) in slotOfJob where present[job] == nil {
            slotOfJob[job] = nil
            mark(lane, .empty, -1, at: t)
        }
        for p in present.values.sorted(by: { $0.job < $1.job }) {
            let lane: Int
            if let l = slotOfJob[p.job] {
                lane = l
            } else {
                let taken = Set(slotOfJob.values)
                guard let free = slotLanes(machine: p.machine).first(where: { !taken.contains($0) }) else { continue }
                slotOfJob[p.job] = free
                lane = free
            }
            let m: LaneMark = p.state == .loading ? .loading : p.state == .brewing ? .brewing : .done
            mark(lane, m, Int32(p.order), at: t)
        }
    }

    mutating func mark(_ lane: Int, _ m: LaneMark, _ order: Int32, at t: Int) {
        var spans = lanes[lane].spans
        defer { lanes[lane].spans = spans }
        guard let last = spans.last else {
            spans.append(Span(start: t, mark: m, order: order))
            return
        }
        if last.mark == m, last.order == order { return }
        if last.start == t, spans.count > 1 {
            // Several events at one tick: only the state after the last one is drawn.
            spans.removeLast()
            if let prev = spans.last, prev.mark == m, prev.order == order { return }
        } else if last.start == t {
            spans[0] = Span(start: t, mark: m, order: order)
            return
        }
        spans.append(Span(start: t, mark: m, order: order))
    }

    /// Adds an event to the log (barista tick-class changes are in the lanes, not the log).
    public mutating func record(_ tick: Int, _ event: ShopEvent) {
        switch event {
        case .orderArrived(let o, let i):
            orders[o] = OrderLife(item: i, arrival: tick, end: nil, outcome: nil)
        case .orderServed(let o, _, let cold):
            orders[o]?.end = tick
            orders[o]?.outcome = cold ? "cold" : "served"
        case .customerLeft(let o, let r):
            orders[o]?.end = tick
            orders[o]?.outcome = r.name
        case .machineQueued(let j, _, let o), .machineStarted(let j, _, let o, _):
            jobOrder[j] = o
        case .baristaState, .timerFired:
            return
        default:
            break
        }
        guard let line = describe(event) else { return }
        log.append(LogLine(tick: tick, text: line.0, tone: line.1))
    }

    /// Forgets everything after `tick`: seeking back restores the shift to that tick.
    public mutating func cut(after tick: Int) {
        while let last = log.last, last.tick > tick { log.removeLast() }
        for i in lanes.indices {
            while lanes[i].spans.count > 1, let last = lanes[i].spans.last, last.start > tick { lanes[i].spans.removeLast() }
        }
        for (n, life) in orders {
            if life.arrival > tick {
                orders[n] = nil
            } else if let end = life.end, end > tick {
                orders[n]?.end = nil
                orders[n]?.outcome = nil
            }
        }
    }

    /// Restores which product sits in which slot lane (kept with each snapshot).
    mutating func restoreSlots(_ slots: [Int: Int]) { slotOfJob = slots }

    // MARK: Words

    func itemName(ofOrder o: Int) -> String {
        orders[o].map { config.menu[$0.item].name } ?? "?"
    }

    func stepName(order o: Int, step s: Int) -> String {
        guard let life = orders[o], config.menu[life.item].steps.indices.contains(s) else { return "step \(s)" }
        return config.menu[life.item].steps[s].name
    }

    func machineName(_ m: Int) -> String { config.machines.indices.contains(m) ? config.machines[m].name : "m\(m)" }

    func describe(_ e: ShopEvent) -> (String, LogLine.Tone)? {
        switch e {
        case let .orderArrived(o, i): ("#\(o) \(config.menu[i].name) arrives", .plain)
        case let .customerLeft(o, r): ("#\(o) leaves, \(r.name)", .bad)
        case let .orderServed(o, l, c): ("#\(o) served in \(l)\(c ? ", cold" : "")", c ? .bad : .good)
        case let .stepStarted(b, o, s): ("b\(b) \(stepName(order: o, step: s)) #\(o)", .plain)
        case let .stepPaused(b, o, s, l): ("b\(b) pauses \(stepName(order: o, step: s)) #\(o) (\(l) left)", .plain)
        case .stepFinished: nil
        case let .machineQueued(_, m, o): ("#\(o) queues for \(machineName(m))", .machine)
        case let .machineStarted(_, m, o, b): ("b\(b) starts \(machineName(m)) for #\(o)", .machine)
        case let .machineDone(j, m): ("\(machineName(m)) done for #\(jobOrder[j] ?? 0)", .machine)
        case let .machineCollected(j, m, b, c): ("b\(b) collects #\(jobOrder[j] ?? 0) from \(machineName(m))\(c ? ", cold" : "")", c ? .bad : .plain)
        case let .productDiscarded(j, m): ("\(machineName(m)) throws out #\(jobOrder[j] ?? 0)", .bad)
        case let .checked(b, j, r): ("b\(b) checks #\(jobOrder[j] ?? 0): \(r ? "done" : "not done")", .plain)
        case .baristaState, .timerFired: nil
        case .shiftEnded: ("shift over", .good)
        }
    }
}
