/// The LEAN cumulative-flow view of a shift so far: at each of a few ticks, how many customers
/// had arrived, been served and left unserved; in progress is what lies between. The play
/// screen draws it beside the timeline.
public struct CumulativeFlow: Sendable, Hashable {
    /// One column: the counts at the end of `tick`.
    public struct Point: Sendable, Hashable {
        public var tick: Int
        public var arrived: Int
        public var served: Int
        public var left: Int
        /// Arrived, and neither served nor gone: the work in progress.
        public var inProgress: Int { arrived - served - left }
    }

    /// One customer: when they came, and when and how they went (`nil`: still in the shop).
    public struct Customer: Sendable, Hashable {
        public var arrival: Int
        public var end: Int?
        public var served: Bool

        public init(arrival: Int, end: Int?, served: Bool) {
            self.arrival = arrival
            self.end = end
            self.served = served
        }
    }

    public var points: [Point]

    /// `columns` evenly spaced ticks from the first to `now` (the last column is `now`). Fewer
    /// columns when the shift has had fewer ticks.
    public init(customers: [Customer], now: Int, columns: Int) {
        let n = max(0, min(columns, now + 1))
        let arrivals = customers.map(\.arrival).sorted()
        let served = customers.compactMap { $0.served ? $0.end : nil }.sorted()
        let left = customers.compactMap { $0.served ? nil : $0.end }.sorted()
        points = (0..<n).map { k in
            let t = n == 1 ? now : now * (k + 1) / n
            return Point(tick: t, arrived: Self.count(arrivals, atOrBefore: t), served: Self.count(served, atOrBefore: t),
                         left: Self.count(left, atOrBefore: t))
        }
    }

    /// How many of the sorted `ticks` are at or before `t`.
    static func count(_ ticks: [Int], atOrBefore t: Int) -> Int {
        var lo = 0, hi = ticks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ticks[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
