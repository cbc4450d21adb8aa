extension Histogram {
    /// A histogram computed elsewhere (a league server), to show with the local view. `objective`
    /// (`max profit`) formats the values when the metric is the level's objective.
    public static func computed(metric: LeaderboardMetric, objective: String = "", lower: Double, upper: Double,
                                counts: [Int], marked: Int?, playerValue: Double?) -> Histogram {
        var h = Histogram(metric: metric, objective: objective, values: [], buckets: Swift.max(1, counts.count), mine: nil)
        h.lower = lower
        h.upper = upper
        h.counts = counts
        h.marked = marked
        h.playerValue = playerValue
        return h
    }
}
