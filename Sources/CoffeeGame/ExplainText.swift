import CoffeeEngine

extension Explanation {
    /// The objective's metric, if the game knows it.
    var metric: Metric? {
        objective.split(separator: " ").last.flatMap { Metric(rawValue: String($0)) }
    }

    /// A value of the objective as a player reads it.
    func format(_ value: Double) -> String { metric?.format(value) ?? Metric.number(value) }

    /// A gain with its sign: `+$3.20`, `-12.5`, `±0`.
    func signed(_ gain: Double) -> String {
        if gain == 0 { return "±0" }
        return (gain > 0 ? "+" : "-") + (metric?.formatDistance(gain) ?? Metric.number(Swift.abs(gain)))
    }

    /// The four corners as a table, the two gains, and each item's quickest order against its
    /// critical path: what `barista explain` prints.
    public var text: String {
        let customers = seeds.map { "the mean of \($0) hidden seeds" } ?? seed.map { "seed \($0)" } ?? "seed hidden"
        var out = ["\(TerminalSafe.line(level)) · \(TerminalSafe.line(strategy)) · \(customers) · objective \(objective)"]
        out.append(seeds == nil ? "where the speedup came from (the same customers, four ways)"
                   : "where the speedup came from (each seed's customers four ways; means, served summed, quickest of all)")
        let header = [pad("", 20), lpad("baristas", 9), "  ", pad("arrangement", 12), lpad(objective, 18), lpad("profit", 10),
                      lpad("wages", 10), lpad("lead time", 11), lpad("served", 10)]
        out.append(trimmed(header.joined()))
        for c in [baseline, concurrencyAlone, parallelismAlone, yourShift] {
            let arrangement = c.arrangement == "script" ? "your script" : c.arrangement
            var row = [pad("  " + c.name, 20), lpad(String(c.baristas), 9), "  ", pad(arrangement, 12),
                       lpad(format(c.objectiveValue), 18), lpad(Metric.dollars(cents: c.profit), 10),
                       lpad(Metric.dollars(cents: c.wages), 10), lpad(Metric.number(c.meanLeadTime), 11),
                       lpad("\(c.served)/\(c.arrived)", 10)].joined()
            if c.status != RunResult.Status.finished.rawValue { row += "  (\(c.status))" }
            out.append(row)
        }
        let crew = yourShift.baristas, one = concurrencyAlone.baristas
        let ones = one == 1 ? "1 barista" : "\(one) baristas (one per role)"
        out.append("concurrency gain   \(signed(concurrencyGain))   your arrangement against blocking, both with \(crew) barista\(crew == 1 ? "" : "s")")
        if crew == one {
            out.append("parallelism gain   \(signed(parallelismGain))   " + (one == 1 ? "your shift has 1 barista: nothing ran in parallel"
                                                                  : "your crew is one barista per role already: no extra baristas to weigh"))
        } else {
            out.append("parallelism gain   \(signed(parallelismGain))   \(crew) baristas against \(ones), both your arrangement")
        }
        out.append("extra baristas     \(Metric.dollars(cents: extraWages)) more in wages than \(ones)")
        out.append("one order never goes faster than its critical path")
        for i in items {
            let quickest = i.minLeadTime.map { "quickest \($0) ticks" } ?? "none served"
            let verdict = i.minLeadTime == nil ? "" : (i.holds ? "  ≥ critical path" : "  BELOW the critical path")
            out.append(trimmed(pad("  " + TerminalSafe.line(i.item), 20) + pad(quickest, 20) + "critical path \(i.criticalPath)"
                               + verdict + "   (\(i.served) served)"))
        }
        return out.joined(separator: "\n")
    }

    private func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
    private func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? " " + s : String(repeating: " ", count: n - s.count) + s }
    private func trimmed(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}
