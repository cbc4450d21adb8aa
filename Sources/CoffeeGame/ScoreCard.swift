import CoffeeEngine

/// The plain-text score card of a shift: what was served, how long it took against the lower
/// bound, and where every barista tick went.
public enum ScoreCard {
    public static func render(_ r: RunResult) -> String {
        let m = r.metrics
        var out: [String] = []
        out.append("\(r.level) · strategy \(r.strategy) · seed \(r.seed)")
        switch r.status {
        case .finished:
            out.append("status      finished at tick \(m.endTick)")
        case .scriptError:
            let f = r.failure
            let place = f.flatMap { f in f.line.map { "line \($0):\(f.column ?? 0), " } } ?? ""
            out.append("status      script-error at \(place)tick \(f?.tick ?? m.endTick): \(f?.message ?? "")")
        }
        out.append("served      \(m.served) of \(m.arrived)   lost \(m.lost) (\(m.lostNotAcknowledged) not acknowledged, "
                   + "\(m.lostNotServed) not served, \(m.lostAtClosing) at closing)   cold \(m.cold)")
        out.append("throughput  \(fixed(m.throughput)) served per 100 ticks")
        var lead = "lead time   mean \(fixed(m.leadTime.mean))  p50 \(m.leadTime.p50)  p95 \(m.leadTime.p95)  max \(m.leadTime.max)"
        if m.lost > 0 { lead += "   (every arrival: a lost customer counts the longest a served one could take)" }
        if let ratio = r.leadTimeRatio {
            lead += "   bound \(fixed(r.lowerBound.meanLeadTime))  ×\(fixed(ratio)) of the bound"
        }
        out.append(lead)
        if let ratio = r.makespanRatio {
            out.append("last served tick \(m.endTick)   bound \(r.lowerBound.makespan)  ×\(fixed(ratio)) of the bound")
        }
        out.append("counter     wait p95 \(m.counterWait.p95)  max \(m.counterWait.max)   orders in shop mean \(fixed(m.wipMean)) max \(m.wipMax)")
        out.append(littlesLaw(m))
        out.append("value added \(percent(m.valueAddedRatio)) of barista time (process cycle efficiency)")
        out.append("")
        out.append(pad("barista time", 16) + TickClass.allCases.map { lpad($0.name, 13) }.joined())
        for (i, b) in m.baristas.enumerated() {
            out.append(pad("  b\(i)", 16) + TickClass.allCases.map { lpad(cell(b[$0], of: b.total), 13) }.joined())
        }
        out.append(pad("machine slots", 16) + ["busy", "holding", "idle"].map { lpad($0, 13) }.joined())
        for mm in m.machines {
            let total = mm.busy + mm.holding + mm.idle
            out.append(pad("  \(mm.name) ×\(mm.slots)", 16) + [mm.busy, mm.holding, mm.idle].map { lpad(cell($0, of: total), 13) }.joined())
        }
        out.append("")
        out.append("money       revenue \(money(m.revenue))  wages \(money(m.wages))  waste \(money(m.waste))  profit \(money(m.profit))")
        if let objective = r.objective, let value = r.objectiveValue {
            out.append("objective   \(objective): \(r.objectiveFormatted(value))   \(practiceMedal(r))")
            if let floor = r.serviceFloor {
                out.append("service     \(serviceText(served: m.served, arrived: m.arrived, floor: floor))")
                out.append("            \(rule)")
            }
        }
        out.append("digest      \(r.digest) (engine \(r.engineVersion))")
        return out.joined(separator: "\n")
    }

    /// The rule every objective keeps, as the score card says it.
    public static let rule = "dropping a customer never improves any objective"

    /// A single shift earns no medal: it says what this score would earn and where medals come from.
    public static func practiceMedal(_ r: RunResult) -> String {
        "would earn \(r.medal ?? "no medal") · medals come from barista eval on hidden seeds"
    }

    /// `62 of 65 served (95.4%), floor 90%`, or `…, below the floor of 90%: no medal`.
    public static func serviceText(served: Int, arrived: Int, floor: Double) -> String {
        let share = arrived == 0 ? 1 : Double(served) / Double(arrived)
        let floorText = Objective.percentText(floor)
        let met = Objective(metric: .served, medals: MedalThresholds(bronze: 0, silver: 0, gold: 0), serviceFloor: floor)
            .meetsServiceFloor(served: served, arrived: arrived)
        return "\(served) of \(arrived) served (\(percent(share))), " + (met ? "floor \(floorText)" : "below the floor of \(floorText): no medal")
    }

    static func cell(_ ticks: Int, of total: Int) -> String {
        total == 0 ? "\(ticks)" : "\(ticks) \(percentShort(Double(ticks) / Double(total)))"
    }

    /// Two decimals, without Foundation's formatter.
    public static func fixed(_ x: Double) -> String {
        let scaled = Int((abs(x) * 100).rounded())
        let frac = scaled % 100
        return (x < 0 && scaled != 0 ? "-" : "") + "\(scaled / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    public static func percent(_ ratio: Double) -> String {
        let tenths = Int((ratio * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func percentShort(_ ratio: Double) -> String { "(\(Int((ratio * 100).rounded()))%)" }

    /// Cents as dollars: `$12.05`, `-$0.40`.
    public static func money(_ cents: Int) -> String { Metric.dollars(cents: cents) }

    /// Left-aligned in a column of `n` characters (at least one space after).
    public static func padded(_ s: String, _ n: Int) -> String { pad(s, n) }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
    static func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? " " + s : String(repeating: " ", count: n - s.count) + s }
}
