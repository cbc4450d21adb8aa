import CoffeeEngine

/// A number from the score card that a level can be judged on. The raw value is how a level file
/// spells it.
public enum Metric: String, Sendable, Hashable, CaseIterable {
    /// Orders served warm or cold (count).
    case served
    /// Customers who left without their drink (count).
    case lost
    /// Customers who did not get a warm drink: served cold, or lost (count). A lost customer
    /// counts, so that dropping the slow drinks never lowers it.
    case cold
    /// Revenue − wages − waste, in cents.
    case profit
    /// Cents taken for warm drinks.
    case revenue
    /// Orders served per 100 ticks.
    case throughput
    /// Arrival to served, in ticks, over every arrival: a lost customer counts as the longest a
    /// served one could have taken (`LostCustomerRule`).
    case leadTimeMean = "lead-time-mean"
    case leadTimeP50 = "lead-time-p50"
    case leadTimeP95 = "lead-time-p95"
    case leadTimeMax = "lead-time-max"
    /// Arrival to acknowledged, in ticks, over every arrival (`LostCustomerRule`).
    case counterWaitMean = "counter-wait-mean"
    case counterWaitP95 = "counter-wait-p95"
    /// Value-adding barista ticks over all barista ticks, 0…1.
    case valueAdded = "value-added"

    /// The way this metric usually improves, used when a level does not say.
    public var naturalDirection: Direction {
        switch self {
        case .served, .profit, .revenue, .throughput, .valueAdded: .max
        case .lost, .cold, .leadTimeMean, .leadTimeP50, .leadTimeP95, .leadTimeMax,
             .counterWaitMean, .counterWaitP95: .min
        }
    }

    /// The unit the metric and its medal thresholds are written in.
    public var unit: String {
        switch self {
        case .served, .lost, .cold: "orders"
        case .profit, .revenue: "cents"
        case .throughput: "orders per 100 ticks"
        case .leadTimeMean, .leadTimeP50, .leadTimeP95, .leadTimeMax, .counterWaitMean, .counterWaitP95: "ticks"
        case .valueAdded: "ratio 0…1"
        }
    }

    /// This metric read from a finished shift.
    public func value(in m: ShiftMetrics) -> Double {
        switch self {
        case .served: Double(m.served)
        case .lost: Double(m.lost)
        case .cold: Double(m.cold + m.lost)
        case .profit: Double(m.profit)
        case .revenue: Double(m.revenue)
        case .throughput: m.throughput
        case .leadTimeMean: m.leadTime.mean
        case .leadTimeP50: Double(m.leadTime.p50)
        case .leadTimeP95: Double(m.leadTime.p95)
        case .leadTimeMax: Double(m.leadTime.max)
        case .counterWaitMean: m.counterWait.mean
        case .counterWaitP95: Double(m.counterWait.p95)
        case .valueAdded: m.valueAddedRatio
        }
    }
}

/// Whether a bigger or a smaller value of the metric is better.
public enum Direction: String, Sendable, Hashable, CaseIterable {
    case max
    case min
}

/// A medal, ordered so that `gold > silver > bronze`.
public enum Medal: Int, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case bronze = 1
    case silver = 2
    case gold = 3

    public static func < (lhs: Medal, rhs: Medal) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String {
        switch self {
        case .bronze: "bronze"
        case .silver: "silver"
        case .gold: "gold"
        }
    }
}

/// The value of the objective metric needed for each medal, in the metric's unit.
public struct MedalThresholds: Sendable, Hashable {
    public var bronze: Double
    public var silver: Double
    public var gold: Double
    public init(bronze: Double, silver: Double, gold: Double) {
        self.bronze = bronze
        self.silver = silver
        self.gold = gold
    }
    public subscript(_ medal: Medal) -> Double {
        switch medal {
        case .bronze: bronze
        case .silver: silver
        case .gold: gold
        }
    }
}

/// What a level asks the player to push, which way, and how far for each medal; and the share of
/// customers a shift must serve to earn any medal at all.
public struct Objective: Sendable, Hashable, CustomStringConvertible {
    public var metric: Metric
    public var direction: Direction
    public var medals: MedalThresholds
    /// Served over arrived (0…1) below which no medal is awarded, whatever the metric says.
    public var serviceFloor: Double

    /// The service floor of a level that does not state one: 90 % of the customers served.
    public static let defaultServiceFloor = 0.9

    public init(metric: Metric, direction: Direction? = nil, medals: MedalThresholds,
                serviceFloor: Double = Objective.defaultServiceFloor) {
        self.metric = metric
        self.direction = direction ?? metric.naturalDirection
        self.medals = medals
        self.serviceFloor = serviceFloor
    }

    /// Whether `a` is at least as good as `b` for this objective.
    public func isAtLeastAsGood(_ a: Double, as b: Double) -> Bool {
        direction == .max ? a >= b : a <= b
    }

    /// Whether `a` is strictly better than `b` for this objective.
    public func isBetter(_ a: Double, than b: Double) -> Bool {
        direction == .max ? a > b : a < b
    }

    /// The best medal a value earns, or `nil` below bronze. Reaching a threshold exactly earns it.
    /// The service floor is not looked at: see `medal(for:served:arrived:)`.
    public func medal(for value: Double) -> Medal? {
        guard !value.isNaN else { return nil }
        return Medal.allCases.reversed().first { isAtLeastAsGood(value, as: medals[$0]) }
    }

    /// Whether `served` of `arrived` customers reaches the service floor (no customers: it does).
    public func meetsServiceFloor(served: Int, arrived: Int) -> Bool {
        arrived == 0 || Double(served) >= serviceFloor * Double(arrived) - 1e-9
    }

    /// The medal of a value when `served` of `arrived` customers were served: none below the floor.
    public func medal(for value: Double, served: Int, arrived: Int) -> Medal? {
        meetsServiceFloor(served: served, arrived: arrived) ? medal(for: value) : nil
    }

    /// The medal a finished shift earns.
    public func medal(for metrics: ShiftMetrics) -> Medal? {
        medal(for: metric.value(in: metrics), served: metrics.served, arrived: metrics.arrived)
    }

    /// `max profit`, `min lead-time-p95`.
    public var description: String { "\(direction.rawValue) \(metric.rawValue)" }

    /// `90%`, `87.5%`: the floor as the score card and the level sheet print it.
    public var serviceFloorText: String { Self.percentText(serviceFloor) }

    static func percentText(_ ratio: Double) -> String {
        let tenths = Int((ratio * 1000).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }
}
