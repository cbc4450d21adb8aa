/// Exact counts of small non-negative integers (ticks), so percentiles of a million lead times
/// need a few kilobytes, not a list of a million values.
public struct TickHistogram: Sendable, Hashable {
    private var counts: [Int] = []
    public private(set) var count = 0
    public private(set) var sum = 0
    public private(set) var max = 0

    public init() {}

    public mutating func record(_ value: Int) {
        let v = Swift.max(0, value)
        if v >= counts.count { counts += [Int](repeating: 0, count: v - counts.count + 1 + counts.count / 2) }
        counts[v] += 1
        count += 1
        sum += v
        if v > max { max = v }
    }

    public var mean: Double { count == 0 ? 0 : Double(sum) / Double(count) }

    /// The smallest value with at least `fraction` of the samples at or below it (nearest rank).
    public func percentile(_ fraction: Double) -> Int {
        guard count > 0 else { return 0 }
        let rank = Swift.max(1, Int((fraction * Double(count)).rounded(.up)))
        var seen = 0
        for (value, c) in counts.enumerated() {
            seen += c
            if seen >= rank { return value }
        }
        return max
    }

    public var summary: Spread {
        Spread(mean: (mean * 100).rounded() / 100, p50: percentile(0.5), p95: percentile(0.95), max: max)
    }
}

/// How a customer who leaves without their drink counts in the time figures (lead time, counter
/// wait): as if they had waited the longest a served customer could have waited. That is their
/// patience for service (`patience.serve` after arrival, the item's own if it has one) or the time until the shop closes
/// (`duration + closing`), whichever comes first; for the counter wait of a customer nobody began,
/// also their patience to be acknowledged. No served customer can take longer, so losing a customer
/// never shortens a mean, a percentile or a maximum: **dropping a customer never improves any
/// objective**.
public struct LostCustomerRule: Sendable, Hashable {
    public var acknowledge: Int?
    public var serve: Int?
    /// The tick the shop closes and whoever is still waiting is lost.
    public var closesAt: Int

    public init(acknowledge: Int?, serve: Int?, closesAt: Int) {
        self.acknowledge = acknowledge
        self.serve = serve
        self.closesAt = closesAt
    }

    /// The rule for a customer who orders menu item `item` (whose patience may be its own).
    public init(config: ShopConfig, item: Int) {
        let patience = config.patience(of: item)
        self.init(acknowledge: patience.acknowledge, serve: patience.serve, closesAt: config.duration + config.closing)
    }

    /// The lead time a lost customer who came in at `arrival` counts with.
    public func leadTime(arrival: Int) -> Int {
        Swift.max(0, Swift.min(serve ?? Int.max, closesAt - arrival))
    }

    /// The counter wait of a lost customer whose order nobody began.
    public func counterWait(arrival: Int) -> Int {
        Swift.min(acknowledge ?? Int.max, leadTime(arrival: arrival))
    }
}

/// Mean, median, 95th percentile and maximum of a measure in ticks.
public struct Spread: Sendable, Hashable, Codable {
    public var mean: Double
    public var p50: Int
    public var p95: Int
    public var max: Int
    public init(mean: Double, p50: Int, p95: Int, max: Int) {
        self.mean = mean
        self.p50 = p50
        self.p95 = p95
        self.max = max
    }
}

/// One barista's ticks by class.
public struct BaristaMetrics: TicksByClass, Sendable, Hashable, Codable {
    public var role: Int
    public var valueAdding: Int
    public var waiting: Int
    public var polling: Int
    public var switching: Int
    public var idle: Int

    public init(role: Int, valueAdding: Int, waiting: Int, polling: Int, switching: Int, idle: Int) {
        self.role = role
        self.valueAdding = valueAdding
        self.waiting = waiting
        self.polling = polling
        self.switching = switching
        self.idle = idle
    }
}

/// One machine kind's slot-ticks: brewing, holding a finished product, or empty.
public struct MachineMetrics: Sendable, Hashable, Codable {
    public var name: String
    public var slots: Int
    public var busy: Int
    public var holding: Int
    public var idle: Int
    public init(name: String, slots: Int, busy: Int, holding: Int, idle: Int) {
        self.name = name
        self.slots = slots
        self.busy = busy
        self.holding = holding
        self.idle = idle
    }
}

/// The LEAN score card of a shift. Money in cents, time in ticks.
public struct ShiftMetrics: Sendable, Hashable, Codable {
    public var endTick: Int
    public var arrived: Int
    public var served: Int
    public var lost: Int
    public var lostNotAcknowledged: Int
    public var lostNotServed: Int
    public var lostAtClosing: Int
    /// Drinks served cold: made, handed over, not paid for.
    public var cold: Int
    /// Served per 100 ticks.
    public var throughput: Double
    /// Arrival to served, over every arrival: a lost customer counts as `LostCustomerRule` says.
    public var leadTime: Spread
    /// Arrival to acknowledged (a barista begins the order), over every arrival: a customer who
    /// left before anyone began their order counts as `LostCustomerRule` says.
    public var counterWait: Spread
    public var wipMean: Double
    public var wipMax: Int
    /// Mean orders in the shop over each hundredth of the shift.
    public var wipSeries: [Double]
    public var baristas: [BaristaMetrics]
    public var machines: [MachineMetrics]
    /// Value-adding barista ticks over all barista ticks: process cycle efficiency.
    public var valueAddedRatio: Double
    public var checks: Int
    public var preemptions: Int
    public var revenue: Int
    public var wages: Int
    /// Ingredients of drinks begun and never sold.
    public var waste: Int
    public var profit: Int
}

/// Running sums the engine keeps while a shift runs.
struct MetricsAccumulator {
    var lead = TickHistogram()
    var counterWait = TickHistogram()
    var served = 0
    var lost = [0, 0, 0]
    var cold = 0
    var revenue = 0
    var waste = 0
    var checks = 0
    var preemptions = 0
    var wipSince = 0
    var wipIntegral = 0
    var wipMax = 0
    var wipBucketWidth = 1
    var wipBucketIntegral = 0
    var wipBucketStart = 0
    var wipSeries: [Double] = []
    /// The tick the shift ended, once it is over.
    var endTick = 0

    init(duration: Int) { wipBucketWidth = Swift.max(1, duration / 100) }

    /// Account the orders open since the last change, closing hundredth-of-a-shift buckets on the way.
    @inline(__always)
    mutating func advanceWIP(to now: Int, open: Int) {
        // Nearly every change (two an order) falls inside the current bucket: the same sums as the
        // loop below makes in one turn, without the call and the loop.
        if now < wipBucketStart + wipBucketWidth {
            let span = now - wipSince
            wipBucketIntegral += open * span
            wipIntegral += open * span
            wipSince = now
            if open > wipMax { wipMax = open }
        } else {
            advanceWIPAcrossBuckets(to: now, open: open)
        }
    }

    /// `advanceWIP` when at least one bucket closes on the way to `now`.
    @inline(never)
    mutating func advanceWIPAcrossBuckets(to now: Int, open: Int) {
        var t = wipSince
        while t < now {
            let bucketEnd = wipBucketStart + wipBucketWidth
            let step = Swift.min(now, bucketEnd) - t
            wipBucketIntegral += open * step
            wipIntegral += open * step
            t += step
            if t == bucketEnd {
                wipSeries.append(Double(wipBucketIntegral * 100 / wipBucketWidth) / 100)
                wipBucketIntegral = 0
                wipBucketStart = bucketEnd
            }
        }
        wipSince = now
        if open > wipMax { wipMax = open }
    }
}
