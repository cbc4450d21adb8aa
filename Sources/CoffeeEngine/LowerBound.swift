/// What no strategy can beat for a given shop, crew size and seed: a score says "× of the limit".
///
/// - critical path: an order takes at least the longest chain of its recipe (work, machine loads,
///   brewing);
/// - arrivals: the last customers cannot be served before they come in plus their critical path;
/// - worker capacity: from any arrival on, the barista work of the orders still to come, spread
///   over every barista, must fit;
/// - machine capacity: the same for each machine kind's slots.
public struct LowerBound: Sendable, Hashable, Codable {
    /// Least possible mean lead time (arrival to served), in ticks.
    public var meanLeadTime: Double
    /// Least possible tick at which the last customer is served.
    public var makespan: Int
    public var arrivalBound: Int
    public var workerBound: Int
    public var machineBound: Int
    public var orders: Int

    public init(meanLeadTime: Double, makespan: Int, arrivalBound: Int, workerBound: Int, machineBound: Int, orders: Int) {
        self.meanLeadTime = meanLeadTime
        self.makespan = makespan
        self.arrivalBound = arrivalBound
        self.workerBound = workerBound
        self.machineBound = machineBound
        self.orders = orders
    }

    /// Works the bound out by walking the same arrival stream the shift will see.
    public static func compute(config: ShopConfig, seed: UInt64, baristas: Int) -> LowerBound {
        let facts = config.menu.map { ItemFacts(item: $0, config: config) }
        var arrivals: [(tick: Int, item: Int)] = []
        var stream = ArrivalStream(config: config, seed: seed)
        while let a = stream.next() { arrivals.append((a.tick, a.item)) }
        guard !arrivals.isEmpty else {
            return LowerBound(meanLeadTime: 0, makespan: 0, arrivalBound: 0, workerBound: 0, machineBound: 0, orders: 0)
        }
        var cpSum = 0
        var arrivalBound = 0
        for a in arrivals {
            cpSum += facts[a.item].criticalPath
            arrivalBound = max(arrivalBound, a.tick + facts[a.item].criticalPath)
        }
        // Suffix sums, walking backwards: from arrival i on, all later work must still be done.
        let crew = max(1, baristas)
        var work = 0
        var machineWork = [Int](repeating: 0, count: config.machines.count)
        var workerBound = 0
        var machineBound = 0
        for a in arrivals.reversed() {
            work += facts[a.item].workerTicks
            workerBound = max(workerBound, a.tick + ceilDiv(work, crew))
            for (m, t) in facts[a.item].machineTicks.enumerated() where t > 0 {
                machineWork[m] += t
                machineBound = max(machineBound, a.tick + ceilDiv(machineWork[m], max(1, config.machines[m].slots)))
            }
        }
        return LowerBound(meanLeadTime: Double(cpSum) / Double(arrivals.count),
                          makespan: max(arrivalBound, workerBound, machineBound),
                          arrivalBound: arrivalBound, workerBound: workerBound, machineBound: machineBound,
                          orders: arrivals.count)
    }

    /// Critical path of one menu item, in ticks.
    public static func criticalPath(of item: MenuItem, config: ShopConfig) -> Int {
        ItemFacts(item: item, config: config).criticalPath
    }

    private static func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
}

private struct ItemFacts {
    var criticalPath = 0
    var workerTicks = 0
    var machineTicks: [Int]

    init(item: MenuItem, config: ShopConfig) {
        machineTicks = [Int](repeating: 0, count: config.machines.count)
        var finish = [Int](repeating: 0, count: item.steps.count)
        // Steps may be listed in any order that the level loader accepted (a DAG); relax until stable.
        for _ in 0..<item.steps.count {
            for (i, s) in item.steps.enumerated() {
                let start = s.after.map { finish[$0] }.max() ?? 0
                finish[i] = start + Self.length(s, config)
            }
        }
        criticalPath = finish.max() ?? 0
        for s in item.steps {
            switch s.kind {
            case .work(let t, _):
                workerTicks += t
            case .machine(let m, let t):
                let load = config.machines[m].loadTicks
                workerTicks += load + config.costs.collectTicks
                machineTicks[m] += load + t - s.jitter
            }
        }
    }

    static func length(_ s: Step, _ config: ShopConfig) -> Int {
        switch s.kind {
        case .work(let t, _): t
        // Collecting is left out: another step may already have taken the product out.
        // A jittered step may be as short as `ticks - jitter`.
        case .machine(let m, let t): config.machines[m].loadTicks + t - s.jitter
        }
    }
}
