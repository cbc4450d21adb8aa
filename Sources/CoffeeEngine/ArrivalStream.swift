/// The customers of one shift, produced lazily so a million-order day needs no list of a million.
/// The same config and seed give the same stream, which the lower bound also reads.
public struct ArrivalStream: Sendable, IteratorProtocol {
    private let arrivals: Arrivals
    private let duration: Int
    private let weights: [Int]
    private let totalWeight: Int
    private var rng: SplitMix64
    private var index = 0
    private var clock = 0.0

    public init(config: ShopConfig, seed: UInt64) {
        arrivals = config.arrivals
        duration = config.duration
        weights = config.menu.map { max(0, $0.weight) }
        totalWeight = weights.reduce(0, +)
        rng = SplitMix64(seed: seed)
    }

    public mutating func next() -> Arrival? {
        switch arrivals {
        case .fixed(let list):
            guard index < list.count, list[index].tick < duration else { return nil }
            defer { index += 1 }
            return list[index]
        case .poisson(let meanGap, let rush):
            var mean = meanGap
            let now = Int(clock)
            for window in rush where now >= window.from && now < window.to {
                mean = window.meanGap
                break
            }
            clock += -deterministicLog(rng.unitOpenBelow()) * mean
            let tick = Int(clock)
            guard tick < duration else { return nil }
            return Arrival(tick: tick, item: pickItem())
        }
    }

    private mutating func pickItem() -> Int {
        guard weights.count > 1, totalWeight > 0 else { return 0 }
        var roll = rng.below(totalWeight)
        for (i, w) in weights.enumerated() {
            if roll < w { return i }
            roll -= w
        }
        return weights.count - 1
    }
}
