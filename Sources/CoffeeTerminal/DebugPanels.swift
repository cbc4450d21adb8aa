/// The step debugger's inspect panel, drawn where the timeline goes: the selected barista's task
/// (line, order, what it waits for, its variables), then every live task with its line.
enum DebugPanels {
    static func inspect(_ g: inout Grid, _ p: InspectPanel, _ f: PlayFrame, in r: Rect) {
        g.fill(r)
        let own = p.tasks.first { $0.barista == p.barista }
        let title = own.map { "INSPECT · b\(p.barista) runs \($0.id), \($0.function)" } ?? "INSPECT · b\(p.barista) holds no task"
        PlayScreen.rule(&g, y: r.y, x: r.x, width: r.width, title: title, right: "Tab: barista · i: close")
        var rows: [Pager.Row] = []
        if let stop = p.stop { rows.append([("stopped: \(stop)", Palette.key)]) }
        if let t = own {
            let order = t.order.map { "order #\($0)" } ?? "no order"
            rows.append([("line \(t.line.map(String.init) ?? "?")", .bold), ("  ·  \(order)  ·  \(t.status)", .plain),
                         ("  ·  waits for: \(waiting(t, f))", Palette.faint)])
            let locals = t.locals.isEmpty ? ["(no variables yet)"] : t.locals
            rows += columns(locals, width: r.width - 4).map { [("  " + $0, .plain)] }
        }
        rows.append([("LIVE TASKS \(p.tasks.count)", Palette.title)])
        let listed = p.tasks.sorted { ($0.barista ?? Int.max, $0.id) < ($1.barista ?? Int.max, $1.id) }
        let items = listed.map { t in
            let who = t.barista.map { "b\($0)" } ?? "--"
            return "\(who) \(t.id) line \(t.line.map(String.init) ?? "?")\(t.order.map { " #\($0)" } ?? "") \(t.status)"
        }
        rows += columns(items, width: r.width - 4).map { [("  " + $0, .plain)] }
        Pager.draw(&g, rows, in: Rect(x: r.x + 1, y: r.y + 1, width: r.width - 2, height: r.height - 1), offset: 0)
    }

    /// What a task waits for, in the game's words.
    static func waiting(_ t: DebugTask, _ f: PlayFrame) -> String {
        guard let b = t.barista, f.view.baristas.indices.contains(b) else {
            return t.status == "ready" ? "a free barista" : t.status
        }
        switch f.view.baristas[b].activity {
        case .waiting: return "its product (wait: the barista stands at the machine)"
        case .checking: return "a look at the machine (check)"
        case .queuedForStation: return "a free station"
        case .working, .switching, .collecting, .loading: return "its step to end (\(f.view.baristas[b].tickClass.name))"
        default: return "nothing: it runs"
        }
    }

    /// Items laid out in as many columns as fit, row by row.
    static func columns(_ items: [String], width: Int) -> [String] {
        guard let widest = items.map(\.cells).max() else { return [] }
        let w = widest + 3
        let perRow = max(1, width / w)
        return stride(from: 0, to: items.count, by: perRow).map { i in
            items[i..<min(items.count, i + perRow)].map { $0.padded(w) }.joined().trimmingSpaces
        }
    }
}
