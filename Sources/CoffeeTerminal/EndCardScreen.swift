import CoffeeEngine
import CoffeeGame

/// The end of a shift: medal, score card against the lower bound, where every barista tick went,
/// and — once the store has recorded the run — the rank and everyone's scores.
enum EndCardScreen {
    /// Rows a card is drawn in before it is paged: more than any card needs.
    static let tallest = 80

    /// The card drawn whole off screen, then the page of it from `offset` (with a scroll hint
    /// when it does not fit: at 80×24 the leaderboard is below the fold).
    static func drawPaged(_ g: inout Grid, _ card: EndCard, in r: Rect, offset: Int) {
        let tall = whole(card, width: r.width)
        let rows = used(tall)
        let visible = rows > r.height ? r.height - 1 : r.height
        g.fill(r)
        Pager.blit(&g, from: tall, rows: rows, in: Rect(x: r.x, y: r.y, width: r.width, height: visible), offset: offset)
        let top = Pager.clamp(offset, rows: rows, visible: visible)
        if let hint = Pager.hint(offset: top, rows: rows, visible: visible, arrowsOnly: true) {
            g.putRight(hint + " ", right: r.maxX, y: r.maxY - 1, Palette.faint)
        }
    }

    /// How many rows the card takes at this width.
    static func rows(_ card: EndCard, width: Int) -> Int { used(whole(card, width: width)) }

    static func whole(_ card: EndCard, width: Int) -> Grid {
        var tall = Grid(width: width, height: tallest)
        draw(&tall, card, in: Rect(x: 0, y: 0, width: width, height: tallest))
        return tall
    }

    /// Rows down to the last one with anything on it.
    static func used(_ g: Grid) -> Int {
        var last = 0
        for y in 0..<g.height where (0..<g.width).contains(where: { g[$0, y] != .blank }) { last = y + 1 }
        return last
    }

