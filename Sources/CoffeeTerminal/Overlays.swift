import CoffeeEngine
import CoffeeGame

/// Boxes drawn over or inside the shop view: the briefing, help, the manual choice panel,
/// the script panel and script errors.
enum Overlays {
    /// A centred box, cleared inside; returns its inner rectangle.
    static func panel(_ g: inout Grid, width: Int, height: Int, title: String, style: Style = Palette.rule) -> Rect {
        let w = min(width, g.width - 2)
        let h = min(height, g.height - 2)
        let r = Rect(x: (g.width - w) / 2, y: max(1, (g.height - h) / 2), width: w, height: h)
        g.fill(r)
        g.box(r, title: title, style)
        return Rect(x: r.x + 2, y: r.y + 1, width: r.width - 4, height: r.height - 2)
    }

    // MARK: Briefing

    /// The briefing's rows wrapped to the box, the box's width and how many rows show at once.
    static func briefingLayout(_ f: PlayFrame, width columns: Int, height: Int) -> (rows: [Pager.Row], width: Int, visible: Int) {
        let level = f.level
        let width = min(76, columns - 4)
        let inner = width - 4
        var lines: [Pager.Row] = Text.wrap(level.idea, width: inner).map { [($0, Style(fg: .brightYellow, bold: true))] }
        lines.append([])
        lines += Text.reflow(level.briefing, width: inner).map { [($0, .plain)] }
        lines.append([])
        let m = level.medals
        let metric = level.objective.metric
        let goal = "Goal: \(level.objective.description) — bronze \(PlayScreen.format(m.bronze, metric)) · "
            + "silver \(PlayScreen.format(m.silver, metric)) · gold \(PlayScreen.format(m.gold, metric))"
        lines += Text.wrap(goal, width: inner).map { [($0, .bold)] }
        let how = f.question != nil || f.strategy == "manual"
            ? "You play by hand: when a barista is free the shop stops and you pick its next move (u takes one back)."
            : f.mode == .replay ? "A stored run, played back: pause, step, seek with ← →."
            : "Strategy: \(f.strategy). Watch the tick classes: value-adding, waiting, polling, idle."
        lines += Text.wrap(how, width: inner).map { [($0, Palette.faint)] }
        // The box: its border, the rows, a blank row and the keys row; two rows of screen above and below.
        let visible = max(1, min(lines.count, height - 4 - 4))
        return (lines, width, visible)
    }

    static func briefing(_ g: inout Grid, _ f: PlayFrame) {
        let l = briefingLayout(f, width: g.width, height: g.height)
        let r = panel(&g, width: l.width, height: l.visible + 4, title: "\(f.level.label) · \(f.level.title)")
        Pager.draw(&g, l.rows, in: Rect(x: r.x, y: r.y, width: r.width, height: l.visible), offset: f.pageScroll)
        let y = r.y + l.visible + 1
        let top = Pager.clamp(f.pageScroll, rows: l.rows.count, visible: l.visible)
        let keys = top + l.visible < l.rows.count ? "space: open the shop   ↓ PgDn: read on   ?: keys"
            : "space: open the shop   ?: keys   q: quit"
        g.put(keys, x: r.x, y: y, Palette.key, limit: r.width)
        if let hint = Pager.hint(offset: top, rows: l.rows.count, visible: l.visible) {
            let text = hint.split(separator: "·").first.map { String($0).trimmingSpaces } ?? hint
            if keys.cells + text.cells + 2 <= r.width { g.putRight(text, right: r.maxX, y: y, Palette.faint) }
        }
    }

    // MARK: Help

    static let helpLines: [(String, String)] = [
        ("space", "pause / resume"),
        (".", "one step: the next tick at which something happens"),
        ("+ -", "speed: 1× 2× 4× … 64×, max (1× is \(Int(ShiftPlayer.ticksPerSecond)) ticks a second)"),
        ("Tab", "timeline: the shop's frame, then each barista's frame"),
        ("s", "script panel: each barista's line marked"),
        ("h", "heat column in the script panel: each line's share so far"),
        ("f", "cumulative flow beside the timeline: arrived, wip, served"),
        ("r  R", "restart · reload the script from disk: tick 0, paused"),
        ("← → PgUp PgDn", "seek 10 / 100 ticks (Home, End) — replays and scripts"),
        ("1-9 a-m ↑↓", "manual play: pick a move (Enter picks); 0 idles until news"),
        ("u", "manual play: take back the last move (again and again)"),
        ("b  ↑↓", "script: breakpoint on the script cursor's line (↑↓ move it)"),
        ("t", "script: step the selected barista's task to its next line"),
        ("i  <", "script: inspect tasks and variables · back to the last stop"),
        ("v  n", "at the end: score card or the shop · the next level"),
        ("↑ ↓ PgUp PgDn", "scroll the briefing and this help (↑ ↓ the score card)"),
        ("q  Ctrl-C", "quit (what was recorded is said on the way out)"),
    ]

