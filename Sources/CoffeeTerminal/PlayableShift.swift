import CoffeeEngine
import CoffeeGame

/// A shift the screen can play, whatever strategy drives it: the engine's `Simulation` is generic
/// over its strategy, and this is the one shape the play loop sees.
///
/// Contract: `step()` handles one event; the player calls it while `nextEventTick` is at or before
/// the tick it wants, then `advanceClock(to:)` to move the clock over the quiet ticks after.
public protocol PlayableShift: AnyObject {
    var config: ShopConfig { get }
    /// The engine's clock.
    var now: Int { get }
    var nextEventTick: Int? { get }
    var isFinished: Bool { get }
    var status: ShiftStatus { get }
    var view: ShopView { get }
    var metrics: ShiftMetrics { get }
    /// Sixteen hex digits of the event stream so far.
    var digest: String { get }
    /// Called with every event, in order, once.
    var observer: ((Int, ShopEvent) -> Void)? { get set }
    func step()
    /// Moves the clock to `tick`; every event up to it must have been stepped.
    func advanceClock(to tick: Int)
    /// The whole shift as it is now: restoring it later puts everything back (the engine is a value).
    func snapshot() -> ShiftSnapshot
    func restore(_ snapshot: ShiftSnapshot)
    /// The score card of the shift so far (final once it is over).
    func result(level: Level, strategy: String) -> RunResult
    /// The script line a barista's task is on, for the script panel; `nil` when there is no
    /// script or the barista holds no task.
    func currentLine(barista: Int) -> Int?
    /// Present when the player makes the decisions (manual play).
    var manual: ManualControl? { get }
    /// The live tasks with their lines and variables, for the inspect panel; empty without a script.
    func debugTasks() -> [DebugTask]
    /// A script drives it: breakpoints, stepping a task and inspecting work.
    var canDebug: Bool { get }
    /// The engine's own attribution of every barista tick so far to a script line
    /// (`Simulation.lineProfileSoFar`), when the shift is profiled; `nil` otherwise.
    var lineProfile: [LineTicks]? { get }
}

extension PlayableShift {
    public func currentLine(barista: Int) -> Int? { nil }
    public var manual: ManualControl? { nil }
    public func debugTasks() -> [DebugTask] { [] }
    public var canDebug: Bool { false }
    public var lineProfile: [LineTicks]? { nil }
}

/// A live task as the step debugger shows it.
public struct DebugTask: Sendable, Hashable {
    /// Stays the same while the task lives: `t3`.
    public var id: String
    public var barista: Int?
    public var order: Int?
    /// `running`, `awaiting product 4`, `ready`, …
    public var status: String
    /// `on order`, or a function's name.
    public var function: String
    public var line: Int?
    /// `name = value`, in the order the script declares them.
    public var locals: [String]

    public init(id: String, barista: Int?, order: Int?, status: String, function: String, line: Int?, locals: [String]) {
        self.id = id
        self.barista = barista
        self.order = order
        self.status = status
        self.function = function
        self.line = line
        self.locals = locals
    }
}

/// A copy of a whole shift at one tick: seeking back in a replay restores one, at once.
public struct ShiftSnapshot {
    public let tick: Int
    let payload: Any
    public init(tick: Int, payload: Any) {
        self.tick = tick
        self.payload = payload
    }
}

/// Any engine `Simulation` as a playable shift: a built-in Swift strategy, or a script once it
/// is bound to the engine.
public final class SimulationShift<S: Strategy>: PlayableShift {
    public private(set) var sim: Simulation<S>
    let lineOf: ((Simulation<S>, Int) -> Int?)?
    let scoreCard: ((Simulation<S>, Level, String) -> RunResult)?
    let tasksOf: ((Simulation<S>) -> [DebugTask])?

    /// - Parameters:
    ///   - currentLine: the script line of the task a barista holds, read from the simulation (a
    ///     script strategy records it at each decision); `nil` for strategies without a script.
    ///   - result: how to score the shift; by default `ShiftRunner.result`, which knows no line
    ///     numbers (a script source passes its own to fill them in).
    ///   - tasks: the live tasks with their lines and variables, for the step debugger.
    public init(_ sim: Simulation<S>, currentLine: ((Simulation<S>, Int) -> Int?)? = nil,
                result: ((Simulation<S>, Level, String) -> RunResult)? = nil, tasks: ((Simulation<S>) -> [DebugTask])? = nil) {
        self.sim = sim
        lineOf = currentLine
        scoreCard = result
        tasksOf = tasks
    }

    public func debugTasks() -> [DebugTask] { tasksOf?(sim) ?? [] }
    public var canDebug: Bool { tasksOf != nil }
    public var lineProfile: [LineTicks]? { S.attributesLines ? sim.lineProfileSoFar : nil }

    public var config: ShopConfig { sim.shop.config }
    public var now: Int { sim.shop.now }
    public var nextEventTick: Int? { sim.nextEventTick }
    public var isFinished: Bool { sim.isFinished }
    public var status: ShiftStatus { sim.status }
    public var view: ShopView { sim.view }
    public var metrics: ShiftMetrics { sim.metrics }
    public var digest: String { sim.digest.hex }
    public var observer: ((Int, ShopEvent) -> Void)? {
        get { sim.observer }
        set { sim.observer = newValue }
    }

    public func step() { sim.step() }
    public func advanceClock(to tick: Int) { sim.run(until: tick) }

    public func snapshot() -> ShiftSnapshot { ShiftSnapshot(tick: sim.shop.now, payload: sim) }

    public func restore(_ snapshot: ShiftSnapshot) {
        guard let saved = snapshot.payload as? Simulation<S> else { return }
        let observer = sim.observer
        sim = saved
        sim.observer = observer
    }

    public func result(level: Level, strategy: String) -> RunResult {
        if let scoreCard { return scoreCard(sim, level, strategy) }
        return ShiftRunner.result(of: sim, level: level, strategy: strategy, baristas: sim.strategy.crew.count)
    }

    public func currentLine(barista: Int) -> Int? {
        guard let lineOf else { return nil }
        return lineOf(sim, barista)
    }
}
