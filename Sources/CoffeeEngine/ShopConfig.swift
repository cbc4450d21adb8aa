/// Everything the engine needs to know about a shop: a level, already validated.
/// Money is in cents and time in ticks, both integers, so every run is exact.
public struct ShopConfig: Sendable, Hashable {
    /// The most steps a recipe may have: an order's steps are bits of one 64-bit word. The engine
    /// refuses a longer recipe when a shift is set up (`Simulation.init` fails the shift).
    public static let maxSteps = 64
    public var menu: [MenuItem]
    public var machines: [MachineKind]
    /// Baristas hired when a strategy does not say.
    public var baristas: Int
    /// The most baristas a strategy may hire.
    public var maxBaristas: Int
    /// Cents per barista per tick, paid for the whole shift.
    public var wage: Int
    /// Worker stations; `nil` means every barista has one.
    public var stations: Stations?
    public var costs: Costs
    /// A product left in a finished machine longer than this is cold: a defect.
    public var coolingLimit: Int
    public var patience: Patience
    public var arrivals: Arrivals
    /// No customer arrives at or after this tick.
    public var duration: Int
    /// Ticks after `duration` before the shop closes; customers still waiting then are lost.
    public var closing: Int

    public init(menu: [MenuItem], machines: [MachineKind], baristas: Int = 1, maxBaristas: Int? = nil,
                wage: Int = 0, stations: Stations? = nil, costs: Costs = Costs(), coolingLimit: Int = 1_000_000,
                patience: Patience = Patience(), arrivals: Arrivals, duration: Int, closing: Int = 1_000) {
        self.menu = menu
        self.machines = machines
        self.baristas = baristas
        self.maxBaristas = maxBaristas ?? baristas
        self.wage = wage
        self.stations = stations
        self.costs = costs
        self.coolingLimit = coolingLimit
        self.patience = patience
        self.arrivals = arrivals
        self.duration = duration
        self.closing = closing
    }

    /// How long a customer who orders menu item `item` waits: the item's own patience, else the shop's.
    public func patience(of item: Int) -> Patience { menu[item].patience ?? patience }

    public func menuIndex(named name: String) -> Int? { menu.firstIndex { $0.name == name } }
    public func machineIndex(named name: String) -> Int? { machines.firstIndex { $0.name == name } }
}

/// One drink on the menu and how it is made.
public struct MenuItem: Sendable, Hashable {
    public var name: String
    /// Cents paid when served warm.
    public var price: Int
    /// Cents of ingredients, lost when the drink is made but not sold.
    public var cost: Int
    /// Relative share of random arrivals.
    public var weight: Int
    /// Boolean attributes a strategy can read, such as `milk`.
    public var tags: [String]
    /// The recipe: a small DAG; each step lists the steps it comes after.
    public var steps: [Step]
    /// How long this item's customers wait, when it is not the shop's (`ShopConfig.patience`).
    public var patience: Patience?

    public init(name: String, price: Int, cost: Int = 0, weight: Int = 1, tags: [String] = [], steps: [Step],
                patience: Patience? = nil) {
        self.patience = patience
        self.name = name
        self.price = price
        self.cost = cost
        self.weight = weight
        self.tags = tags
        self.steps = steps
    }

    public func stepIndex(named name: String) -> Int? { steps.firstIndex { $0.name == name } }
}

