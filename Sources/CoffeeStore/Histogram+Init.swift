extension Histogram {
    /// A histogram computed elsewhere (a league server), to show with the local view. A league's
    /// metrics are never `.objective`, so there is no objective to format by.
    public static func computed(metric: LeaderboardMetric, lower: Double, upper: Double, counts: [Int],
                                marked: Int?, playerValue: Double?) -> Histogram {
        var h = Histogram(metric: metric, objective: "", values: [], buckets: 1, mine: nil)
        (h.lower, h.upper, h.counts, h.marked, h.playerValue) = (lower, upper, counts, marked, playerValue)
        return h
    }
}
