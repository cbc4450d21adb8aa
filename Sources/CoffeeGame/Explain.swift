import CoffeeEngine

/// Where a shift's speedup came from: the same arrivals (same level, same seed) re-simulated in
/// the four corners of concurrency × parallelism, as `docs/architecture.md` defines them.
///
/// |            | blocking           | your arrangement  |
/// |------------|--------------------|-------------------|
/// | 1 barista  | baseline           | concurrency alone |
/// | your crew  | parallelism alone  | your shift        |
public struct Explanation: Sendable, Codable, Hashable {
    /// One corner: who ran it, and the figures the table shows.
    public struct Corner: Sendable, Codable, Hashable {
        public var name: String
        public var baristas: Int
        public var arrangement: String
        public var status: String
        public var objectiveValue: Double
        public var profit: Int
        public var wages: Int
        public var meanLeadTime: Double
        public var served: Int
        public var arrived: Int
    }

    /// One menu item: its quickest served order against the recipe's critical path.
    public struct ItemPath: Sendable, Codable, Hashable {
        public var item: String
        public var served: Int
        public var minLeadTime: Int?
        public var criticalPath: Int
        /// No order of the item was served faster than its critical path (true when none was served).
        public var holds: Bool { minLeadTime.map { $0 >= criticalPath } ?? true }
    }

    public var level: String
    public var strategy: String
    /// The seed of the customers; `nil` for an evaluation, whose seeds stay hidden.
    public var seed: UInt64?
    /// For an evaluation: how many hidden seeds each figure is the mean of (`nil` for one shift).
    public var seeds: Int?
    /// `max profit`, `min lead-time-mean`.
    public var objective: String
    public var baseline: Corner
    public var concurrencyAlone: Corner
    public var parallelismAlone: Corner
    public var yourShift: Corner
    public var items: [ItemPath]

    /// How much better (positive) or worse (negative) the objective gets by the arrangement
    /// alone, at your crew: your shift against blocking with the same crew.
    public var concurrencyGain: Double
    /// How much better or worse the objective gets by the crew alone, in your arrangement: your
    /// shift against your arrangement with one barista (per role).
    public var parallelismGain: Double
    /// What the baristas beyond one (per role) cost in wages, in cents: your shift's wages less
    /// the wages of your arrangement with one barista.
    public var extraWages: Int
}

/// Builds an `Explanation` by running the four corners.
public enum Explain {
    /// The crew the "1 barista" row runs with: one per role of a script (one without roles).
    static func oneEach(_ script: Script) -> Script {
        let roles = (script.crew.max() ?? 0) + 1
        return Script(source: script.source, file: script.file, program: script.program, vocabulary: script.vocabulary,
                      crew: Array(0..<roles), policy: script.policy)
    }

    /// The four corners of a script's shift on `seed` (the level's practice seed by default).
    public static func explain(level: Level, script: Script, seed: UInt64? = nil) -> Explanation {
        let seed = seed ?? level.practiceSeed
        let small = oneEach(script)
        var paths = PathTally(config: level.config)
        let yours = ShiftRunner.run(level: level, script: script, seed: seed, observer: { _, e in paths.observe(e) })
        let alone = ShiftRunner.run(level: level, script: small, seed: seed)
        return assemble(level: level, seed: seed, strategy: script.file, arrangement: "script",
                        yours: (yours, script.crew.count), concurrency: (alone, small.crew.count), paths: paths)
    }

    /// The four corners of a built-in strategy's shift with `baristas` baristas.
    public static func explain(level: Level, mode: RecipeStrategy.Mode, baristas: Int, seed: UInt64? = nil) -> Explanation {
        let seed = seed ?? level.practiceSeed
        var paths = PathTally(config: level.config)
        let yours = ShiftRunner.run(level: level, mode: mode, baristas: baristas, seed: seed, observer: { _, e in paths.observe(e) })
        let alone = ShiftRunner.run(level: level, mode: mode, baristas: 1, seed: seed)
        return assemble(level: level, seed: seed, strategy: "\(mode.rawValue)/\(baristas)", arrangement: mode.rawValue,
                        yours: (yours, baristas), concurrency: (alone, 1), paths: paths)
    }

    static func assemble(level: Level, seed: UInt64, strategy: String, arrangement: String,
                         yours: (RunResult, Int), concurrency: (RunResult, Int), paths: PathTally) -> Explanation {
        let blockingSmall = ShiftRunner.run(level: level, mode: .blocking, baristas: concurrency.1, seed: seed)
        let blockingCrew = ShiftRunner.run(level: level, mode: .blocking, baristas: yours.1, seed: seed)
        let metric = level.objective.metric
        func corner(_ name: String, _ r: RunResult, _ n: Int, _ how: String) -> Explanation.Corner {
            let m = r.metrics
            return .init(name: name, baristas: n, arrangement: how, status: r.status.rawValue,
                         objectiveValue: metric.value(in: m), profit: m.profit, wages: m.wages,
                         meanLeadTime: m.leadTime.mean, served: m.served, arrived: m.arrived)
        }
        let base = corner("baseline", blockingSmall, concurrency.1, "blocking")
        let conc = corner("concurrency alone", concurrency.0, concurrency.1, arrangement)
        let par = corner("parallelism alone", blockingCrew, yours.1, "blocking")
        let shift = corner("your shift", yours.0, yours.1, arrangement)
        let better = level.objective.direction == .max ? 1.0 : -1.0
        return Explanation(level: level.label, strategy: strategy, seed: seed, seeds: nil, objective: level.objective.description,
                           baseline: base, concurrencyAlone: conc, parallelismAlone: par, yourShift: shift,
                           items: paths.items,
                           concurrencyGain: round2(better * (shift.objectiveValue - par.objectiveValue)),
                           parallelismGain: round2(better * (shift.objectiveValue - conc.objectiveValue)),
                           extraWages: shift.wages - conc.wages)
    }

    static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}

/// Each served order's lead time, by menu item, from the shift's own events.
struct PathTally {
    let config: ShopConfig
    var itemOf: [Int: Int] = [:]
    var served: [Int]
    var quickest: [Int?]

    init(config: ShopConfig) {
        self.config = config
        served = Array(repeating: 0, count: config.menu.count)
        quickest = Array(repeating: nil, count: config.menu.count)
    }

    mutating func observe(_ e: ShopEvent) {
        switch e {
        case .orderArrived(let o, let item): itemOf[o] = item
        case .orderServed(let o, let lead, _):
            guard let item = itemOf.removeValue(forKey: o) else { return }
            served[item] += 1
            quickest[item] = min(quickest[item] ?? lead, lead)
        case .customerLeft(let o, _): itemOf[o] = nil
        default: break
        }
    }

    var items: [Explanation.ItemPath] {
        config.menu.indices.map { i in
            Explanation.ItemPath(item: config.menu[i].name, served: served[i], minLeadTime: quickest[i],
                                 criticalPath: LowerBound.criticalPath(of: config.menu[i], config: config))
        }
    }
}