/// A recipe step: done by a barista, or by a machine once a barista has loaded it.
public struct Step: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Barista work; an interruptible step can be paused and resumed with its progress kept.
        case work(ticks: Int, interruptible: Bool)
        /// A machine works on its own for `ticks` after a barista loads it.
        case machine(Int, ticks: Int)
    }
    public var name: String
    public var kind: Kind
    /// Indices of the steps that must be finished first.
    public var after: [Int]
    /// For a machine step: each product takes `ticks` moved by up to this many ticks either way,
    /// drawn from the shift's seed (`machineTicks(seed:order:step:)`), like real I/O latency.
    public var jitter: Int

    public init(name: String, kind: Kind, after: [Int], jitter: Int = 0) {
        self.name = name
        self.kind = kind
        self.after = after
        self.jitter = jitter
    }

    /// The ticks this machine step takes for order number `order` (1, 2, … in arrival order) in a
    /// shift with `seed`: `ticks` plus a whole number drawn evenly from `-jitter…jitter`. The draw
    /// is a hash of the seed, the order and the step, its own stream: it moves neither the arrivals
    /// nor any other draw, and it is the same whatever the strategy does or when it starts the step.
    public static func machineTicks(_ ticks: Int, jitter: Int, seed: UInt64, order: Int, step: Int) -> Int {
        guard jitter > 0 else { return ticks }
        var rng = SplitMix64(seed: seed ^ 0x6A69_7474_6572_2121 ^ (UInt64(truncatingIfNeeded: order) &* 0x9E37_79B9_7F4A_7C15)
                             ^ (UInt64(truncatingIfNeeded: step) &* 0xC2B2_AE3D_27D4_EB4F))
        let span = UInt64(2 * jitter + 1)
        return ticks - jitter + Int(rng.next() % span)
    }

    public static func work(_ name: String, _ ticks: Int, interruptible: Bool = true, after: [Int]) -> Step {
        Step(name: name, kind: .work(ticks: ticks, interruptible: interruptible), after: after)
    }
    public static func machine(_ name: String, on machine: Int, _ ticks: Int, after: [Int]) -> Step {
        Step(name: name, kind: .machine(machine, ticks: ticks), after: after)
    }

    public var ticks: Int {
        switch kind {
        case .work(let t, _): t
        case .machine(_, let t): t
        }
    }
    public var machine: Int? {
        if case .machine(let m, _) = kind { return m }
        return nil
    }
}

/// A kind of machine: its slots work in parallel, each on its own once loaded.
public struct MachineKind: Sendable, Hashable {
    public var name: String
    public var slots: Int
    /// Barista ticks needed to load one product.
    public var loadTicks: Int
    public init(name: String, slots: Int, loadTicks: Int = 0) {
        self.name = name
        self.slots = slots
        self.loadTicks = loadTicks
    }
}

/// Fewer stations than baristas: they time-share, paying a switch each time a station changes hands.
public struct Stations: Sendable, Hashable {
    public var count: Int
    /// Longest stretch a barista keeps a station while others queue for one.
    public var quantum: Int
    public init(count: Int, quantum: Int) {
        self.count = count
        self.quantum = quantum
    }
}

/// The price in ticks of non-value-adding moves.
public struct Costs: Sendable, Hashable {
    /// Resuming a paused step, or taking over a station someone else used.
    public var switchTicks: Int
    /// One look at a machine.
    public var checkTicks: Int
    /// Taking a product out of its slot.
    public var collectTicks: Int
    public init(switchTicks: Int = 1, checkTicks: Int = 1, collectTicks: Int = 0) {
        self.switchTicks = switchTicks
        self.checkTicks = checkTicks
        self.collectTicks = collectTicks
    }
}

/// How long a customer stays: until acknowledged (a step of their order begun), and until served.
public struct Patience: Sendable, Hashable {
    public var acknowledge: Int?
    public var serve: Int?
    public init(acknowledge: Int? = nil, serve: Int? = nil) {
        self.acknowledge = acknowledge
        self.serve = serve
    }
}

/// Who comes in and when.
public enum Arrivals: Sendable, Hashable {
    /// A fixed list, in tick order.
    case fixed([Arrival])
    /// A seeded Poisson process: exponential gaps with a mean, faster inside rush windows.
    case poisson(meanGap: Double, rush: [Rush])
}

public struct Arrival: Sendable, Hashable {
    public var tick: Int
    public var item: Int
    public init(tick: Int, item: Int) {
        self.tick = tick
        self.item = item
    }
}

/// A window of the shift with its own mean gap between customers.
public struct Rush: Sendable, Hashable {
    public var from: Int
    public var to: Int
    public var meanGap: Double
    public init(from: Int, to: Int, meanGap: Double) {
        self.from = from
        self.to = to
        self.meanGap = meanGap
    }
}
