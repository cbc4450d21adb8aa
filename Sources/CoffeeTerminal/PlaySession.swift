import CoffeeEngine
import CoffeeGame

/// How a play session is set up.
public struct PlayOptions {
    public enum Mode: Sendable, Hashable {
        /// A new shift: recorded at the end.
        case play
        /// A stored run played back: seekable, never recorded again.
        case replay
    }
    public var mode: Mode
    /// Called once per finished shift in play mode: record the run, return the leaderboard
    /// standing (or `nil` without a store).
    public var onFinish: ((RunResult) -> Standing?)?
    /// Open on the briefing, paused.
    public var showBriefing: Bool
    /// Index into `ShiftPlayer.speeds`.
    public var speedIndex: Int
    /// The level after this one, as the end card offers it (`02 long-brews, by hand`); `n` plays it.
    public var nextLevel: String?
    /// The command that earns the medal of what was just played (`barista eval 1 rush.brew`).
    public var evalCommand: String?
    /// How many hidden seeds `barista eval` judges on.
    public var evaluationSeeds: Int

    public init(mode: Mode = .play, showBriefing: Bool = true, speedIndex: Int = 0, nextLevel: String? = nil,
                evalCommand: String? = nil, evaluationSeeds: Int = Evaluation.defaultSeedCount, onFinish: ((RunResult) -> Standing?)? = nil) {
        self.mode = mode
        self.showBriefing = showBriefing
        self.speedIndex = speedIndex
        self.nextLevel = nextLevel
        self.evalCommand = evalCommand
        self.evaluationSeeds = evaluationSeeds
        self.onFinish = onFinish
    }
}

/// Why the play loop ended.
public enum PlayExit: Sendable, Hashable {
    case quit
    /// `n` on the end card: play the next level.
    case nextLevel
    case signal(TerminalSignal)
}

/// Which timeline is drawn: the shop's frame (every barista and machine at once, where
/// parallelism shows) or one barista's (its orders interleaved, where concurrency shows).
public enum FrameMode: Sendable, Hashable {
    case shop
    case barista(Int)
}

/// The state of the play screen and what each key does to it. The shift itself is the player's.
public final class PlaySession {
    public let player: ShiftPlayer
    public let options: PlayOptions
    public var frameMode: FrameMode = .shop
    public var showHelp = false
    public var showScript = false
    /// The script panel's heat column: each line's share of the barista ticks so far (`h`).
    public var showHeat = false
    /// The cumulative-flow view beside the timeline: arrived, in progress, served (`f`).
    public var showFlow = false
    /// The inspect panel: the selected barista's task, its variables, and every live task.
    public var showInspect = false
    /// The script panel's cursor line (1-based), where `b` sets a breakpoint; `nil` follows the baristas.
    public var cursor: Int?
    /// Ticks at which the shift was paused, latest last: `<` rewinds to the one before now.
    public private(set) var pauses: [Int] = []
    public var showBriefing: Bool
    /// At the end: the score card, or the shop as it ended (`v` switches).
    public var showCard = true
    /// A script that no longer compiles, from the last reload.
    public var reloadProblem: [ScriptDiagnostic]?
    /// A line for the status bar; cleared by the next key.
    public var message: String?
    /// The highlighted option of a manual question.
    public var choice = 0
    /// The first line shown of the briefing or the end card, and of the help (they scroll).
    public var pageScroll = 0
    public var helpScroll = 0
    /// The window size of the last frame: what a page is.
    public private(set) var size = TerminalSize.minimum
    /// The shift was paused because the window became too small for it.
    public private(set) var pausedForSize = false
    public private(set) var standing: Standing?
    /// The end card's insight, worked out once per finished shift (by its digest).
    var insight: (digest: String, insight: ShiftInsight?)?
    public private(set) var exit: PlayExit?

    public init(player: ShiftPlayer, options: PlayOptions = PlayOptions()) {
        self.player = player
        self.options = options
        showBriefing = options.showBriefing
        player.paused = true
        player.speedIndex = options.speedIndex
        hookFinish()
        if !options.showBriefing { player.paused = false }
    }

