import CoffeeEngine
import CoffeeGame

/// What the screen needs of manual play: the question a free barista raises, and the answer.
public protocol ManualControl: AnyObject {
    /// The decision the shop waits for; the clock stands still until it is answered.
    var question: ManualQuestion? { get }
    func answer(_ option: ManualOption)
    /// Every answer given so far, in order.
    var answersGiven: [(barista: Int, choice: ManualChoice)] { get }
    /// The same shift at tick 0, to be played again with these answers (undo keeps all but the last).
    func replaying(answers: [(barista: Int, choice: ManualChoice)]) -> any PlayableShift
}

/// A shift played by hand. Each step runs on a copy; if a barista turns out to need the player,
/// the copy is kept only to show the question, and the step runs again from the saved state once
/// the player has chosen. The engine is deterministic, so the rerun reaches the same point and
/// finds the answer waiting. Events are passed on only for steps that count.
public final class ManualShift: PlayableShift, ManualControl {
    /// Holds events of a step until it is kept.
    final class EventBuffer {
        var events: [(Int, ShopEvent)] = []
    }

    var sim: Simulation<ManualStrategy>
    let baristas: Int
    /// The shift before the step that raised the question.
    var before: Simulation<ManualStrategy>?
    let answers = ManualAnswers()
    let buffer = EventBuffer()
    public var observer: ((Int, ShopEvent) -> Void)?

    /// - Parameter answers: answers given in an earlier shift, taken in order before the player is
    ///   asked anything: a manual run replays from its seed and its answers.
    public init(config: ShopConfig, baristas: Int, seed: UInt64, answers: [(barista: Int, choice: ManualChoice)] = []) {
        self.answers.list = answers
        self.baristas = baristas
        sim = Simulation(config: config, strategy: ManualStrategy(baristas: baristas, answers: self.answers), seed: seed)
        let buffer = buffer
        sim.observer = { tick, event in buffer.events.append((tick, event)) }
    }

    public var manual: ManualControl? { self }

    public func replaying(answers: [(barista: Int, choice: ManualChoice)]) -> any PlayableShift {
        ManualShift(config: sim.shop.config, baristas: baristas, seed: sim.seed, answers: answers)
    }
    /// Every answer the player gave, in order: with the seed, all it takes to replay the shift.
    public var answersGiven: [(barista: Int, choice: ManualChoice)] { answers.list }
    public var question: ManualQuestion? { sim.strategy.question }
    public var config: ShopConfig { sim.shop.config }
    public var now: Int { sim.shop.now }
    public var nextEventTick: Int? { question == nil ? sim.nextEventTick : nil }
    public var isFinished: Bool { sim.isFinished }
    public var status: ShiftStatus { sim.status }
    public var view: ShopView { sim.view }
    public var metrics: ShiftMetrics { sim.metrics }
    public var digest: String { sim.digest.hex }

    public func step() {
        guard question == nil, !sim.isFinished else { return }
        let saved = sim
        buffer.events.removeAll(keepingCapacity: true)
        sim.step()
        if question != nil {
            before = saved
        } else {
            flush()
        }
    }

    public func answer(_ option: ManualOption) {
        guard let q = question, let before, q.options.contains(option) else { return }
        answers.list.append((q.barista, option.choice))
        var rerun = before
        buffer.events.removeAll(keepingCapacity: true)
        rerun.step()
        sim = rerun
        if question == nil {
            self.before = nil
            flush()
        }
    }

    func flush() {
        for (tick, event) in buffer.events { observer?(tick, event) }
        buffer.events.removeAll(keepingCapacity: true)
    }

    public func advanceClock(to tick: Int) {
        // Steps go through `step()` so a question can never be skipped over.
        while let t = nextEventTick, t <= tick { step() }
        guard question == nil else { return }
        sim.run(until: tick)
    }

    public func snapshot() -> ShiftSnapshot { ShiftSnapshot(tick: now, payload: before ?? sim) }

    public func restore(_ snapshot: ShiftSnapshot) {
        guard let saved = snapshot.payload as? Simulation<ManualStrategy> else { return }
        sim = saved
        before = nil
    }

    public func result(level: Level, strategy: String) -> RunResult {
        ShiftRunner.result(of: before ?? sim, level: level, strategy: strategy, baristas: sim.strategy.crew.count)
    }
}
