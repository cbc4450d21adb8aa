import CoffeeEngine

/// Every barista tick so far on the line the barista was on, by class, summed as the shift is
/// looked at: after the last event of each tick it is told each barista's line and class, and
/// the ticks since the last look go to what was true then (nothing changes between events).
/// The play screen's heat column and a built-in strategy's profile are read from it.
public struct LineHeat: Sendable, Hashable {
    /// Each barista's ticks by line (0: no line, no task) and class.
    private var ticks: [[Int: [Int]]]
    /// What each barista was doing at the last look (`lastTick`).
    private var current: [Doing]
    private struct Doing: Sendable, Hashable {
        var line: Int
        var tickClass: TickClass
    }
    public private(set) var lastTick = 0

    public init(baristas: Int) {
        ticks = Array(repeating: [:], count: baristas)
        current = Array(repeating: Doing(line: 0, tickClass: .idle), count: baristas)
    }

    /// The engine's attribution so far (`Simulation.lineProfileSoFar` of a profiled shift), as of `now`.
    public init(_ profile: [LineTicks], baristas: Int, now: Int) {
        self.init(baristas: baristas)
        for t in profile where t.barista >= 0 && t.barista < baristas {
            ticks[t.barista][t.line] = TickClass.allCases.map { t[$0] }
        }
        lastTick = now
    }

    /// The shift at `now`, with each barista's line (`nil`: none) and class since the last event.
    public mutating func look(now: Int, lines: [Int?], classes: [TickClass]) {
        let elapsed = now - lastTick
        if elapsed > 0 {
            for b in current.indices {
                ticks[b][current[b].line, default: [0, 0, 0, 0, 0]][current[b].tickClass.rawValue] += elapsed
            }
        }
        lastTick = max(lastTick, now)
        for b in current.indices where b < lines.count && b < classes.count {
            current[b] = Doing(line: lines[b] ?? 0, tickClass: classes[b])
        }
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

extension ShiftRunner {
    /// Runs a built-in strategy with every barista tick on the line of its pseudo-script
    /// (`BuiltInScript`) that says what the barista is doing: the same strategy, unwrapped, so
    /// the same shift and digest as `run(level:mode:baristas:seed:)`, and its profile.
    public static func profile(level: Level, mode: RecipeStrategy.Mode, baristas: Int? = nil,
                               seed: UInt64? = nil) -> (result: RunResult, profile: ScriptProfile) {
        let crew = baristas ?? level.config.baristas
        var sim = Simulation(config: level.config, strategy: RecipeStrategy(mode: mode, baristas: crew),
                             seed: seed ?? level.practiceSeed)
        var heat = LineHeat(baristas: crew)
        func look() {
            let view = sim.view.baristas
            heat.look(now: sim.shop.now, lines: view.map { BuiltInScript.line(for: mode, activity: $0.activity) },
                      classes: view.map(\.tickClass))
        }
        look()
        while !sim.isFinished {
            sim.step()
            look()
        }
        let result = result(of: sim, level: level, strategy: mode.rawValue, baristas: crew)
        return (result, ScriptProfile(file: "built-in \(mode.rawValue)", source: BuiltInScript.text(for: mode),
                                      attribution: heat.attribution))
    }
}
