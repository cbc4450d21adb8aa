import CoffeeEngine

/// The top of the shop view: customers at the counter on the left; baristas and machines on the right.
enum ShopPanels {
    static func draw(_ g: inout Grid, _ f: PlayFrame, in r: Rect, counterWidth: Int) {
        let waiting = f.view.customers.filter { !$0.acknowledged }.count
        PlayScreen.rule(&g, y: r.y, x: r.x, width: counterWidth, title: "COUNTER",
                        right: waiting > 0 ? "\(waiting) new" : nil)
        g.set(r.x + counterWidth, r.y, "┬", Palette.rule)
        let right = Rect(x: r.x + counterWidth + 1, y: r.y, width: r.width - counterWidth - 1, height: r.height)
        for y in r.y + 1..<r.maxY { g.set(r.x + counterWidth, y, "│", Palette.rule) }
        counter(&g, f, in: Rect(x: r.x, y: r.y + 1, width: counterWidth, height: r.height - 1))
        PlayScreen.rule(&g, y: r.y, x: right.x, width: right.width, title: "BARISTAS")
        let n = min(f.view.baristas.count, max(0, r.height - 1 - 1 - f.level.config.machines.count))
        for (i, b) in f.view.baristas.prefix(max(1, n)).enumerated() where r.y + 1 + i < r.maxY {
            barista(&g, b, f, x: right.x, y: r.y + 1 + i, width: right.width)
        }
        let my = r.y + 1 + max(1, n)
        guard my < r.maxY else { return }
        g.set(r.x + counterWidth, my, "├", Palette.rule)
        PlayScreen.rule(&g, y: my, x: right.x, width: right.width, title: "MACHINES")
        for m in f.level.config.machines.indices where my + 1 + m < r.maxY {
            machine(&g, m, f, x: right.x, y: my + 1 + m, width: right.width)
        }
    }

    // MARK: Counter

    /// Each customer: `!` if nobody has begun their order, steps done, and patience left as a bar.
    static func counter(_ g: inout Grid, _ f: PlayFrame, in r: Rect) {
        let customers = f.view.customers
        if customers.isEmpty {
            g.put("no customers", x: r.x + 1, y: r.y, Palette.faint)
            return
        }
        let rows = r.height
        let shown = customers.count > rows ? rows - 1 : customers.count
        let barWidth = 6
        let nameWidth = max(3, r.width - 5 - 4 - (barWidth + 1) - 4)
        for (i, c) in customers.prefix(shown).enumerated() {
            let y = r.y + i
            var x = r.x
            x += g.put(c.acknowledged ? " " : "!", x: x, y: y, Style(fg: .brightYellow, bold: true))
            x += g.put("#\(c.order)".padded(4), x: x, y: y, .bold)
            let name = f.level.config.menu.indices.contains(c.item) ? f.level.config.menu[c.item].name : "?"
            x += g.put(name.padded(nameWidth), x: x, y: y)
            x += g.put("\(c.stepsDone)/\(c.steps)".padded(4), x: x, y: y, Palette.faint)
            if let deadline = c.deadline {
                let total = max(1, deadline - c.arrival)
                let left = max(0, deadline - f.now)
                let ratio = Double(left) / Double(total)
                let color: Color = ratio > 0.5 ? .green : ratio > 0.25 ? .yellow : .red
                let filled = Int((ratio * Double(barWidth)).rounded(.up))
                for k in 0..<barWidth {
                    g.set(x + k, y, k < filled ? "█" : "░", Style(fg: k < filled ? color : .gray))
                }
                x += barWidth + 1
                g.putRight("\(left)", right: r.maxX, y: y, Style(fg: color))
            } else {
                g.putRight("age \(f.now - c.arrival)", right: r.maxX, y: y, Palette.faint)
            }
        }
        if customers.count > shown {
            g.put(" +\(customers.count - shown) more", x: r.x, y: r.y + shown, Palette.faint)
        }
    }

    // MARK: Baristas

