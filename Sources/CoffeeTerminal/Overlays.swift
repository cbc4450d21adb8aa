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

    static func briefing(_ g: inout Grid, _ f: PlayFrame) {
        let level = f.level
        let width = min(76, g.width - 4)
        let inner = width - 4
        var lines: [(String, Style)] = [(level.idea, Style(fg: .brightYellow, bold: true)), ("", .plain)]
        lines += Text.reflow(level.briefing, width: inner).map { ($0, .plain) }
        lines.append(("", .plain))
        let m = level.medals
        let metric = level.objective.metric
        lines.append(("Goal: \(level.objective.description) — bronze \(PlayScreen.format(m.bronze, metric)) · "
                      + "silver \(PlayScreen.format(m.silver, metric)) · gold \(PlayScreen.format(m.gold, metric))", .bold))
        let how = f.question != nil || f.strategy == "manual"
            ? "You play by hand: when a barista is free the shop stops and you pick its next move."
            : f.mode == .replay ? "A stored run, played back: pause, step, seek with ← →."
            : "Strategy: \(f.strategy). Watch the tick classes: value-adding, waiting, polling, idle."
        lines += Text.wrap(how, width: inner).map { ($0, Palette.faint) }
        let available = g.height - 6
        if lines.count > available - 2 {
            lines = Array(lines.prefix(max(1, available - 3))) + [("…", Palette.faint)]
        }
        lines += [("", .plain), ("space: open the shop    ?: keys    q: quit", Palette.key)]
        let r = panel(&g, width: width, height: lines.count + 2, title: "\(level.label) · \(level.title)")
        for (i, (text, style)) in lines.enumerated() where i < r.height {
            g.put(text, x: r.x, y: r.y + i, style, limit: r.width)
        }
    }

    // MARK: Help

    static let helpLines: [(String, String)] = [
        ("space", "pause / resume"),
        (".", "one step: the next tick at which something happens"),
        ("+ -", "speed: 1× 2× 4× … 64×, max (1× is \(Int(ShiftPlayer.ticksPerSecond)) ticks a second)"),
        ("Tab", "timeline: the shop's frame, then each barista's frame"),
        ("s", "script panel: each barista's line marked"),
        ("r  R", "restart · reload the script from disk and restart"),
        ("← → PgUp PgDn", "seek 10 / 100 ticks (Home, End) — replays and scripts"),
        ("1-9 a-z ↑↓", "manual play: pick a move (Enter picks); 0 idles until news"),
        ("v", "at the end: score card or the shop"),
        ("q  Ctrl-C", "quit"),
    ]

    static func help(_ g: inout Grid) {
        var rows: [[(String, Style)]] = helpLines.map { [($0.0.padded(15), Palette.key), ($0.1, .plain)] }
        rows.append([])
        rows.append([("TIMELINE  ", .bold), ("3", Palette.style(.valueAdding)), (" work on #3  ", .plain),
                     ("w", Palette.style(.waiting)), (" waiting  ", .plain), ("p", Palette.style(.polling)),
                     (" polling  ", .plain), ("s", Palette.style(.switching)), (" switching  ", .plain),
                     ("·", Palette.style(.idle)), (" idle", .plain)])
        rows.append([("MACHINES  ", .bold), ("3", Palette.machineCell(.brewing, order: 3, cold: false).style),
                     (" brewing #3  ", .plain), ("l", Style(fg: .green)), (" loading  ", .plain),
                     ("d", Palette.machineCell(.done, order: 0, cold: false).style), (" done, cooling  ", .plain),
                     ("c", Palette.machineCell(.done, order: 0, cold: true).style), (" cold", .plain)])
        rows.append([])
        rows.append([("The shop's frame: marks in one column happen at once, in parallel.", Palette.faint)])
        rows.append([("A barista's frame: one thing at a time, orders interleaved: concurrency.", Palette.faint)])
        let r = panel(&g, width: 78, height: rows.count + 2, title: "KEYS")
        for (i, row) in rows.enumerated() where i < r.height {
            var x = r.x
            for (text, style) in row { x += g.put(text, x: x, y: r.y + i, style, limit: r.maxX - x) }
        }
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
            g.put(" " + option.label.clipped(colWidth - 3), x: x + 1, y: y, selected ? style : kindStyle)
        }
    }

    // MARK: Script panel

    static func script(_ g: inout Grid, _ panel: ScriptPanel, _ f: PlayFrame, in r: Rect) {
        g.fill(r)
        PlayScreen.rule(&g, y: r.y, x: r.x, width: r.width, title: "SCRIPT · \(panel.path ?? f.strategy)",
                        right: "s: timeline")
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
        let baristas = f.recorder.baristaCount
        let gutter = 5 + max(1, baristas) + 1
        // Keep the first marked line in view.
        let focus = panel.markers.map(\.line).min() ?? 1
        let top = max(0, min(focus - 1 - rows / 3, lines.count - rows))
        for row in 0..<rows {
            let n = top + row
            guard n < lines.count else { break }
            let y = r.y + 1 + row
            let here = panel.markers.filter { $0.line == n + 1 }
            g.put(String(n + 1).leftPadded(4), x: r.x, y: y, Palette.faint)
            for m in here where m.barista < baristas {
                g.set(r.x + 5 + m.barista, y, Unicode.Scalar(UInt8(ascii: "0") + UInt8(m.barista % 10)), Palette.style(m.tickClass))
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
