import CoffeeEngine
import CoffeeGame

/// Plays a shift against a clock: speed, pause, one step at a time, restart and reload, and —
/// when seekable — jumps backwards and forwards through kept snapshots.
///
/// Knows nothing of keys or screens; `PlaySession` drives it.
public final class ShiftPlayer {
    /// Speeds offered by `+` and `-`, in multiples of 1× (`nil` is "as fast as it goes").
    public static let speeds: [Int?] = [1, 2, 4, 8, 16, 32, 64, nil]
    /// Ticks per second at 1×: a shot of 20 ticks brews in five seconds, slow enough to read.
    public static let ticksPerSecond = 4.0
    /// Ticks between kept snapshots at first; doubled whenever more than `maxSnapshots` are kept,
    /// so a long day keeps a bounded number and a jump back still runs few ticks.
    public static let snapshotEvery = 25
    public static let maxSnapshots = 400

    public private(set) var source: any ShiftSource
    public private(set) var shift: any PlayableShift
    public private(set) var history: ShiftHistory
    /// Every barista tick so far on the script line the barista was on: the script panel's heat
    /// column, built from the engine's attribution when asked (when the panel is drawn). Empty
    /// for a shift that is not profiled (manual play).
    public var heat: LineHeat {
        let view = shift.view
        guard let profile = shift.lineProfile else { return LineHeat(baristas: view.baristas.count) }
        return LineHeat(profile, baristas: view.baristas.count, now: view.now)
    }
    /// Whether the shift can be sought (replays and played strategies; not manual play).
    public let seekable: Bool
    public var speedIndex: Int
    public var paused = true
    /// The clock in ticks, with the fraction the real clock has run since the last whole tick.
    public private(set) var clock = 0.0
    /// Called once per shift when it is over, with its score card.
    public var onFinish: ((RunResult) -> Void)?
    public private(set) var result: RunResult?

    struct Saved {
        let tick: Int
        let shift: ShiftSnapshot
        let slots: [Int: Int]
    }
    var snapshots: [Saved] = []
    public private(set) var snapshotSpacing = ShiftPlayer.snapshotEvery

    // MARK: Debugger state

    /// Script lines the shift pauses at when any barista reaches one. Kept across restart and reload.
    public var breakpoints: Set<Int> = []
    /// Why the shift last stopped by itself: `b1 reached line 7`.
    public private(set) var stopReason: String?
    /// Each barista's line after the last event, to see when one reaches a new line.
    var lastLines: [Int?] = []
    /// Stepping one task: it, and the line it started on.
    var stepping: (task: String, line: Int?)?

    public init(source: any ShiftSource, seekable: Bool = true, speedIndex: Int = 0) throws(ShiftSourceError) {
        let first = try source.makeShift()
        self.source = source
        shift = first
        history = ShiftHistory(config: source.level.config, baristas: 0)
        self.speedIndex = min(max(0, speedIndex), Self.speeds.count - 1)
        self.seekable = seekable && first.manual == nil
        begin()
    }

    /// Wires a fresh shift to a fresh history.
    func begin() {
        let view = shift.view
        history = ShiftHistory(config: shift.config, baristas: view.baristas.count)
        look(view)
        shift.observer = { [unowned self] tick, event in self.history.record(tick, event) }
        clock = 0
        result = nil
        stopReason = nil
        stepping = nil
        lastLines = Array(repeating: nil, count: view.baristas.count)
        snapshots = []
        snapshotSpacing = Self.snapshotEvery
        keepSnapshot()
    }

    // MARK: State

    public var speed: Int? { Self.speeds[speedIndex] }
    public var speedLabel: String { speed.map { "\($0)×" } ?? "max" }
    public var isFinished: Bool { shift.isFinished }
    /// The shop waits for the player to choose a move.
    public var question: ManualQuestion? { shift.manual?.question }
    /// Whether the clock would move if time passed: not paused, not waiting, not over.
    public var isRunning: Bool { !paused && question == nil && !shift.isFinished }

    /// The furthest tick snapshots reach.
    public var frontier: Int { max(0, snapshots.last?.tick ?? 0) }

    // MARK: Controls

    public func faster() { speedIndex = min(speedIndex + 1, Self.speeds.count - 1) }
    public func slower() { speedIndex = max(speedIndex - 1, 0) }

    /// Lets `elapsed` seconds of real time pass. At "max" the shift runs until `deadline` (a time
    /// on `now`'s clock), so the screen still gets its frames.
    public func update(elapsed: Double, deadline: Double, now: () -> Double) {
        guard isRunning else { return }
        if let speed {
            clock += elapsed * Self.ticksPerSecond * Double(speed)
            advance(to: Int(clock))
        } else {
            var n = 0
            while isRunning, let t = shift.nextEventTick {
                advance(to: t)
                n += 1
                if n % 4 == 0, now() >= deadline { break }
            }
            clock = Double(shift.now)
        }
    }

    /// Handles the next tick at which anything happens, then stops.
    public func stepOnce() {
        guard question == nil, !shift.isFinished, let t = shift.nextEventTick else { return }
        advance(to: t)
        clock = Double(shift.now)
    }

