/// How a player reads a number of the score card: the one formatter every command and screen uses.
extension Metric {
    /// A value of this metric as a player reads it: money in dollars (`$52.73`, `-$0.40`), the
    /// value-added ratio in percent (`62%`), counts and ticks with at most two decimals (`31.5`, `6`).
    public func format(_ value: Double) -> String {
        switch self {
        case .profit, .revenue: Self.dollars(value)
        case .valueAdded: Self.percent(value)
        default: Self.number(value)
        }
    }

    /// A distance between two values of this metric, without a sign: `$3.20`, `2.5`.
    public func formatDistance(_ distance: Double) -> String { format(Swift.abs(distance)) }

    /// Cents as dollars: `$12.05`, `-$0.40`. Every amount of money the game shows goes through here.
    public static func dollars(cents: Int) -> String {
        let a = cents.magnitude
        return (cents < 0 ? "-" : "") + "$\(a / 100).\(a % 100 < 10 ? "0" : "")\(a % 100)"
    }

    /// A value in cents (a mean may have fractions of a cent) as dollars, to the cent.
    public static func dollars(_ cents: Double) -> String {
        guard cents.isFinite else { return "–" }
        return dollars(cents: Int(cents.rounded()))
    }

    /// A ratio 0…1 in whole percent: `62%`.
    public static func percent(_ ratio: Double) -> String {
        guard ratio.isFinite else { return "–" }
        return "\(Int((ratio * 100).rounded()))%"
    }

    /// Two decimals at most, without trailing zeros: `31.5`, `2`, `0.62`.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        let scaled = Int((x * 100).rounded())
        let sign = scaled < 0 ? "-" : ""
        let a = scaled.magnitude
        let frac = a % 100
        if frac == 0 { return sign + "\(a / 100)" }
        if frac % 10 == 0 { return sign + "\(a / 100).\(frac / 10)" }
        return sign + "\(a / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}
