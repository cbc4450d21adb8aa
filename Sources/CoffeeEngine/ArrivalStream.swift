/// The shop's door: the customers still to come, each scheduled when the one before comes in,
/// and whether any will (none once the stream has run out, or the shop has closed).
struct Door {
    private var stream: ArrivalStream
    private(set) var closed = false

    init(config: ShopConfig, seed: UInt64) { stream = ArrivalStream(config: config, seed: seed) }

    /// The next customer, or `nil` (and the door closed) when none is left.
    @inline(__always)
    mutating func next() -> Arrival? {
        if let a = stream.next() { return a }
        closed = true
        return nil
    }

    /// The shop closes: nobody else comes in.
    mutating func close() { closed = true }
}

/// The customers of one shift, produced lazily so a million-order day needs no list of a million.
/// The same config and seed give the same stream, which the lower bound also reads.
public struct ArrivalStream: Sendable, IteratorProtocol {
    /// The fixed list, or `nil` for a Poisson process (read apart so the hot path copies no enum).
    private let fixed: [Arrival]?
    private let meanGap: Double
    private let rush: [Rush]
    private let duration: Int
    private let weights: [Int]
    private let totalWeight: Int
    private var rng: SplitMix64
    private var index = 0
    private var clock = 0.0
    /// Draws made ahead, four at a time, in the order one at a time would make them: the log of
    /// each uniform draw and the item picked after it. `drawn` of them are used.
    private var logs = SIMD4<Double>()
    private var items = SIMD4<Int>()
    private var drawn = 4

    public init(config: ShopConfig, seed: UInt64) {
        switch config.arrivals {
        case .fixed(let list): (fixed, meanGap, rush) = (list, 0, [])
        case .poisson(let mean, let windows): (fixed, meanGap, rush) = (nil, mean, windows)
        }
        duration = config.duration
        weights = config.menu.map { max(0, $0.weight) }
        totalWeight = weights.reduce(0, +)
        rng = SplitMix64(seed: seed)
    }

    public mutating func next() -> Arrival? {
        if let fixed {
            guard index < fixed.count, fixed[index].tick < duration else { return nil }
            defer { index += 1 }
            return fixed[index]
        }
        var mean = meanGap
        if !rush.isEmpty {
            let now = Int(clock)
            for window in rush where now >= window.from && now < window.to {
                mean = window.meanGap
                break
            }
        }
        if drawn == 4 { drawFour() }
        let log = logs[drawn], item = items[drawn]
        drawn += 1
        clock += -log * mean
        let tick = Int(clock)
        guard tick < duration else { return nil }
        return Arrival(tick: tick, item: item)
    }

    private mutating func drawFour() {
        var u = SIMD4<Double>()
        for i in 0..<4 {
            u[i] = rng.unitOpenBelow()
            items[i] = pickItem()
        }
        logs = deterministicLog4(u)
        drawn = 0
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
