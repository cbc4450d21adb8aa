/// SplitMix64: a tiny, fast, seedable generator. The engine never touches system randomness,
/// so a seed gives the same stream on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in (0, 1], 53 bits of the stream.
    public mutating func unitOpenBelow() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// An integer in 0..<bound without modulo bias worth worrying about for small bounds.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let n = next() >> 1, d = UInt64(bound)
        // A power of two needs no division (same remainder, a fraction of the time).
        return Int(truncatingIfNeeded: d & (d &- 1) == 0 ? n & (d &- 1) : n % d)
    }
}

/// Natural logarithm from +, −, ×, ÷ only (IEEE-754 rounds those exactly everywhere),
/// so exponential gaps are bit-identical across platforms, unlike a libm `log`.
public func deterministicLog(_ x: Double) -> Double {
    precondition(x > 0 && x.isFinite)
    // x = m · 2^e with m in [1, 2)
    return logSeries(significand: SIMD4(repeating: x.significand), exponent: SIMD4(repeating: Double(Int(x.exponent))))[0]
}

/// `deterministicLog` of four numbers at once, lane for lane the same bits: the four series run
/// side by side, so their divisions overlap instead of waiting on each other.
public func deterministicLog4(_ x: SIMD4<Double>) -> SIMD4<Double> {
    var e = SIMD4<Double>(), m = SIMD4<Double>()
    for i in 0..<4 {
        let bits = x[i].bitPattern
        let biased = Int(bits >> 52)
        // Positive normal numbers only (every draw of `unitOpenBelow`); anything else goes the slow way.
        guard biased > 0, biased < 0x7FF else {
            return SIMD4(deterministicLog(x[0]), deterministicLog(x[1]), deterministicLog(x[2]), deterministicLog(x[3]))
        }
        e[i] = Double(biased - 1023)
        m[i] = Double(bitPattern: bits & 0x000F_FFFF_FFFF_FFFF | 0x3FF0_0000_0000_0000)
    }
    return logSeries(significand: m, exponent: e)
}

/// ln(m · 2^e) lane by lane for m in [1, 2): ln(m) = 2·atanh(s), s = (m − 1)/(m + 1) ∈ [0, 1/3).
func logSeries(significand m: SIMD4<Double>, exponent e: SIMD4<Double>) -> SIMD4<Double> {
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    var term = s
    var sum = SIMD4<Double>()
    var k = 1.0
    while k < 40 {
        // Terms only shrink (s ≥ 0), so once one no longer changes a rounded sum none of the rest
        // can: stopping when no lane changes gives the same bits as adding all twenty terms.
        let next = sum + term / SIMD4(repeating: k)
        if next == sum { break }
        sum = next
        term *= s2
        k += 2
    }
    return 2 * sum + e * 0.693_147_180_559_945_3
}