    /// The help's rows: every key, then every mark on the screen in the game's words.
    static func helpRows() -> [Pager.Row] {
        var rows: [Pager.Row] = helpLines.map { [($0.0.padded(15), Palette.key), ($0.1, .plain)] }
        let va = Palette.style(.valueAdding)
        rows.append([])
        rows.append([("BARISTAS (a row each in the shop's frame)", .bold)])
        rows.append([("  12==", va), ("  working on order #12: the number starts each stretch of work", .plain)])
        rows.append([("  w", Palette.style(.waiting)), ("     waiting: standing at a machine until it is done (wait)", .plain)])
        rows.append([("  p", Palette.style(.polling)), ("     polling: looking at a machine (check)", .plain)])
        rows.append([("  s", Palette.style(.switching)), ("     switching from one order to another", .plain)])
        rows.append([("  ·", Palette.style(.idle)), ("     idle: nothing to do, or told to idle", .plain)])
        rows.append([("MACHINE SLOTS", .bold)])
        rows.append([("  l", Style(fg: .green)), ("     loading: a barista puts the order in (its load ticks)", .plain)])
        rows.append([("  12~~", Palette.machineCell(.brewing, order: 12, cold: false).style),
                     ("  brewing order #12 on its own", .plain)])
        rows.append([("  d", Palette.machineCell(.done, order: 0, cold: false).style),
                     ("     done, waiting in its slot to be collected (it cools)", .plain)])
        rows.append([("  c", Palette.machineCell(.done, order: 0, cold: true).style),
                     ("     cold: left past the cooling limit", .plain)])
        rows.append([("  3", Style(fg: .green)), ("     a machine on one row: how many of its slots are in use", .plain)])
        rows.append([("HEAT (h, in the script panel)", .bold)])
        rows.append([("  ██▌ 57%", Palette.text(.waiting)), ("  the line's share of every barista tick so far, coloured by its main class", .plain)])
        rows.append([("CUMULATIVE FLOW (f)", .bold)])
        rows.append([("  █", Palette.good), ("     served, counted up from the bottom; then left (red)", .plain)])
        rows.append([("  ▒", Style(fg: .yellow)), ("     in progress: arrived, not served yet; its height is the WIP", .plain)])
        rows.append([("A BARISTA'S FRAME (Tab): its row, then a row per order it touched", .bold)])
        rows.append([("  -", Palette.faint), ("     the order waits for a barista: in the shop, nobody on it", .plain)])
        rows.append([("  ~", Style(fg: .blue, bold: true)), ("     its product brews while the barista is free for others", .plain)])
        rows.append([("COUNTER", .bold)])
        rows.append([("  !", Style(fg: .brightYellow, bold: true)), ("     nobody has begun this order yet (take it, or they leave)", .plain)])
        rows.append([("  2/6", Palette.faint), ("   steps of the recipe done", .plain)])
        rows.append([("  ███░░░ 12", Style(fg: .green)), (" patience left, and the ticks until they leave", .plain)])
        rows.append([])
        rows.append([("The shop's frame: marks in one column happen at once, in parallel.", Palette.faint)])
        rows.append([("A barista's frame: one thing at a time, orders interleaved: concurrency.", Palette.faint)])
        return rows
    }

    /// The help's rows and how many show at once in a window of this size.
    static func helpPage(width: Int, height: Int) -> (rows: Int, visible: Int) {
        let rows = helpRows().count
        return (rows, max(1, min(rows, height - 2 - 2 - 1)))
    }