    static func draw(_ g: inout Grid, _ card: EndCard, in r: Rect) {
        g.fill(r)
        let res = card.result
        let m = res.metrics
        let level = card.level
        var y = r.y
        PlayScreen.rule(&g, y: y, x: r.x, width: r.width, title: "SHIFT OVER · score card",
                        right: "digest \(res.digest)")
        y += 1

        // Medal and objective.
        var x = r.x + 1
        let medal = res.medal
        x += g.put(medal.map { "★ \($0.uppercased()) on this seed" } ?? "no medal on this seed", x: x, y: y, Palette.medal(medal))
        let metric = level.objective.metric
        let value = res.objectiveValue.map { PlayScreen.format($0, metric) } ?? "–"
        g.put("   \(level.objective.description): \(value)", x: x, y: y, .bold, limit: r.maxX - x)
        y += 1
        let t = level.medals
        var stand = "bronze \(PlayScreen.format(t.bronze, metric)) · silver \(PlayScreen.format(t.silver, metric)) · "
            + "gold \(PlayScreen.format(t.gold, metric))"
        if let v = res.objectiveValue, let gap = distance(v, level) { stand += "   " + gap }
        for line in Text.fit(stand, width: r.width - 2) where y < r.maxY {
            g.put(line, x: r.x + 1, y: y, .plain)
            y += 1
        }
        let judged = "Medals are judged on the mean of \(card.evaluationSeeds) hidden seeds (barista eval), not on this one."
        for line in Text.wrap(judged, width: r.width - 2) where y < r.maxY {
            g.put(line, x: r.x + 1, y: y, Palette.faint)
            y += 1
        }
        if res.status == .scriptError, let f = res.failure {
            let place = f.line.map { "line \($0):\(f.column ?? 0), " } ?? ""
            g.put("script error at \(place)tick \(f.tick): \(f.message)", x: r.x + 1, y: y, Palette.bad, limit: r.width - 2)
            y += 1
        }

        // The numbers, against the lower bound.
        var lines: [String] = []
        lines.append("served \(m.served) of \(m.arrived)   cold \(m.cold)   lost \(m.lost) (\(m.lostNotAcknowledged) unacknowledged · "
                     + "\(m.lostNotServed) unserved · \(m.lostAtClosing) at closing)")
        var lead = "lead time  mean \(Text.number(m.leadTime.mean))  p95 \(m.leadTime.p95)  max \(m.leadTime.max)"
        if let ratio = res.leadTimeRatio {
            lead += "   ×\(Text.fixed(ratio)) of the lower bound (\(Text.number(res.lowerBound.meanLeadTime)))"
        }
        lines.append(lead)
        var span = "last served at tick \(m.endTick)"
        if let ratio = res.makespanRatio { span += "   ×\(Text.fixed(ratio)) of the lower bound (\(res.lowerBound.makespan))" }
        lines.append(span)
        lines.append("value added \(Text.percent(m.valueAddedRatio)) of barista time   counter wait p95 \(m.counterWait.p95)   "
                     + "checks \(m.checks)")
        lines.append("profit \(Text.money(m.profit)) = revenue \(Text.money(m.revenue)) − wages \(Text.money(m.wages)) "
                     + "− waste \(Text.money(m.waste))")
        for line in lines.flatMap({ Text.fit($0, width: r.width - 2) }) where y < r.maxY {
            g.put(line, x: r.x + 1, y: y, .plain, limit: r.width - 2)
            y += 1
        }
        if let insight = card.insight { y = self.insight(&g, insight, x: r.x + 1, y: y, width: r.width - 2, bottom: r.maxY) }
        y += 1
        if !card.afterwards.isEmpty, y < r.maxY {
            g.put("WHAT NEXT", x: r.x + 1, y: y, Palette.title)
            y += 1
            for line in card.afterwards.flatMap({ Text.fit($0, width: r.width - 4) }) where y < r.maxY {
                g.put(line, x: r.x + 3, y: y, Palette.key)
                y += 1
            }
            y += 1
        }

        // Waste breakdown per barista.
        guard y < r.maxY else { return }
        x = r.x + 1
        x += g.put("BARISTA TIME  ", x: x, y: y, Palette.title)
        for c in TickClass.allCases {
            guard x + c.name.cells + 4 < r.maxX else { break }
            g.set(x, y, barGlyph(c), Palette.style(c))
            x += 2
            x += g.put(c.name + "  ", x: x, y: y)
        }
        y += 1
        let barWidth = min(40, r.width - 36)
        for (i, b) in m.baristas.enumerated() {
            guard y < r.maxY - 1 else { break }
            g.put("b\(i)", x: r.x + 1, y: y, .bold)
            bar(&g, b, x: r.x + 5, y: y, width: barWidth)
            let waste = b.total - b.valueAdding
            var tx = r.x + 6 + barWidth
            let short: [TickClass: String] = [.valueAdding: "value", .waiting: "wait", .polling: "poll", .switching: "switch", .idle: "idle"]
            let full = TickClass.allCases.map { "\(Text.percent(ratio(b[$0], b.total))) \(short[$0] ?? "")" }
            if tx + full.joined(separator: " · ").cells < r.maxX {
                for (k, c) in TickClass.allCases.enumerated() {
                    if k > 0 { tx += g.put(" · ", x: tx, y: y, Palette.faint) }
                    tx += g.put(full[k], x: tx, y: y, b[c] > 0 ? Palette.text(c) : Palette.faint)
                }
            } else {
                tx += g.put("\(Text.percent(ratio(b.valueAdding, b.total))) value", x: tx, y: y, Palette.text(.valueAdding))
            }
            if waste > 0, tx < r.x + 6 + barWidth + 12 {
                let worst = TickClass.allCases.filter { $0 != .valueAdding }.max { b[$0] < b[$1] } ?? .idle
                g.put("  most waste: \(worst.name) \(Text.percent(ratio(b[worst], b.total)))", x: tx, y: y,
                      Palette.text(worst), limit: r.maxX - tx)
            }
            y += 1
        }
        for mm in m.machines where y < r.maxY - 1 {
            let total = mm.busy + mm.holding + mm.idle
            g.put("\(mm.name) ×\(mm.slots)".clipped(14), x: r.x + 1, y: y, Palette.machine)
            g.put("busy \(Text.percent(ratio(mm.busy, total)))  holding done \(Text.percent(ratio(mm.holding, total)))  "
                  + "empty \(Text.percent(ratio(mm.idle, total)))", x: r.x + 16, y: y, Palette.faint, limit: r.width - 17)
            y += 1
        }
        y += 1

        // Leaderboard.
        guard y < r.maxY else { return }
        standing(&g, card, x: r.x + 1, y: y, width: r.width - 2, bottom: r.maxY)
    }

    /// The four corners in short and the top coaching; returns the row below them.
    static func insight(_ g: inout Grid, _ insight: ShiftInsight, x: Int, y: Int, width: Int, bottom: Int) -> Int {
        var y = y + 1
        var rows: [(String, Style)] = [("WHERE THE SPEEDUP CAME FROM", Palette.title)]
        rows += insight.explanation.compact.flatMap { Text.fit($0, width: width - 2) }.map { ("  " + $0, .plain) }
        if !insight.coaching.isEmpty {
            rows.append(("COACHING", Palette.title))
            for suggestion in insight.coaching {
                rows += Text.fit(suggestion.text, width: width - 4).enumerated().map { i, line in ((i == 0 ? "  · " : "    ") + line, .plain) }
            }
        }
        for (text, style) in rows where y < bottom {
            g.put(text, x: x, y: y, style, limit: width)
            y += 1
        }
        return y
    }

    static func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

    /// `silver at 4: 1 more` — the next medal up and how far this shift is from it.
    static func distance(_ value: Double, _ level: Level) -> String? {
        let o = level.objective
        let current = o.medal(for: value)
        guard current != .gold else { return "gold: the best there is" }
        guard let next = Medal.allCases.first(where: { m in current.map { m > $0 } ?? true }) else { return nil }
        let target = level.medals[next]
        let gap = abs(target - value)
        let more = o.direction == .max ? "more" : "less"
        return "\(next) at \(PlayScreen.format(target, o.metric)): \(PlayScreen.format(gap, o.metric)) \(more)"
    }

