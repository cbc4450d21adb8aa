import CoffeeEngine

/// A shift played by hand. Each step runs on a copy; if a barista turns out to need the player,
/// the copy is kept only to show the question, and the step runs again from the saved state once
/// the player has chosen. The engine is deterministic, so the rerun reaches the same point and
/// finds the answer waiting. Events are passed on only for steps that count.
///
/// These are the rules of manual play; the terminal shows a `ManualShift` and turns keys into its
/// `answer(_:)`, and `ShiftRunner.run(level:manualLog:seed:observer:)` plays one from a log.
public final class ManualShift {
    /// Holds events of a step until it is kept.
    final class EventBuffer {
        var events: [(Int, ShopEvent)] = []
    }

    /// The shift as it stands (while a question is open: the copy that raised it).
    public private(set) var sim: Simulation<ManualStrategy>
    public let baristas: Int
    /// The shift before the step that raised the open question.
    public private(set) var before: Simulation<ManualStrategy>?
    let answers = ManualAnswers()
    let buffer = EventBuffer()
    /// Called with every event of a step that counts, in order, once.
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

    /// Every answer the player gave, in order: with the seed, all it takes to replay the shift.
    public var answersGiven: [(barista: Int, choice: ManualChoice)] { answers.list }
    /// The decision the shop waits for; the clock stands still until it is answered.
    public var question: ManualQuestion? { sim.strategy.question }
    public var config: ShopConfig { sim.shop.config }
    public var now: Int { sim.shop.now }
    public var nextEventTick: Int? { question == nil ? sim.nextEventTick : nil }
    public var isFinished: Bool { sim.isFinished }
    public var status: ShiftStatus { sim.status }
    public var view: ShopView { sim.view }
    public var metrics: ShiftMetrics { sim.metrics }
    /// Sixteen hex digits of the event stream so far.
    public var digest: String { sim.digest.hex }

    /// Handles one event, unless a question is open.
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

    /// Answers the open question with one of its options (anything else is ignored) and runs the
    /// step again with it.
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

    /// Moves the clock to `tick`, stopping at the first question on the way.
    public func advanceClock(to tick: Int) {
        // Steps go through `step()` so a question can never be skipped over.
        while let t = nextEventTick, t <= tick { step() }
        guard question == nil else { return }
        sim.run(until: tick)
    }

    /// The shift to keep for a snapshot: before the step of an open question, so restoring it
    /// asks again.
    public var state: Simulation<ManualStrategy> { before ?? sim }

    /// Puts back a state `state` gave.
    public func restore(_ saved: Simulation<ManualStrategy>) {
        sim = saved
        before = nil
    }

    /// Plays the rest of the shift on the answers already given, asking nothing: a log must hold
    /// every answer, each a move the shop offered, and none the shift never asked for.
    public func playToEnd() throws(ManualLogError) {
        while !sim.isFinished {
            if let r = sim.strategy.refused { throw .illegalMove(answer: r.answer + 1, barista: r.barista, tick: r.tick) }
            if question != nil { throw .runsOut(tick: now) }
            step()
        }
        if let r = sim.strategy.refused { throw .illegalMove(answer: r.answer + 1, barista: r.barista, tick: r.tick) }
        let unused = answers.list.count - sim.strategy.answersTaken
        if unused > 0 { throw .unusedAnswers(unused) }
    }

    /// The score card of the shift so far (final once it is over).
    public func result(level: Level, strategy: String = "manual") -> RunResult {
        ShiftRunner.result(of: state, level: level, strategy: strategy, baristas: sim.strategy.crew.count)
    }
}