    static func help(_ g: inout Grid, offset: Int) {
        let rows = helpRows()
        let page = helpPage(width: g.width, height: g.height)
        let r = panel(&g, width: 78, height: page.visible + 3, title: "KEYS AND MARKS")
        Pager.draw(&g, rows, in: Rect(x: r.x, y: r.y, width: r.width, height: page.visible), offset: offset)
        let top = Pager.clamp(offset, rows: rows.count, visible: page.visible)
        let hint = Pager.hint(offset: top, rows: rows.count, visible: page.visible).map { $0 + " · " } ?? ""
        g.put(hint + "any other key closes", x: r.x, y: r.y + page.visible, Palette.faint, limit: r.width)
    }

    // MARK: Manual choices

    /// Rows of options the choice panel needs, in two columns.
    static func choiceRows(_ q: ManualQuestion, width: Int) -> Int {
        (q.options.count + 1) / 2
    }

    static func choices(_ g: inout Grid, _ q: ManualQuestion, _ f: PlayFrame, in r: Rect) {
        g.fill(r)
        PlayScreen.rule(&g, y: r.y, x: r.x, width: r.width, title: "YOUR MOVE · b\(q.barista) is free at tick \(q.tick)",
                        right: q.note)
        let rows = max(1, r.height - 1)
        let perColumn = max(1, min(rows, (q.options.count + 1) / 2))
        let colWidth = (r.width - 2) / 2
        for (i, option) in q.options.enumerated() {
            let col = i / perColumn
            guard col < 2 else { break }
            let x = r.x + 1 + col * colWidth
            let y = r.y + 1 + i % perColumn
            let isIdle = i == q.options.count - 1
            let key = isIdle ? "0" : i < PlaySession.choiceKeys.count ? String(PlaySession.choiceKeys[i]) : " "
            let selected = i == f.choice
            let style: Style = selected ? Palette.highlight : .plain
            g.put(key, x: x, y: y, selected ? Style(bold: true, reverse: true) : Palette.key)
            let kindStyle: Style = switch option.kind {
            case .wait: Palette.text(.waiting)
            case .check: Palette.text(.polling)
            case .idle: Palette.text(.idle)
            default: style
            }
            let warn = warning(option, f).map { " ⚠ " + $0 } ?? ""
            let n = g.put(" " + option.label.clipped(max(4, colWidth - 3 - warn.cells)), x: x + 1, y: y, selected ? style : kindStyle)
            if !warn.isEmpty { g.put(warn, x: x + 1 + n, y: y, Palette.bad, limit: colWidth - 2 - n) }
        }
    }

    /// `#3 leaves t57`: a customer whose patience runs out before this move is over (their own
    /// order's move aside), so the player sees the cost before choosing.
    static func warning(_ option: ManualOption, _ f: PlayFrame) -> String? {
        let ends: Int
        if let t = option.ticks {
            ends = f.now + t
        } else if let p = option.product, let product = f.view.products.first(where: { $0.job == p }) {
            ends = max(f.now, product.doneAt)
        } else {
            return nil
        }
        guard ends > f.now else { return nil }
        let late = f.view.customers.compactMap { c -> (order: Int, at: Int)? in
            guard c.order != option.order, let d = c.deadline, d <= ends else { return nil }
            return (c.order, d)
        }
        return late.min { $0.at < $1.at }.map { "#\($0.order) leaves t\($0.at)" }
    }

    // MARK: Script panel

    /// Cells of the heat column: a share bar, then the share in per cent.
    static let heatBar = 4
    static let heatWidth = heatBar + 5