    /// Runs every event up to `target`, then moves the clock there; stops early for a question or
    /// the end of the shift.
    public func advance(to target: Int, stopping: Bool = true) {
        var stopped = false
        while question == nil, !shift.isFinished, let t = shift.nextEventTick, t <= target {
            if seekable, t - 1 >= frontier + snapshotSpacing, t - 1 >= shift.now {
                shift.advanceClock(to: t - 1)
                keepSnapshot()
            }
            shift.step()
            stopped = checkStops(stopping)
            // The screen shows each tick as it is after its last event: one look per tick is enough.
            if stopped || question != nil || shift.nextEventTick != shift.now { look() }
            if stopped { break }
        }
        if stopped {
            paused = true
            clock = Double(shift.now)
        } else if question == nil, !shift.isFinished, target > shift.now {
            shift.advanceClock(to: target)
            look()
            if seekable, shift.now >= frontier + snapshotSpacing { keepSnapshot() }
        }
        if shift.isFinished { finish() } else if question != nil { clock = Double(shift.now) }
    }

    /// Notes the shop as it is after an event: the timeline's lanes.
    func look(_ view: ShopView? = nil) {
        history.sample(view ?? shift.view)
    }

    /// After an event: whether a breakpoint was reached or the task being stepped moved on.
    func checkStops(_ stopping: Bool) -> Bool {
        guard !breakpoints.isEmpty || stepping != nil else { return false }
        var hit: String?
        for b in lastLines.indices {
            let line = shift.currentLine(barista: b)
            guard line != lastLines[b] else { continue }
            lastLines[b] = line
            if hit == nil, let line, breakpoints.contains(line) { hit = "b\(b) reached breakpoint line \(line)" }
        }
        if let step = stepping {
            let task = shift.debugTasks().first { $0.id == step.task }
            if task == nil {
                hit = "task \(step.task) finished"
            } else if let line = task?.line, line != step.line {
                hit = "task \(step.task) is on line \(line)"
            }
        }
        guard stopping, let hit else { return false }
        stopReason = hit
        stepping = nil
        return true
    }

    /// Runs until the task `barista` holds reaches another line of the script (or finishes);
    /// returns `false` if the barista holds no task.
    @discardableResult
    public func stepTask(barista: Int) -> Bool {
        guard let task = shift.debugTasks().first(where: { $0.barista == barista }) else { return false }
        stepping = (task.id, task.line)
        stopReason = nil
        advance(to: Int.max / 2)
        stepping = nil
        paused = true
        clock = Double(shift.now)
        return true
    }

    /// Keeps a copy of the shift as it is now. Every event up to `now` has been handled, except
    /// for the first copy, taken before anything happened: it counts as tick -1.
    func keepSnapshot() {
        guard seekable || snapshots.isEmpty else { return }
        let t = snapshots.isEmpty ? -1 : shift.now
        if let last = snapshots.last, last.tick >= t { return }
        snapshots.append(Saved(tick: t, shift: shift.snapshot(), slots: history.slotOfJob))
        if snapshots.count > Self.maxSnapshots { thinSnapshots() }
    }

    /// Doubles the spacing and drops the snapshots it no longer needs (never the first).
    func thinSnapshots() {
        snapshotSpacing *= 2
        var kept = [snapshots[0]]
        for s in snapshots.dropFirst() where s.tick >= max(0, kept[kept.count - 1].tick) + snapshotSpacing || kept.count == 1 {
            kept.append(s)
        }
        snapshots = kept
    }

    func finish() {
        clock = Double(shift.now)
        guard result == nil else { return }
        let r = shift.result(level: source.level, strategy: source.strategyName)
        result = r
        onFinish?(r)
    }

    /// Puts the shift at `target` (clamped to the shift): back through the last snapshot before
    /// it, then forward by running, so a jump back costs at most `snapshotSpacing` ticks of running.
    /// Forward is always by running: the timeline and the log are drawn from what was run.
    public func seek(to target: Int) {
        guard seekable else { return }
        let target = max(0, target)
        let current = shift.now
        if target < current, let saved = snapshots.last(where: { $0.tick <= target }) {
            shift.restore(saved.shift)
            history.cut(after: saved.tick)
            history.restoreSlots(saved.slots)
            look()
        }
        advance(to: target, stopping: false)
        lastLines = lastLines.indices.map { shift.currentLine(barista: $0) }
        stopReason = nil
        clock = Double(shift.now)
    }

    /// Gives the player's answer to the pending question; the shift goes on from there.
    public func answer(_ option: ManualOption) {
        guard let manual = shift.manual else { return }
        manual.answer(option)
        look()
        if shift.isFinished { finish() }
    }

    /// Takes back the player's last move in manual play: the shift is played again from its seed
    /// with every answer but the last, up to the question that answer answered, and waits there.
    /// The answers kept are the log that is recorded, so an undone shift verifies like any other.
    /// Returns whether there was a move to take back.
    @discardableResult
    public func undo() -> Bool {
        guard let manual = shift.manual, !manual.answersGiven.isEmpty else { return false }
        shift = manual.replaying(answers: Array(manual.answersGiven.dropLast()))
        begin()
        advance(to: Int.max / 2)
        paused = true
        return true
    }

    /// A fresh shift from the same source.
    public func restart() throws(ShiftSourceError) {
        shift = try source.makeShift()
        begin()
    }

    /// The source read again (a script from disk), then a fresh shift. On an error nothing changes.
    public func reload() throws(ShiftSourceError) {
        let fresh = try source.reloaded()
        let next = try fresh.makeShift()
        source = fresh
        shift = next
        begin()
    }
}
