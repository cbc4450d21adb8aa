extension Histogram {
    /// A histogram computed elsewhere (a league server), to show with the local view.
    public static func computed(metric: LeaderboardMetric, lower: Double, upper: Double, counts: [Int],
                                marked: Int?, playerValue: Double?) -> Histogram {
        Histogram(metric: metric, lower: lower, upper: upper, counts: counts, marked: marked, playerValue: playerValue)
    }
}