    static func script(_ g: inout Grid, _ panel: ScriptPanel, _ f: PlayFrame, in r: Rect) {
        g.fill(r)
        var right = "h: heat · s: timeline"
        if let heat = panel.heat {
            right = "heat of \(heat.total) ticks, \(percent(heat.share(line: 0))) between tasks · h: off"
        }
        PlayScreen.rule(&g, y: r.y, x: r.x, width: r.width, title: "SCRIPT · \(panel.path ?? f.strategy)", right: right)
        guard let text = panel.text else {
            let note = f.strategy == "manual"
                ? "Manual play has no script: you are the script. Each move you pick is a line a script would run."
                : "No script to show for '\(f.strategy)'."
            for (i, line) in Text.wrap(note, width: r.width - 4).enumerated() where r.y + 1 + i < r.maxY {
                g.put(line, x: r.x + 2, y: r.y + 1 + i, Palette.faint)
            }
            return
        }
        let lines = ScriptPanel.lines(of: text)
        let rows = r.height - 1
        let baristas = f.history.baristaCount
        let heatX = r.x + 5 + max(1, baristas)
        // The heat column only when the script keeps at least a third of the width.
        let heat = panel.heat.flatMap { (heatX + heatWidth + 1 - r.x) * 3 < r.width * 2 ? $0 : nil }
        let gutter = heatX - r.x + (heat == nil ? 0 : heatWidth) + 1
        // Keep the cursor, else the first marked line, in view.
        let focus = panel.cursor ?? panel.markers.map(\.line).min() ?? 1
        let top = max(0, min(focus - 1 - rows / 3, lines.count - rows))
        for row in 0..<rows {
            let n = top + row
            guard n < lines.count else { break }
            let y = r.y + 1 + row
            let here = panel.markers.filter { $0.line == n + 1 }
            g.put(String(n + 1).leftPadded(4), x: r.x, y: y, panel.cursor == n + 1 ? Style(bold: true, reverse: true) : Palette.faint)
            if panel.breakpoints.contains(n + 1) { g.set(r.x + 4, y, "●", Palette.bad) }
            for m in here where m.barista < baristas {
                g.set(r.x + 5 + m.barista, y, Unicode.Scalar(UInt8(ascii: "0") + UInt8(m.barista % 10)), Palette.style(m.tickClass))
            }
            if let heat, let c = heat.dominant(line: n + 1) {
                let share = heat.share(line: n + 1)
                g.put(ScriptProfile.bar(share, cells: heatBar), x: heatX, y: y, Palette.text(c))
                g.put(percent(share).leftPadded(4), x: heatX + heatBar, y: y, Palette.text(c))
            }
            g.set(r.x + gutter - 1, y, "│", Palette.rule)
            let style: Style = here.isEmpty ? .plain : Style(bold: true)
            g.put(lines[n], x: r.x + gutter + 1, y: y, style, limit: r.width - gutter - 1)
            if let m = here.first {
                let note = " ◀ " + here.map { "b\($0.barista)" }.joined(separator: ",") + " " + m.tickClass.name
                let x = r.x + gutter + 1 + min(lines[n].cells, r.width - gutter - 1) + 1
                if x + note.cells < r.maxX { g.put(note, x: x, y: y, Palette.text(m.tickClass)) }
            }
        }
    }

    /// `57%`, `<1%` for a share above nothing that rounds to nothing.
    static func percent(_ share: Double) -> String {
        let p = Int((share * 100).rounded())
        return p == 0 && share > 0 ? "<1%" : "\(p)%"
    }

    // MARK: Script errors

    static func problem(_ g: inout Grid, _ p: ScriptProblem) {
        var lines: [(String, Style)] = []
        let width = min(78, g.width - 2) - 4
        for d in p.diagnostics {
            lines += Text.wrap(d.line > 0 ? d.description : d.message, width: width).map { ($0, Palette.bad) }
            if let source = d.sourceLine {
                let number = String(d.line)
                lines.append(("\(number) │ \(source)", .plain))
                let pad = String(repeating: " ", count: number.cells) + " │ " + String(repeating: " ", count: max(0, d.column - 1))
                lines.append((pad + "^" + String(repeating: "~", count: max(0, d.length - 1)), Palette.bad))
            }
            if let hint = d.hint { lines += Text.wrap("hint: \(hint)", width: width).map { ($0, Palette.faint) } }
            lines.append(("", .plain))
        }
        if let detail = p.detail {
            lines += Text.wrap(detail, width: width).map { ($0, Palette.bad) }
            lines.append(("", .plain))
        }
        lines.append(("Fix it in your editor, then R reloads and restarts.   r restart   q quit", Palette.key))
        let r = panel(&g, width: width + 4, height: min(g.height - 4, lines.count + 2),
                      title: "SCRIPT ERROR · \(p.title)", style: Palette.bad)
        for (i, (text, style)) in lines.enumerated() where i < r.height {
            g.put(text, x: r.x, y: r.y + i, style, limit: r.width)
        }
    }
}

extension String {
    func leftPadded(_ n: Int) -> String {
        cells >= n ? self : String(repeating: " ", count: n - cells) + self
    }
}