    func hookFinish() {
        let options = self.options
        player.onFinish = { [unowned self] result in
            guard options.mode == .play else { return }
            self.standing = options.onFinish?(result)
        }
    }

    /// Keys that pick a manual option, in option order: 1–9, then letters the commands leave free.
    public static let choiceKeys: [Character] = Array("123456789abcdefghijklmoptwxyz")

    // MARK: Time

    /// Lets real time pass; returns whether anything changed on screen.
    @discardableResult
    public func update(elapsed: Double, deadline: Double, now: () -> Double) -> Bool {
        let before = (player.shift.now, player.history.log.count, player.isFinished, player.question)
        let wasPaused = player.paused
        player.update(elapsed: elapsed, deadline: deadline, now: now)
        if player.paused, !wasPaused, let stop = player.stopReason {
            // A breakpoint stopped the shift: show where.
            notePause()
            if !showInspect { showScript = true }
            message = stop + " — t steps its task, i inspects, space runs on"
        }
        let after = (player.shift.now, player.history.log.count, player.isFinished, player.question)
        if after.3 != before.3 { choice = 0 }
        return before != after
    }

    // MARK: Keys

    public func handle(_ key: Key) {
        message = nil
        if key == .ctrl("c") {
            exit = .signal(.interrupt)
            return
        }
        if key == .char("q") || key == .char("Q") {
            exit = .quit
            return
        }
        if showHelp {
            if let o = scrolled(key, helpScroll) {
                helpScroll = o
                return
            }
            showHelp = false
            helpScroll = 0
            return
        }
        if showBriefing {
            if let o = scrolled(key, pageScroll) {
                pageScroll = o
                return
            }
            switch key {
            case .char(" "), .enter:
                showBriefing = false
                pageScroll = 0
                player.paused = !size.fitsMinimum
            case .char("?"):
                showHelp = true
            default:
                message = "\(Self.name(key)) does nothing on the briefing: space opens the shop, ↑↓ PgDn scroll, ? keys, q quits"
            }
            return
        }
        if let q = player.question, handleChoice(key, q) { return }
        // On the score card ↑ ↓ scroll; the other paging keys still seek a replay.
        if showScript, !player.isFinished || !showCard, key == .up || key == .down, player.source.scriptText != nil {
            moveCursor(key == .up ? -1 : 1)
            return
        }
        if player.isFinished, showCard, key == .up || key == .down, let o = scrolled(key, pageScroll) {
            pageScroll = o
            return
        }
        switch key {
        case .char(" "):
            if player.isFinished {
                message = "the shift is over: r plays it again\(options.nextLevel == nil ? "" : ", n the next level")"
            } else {
                player.paused.toggle()
                pausedForSize = false
                if player.paused { notePause() }
            }
        case .char("."):
            player.paused = true
            player.stepOnce()
            notePause()
        case .char("b"):
            toggleBreakpoint()
        case .char("t"):
            stepTask()
        case .char("i"):
            showInspect.toggle()
            if showInspect { showScript = false }
        case .char("<"), .backspace:
            rewind()
        case .char("+"), .char("="):
            player.faster()
        case .char("-"), .char("_"):
            player.slower()
        case .char("r"):
            restart()
        case .char("R"):
            reload()
        case .char("u"):
            undo()
        case .char("n"):
            if player.isFinished, options.nextLevel != nil {
                exit = .nextLevel
            } else {
                message = options.nextLevel == nil ? "this is the last level: there is no next one"
                    : "n plays the next level once this shift is over"
            }
        case .char("?"):
            showHelp = true
        case .char("s"):
            showScript.toggle()
            if showScript { showInspect = false }
        case .char("h"):
            if player.source.scriptText == nil {
                message = "h shows the heat of each script line: there is no script here"
            } else {
                showHeat.toggle()
                if showHeat {
                    showScript = true
                    showInspect = false
                }
            }
        case .char("f"):
            showFlow.toggle()
        case .tab:
            cycleFrame(+1)
        case .backTab:
            cycleFrame(-1)
        case .char("v"), .enter:
            if player.isFinished {
                showCard.toggle()
                pageScroll = 0
            } else {
                message = "\(Self.name(key)) switches between the score card and the shop once the shift is over"
            }
        case .left: seek(by: -10)
        case .right: seek(by: 10)
        case .pageUp: seek(by: -100)
        case .pageDown: seek(by: 100)
        case .home: seek(to: 0)
        case .end: seek(to: Int.max / 2)
        default:
            message = player.question != nil
                ? "\(Self.name(key)) is not a move: the keys beside the moves pick one, 0 idles, u undoes, ? lists every key"
                : "\(Self.name(key)) does nothing here: ? lists the keys"
        }
    }

