import CoffeeEngine

/// The scrolling timeline (Gantt), one column per tick, the newest at the right.
///
/// The shop's frame has a row per barista and per machine slot: marks stacked in one column
/// happen at the same instant, in parallel. A barista's frame has a row for the barista and one
/// per order it touched: the barista does one thing at a time, and its orders interleave, each in
/// progress but not progressing while the barista is elsewhere: concurrency.
enum TimelineView {
    static let labelWidth = 10

    static func draw(_ g: inout Grid, _ f: PlayFrame, in r: Rect) {
        guard r.height >= 2 else { return }
        let columns = r.width - labelWidth - 1
        let start = max(0, f.now + 1 - columns)
        let window = "ticks \(start)–\(max(start, f.now))"
        switch f.frameMode {
        case .shop:
            let next = f.history.baristaCount > 0 ? "Tab: b0's frame" : ""
            PlayScreen.rule(&g, y: r.y, x: r.x, width: r.width, title: "TIMELINE · shop frame: everyone at once",
                            right: "\(next) · \(window)")
            shopFrame(&g, f, in: Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1), start: start, columns: columns)
        case .barista(let b):
            PlayScreen.rule(&g, y: r.y, x: r.x, width: r.width, title: "TIMELINE · b\(b)'s frame: its orders interleaved",
                            right: "Tab: next · \(window)")
            baristaFrame(&g, f, b, in: Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1), start: start,
                         columns: columns)
        }
    }

    static func label(_ g: inout Grid, _ text: String, x: Int, y: Int, _ style: Style = .bold) {
        g.put(text.padded(labelWidth), x: x, y: y, style)
        g.set(x + labelWidth, y, "│", Palette.rule)
    }

    // MARK: Shop frame

    static func shopFrame(_ g: inout Grid, _ f: PlayFrame, in r: Rect, start: Int, columns: Int) {
        let rec = f.history
        let machines = f.level.config.machines
        let slots = machines.reduce(0) { $0 + $1.slots }
        let perSlot = rec.baristaCount + slots <= r.height
        var y = r.y
        for lane in rec.lanes.indices where y < r.maxY {
            guard case .barista(let b) = rec.lanes[lane].owner else { continue }
            label(&g, "b\(b)", x: r.x, y: y)
            drawLane(&g, rec.lanes[lane], x: r.x + labelWidth + 1, y: y, start: start, columns: columns, now: f.now) { span, t in
                Palette.baristaCell(span.mark, order: span.order, at: t - max(span.start, start))
            }
            y += 1
        }
        let cooling = f.level.config.coolingLimit
        for (m, kind) in machines.enumerated() where y < r.maxY {
            let lanes = rec.slotLanes(machine: m)
            if perSlot {
                for (i, lane) in lanes.enumerated() where y < r.maxY {
                    let name = kind.slots > 1 ? String(kind.name.prefix(labelWidth - 2)) + " \(i + 1)" : kind.name
                    label(&g, name, x: r.x, y: y, Palette.machine)
                    drawLane(&g, rec.lanes[lane], x: r.x + labelWidth + 1, y: y, start: start, columns: columns, now: f.now) { span, t in
                        Palette.machineCell(span.mark, order: span.order, cold: t - span.start > cooling,
                                            at: t - max(span.start, start))
                    }
                    y += 1
                }
            } else {
                label(&g, String(kind.name.prefix(labelWidth - 3)) + " ×\(kind.slots)", x: r.x, y: y, Palette.machine)
                aggregate(&g, lanes.map { rec.lanes[$0] }, x: r.x + labelWidth + 1, y: y, start: start, columns: columns,
                          now: f.now, cooling: cooling)
                y += 1
            }
        }
    }

    /// One lane, walking its spans alongside the columns (no search per cell).
    static func drawLane(_ g: inout Grid, _ lane: Lane, x: Int, y: Int, start: Int, columns: Int, now: Int,
                         cell: (Span, Int) -> Cell) {
        guard var i = lane.index(at: start) ?? (lane.spans.isEmpty ? nil : 0) else { return }
        for c in 0..<columns {
            let t = start + c
            guard t <= now else { break }
            while i + 1 < lane.spans.count, lane.spans[i + 1].start <= t { i += 1 }
            guard lane.spans[i].start <= t else { continue }
            let cl = cell(lane.spans[i], t)
            g.set(x + c, y, cl.char, cl.style)
        }
    }

    /// A machine kind in one row: how many slots are in use, coloured by the most urgent state.
    static func aggregate(_ g: inout Grid, _ lanes: [Lane], x: Int, y: Int, start: Int, columns: Int, now: Int, cooling: Int) {
        var idx = lanes.map { $0.index(at: start) ?? 0 }
        for c in 0..<columns {
            let t = start + c
            guard t <= now else { break }
            var used = 0, brewing = 0, done = 0, cold = 0
            for (k, lane) in lanes.enumerated() where !lane.spans.isEmpty {
                while idx[k] + 1 < lane.spans.count, lane.spans[idx[k] + 1].start <= t { idx[k] += 1 }
                let s = lane.spans[idx[k]]
                guard s.start <= t else { continue }
                switch s.mark {
                case .loading: used += 1
                case .brewing: used += 1; brewing += 1
                case .done:
                    used += 1
                    if t - s.start > cooling { cold += 1 } else { done += 1 }
                default: break
                }
            }
            guard used > 0 else { continue }
            let ch = Unicode.Scalar(UInt8(ascii: "0") + UInt8(min(used, 9)))
            let style: Style = cold > 0 ? Style(fg: .brightWhite, bg: .red, bold: true)
                : done > 0 ? Style(fg: .black, bg: .cyan)
                : brewing > 0 ? Style(fg: .brightWhite, bg: .blue) : Style(fg: .green)
            g.set(x + c, y, ch, style)
        }
    }

    // MARK: A barista's frame

    static func baristaFrame(_ g: inout Grid, _ f: PlayFrame, _ b: Int, in r: Rect, start: Int, columns: Int) {
        let rec = f.history
        guard let own = rec.lanes.first(where: { $0.owner == .barista(b) }) else { return }
        label(&g, "b\(b)", x: r.x, y: r.y)
        drawLane(&g, own, x: r.x + labelWidth + 1, y: r.y, start: start, columns: columns, now: f.now) { span, t in
            Palette.baristaCell(span.mark, order: span.order, at: t - max(span.start, start))
        }
        // The orders this barista worked on in the window, the most recently touched last.
        var lastTouch: [Int32: Int] = [:]
        let first = own.index(at: start) ?? 0
        for s in own.spans[first...] where s.order >= 0 && s.start <= f.now {
            lastTouch[s.order] = max(s.start, start)
        }
        let rows = r.height - 1
        guard rows > 0 else { return }
        if lastTouch.isEmpty {
            g.put("b\(b) has not worked on an order in this window", x: r.x + labelWidth + 2, y: r.y + 1, Palette.faint)
            return
        }
        let orders = lastTouch.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.suffix(rows).map(\.key).sorted()
        // Where each shown order's products were, column by column (machines work on their own).
        var product: [Int32: [Cell?]] = [:]
        for o in orders { product[o] = Array(repeating: nil, count: columns) }
        let cooling = f.level.config.coolingLimit
        for lane in rec.lanes {
            guard case .slot = lane.owner else { continue }
            drawLaneInto(lane, start: start, columns: columns, now: f.now) { span, t, c in
                guard span.mark != .empty, product[span.order] != nil else { return }
                product[span.order]?[c] = Palette.productCell(span.mark, cold: t - span.start > cooling)
            }
        }
        for (row, o) in orders.enumerated() {
            let y = r.y + 1 + row
            let life = rec.orders[Int(o)]
            let name = "#\(o) " + (life.map { f.level.config.menu[$0.item].name } ?? "")
            label(&g, name, x: r.x, y: y, .plain)
            var i = own.index(at: start) ?? 0
            for c in 0..<columns {
                let t = start + c
                guard t <= f.now else { break }
                while i + 1 < own.spans.count, own.spans[i + 1].start <= t { i += 1 }
                let s = own.spans[i]
                let cell: Cell
                if s.order == o, s.start <= t {
                    cell = Palette.baristaCell(s.mark, order: s.order, at: t - max(s.start, start))
                } else if let p = product[o]?[c] {
                    cell = p
                } else if let life, life.arrival <= t, life.end.map({ t < $0 }) ?? true {
                    cell = Cell("-", Palette.faint)
                } else {
                    continue
                }
                g.set(r.x + labelWidth + 1 + c, y, cell.char, cell.style)
            }
        }
    }

    static func drawLaneInto(_ lane: Lane, start: Int, columns: Int, now: Int, _ body: (Span, Int, Int) -> Void) {
        guard !lane.spans.isEmpty else { return }
        var i = lane.index(at: start) ?? 0
        for c in 0..<columns {
            let t = start + c
            guard t <= now else { break }
            while i + 1 < lane.spans.count, lane.spans[i + 1].start <= t { i += 1 }
            if lane.spans[i].start <= t { body(lane.spans[i], t, c) }
        }
    }
}
