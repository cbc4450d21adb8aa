import CoffeeEngine

/// Every barista tick so far on the line the barista was on, by class: the engine's own
/// attribution of a profiled shift (`Simulation.lineProfileSoFar`), read by the play screen's
/// heat column.
public struct LineHeat: Sendable, Hashable {
    /// Each barista's ticks by line (0: no line, no task) and class.
    private var ticks: [[Int: [Int]]]
    /// The tick the heat was taken at.
    public private(set) var lastTick = 0

    public init(baristas: Int) {
        ticks = Array(repeating: [:], count: baristas)
    }

    /// The engine's attribution so far (`Simulation.lineProfileSoFar` of a profiled shift), as of `now`.
    public init(_ profile: [LineTicks], baristas: Int, now: Int) {
        self.init(baristas: baristas)
        for t in profile where t.barista >= 0 && t.barista < baristas {
            ticks[t.barista][t.line] = TickClass.allCases.map { t[$0] }
        }
        lastTick = now
    }

    /// Each barista's ticks by line and class, in barista then line order (as `Simulation.lineProfile`).
    public var attribution: [LineTicks] {
        ticks.enumerated().flatMap { b, lines in
            lines.sorted { $0.key < $1.key }.map { line, t in
                LineTicks(barista: b, line: line, valueAdding: t[0], waiting: t[1], polling: t[2], switching: t[3], idle: t[4])
            }
        }
    }

    /// Every barista tick counted so far.
    public var total: Int { ticks.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.reduce(0, +) } } }

    /// The ticks of all baristas on `line`, by class (`TickClass.rawValue` order).
    public func ticks(line: Int) -> [Int] {
        var sum = [0, 0, 0, 0, 0]
        for b in ticks { if let t = b[line] { for i in sum.indices { sum[i] += t[i] } } }
        return sum
    }

    /// The line's share of every barista tick so far (0 before any tick).
    public func share(line: Int) -> Double {
        let all = total
        return all == 0 ? 0 : Double(ticks(line: line).reduce(0, +)) / Double(all)
    }

    /// The class most of the line's ticks were spent in, if any were.
    public func dominant(line: Int) -> TickClass? {
        let t = ticks(line: line)
        guard let i = t.indices.max(by: { (t[$0], $1) < (t[$1], $0) }), t[i] > 0 else { return nil }
        return TickClass(rawValue: i)
    }
}
