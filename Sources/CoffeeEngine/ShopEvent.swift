/// How a worker tick is spent. LEAN calls everything but value-adding work waste.
public enum TickClass: Int, Sendable, Hashable, CaseIterable, Codable {
    case valueAdding = 0
    case waiting = 1
    case polling = 2
    case switching = 3
    case idle = 4

    public var name: String {
        switch self {
        case .valueAdding: "value-adding"
        case .waiting: "waiting"
        case .polling: "polling"
        case .switching: "switching"
        case .idle: "idle"
        }
    }
}

/// Ticks counted by class, one field each: a barista's shift (`BaristaMetrics`), one line's
/// share of it (`LineTicks`, a script profile's line).
public protocol TicksByClass {
    var valueAdding: Int { get }
    var waiting: Int { get }
    var polling: Int { get }
    var switching: Int { get }
    var idle: Int { get }
}

extension TicksByClass {
    public var total: Int { valueAdding + waiting + polling + switching + idle }
    public subscript(_ c: TickClass) -> Int {
        switch c {
        case .valueAdding: valueAdding
        case .waiting: waiting
        case .polling: polling
        case .switching: switching
        case .idle: idle
        }
    }
}

/// Why a customer walked out.
public enum LeaveReason: Int, Sendable, Hashable {
    case notAcknowledged = 0
    case notServed = 1
    case closing = 2

    public var name: String {
        switch self {
        case .notAcknowledged: "not acknowledged"
        case .notServed: "not served"
        case .closing: "closing"
        }
    }
}

/// Everything that happens in the shop, as the UI, the store and the tests see it.
/// Orders and products are named by their running numbers (#1 is the first customer).
public enum ShopEvent: Sendable, Hashable {
    case orderArrived(order: Int, item: Int)
    case customerLeft(order: Int, reason: LeaveReason)
    case orderServed(order: Int, leadTime: Int, cold: Bool)
    case stepStarted(barista: Int, order: Int, step: Int)
    case stepPaused(barista: Int, order: Int, step: Int, left: Int)
    case stepFinished(barista: Int, order: Int, step: Int)
    case machineQueued(job: Int, machine: Int, order: Int)
    case machineStarted(job: Int, machine: Int, order: Int, barista: Int)
    case machineDone(job: Int, machine: Int)
    case machineCollected(job: Int, machine: Int, barista: Int, cold: Bool)
    case productDiscarded(job: Int, machine: Int)
    case checked(barista: Int, job: Int, ready: Bool)
    case baristaState(barista: Int, state: TickClass)
    case timerFired(timer: Int)
    case shiftEnded

    /// A stable code and up to four integers: what the digest hashes.
    @inline(__always)
    var fields: (UInt64, Int, Int, Int, Int) {
        switch self {
        case let .orderArrived(o, i): (1, o, i, 0, 0)
        case let .customerLeft(o, r): (2, o, r.rawValue, 0, 0)
        case let .orderServed(o, l, c): (3, o, l, c ? 1 : 0, 0)
        case let .stepStarted(b, o, s): (4, b, o, s, 0)
        case let .stepPaused(b, o, s, l): (5, b, o, s, l)
        case let .stepFinished(b, o, s): (6, b, o, s, 0)
        case let .machineQueued(j, m, o): (7, j, m, o, 0)
        case let .machineStarted(j, m, o, b): (8, j, m, o, b)
        case let .machineDone(j, m): (9, j, m, 0, 0)
        case let .machineCollected(j, m, b, c): (10, j, m, b, c ? 1 : 0)
        case let .productDiscarded(j, m): (11, j, m, 0, 0)
        case let .checked(b, j, r): (12, b, j, r ? 1 : 0, 0)
        case let .baristaState(b, s): (13, b, s.rawValue, 0, 0)
        case let .timerFired(t): (14, t, 0, 0, 0)
        case .shiftEnded: (15, 0, 0, 0, 0)
        }
    }
}

extension ShopEvent: CustomStringConvertible {
    /// Terse text for logs and golden timelines: `b0 starts #1.2` is barista 0 on step 2 of order 1.
    public var description: String {
        switch self {
        case let .orderArrived(o, i): "#\(o) arrives (item \(i))"
        case let .customerLeft(o, r): "#\(o) leaves (\(r.name))"
        case let .orderServed(o, l, c): "#\(o) served in \(l)\(c ? " cold" : "")"
        case let .stepStarted(b, o, s): "b\(b) starts #\(o).\(s)"
        case let .stepPaused(b, o, s, l): "b\(b) pauses #\(o).\(s) (\(l) left)"
        case let .stepFinished(b, o, s): "b\(b) finishes #\(o).\(s)"
        case let .machineQueued(j, m, o): "job \(j) for #\(o) queues at m\(m)"
        case let .machineStarted(j, m, o, b): "b\(b) starts job \(j) for #\(o) on m\(m)"
        case let .machineDone(j, m): "job \(j) done on m\(m)"
        case let .machineCollected(j, m, b, c): "b\(b) collects job \(j) from m\(m)\(c ? " cold" : "")"
        case let .productDiscarded(j, m): "job \(j) discarded from m\(m)"
        case let .checked(b, j, r): "b\(b) checks job \(j): \(r ? "ready" : "not ready")"
        case let .baristaState(b, s): "b\(b) \(s.name)"
        case let .timerFired(t): "timer \(t) fires"
        case .shiftEnded: "shift ends"
        }
    }
}

/// A running digest of the event stream (FNV-1a over 64-bit words, with a fold so high bits mix):
/// two runs with the same digest saw the same shift.
public struct EventDigest: Sendable, Hashable {
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    @inline(__always)
    mutating func mix(_ x: UInt64) {
        var v = (value ^ x) &* 0x0000_0100_0000_01B3
        v ^= v >> 29
        value = v
    }

    @inline(__always)
    public mutating func add(tick: Int, _ event: ShopEvent) {
        // Three words: (tick, code), (f1, f2), (f3, f4); fields are small non-negative integers.
        let f = event.fields
        mix(UInt64(truncatingIfNeeded: tick) << 8 | f.0)
        mix(UInt64(truncatingIfNeeded: f.1) << 32 ^ UInt64(truncatingIfNeeded: f.2))
        mix(UInt64(truncatingIfNeeded: f.3) << 32 ^ UInt64(truncatingIfNeeded: f.4))
    }

    /// Sixteen hex digits.
    public var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