    static func barista(_ g: inout Grid, _ b: BaristaView, _ f: PlayFrame, x x0: Int, y: Int, width: Int) {
        var x = x0 + 1
        x += g.put("b\(b.index) ", x: x, y: y, .bold)
        if f.question?.barista == b.index {
            g.put("▶ your move: pick what b\(b.index) does next", x: x, y: y, Style(fg: .brightYellow, bold: true),
                  limit: x0 + width - x)
            return
        }
        g.set(x, y, Palette.glyph(b.tickClass), Palette.style(b.tickClass))
        x += 2
        x += g.put(b.tickClass.name.padded(13), x: x, y: y, Palette.text(b.tickClass))
        // A bar for a one-tick move (a look at a machine, a placeholder while the player chooses) is noise.
        let timed = b.until.flatMap { until in until - b.since <= 1 ? nil : until }
        let progress: String? = timed.map { until in "\(max(0, f.now - b.since))/\(max(0, until - b.since))" }
        let barWidth = 6
        let tail = progress.map { barWidth + 2 + $0.cells } ?? 0
        g.put(activity(b, f), x: x, y: y, .plain, limit: x0 + width - x - tail - 1)
        if let until = timed, let progress {
            let total = max(1, until - b.since)
            let done = min(total, max(0, f.now - b.since))
            let filled = done * barWidth / total
            let bx = x0 + width - tail
            for k in 0..<barWidth {
                g.set(bx + k, y, k < filled ? "█" : "░", Style(fg: k < filled ? .green : .gray))
            }
            g.putRight(progress, right: x0 + width - 1, y: y, Palette.faint)
        }
    }

    /// What a barista is doing, in the game's words: `steam #2 latte`, `wait at espresso #1`.
    static func activity(_ b: BaristaView, _ f: PlayFrame) -> String {
        let r = f.history
        let order = b.order.map { "#\($0)" } ?? ""
        let step = b.order.flatMap { o in b.step.map { r.stepName(order: o, step: $0) } } ?? "step"
        let item = b.order.map { r.itemName(ofOrder: $0) } ?? ""
        let machine: String = {
            guard let o = b.order, let s = b.step, let life = r.orders[o],
                  f.level.config.menu[life.item].steps.indices.contains(s),
                  let m = f.level.config.menu[life.item].steps[s].machine else { return "machine" }
            return r.machineName(m)
        }()
        switch b.activity {
        case .free: return "free"
        case .working: return "\(step) \(order) \(item)"
        case .switching: return "switch to \(step) \(order)"
        case .collecting: return "collect a product"
        case .loading: return "load \(machine) \(order)"
        case .checking: return "check \(machine) \(order)"
        case .waiting: return "wait at \(machine) \(order)"
        case .queuedForStation: return "queue for a station \(order)"
        case .idling: return "idle"
        }
    }

    // MARK: Machines

    /// A machine kind and its slots: what each holds, brewing progress, done and cooling, cold.
    static func machine(_ g: inout Grid, _ m: Int, _ f: PlayFrame, x x0: Int, y: Int, width: Int) {
        let kind = f.level.config.machines[m]
        var x = x0 + 1
        x += g.put(kind.name.padded(10), x: x, y: y, Palette.machine)
        let queued = f.view.products.filter { $0.machine == m && $0.state == .queued }.count
        let queueText = queued > 0 ? " +\(queued) queued" : ""
        let room = x0 + width - x - queueText.cells - 1
        let cell = max(3, min(12, room / max(1, kind.slots) - 1))
        for lane in f.history.slotLanes(machine: m) {
            guard x + cell <= x0 + width - queueText.cells else { break }
            slot(&g, lane: lane, machine: m, f, x: x, y: y, width: cell)
            x += cell + 1
        }
        if queued > 0 { g.put(queueText, x: x, y: y, Style(fg: .yellow, bold: true)) }
    }

    static func slot(_ g: inout Grid, lane: Int, machine m: Int, _ f: PlayFrame, x: Int, y: Int, width: Int) {
        guard let span = f.history.lanes[lane].spans.last, span.mark != .empty else {
            g.put("·".padded(width), x: x, y: y, Palette.faint)
            return
        }
        let order = Int(span.order)
        let p = f.view.products.first { $0.order == order && $0.machine == m && $0.state != .queued }
        let label = "#\(order)"
        switch span.mark {
        case .loading:
            g.put((label + " load").padded(width), x: x, y: y, Style(fg: .green))
        case .brewing:
            let n = g.put(label, x: x, y: y, .bold, limit: width)
            let barWidth = width - n - 1
            guard barWidth > 0, let p else { return }
            let total = max(1, p.doneAt - p.startedAt)
            let filled = min(barWidth, max(0, (f.now - p.startedAt) * barWidth / total))
            for k in 0..<barWidth { g.set(x + n + 1 + k, y, k < filled ? "▰" : "▱", Style(fg: .blue, bold: true)) }
        case .done:
            let age = p.map { f.now - $0.doneAt } ?? 0
            let cold = age > f.level.config.coolingLimit
            let text = cold ? "\(label) COLD" : width >= label.cells + 7 ? "\(label) done \(age)" : "\(label) done"
            g.put(text.padded(width), x: x, y: y, cold ? Palette.bad : Style(fg: .cyan, bold: true))
        default:
            break
        }
    }
}
