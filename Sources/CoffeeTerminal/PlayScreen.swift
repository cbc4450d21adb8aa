import CoffeeEngine
import CoffeeGame

/// The play screen: a pure function from a `PlayFrame` to a grid of cells.
///
/// ```
/// header: level, strategy, state, speed / clock and live score
/// ─ COUNTER ─────┬─ BARISTAS ──────────────
///  customers     │ each barista and its step
///  and patience  ├─ MACHINES ──────────────
///                │ slots, progress, done
/// ─ TIMELINE ──────────────────────────────
///  lanes (shop frame) or orders (a barista's frame)
///  recent events
/// footer: keys
/// ```
public enum PlayScreen {
    public static func render(_ f: PlayFrame, size: TerminalSize) -> Grid {
        var g = Grid(width: size.columns, height: size.rows)
        guard size.fitsMinimum else {
            tooSmall(&g, size: size)
            return g
        }
        header(&g, f)
        footer(&g, f)
        let body = bodyRect(size)
        if let card = f.card {
            EndCardScreen.drawPaged(&g, card, in: body, offset: f.pageScroll)
        } else {
            shop(&g, f, in: body)
        }
        if let problem = f.problem {
            Overlays.problem(&g, problem)
        } else if f.briefing {
            Overlays.briefing(&g, f)
        }
        if f.help { Overlays.help(&g, offset: f.helpScroll) }
        return g
    }

    /// Where the shop, or the end card, goes: between the header and the footer.
    static func bodyRect(_ size: TerminalSize) -> Rect {
        Rect(x: 0, y: 2, width: size.columns, height: size.rows - 3)
    }

    /// The rows of the page on top (help, briefing or end card) and how many are shown at once.
    static func page(_ f: PlayFrame, size: TerminalSize) -> (rows: Int, visible: Int) {
        if f.help { return Overlays.helpPage(width: size.columns, height: size.rows) }
        if f.briefing {
            let l = Overlays.briefingLayout(f, width: size.columns, height: size.rows)
            return (l.rows.count, l.visible)
        }
        if let card = f.card {
            let body = bodyRect(size)
            let rows = EndCardScreen.rows(card, width: body.width)
            return (rows, rows > body.height ? body.height - 1 : body.height)
        }
        return (0, 0)
    }

    // MARK: Too small

