import CoffeeEngine

extension Explain {
    /// The four corners over many seeds (an evaluation's hidden ones), each seed explained on
    /// its own customers, `jobs` at a time: see `mean(of:)`.
    public static func over(seeds: [UInt64], jobs: Int, _ explain: @escaping @Sendable (UInt64) -> Explanation) -> Explanation? {
        mean(of: Evaluation.inParallel(count: seeds.count, jobs: jobs) { i in explain(seeds[i]) })
    }

    /// Many seeds' explanations as one, their seeds dropped: each corner's objective, profit,
    /// wages (to the cent) and mean lead time are means over the seeds; served and arrived are
    /// sums (as an evaluation counts them); a corner's status names how many seeds failed; the
    /// gains and the extra wages are means (a difference of means is the mean of differences);
    /// each item's quickest order is the quickest on any seed. `nil` for no explanations.
    public static func mean(of all: [Explanation]) -> Explanation? {
        guard var out = all.first else { return nil }
        let n = Double(all.count)
        func mean(_ f: (Explanation) -> Double) -> Double { all.reduce(0) { $0 + f($1) } / n }
        func cents(_ f: (Explanation) -> Int) -> Int { Int(mean { Double(f($0)) }.rounded()) }
        func corner(_ path: WritableKeyPath<Explanation, Explanation.Corner>) {
            let failed = all.filter { $0[keyPath: path].status != RunResult.Status.finished.rawValue }.count
            out[keyPath: path].status = failed == 0 ? RunResult.Status.finished.rawValue : "\(failed) of \(all.count) seeds failed"
            out[keyPath: path].objectiveValue = mean { $0[keyPath: path].objectiveValue }
            out[keyPath: path].profit = cents { $0[keyPath: path].profit }
            out[keyPath: path].wages = cents { $0[keyPath: path].wages }
            out[keyPath: path].meanLeadTime = round2(mean { $0[keyPath: path].meanLeadTime })
            out[keyPath: path].served = all.reduce(0) { $0 + $1[keyPath: path].served }
            out[keyPath: path].arrived = all.reduce(0) { $0 + $1[keyPath: path].arrived }
        }
        for path in [\Explanation.baseline, \.concurrencyAlone, \.parallelismAlone, \.yourShift] { corner(path) }
        out.seed = nil
        out.seeds = all.count
        out.concurrencyGain = round2(mean(\.concurrencyGain))
        out.parallelismGain = round2(mean(\.parallelismGain))
        out.extraWages = cents(\.extraWages)
        for i in out.items.indices {
            out.items[i].served = all.reduce(0) { $0 + $1.items[i].served }
            out.items[i].minLeadTime = all.compactMap { $0.items[i].minLeadTime }.min()
        }
        return out
    }
}