    static func barGlyph(_ c: TickClass) -> Unicode.Scalar { c == .valueAdding ? "█" : Palette.glyph(c) }

    /// A stacked bar of a barista's ticks by class.
    static func bar(_ g: inout Grid, _ b: BaristaMetrics, x: Int, y: Int, width: Int) {
        guard b.total > 0, width > 0 else { return }
        var acc = 0
        var drawn = 0
        for c in TickClass.allCases {
            acc += b[c]
            let end = Int((Double(acc) * Double(width) / Double(b.total)).rounded())
            while drawn < end {
                g.set(x + drawn, y, barGlyph(c), c == .valueAdding ? Style(fg: .green) : Palette.style(c))
                drawn += 1
            }
        }
    }

    static func standing(_ g: inout Grid, _ card: EndCard, x: Int, y: Int, width: Int, bottom: Int) {
        guard let s = card.standing else {
            let note = card.mode == .replay ? "a replay: verified, not recorded again" : "this run was not recorded"
            g.put("LEADERBOARD  ", x: x, y: y, Palette.title)
            g.put(note, x: x + 13, y: y, Palette.faint)
            return
        }
        var tx = x
        tx += g.put("LEADERBOARD  ", x: tx, y: y, Palette.title)
        tx += g.put("rank \(s.rank) of \(s.total)", x: tx, y: y, Style(fg: .brightYellow, bold: true))
        if let note = s.note { g.put("   \(note)", x: tx, y: y, Palette.faint, limit: x + width - tx) }
        var y = y
        if let league = s.league, y + 1 < bottom {
            y += 1
            let lx = x + g.put("LEAGUE       ", x: x, y: y, Palette.title)
            g.put(league, x: lx, y: y, Palette.faint, limit: x + width - lx)
        }
        let rows = min(4, bottom - y - 3)
        guard rows >= 1, !s.scores.isEmpty else { return }
        let h = Histogram(scores: s.scores, buckets: min(30, width - 40), mine: card.result.objectiveValue)
        let cw = max(1, min(3, 30 / max(1, h.counts.count)))
        let metric = card.level.objective.metric
        let blocks: [Unicode.Scalar] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let top = max(1, h.counts.max() ?? 1)
        for (b, count) in h.counts.enumerated() {
            let eighths = count == 0 ? 0 : max(1, count * rows * 8 / top)
            for row in 0..<rows {
                let level = min(8, max(0, eighths - (rows - 1 - row) * 8))
                let mine = b == h.mine
                for k in 0..<cw {
                    g.set(x + 2 + b * cw + k, y + 1 + row, blocks[level], mine ? Style(fg: .brightYellow, bold: true) : Style(fg: .blue))
                }
            }
        }
        let axis = y + 1 + rows
        g.put(PlayScreen.format(h.low, metric), x: x + 2, y: axis, Palette.faint)
        let histWidth = h.counts.count * cw
        if h.high > h.low { g.putRight(PlayScreen.format(h.high, metric), right: x + 2 + histWidth, y: axis, Palette.faint) }
        if let mine = h.mine, axis + 1 < bottom {
            g.put("^ you", x: x + 2 + mine * cw, y: axis + 1, Style(fg: .brightYellow, bold: true))
        }
        let better = card.level.objective.direction == .max ? "better →" : "← better"
        g.put("\(s.scores.count) \(s.scores.count == 1 ? "run" : "runs") · \(card.level.objective.description) · \(better)", x: x + 4 + histWidth,
              y: y + rows, Palette.faint, limit: x + width - (x + 4 + histWidth))
    }
}

/// Everyone's scores in equal-width buckets, with the bucket of this run.
public struct Histogram: Sendable, Hashable {
    public let low: Double
    public let high: Double
    public let counts: [Int]
    public let mine: Int?

    public init(scores: [Double], buckets: Int, mine value: Double?) {
        let finite = scores.filter(\.isFinite)
        var n = max(1, buckets)
        // Whole numbers over a short range: one bucket per value.
        let all = finite + (value.map { [$0] } ?? [])
        if let lo = all.min(), let hi = all.max(), all.allSatisfy({ $0 == $0.rounded() }), hi - lo < Double(n) {
            n = Int(hi - lo) + 1
        }
        let lo = min(finite.min() ?? value ?? 0, value ?? .infinity)
        let hi = max(finite.max() ?? value ?? 0, value ?? -.infinity)
        let bucket = { (v: Double) -> Int in
            guard hi > lo else { return 0 }
            if n == Int(hi - lo) + 1 { return min(n - 1, max(0, Int((v - lo).rounded()))) }
            return min(n - 1, max(0, Int((v - lo) / (hi - lo) * Double(n))))
        }
        var counts = Array(repeating: 0, count: n)
        for s in finite { counts[bucket(s)] += 1 }
        low = lo
        high = hi
        self.counts = counts
        mine = value.map(bucket)
    }
}
