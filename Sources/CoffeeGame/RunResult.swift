import CoffeeEngine

/// The outcome of one shift, as the CLI prints it and the store keeps it.
public struct RunResult: Sendable, Codable, Hashable {
    /// How the shift ended: `finished`, `script-error` (a script broke a rule or hit a sandbox limit).
    public enum Status: String, Sendable, Codable, Hashable {
        case finished
        case scriptError = "script-error"
    }

    /// What went wrong, where, and when.
    public struct Failure: Sendable, Codable, Hashable {
        public var message: String
        public var tick: Int
        public var limit: String?
        public var line: Int?
        public var column: Int?
        public var barista: Int?

        public init(message: String, tick: Int, limit: String?, line: Int?, column: Int?, barista: Int?) {
            self.message = message
            self.tick = tick
            self.limit = limit
            self.line = line
            self.column = column
            self.barista = barista
        }
    }

    public var level: String
    public var levelHash: String
    public var strategy: String
    public var seed: UInt64
    public var engineVersion: String
    public var digest: String
    public var status: Status
    public var failure: Failure?
    public var lowerBound: LowerBound
    public var metrics: ShiftMetrics
    /// The level's objective, its value in this shift, and the medal this value would earn (if
    /// any). One shift earns nothing: medals are awarded to the mean of an `Evaluation`.
    public var objective: String?
    public var objectiveValue: Double?
    public var medal: String?
    /// The level's service floor (served over arrived, 0…1): no medal below it.
    public var serviceFloor: Double?

    /// The objective's value as a player reads it (dollars for money); the raw number when the
    /// objective is not one the game knows (a result decoded from an older file).
    public func objectiveFormatted(_ value: Double) -> String {
        guard let name = objective?.split(separator: " ").last, let metric = Metric(rawValue: String(name)) else {
            return Metric.number(value)
        }
        return metric.format(value)
    }

    /// Mean lead time over its lower bound: 1.0 is perfect. Only when every customer was served:
    /// the bound is for serving them all, and a lost customer's time is a penalty, not a lead time.
    public var leadTimeRatio: Double? {
        guard metrics.arrived > 0, metrics.served == metrics.arrived, lowerBound.meanLeadTime > 0 else { return nil }
        return (metrics.leadTime.mean / lowerBound.meanLeadTime * 100).rounded() / 100
    }

    /// The tick the last customer was served over its lower bound.
    /// Only when every customer was served and the shift ran to its last order.
    public var makespanRatio: Double? {
        guard metrics.arrived > 0, metrics.served == metrics.arrived, lowerBound.makespan > 0 else { return nil }
        return (Double(metrics.endTick) / Double(lowerBound.makespan) * 100).rounded() / 100
    }
}
