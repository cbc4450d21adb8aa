import CoffeeEngine

/// The text of `barista level`: the briefing, then the facts a strategy is planned from.
public enum LevelSheet {
    public static func render(_ level: Level) -> String {
        let c = level.config
        var out: [String] = []
        out.append("\(level.label): \(level.title)")
        out.append("idea: \(level.idea)")
        out.append("")
        out.append(level.briefing.trimmingTrailingNewlines)
        out.append("")
        out.append("menu")
        for item in c.menu {
            let tags = item.tags.isEmpty ? "" : " [\(item.tags.joined(separator: ", "))]"
            out.append("  \(item.name)\(tags): \(ScoreCard.money(item.price))"
                       + (item.cost > 0 ? ", ingredients \(ScoreCard.money(item.cost))" : "")
                       + ", critical path \(LowerBound.criticalPath(of: item, config: c)) ticks"
                       + (item.patience.map { "; its customers " + patienceText($0) } ?? ""))
            for (i, s) in item.steps.enumerated() {
                let after = s.after.isEmpty ? "" : " after " + s.after.map { item.steps[$0].name }.joined(separator: ", ")
                switch s.kind {
                case .work(let t, let interruptible):
                    out.append("    \(i + 1). \(s.name) \(t) \(t == 1 ? "tick" : "ticks")\(interruptible ? "" : ", not interruptible")\(after)")
                case .machine(let m, let t):
                    let time = s.jitter == 0 ? "\(t) \(t == 1 ? "tick" : "ticks")" : "\(t - s.jitter)–\(t + s.jitter) ticks (\(t) ± \(s.jitter), drawn per order)"
                    out.append("    \(i + 1). \(s.name) \(time) on \(c.machines[m].name)\(after)")
                }
            }
        }
        out.append("machines")
        for m in c.machines {
            out.append("  \(m.name): \(m.slots) slot\(m.slots == 1 ? "" : "s"), \(m.loadTicks) tick\(m.loadTicks == 1 ? "" : "s") to load")
        }
        out.append("baristas: \(c.baristas) hired (at most \(c.maxBaristas)), wage \(ScoreCard.money(c.wage)) a tick each")
        if let s = c.stations { out.append("stations: \(s.count), a barista keeps one at most \(s.quantum) ticks while others wait") }
        out.append("costs: switch \(c.costs.switchTicks), check \(c.costs.checkTicks), collect \(c.costs.collectTicks) ticks;"
                   + (c.coolingLimit < 1_000_000 ? " a product left \(c.coolingLimit) ticks in its slot goes cold" : " nothing goes cold"))
        out.append("customers: " + patienceText(c.patience))
        switch c.arrivals {
        case .fixed(let list): out.append("arrivals: \(list.count) at fixed ticks, the last at \(list.last?.tick ?? 0)")
        case .poisson(let gap, let rush):
            out.append("arrivals: random, one every \(ScoreCard.fixed(gap)) ticks on average until tick \(c.duration)"
                       + rush.map { ", every \(ScoreCard.fixed($0.meanGap)) in \($0.from)–\($0.to)" }.joined())
        }
        let bound = LowerBound.compute(config: c, seed: level.practiceSeed, baristas: c.baristas)
        out.append("lower bound (practice seed \(level.practiceSeed), \(c.baristas) barista\(c.baristas == 1 ? "" : "s")): "
                   + "mean lead time \(ScoreCard.fixed(bound.meanLeadTime)), last customer served at tick \(bound.makespan)")
        let m = level.medals, metric = level.objective.metric
        out.append("objective: \(level.objective): bronze \(metric.format(m.bronze)), silver \(metric.format(m.silver)), gold \(metric.format(m.gold))"
                   + " (medals are earned on hidden evaluation seeds: barista eval), "
                   + "and only with at least \(level.objective.serviceFloorText) of the customers served")
        return out.joined(separator: "\n")
    }

    /// `leave unless acknowledged within 20 ticks and served within 400 ticks`.
    static func patienceText(_ p: Patience) -> String {
        var parts: [String] = []
        if let a = p.acknowledge { parts.append("acknowledged within \(a) ticks") }
        if let s = p.serve { parts.append("served within \(s) ticks") }
        return parts.isEmpty ? "wait as long as it takes" : "leave unless " + parts.joined(separator: " and ")
    }

}

extension String {
    var trimmingTrailingNewlines: String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