    /// A key as the player would name it in a sentence.
    static func name(_ key: Key) -> String {
        switch key {
        case .char(let c): "'\(c)'"
        case .ctrl(let c): "Ctrl-\(c.uppercased())"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        }
    }

    /// ↑ ↓ PgUp PgDn Home End move a page on top (briefing, help, end card): the new first line,
    /// or `nil` if the key is not one of them.
    func scrolled(_ key: Key, _ offset: Int) -> Int? {
        let page = PlayScreen.page(frame(), size: size)
        let step: Int
        switch key {
        case .up: step = -1
        case .down: step = 1
        case .pageUp: step = -max(1, page.visible - 1)
        case .pageDown: step = max(1, page.visible - 1)
        case .home: step = -offset
        case .end: step = page.rows
        default: return nil
        }
        return Pager.clamp(offset + step, rows: page.rows, visible: page.visible)
    }

    /// Notes the window size before each frame: below the minimum the shift pauses (the screen
    /// cannot show it), and says so once the window fits again.
    public func noteSize(_ newSize: TerminalSize) {
        size = newSize
        if !newSize.fitsMinimum {
            if !player.paused, !player.isFinished {
                player.paused = true
                pausedForSize = true
            }
        } else if pausedForSize {
            pausedForSize = false
            message = "paused while the window was too small: space runs on"
        }
    }

    // MARK: The step debugger

    /// The barista the debugger looks at: the one whose frame is shown, else b0.
    public var selectedBarista: Int {
        if case .barista(let b) = frameMode { return b }
        return 0
    }

    func moveCursor(_ delta: Int) {
        let count = max(1, ScriptPanel.lines(of: player.source.scriptText ?? "").count)
        let from = cursor ?? player.shift.currentLine(barista: selectedBarista) ?? 1
        cursor = min(count, max(1, from + delta))
    }

    /// `b`: a breakpoint on the cursor's line (or the selected barista's), set or cleared.
    func toggleBreakpoint() {
        guard let text = player.source.scriptText, player.shift.canDebug else {
            message = "breakpoints are for scripts: barista play LEVEL SCRIPT.brew (or --break LINE)"
            return
        }
        let line = cursor ?? player.shift.currentLine(barista: selectedBarista) ?? 1
        guard line >= 1, line <= ScriptPanel.lines(of: text).count else { return }
        showScript = true
        showInspect = false
        cursor = line
        if player.breakpoints.remove(line) != nil {
            message = "breakpoint on line \(line) cleared"
        } else {
            player.breakpoints.insert(line)
            message = "breakpoint on line \(line): the shift pauses when a barista reaches it"
        }
    }

    /// `t`: runs until the selected barista's task reaches its next line.
    func stepTask() {
        guard player.shift.canDebug else {
            message = player.shift.manual != nil ? "t steps a script's task; by hand, every move is a step already"
                : "t steps a script's task: barista play LEVEL SCRIPT.brew"
            return
        }
        guard !player.isFinished else {
            message = "the shift is over: nothing to step"
            return
        }
        let b = selectedBarista
        notePause()
        if player.stepTask(barista: b) {
            message = player.stopReason.map { "b\(b): \($0)" } ?? "b\(b)'s task ran to the end of the shift"
        } else {
            message = "b\(b) holds no task at tick \(player.shift.now): . steps to the next event, Tab picks a barista"
        }
        notePause()
    }

    /// Remembers the tick of a pause, for `<`.
    func notePause() {
        if pauses.last != player.shift.now { pauses.append(player.shift.now) }
    }