    /// Says how large a window the game needs, instead of drawing a broken screen.
    public static func tooSmall(_ g: inout Grid, size: TerminalSize) {
        let need = TerminalSize.minimum
        let text = "Barista needs a window of at least \(need.columns)×\(need.rows). This one is \(size.columns)×\(size.rows): make it larger. "
            + "The shift is paused until then. q quits."
        let lines = Text.wrap(text, width: max(1, g.width - 2))
        let top = max(0, (g.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            g.put(line, x: max(0, (g.width - line.cells) / 2), y: top + i, i == 0 ? .bold : .plain)
        }
    }

    // MARK: Header and footer

    static func header(_ g: inout Grid, _ f: PlayFrame) {
        var x = g.put(" BARISTA ", x: 0, y: 0, Style(fg: .black, bg: .yellow, bold: true))
        x += g.put(" \(f.level.label) · \(f.level.title)", x: x, y: 0, .bold)
        x += g.put("  \(f.strategy)\(f.mode == .replay ? " (replay)" : "") · seed \(f.seed)", x: x, y: 0, Palette.faint)
        let state: (String, Style)
        if f.finished {
            state = ("■ shift over", Palette.title)
        } else if f.question != nil {
            state = ("? your move", Style(fg: .brightYellow, bold: true))
        } else if f.briefing || f.paused {
            state = ("‖ paused \(f.speed)", Style(fg: .yellow, bold: true))
        } else {
            state = ("▶ \(f.speed)", Palette.good)
        }
        g.putRight(state.0 + " ", right: g.width, y: 0, state.1)

        let m = f.metrics
        let config = f.level.config
        var parts: [(String, Style)] = [
            (f.now <= config.duration ? "tick \(f.now)/\(config.duration)" : "tick \(f.now) closing \(config.duration + config.closing)", .bold),
            ("served \(m.served)/\(m.arrived)", Palette.good),
            ("lost \(m.lost)", m.lost > 0 ? Palette.bad : .plain),
            ("cold \(m.cold)", m.cold > 0 ? Palette.bad : .plain),
            ("value-added \(Text.percent(m.valueAddedRatio))", .plain),
            ("profit \(Text.money(m.profit))", .plain),
        ]
        parts.append((objectiveText(f.level, m), Palette.faint))
        x = 1
        for (i, (text, style)) in parts.enumerated() {
            let gap = i == 0 ? 0 : 3
            guard x + gap + text.cells <= g.width - 1 else { break }
            x += gap
            x += g.put(text, x: x, y: 1, style)
        }
    }

    /// `goal max served: 4 → gold 6`: the objective, its value so far, and the next medal up; once
    /// more customers were lost than the service floor allows, that no medal is left to earn.
    static func objectiveText(_ level: Level, _ m: ShiftMetrics) -> String {
        let o = level.objective
        let value = o.metric.value(in: m)
        // Customers still in the shop may yet be served: only the lost count against the floor.
        guard o.meetsServiceFloor(served: m.arrived - m.lost, arrived: m.arrived) else {
            return "goal \(o.description): \(format(value, o.metric)) · \(m.lost) lost: below the \(o.serviceFloorText) service floor, no medal"
        }
        let current = o.medal(for: value)
        let next = Medal.allCases.first { $0 > (current ?? .bronze) || current == nil }
        var s = "goal \(o.description): \(format(value, o.metric))"
        if let next, current != .gold {
            s += " → \(next) \(format(level.medals[next], o.metric))"
        } else if current == .gold {
            s += " (gold)"
        }
        return s
    }

    static func format(_ value: Double, _ metric: Metric) -> String { metric.format(value) }

    static func footer(_ g: inout Grid, _ f: PlayFrame) {
        let y = g.height - 1
        g.fill(Rect(x: 0, y: y, width: g.width, height: 1), " ", Style(reverse: true))
        if let message = f.message {
            g.put(" " + message, x: 0, y: y, Style(bold: true, reverse: true), limit: g.width)
            return
        }
        var keys: [(String, String)]
        if f.help {
            keys = [("↑↓ PgDn", "scroll"), ("any key", "close help")]
        } else if f.problem != nil {
            keys = [("R", "reload"), ("r", "restart"), ("s", "script"), ("?", "help")]
        } else if f.briefing {
            keys = [("space", "open the shop"), ("↑↓ PgDn", "scroll"), ("?", "help")]
        } else if f.question != nil {
            keys = [("1-9 a-m", "choose"), ("↑↓ Enter", "pick"), ("0", "idle"), ("u", "undo"), ("Tab", "frame"),
                    ("?", "help")]
        } else if f.finished {
            keys = (f.hasNextLevel ? [("n", "next level")] : []) + [("r", "retry")] + (f.canUndo ? [("u", "undo")] : [])
                + [("v", f.card == nil ? "score card" : "see the shop"), ("↑↓", "scroll")]
                + (f.seekable ? [("←→", "seek")] : []) + [("Tab", "frame")]
        } else if f.debugging, f.script != nil || f.inspect != nil {
            keys = [("space", "run"), ("t", "step task"), ("b", "break"), ("i", "inspect"), ("<", "rewind"),
                    ("Tab", "barista"), ("s", "script"), ("?", "help")]
        } else if f.mode == .replay {
            keys = [("space", "pause"), (".", "step"), ("+-", "speed"), ("←→", "seek"), ("PgUp/Dn", "±100"),
                    ("Tab", "frame"), ("s", "script"), ("?", "help")]
        } else {
            keys = [("space", "pause"), (".", "step"), ("+-", "speed"), ("Tab", "frame"), ("s", "script")]
                + (f.canUndo ? [("u", "undo")] : []) + [("r", "restart"), ("R", "reload"), ("?", "help")]
        }
        // `q quit` always shows, at the right end; the others as many as fit before it.
        let quit = ("q", "quit")
        let quitWidth = quit.0.cells + 1 + quit.1.cells + 1
        var x = 1
        for (key, what) in keys {
            let width = key.cells + 1 + what.cells
            guard x + width <= g.width - quitWidth - 1 else { break }
            x += g.put(key, x: x, y: y, Style(bold: true, reverse: true))
            x += g.put(" " + what + "  ", x: x, y: y, Style(reverse: true))
        }
        let qx = g.width - quitWidth
        g.put(quit.0, x: qx, y: y, Style(bold: true, reverse: true))
        g.put(" " + quit.1, x: qx + 1, y: y, Style(reverse: true))
    }

    // MARK: The shop

    /// Rows of each part of the shop view for a body of `height` rows.
    struct Layout {
        var panel: Int
        var lanes: Int
        var events: Int
    }

    /// Shares the body between panel, timeline and events. Depends only on the level (never on
    /// how many customers happen to be in), so the screen does not jump about during a shift.
    static func layout(height: Int, baristas: Int, machines: [MachineKind]) -> Layout {
        let available = height - 2 // the timeline's rule, and the panel's
        let panelWanted = max(4, baristas + 1 + machines.count)
        let slots = machines.reduce(0) { $0 + $1.slots }
        let lanesWanted = max(8, baristas + slots)
        var events = 2
        var lanes = max(5, min(lanesWanted, available - panelWanted - events))
        var panel = available - events - lanes
        if panel > panelWanted {
            // Room to spare: a longer queue at the counter, more events, then longer lanes.
            var extra = panel - panelWanted
            panel = panelWanted + min(extra, 4)
            extra -= min(extra, 4)
            let more = min(extra, 4)
            events += more
            lanes += extra - more
        }
        return Layout(panel: panel, lanes: lanes, events: events)
    }

    static func shop(_ g: inout Grid, _ f: PlayFrame, in r: Rect) {
        let l = layout(height: r.height, baristas: f.view.baristas.count, machines: f.level.config.machines)
        let counterWidth = min(36, max(30, r.width / 3))
        let panelRect = Rect(x: r.x, y: r.y, width: r.width, height: l.panel + 1)
        ShopPanels.draw(&g, f, in: panelRect, counterWidth: counterWidth)
        let timelineRect = Rect(x: r.x, y: r.y + l.panel + 1, width: r.width, height: l.lanes + 1)
        if let inspect = f.inspect {
            DebugPanels.inspect(&g, inspect, f, in: timelineRect)
        } else if let script = f.script {
            Overlays.script(&g, script, f, in: timelineRect)
        } else if let q = f.question {
            let choiceRows = min(timelineRect.height - 3, Overlays.choiceRows(q, width: r.width))
            Overlays.choices(&g, q, f, in: Rect(x: r.x, y: timelineRect.y, width: r.width, height: choiceRows + 1))
            let below = Rect(x: r.x, y: timelineRect.y + choiceRows + 1, width: r.width, height: timelineRect.height - choiceRows - 1)
            TimelineView.draw(&g, f, in: FlowView.beside(&g, f, in: below))
        } else {
            TimelineView.draw(&g, f, in: FlowView.beside(&g, f, in: timelineRect))
        }
        events(&g, f, in: Rect(x: r.x, y: r.maxY - l.events, width: r.width, height: l.events))
    }

    /// A rule across the screen with a title in it.
    static func rule(_ g: inout Grid, y: Int, x: Int, width: Int, title: String, right: String? = nil) {
        for i in x..<x + width { g.set(i, y, "─", Palette.rule) }
        g.put(" \(title) ", x: x + 1, y: y, Palette.title, limit: width - 2)
        if let right, title.cells + right.cells + 8 < width {
            g.putRight(" \(right) ", right: x + width - 1, y: y, Palette.faint)
        }
    }

    /// The most recent events, oldest first, packed into lines.
    static func events(_ g: inout Grid, _ f: PlayFrame, in r: Rect) {
        var rows: [[LogLine]] = []
        var row: [LogLine] = []
        var used = 0
        for line in f.history.log.reversed() {
            let w = "t\(line.tick) ".cells + line.text.cells + 3
            if used + w > r.width - 1, !row.isEmpty {
                rows.append(row)
                row = []
                used = 0
                if rows.count == r.height { break }
            }
            row.insert(line, at: 0)
            used += w
        }
        if !row.isEmpty, rows.count < r.height { rows.append(row) }
        for (i, row) in rows.reversed().enumerated() {
            var x = r.x + 1
            let y = r.maxY - rows.count + i
            for (j, line) in row.enumerated() {
                if j > 0 { x += g.put(" · ", x: x, y: y, Palette.faint) }
                x += g.put("t\(line.tick) ", x: x, y: y, Palette.faint)
                let style: Style = switch line.tone {
                case .plain: .plain
                case .good: Palette.good
                case .bad: Palette.bad
                case .machine: Palette.machine
                }
                x += g.put(line.text, x: x, y: y, style, limit: r.maxX - x)
            }
        }
    }
}
