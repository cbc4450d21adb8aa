import CoffeeGame

/// The cumulative-flow view beside the timeline (`f`): over the shift so far, served counted up
/// from the bottom, then those who left, then the work in progress up to everyone who arrived.
/// The counts are `CumulativeFlow`'s; this only draws them.
enum FlowView {
    /// Columns of the chart: the timeline keeps the rest.
    static func width(for total: Int) -> Int { min(28, total / 3) }

    /// Draws the view at the right of `r` if there is room, and returns what is left for the timeline.
    static func beside(_ g: inout Grid, _ f: PlayFrame, in r: Rect) -> Rect {
        let w = width(for: r.width)
        guard let customers = f.flow, w >= 12, r.height >= 4 else { return r }
        let panel = Rect(x: r.maxX - w, y: r.y, width: w, height: r.height)
        draw(&g, customers, now: f.now, in: panel)
        return Rect(x: r.x, y: r.y, width: r.width - w, height: r.height)
    }

    static func draw(_ g: inout Grid, _ customers: [CumulativeFlow.Customer], now: Int, in r: Rect) {
        g.fill(r)
        PlayScreen.rule(&g, y: r.y, x: r.x, width: r.width, title: "FLOW")
        let columns = r.width - 1
        let rows = r.height - 2
        let flow = CumulativeFlow(customers: customers, now: now, columns: columns)
        let top = max(1, flow.points.last?.arrived ?? 0)
        for y in r.y + 1..<r.maxY - 1 { g.set(r.x, y, "│", Palette.rule) }
        for (c, p) in flow.points.enumerated() {
            for k in 0..<rows {
                // The count this cell stands for, half way up it.
                let level = (Double(k) + 0.5) * Double(top) / Double(rows)
                let cell: (Unicode.Scalar, Style)?
                if level <= Double(p.served) {
                    cell = ("█", Style(fg: .green))
                } else if level <= Double(p.served + p.left) {
                    cell = ("█", Style(fg: .red))
                } else if level <= Double(p.arrived) {
                    cell = ("▒", Style(fg: .yellow))
                } else {
                    cell = nil
                }
                if let (ch, style) = cell { g.set(r.x + 1 + c, r.maxY - 2 - k, ch, style) }
            }
        }
        let last = flow.points.last
        let counts = "in \(last?.arrived ?? 0) wip \(last?.inProgress ?? 0) out \(last.map { $0.served + $0.left } ?? 0)"
        g.put(counts, x: r.x + 1, y: r.maxY - 1, Palette.faint, limit: r.width - 1)
    }
}