    /// `<`: back to the previous pause.
    func rewind() {
        guard player.seekable else {
            message = "rewinding is for scripts and replays; by hand, u takes back a move"
            return
        }
        while let last = pauses.last, last >= player.shift.now { pauses.removeLast() }
        let to = pauses.popLast() ?? 0
        player.paused = true
        player.seek(to: to)
        notePause()
        message = "back to tick \(to)"
    }

    /// Takes back the last move of manual play (any number of times).
    public func undo() {
        guard player.shift.manual != nil else {
            message = "u takes back a move in manual play; here \(player.seekable ? "← seeks back" : "r restarts")"
            return
        }
        let before = player.shift.manual?.answersGiven.count ?? 0
        guard player.undo() else {
            message = "nothing to undo: no move made yet"
            return
        }
        standing = nil
        showCard = true
        pageScroll = 0
        choice = 0
        let at = player.question.map { "b\($0.barista)'s move at tick \($0.tick)" } ?? "the last move"
        message = "took back \(at) (\(before - 1) \(before - 1 == 1 ? "move" : "moves") kept)"
    }

    /// Keys of the choice panel; returns whether the key was one.
    func handleChoice(_ key: Key, _ q: ManualQuestion) -> Bool {
        switch key {
        case .up:
            choice = (choice + q.options.count - 1) % q.options.count
        case .down:
            choice = (choice + 1) % q.options.count
        case .enter:
            answer(q.options[min(choice, q.options.count - 1)])
        case .char("0"):
            if let idle = q.options.last { answer(idle) }
        case .char(let c):
            guard let i = Self.choiceKeys.firstIndex(of: c), i < q.options.count else { return false }
            answer(q.options[i])
        default:
            return false
        }
        return true
    }

    func answer(_ option: ManualOption) {
        player.answer(option)
        choice = 0
    }

    func cycleFrame(_ direction: Int) {
        let n = player.history.baristaCount
        let order: [FrameMode] = [.shop] + (0..<n).map { .barista($0) }
        let i = order.firstIndex(of: frameMode) ?? 0
        frameMode = order[(i + direction + order.count) % order.count]
    }

    func seek(by delta: Int) { seek(to: player.shift.now + delta) }

    func seek(to tick: Int) {
        guard player.seekable else {
            message = "seeking is for replays and scripted shifts; manual play only goes forward"
            return
        }
        player.paused = true
        player.seek(to: tick)
    }

    public func restart() {
        do {
            try player.restart()
            afterNewShift()
            message = "restarted: tick 0, paused — space runs"
        } catch {
            reloadProblem = diagnostics(error)
        }
    }

    public func reload() {
        guard player.source.canReload else {
            restart()
            message = "nothing to reload (no script): restarted"
            return
        }
        do {
            try player.reload()
            afterNewShift()
            message = "reloaded \(player.source.scriptPath ?? "the script"): tick 0, paused — space runs"
        } catch {
            reloadProblem = diagnostics(error)
            player.paused = true
        }
    }

    func afterNewShift() {
        reloadProblem = nil
        standing = nil
        showCard = true
        pageScroll = 0
        choice = 0
        // At tick 0, paused: at max speed a running restart would be over (and recorded) at once.
        player.paused = true
    }

    func diagnostics(_ error: ShiftSourceError) -> [ScriptDiagnostic] {
        switch error {
        case .script(let d): d
        case .other(let m): [ScriptDiagnostic(file: player.source.scriptPath ?? "script", line: 0, column: 0, message: m)]
        }
    }

    // MARK: Drawing

    /// Everything the screen draws, as plain values.
    public func frame() -> PlayFrame {
        let shift = player.shift
        let view = shift.view
        var script: ScriptPanel?
        if showScript {
            script = ScriptPanel(path: player.source.scriptPath, text: player.source.scriptText,
                                 markers: view.baristas.compactMap { b in
                                     shift.currentLine(barista: b.index).map { ScriptPanel.Marker(barista: b.index, line: $0, tickClass: b.tickClass) }
                                 }, breakpoints: player.breakpoints, cursor: cursor, heat: showHeat ? player.heat : nil)
        }
        var inspect: InspectPanel?
        if showInspect, shift.canDebug {
            inspect = InspectPanel(barista: selectedBarista, tasks: shift.debugTasks(), stop: player.stopReason)
        }
        var card: EndCard?
        if player.isFinished, showCard, let result = player.result {
            if insight?.digest != result.digest { insight = (result.digest, player.source.insight(for: result)) }
            card = EndCard(result: result, level: player.source.level, standing: standing, mode: options.mode,
                           evaluationSeeds: options.evaluationSeeds, afterwards: afterwards(), insight: insight?.insight)
        }
        return PlayFrame(
            level: player.source.level, strategy: player.source.strategyName, seed: player.source.seed,
            mode: options.mode, now: shift.now, speed: player.speedLabel, paused: player.paused,
            finished: player.isFinished, view: view, metrics: shift.metrics, history: player.history,
            frameMode: frameMode, question: player.question, choice: choice, script: script,
            help: showHelp, briefing: showBriefing, card: card, problem: problem(view: view),
            message: message, seekable: player.seekable, pageScroll: pageScroll, helpScroll: helpScroll,
            canUndo: !(player.shift.manual?.answersGiven.isEmpty ?? true), hasNextLevel: options.nextLevel != nil,
            inspect: inspect, debugging: player.shift.canDebug,
            flow: showFlow ? player.history.orders.values.map { life in
                CumulativeFlow.Customer(arrival: life.arrival, end: life.end, served: life.outcome == "served" || life.outcome == "cold")
            } : nil)
    }

    /// A script that does not compile (after `R`), or a shift stopped by a script error.
    func problem(view: ShopView) -> ScriptProblem? {
        if let reloadProblem {
            return ScriptProblem(title: "the script does not compile", diagnostics: reloadProblem, detail: nil)
        }
        guard case .failed(let f) = player.shift.status else { return nil }
        var diagnostics: [ScriptDiagnostic] = []
        // The place the score card names (the command that failed), else the line the barista is on.
        let placed = player.result?.failure.flatMap { r in r.line.map { (line: $0, column: r.column) } }
            ?? f.barista.flatMap { player.shift.currentLine(barista: $0) }.map { (line: $0, column: nil) }
        if let placed {
            let text = player.source.scriptText.map { ScriptPanel.lines(of: $0) } ?? []
            let source = text.indices.contains(placed.line - 1) ? text[placed.line - 1] : nil
            let (column, length) = Self.command(in: source, at: placed.column)
            diagnostics.append(ScriptDiagnostic(file: player.source.scriptPath ?? player.source.strategyName, line: placed.line,
                                                column: column, length: length, message: f.message, sourceLine: source))
        }
        let who = f.barista.map { ", barista b\($0)" } ?? ""
        return ScriptProblem(title: "the shift stopped at tick \(f.tick)\(who)", diagnostics: diagnostics,
                             detail: diagnostics.isEmpty ? f.message : nil)
    }

    /// The caret under the word at `column` (1-based), or under the line's first word when the
    /// column is not known: the command, not the indentation.
    static func command(in line: String?, at column: Int?) -> (column: Int, length: Int) {
        guard let line else { return (column ?? 1, 1) }
        let chars = Array(line)
        let start = column.map { $0 - 1 } ?? (chars.firstIndex { $0 != " " } ?? 0)
        guard chars.indices.contains(start) else { return (start + 1, 1) }
        let word = chars[start...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return (start + 1, max(1, word.count))
    }

    public func render(size: TerminalSize) -> Grid { PlayScreen.render(frame(), size: size) }

    /// What the end card offers next: `n`, `r`, and the command that earns the medal.
    func afterwards() -> [String] {
        var lines: [String] = []
        if let next = options.nextLevel { lines.append("n  next level: \(next)") }
        lines.append("r  retry this shift" + (player.shift.manual != nil ? "   u  take back the last move" : ""))
        if let eval = options.evalCommand { lines.append("medal: \(eval)") }
        return lines
    }
}
