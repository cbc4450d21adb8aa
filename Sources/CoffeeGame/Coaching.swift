import CoffeeEngine

/// One change to a script likely to pay, with the figure it stands on.
public struct Suggestion: Sendable, Codable, Hashable {
    /// Which rule found it: `wait-line`, `poll-line`, `switching`, `idle-crew`, `cold`, `unacknowledged`.
    public var rule: String
    /// The script line it is about, if one.
    public var line: Int?
    /// The figure and the suggestion, as a player reads it.
    public var text: String
    /// Ticks at stake: what ranks the suggestions (a lost or cold customer counts as the
    /// shift's mean lead time).
    public var weight: Int
}

/// Coaching: small rules over a shift's profile and metrics, each firing only on a figure that
/// shows the waste it names. `Coach.top` keeps the three with the most ticks at stake.
public enum Coach {
    /// A line's waiting or polling counts when it holds at least this share of one barista's ticks.
    static let lineShare = 0.2
    /// Switching counts when it is at least this share of all barista ticks.
    static let switchingShare = 0.1
    /// Cold drinks (of served) and unacknowledged customers (of arrived) count from this share:
    /// a rule does not nag about a few.
    static let materialShare = 0.1

    /// The three suggestions with the most ticks at stake, best first (ties: rule order).
    public static func top(_ result: RunResult, profile: ScriptProfile, script: Script, level: Level, count: Int = 3) -> [Suggestion] {
        let roles = script.program.roles
        let idle = idleCrew(result, crew: script.crew, level: level, name: { role in
            roles.indices.contains(role) && !roles[role].isImplicit ? "role \(TerminalSafe.line(roles[role].name))" : "the crew"
        }, line: { roles[safe: $0]?.span.map { Int($0.line) } }, fewer: { crew in
            ShiftRunner.run(level: level, script: Script(source: script.source, file: script.file, program: script.program,
                                                         vocabulary: script.vocabulary, crew: crew, policy: script.policy),
                            seed: result.seed)
        })
        return ranked(waitLine(profile, result) + pollLine(profile, result) + switching(result) + idle + cold(result)
                      + unacknowledged(result, script: script), count)
    }

    /// The same for a built-in strategy, over the lines of its pseudo-script (`BuiltInScript`).
    /// A built-in greets every customer when it starts on the order, so no rule asks it to.
    public static func top(_ result: RunResult, profile: ScriptProfile, mode: RecipeStrategy.Mode, level: Level,
                           count: Int = 3) -> [Suggestion] {
        let idle = idleCrew(result, crew: Array(repeating: 0, count: result.metrics.baristas.count), level: level,
                            name: { _ in "the crew" }, line: { _ in nil }, fewer: { crew in
            ShiftRunner.run(level: level, mode: mode, baristas: crew.count, seed: result.seed)
        })
        return ranked(waitLine(profile, result) + pollLine(profile, result) + switching(result) + idle + cold(result), count)
    }

    static func ranked(_ all: [Suggestion], _ count: Int) -> [Suggestion] {
        Array(all.enumerated().sorted { ($1.element.weight, $0.offset) < ($0.element.weight, $1.offset) }
            .map(\.element).prefix(count))
    }

    static func percent(_ part: Int, of whole: Int) -> Int {
        whole == 0 ? 0 : Int((Double(part) * 100 / Double(whole)).rounded())
    }

    /// The line and barista with the most ticks of `c` on a line whose command starts with one of
    /// `verbs`, if that is at least `lineShare` of the barista's ticks.
    static func worstLine(_ profile: ScriptProfile, _ result: RunResult, _ c: TickClass,
                          where matches: (String) -> Bool) -> (line: ScriptProfile.Line, barista: Int, ticks: Int, share: Int)? {
        var best: (ScriptProfile.Line, Int, Int)?
        for l in profile.lines where l.line > 0 && matches(l.text.trimmingLeadingSpaces) {
            for t in profile.baristas where t.line == l.line && t[c] > (best?.2 ?? 0) { best = (l, t.barista, t[c]) }
        }
        guard let (line, b, ticks) = best, result.metrics.baristas.indices.contains(b) else { return nil }
        let total = result.metrics.baristas[b].total
        guard Double(ticks) >= lineShare * Double(total) else { return nil }
        return (line, b, ticks, percent(ticks, of: total))
    }

    /// A line's command as a suggestion quotes it: no indentation, no comment.
    static func command(_ line: String) -> String {
        var code = line.trimmingLeadingSpaces
        if let hash = code.firstIndex(of: "#") { code = String(code[..<hash]) }
        while code.last == " " { code.removeLast() }
        return code
    }

    /// `line 9 'wait shot': 945 ticks waiting (79 % of b0) — 'await shot' lets b0 serve others meanwhile`.
    static func waitLine(_ profile: ScriptProfile, _ result: RunResult) -> [Suggestion] {
        guard let w = worstLine(profile, result, .waiting, where: { $0.hasPrefix("wait ") }) else { return [] }
        let code = command(w.line.text)
        let awaited = "a" + code
        return [Suggestion(rule: "wait-line", line: w.line.line,
                           text: "line \(w.line.line) '\(TerminalSafe.line(code))': \(w.ticks) ticks waiting (\(w.share) % of b\(w.barista))"
                               + " — '\(TerminalSafe.line(awaited))' lets b\(w.barista) serve others meanwhile",
                           weight: w.ticks)]
    }

    /// A `check` or `ready(…)` line that keeps a barista looking at a machine.
    static func pollLine(_ profile: ScriptProfile, _ result: RunResult) -> [Suggestion] {
        guard let p = worstLine(profile, result, .polling, where: { $0.contains("check ") || $0.contains("ready(") }) else { return [] }
        let code = command(p.line.text)
        return [Suggestion(rule: "poll-line", line: p.line.line,
                           text: "line \(p.line.line) '\(TerminalSafe.line(code))': \(p.ticks) ticks polling (\(p.share) % of b\(p.barista))"
                               + " — 'await' the product instead: the task wakes when it is done, without looking",
                           weight: p.ticks)]
    }

    /// Baristas spending a large share of the shift finding their place at a station.
    static func switching(_ result: RunResult) -> [Suggestion] {
        let crew = result.metrics.baristas
        let ticks = crew.reduce(0) { $0 + $1.switching }, total = crew.reduce(0) { $0 + $1.total }
        guard ticks > 0, Double(ticks) >= switchingShare * Double(total) else { return [] }
        return [Suggestion(rule: "switching", line: nil,
                           text: "\(ticks) ticks switching (\(percent(ticks, of: total)) % of barista time) — "
                               + "no more baristas than stations, or each barista's hand work in one go, switches less",
                           weight: ticks)]
    }

    /// A role whose baristas stood idle for more than one whole shift in all, when the same
    /// customers, run again with one barista fewer in that role (`fewer`), do at least as well on
    /// the objective and still reach the service floor: the figure is checked, not guessed.
    static func idleCrew(_ result: RunResult, crew: [Int], level: Level, name: (Int) -> String, line: (Int) -> Int?,
                         fewer run: ([Int]) -> RunResult) -> [Suggestion] {
        let m = result.metrics
        guard m.endTick > 0, m.baristas.count == crew.count else { return [] }
        var idleByRole = [Int: Int](), countByRole = [Int: Int]()
        for (b, role) in crew.enumerated() {
            idleByRole[role, default: 0] += m.baristas[b].idle
            countByRole[role, default: 0] += 1
        }
        guard let (role, idle) = idleByRole.filter({ countByRole[$0.key, default: 0] > 1 && $0.value >= m.endTick })
            .max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return [] }
        guard let last = crew.lastIndex(of: role) else { return [] }
        var fewer = crew
        fewer.remove(at: last)
        let other = run(fewer)
        guard other.status == .finished, let mine = result.objectiveValue, let theirs = other.objectiveValue,
              level.objective.isAtLeastAsGood(theirs, as: mine),
              level.objective.meetsServiceFloor(served: other.metrics.served, arrived: other.metrics.arrived) else { return [] }
        let metric = level.objective.metric
        return [Suggestion(rule: "idle-crew", line: line(role),
                           text: "\(name(role)) stood idle \(idle) ticks (more than one whole shift): with \(countByRole[role, default: 0] - 1) "
                               + "instead of \(countByRole[role, default: 0]) the same customers give \(level.objective): "
                               + "\(metric.format(theirs)) (yours \(metric.format(mine))), \(Metric.dollars(cents: m.wages - other.metrics.wages)) less in wages",
                           weight: idle)]
    }

    /// Drinks made and handed over cold.
    static func cold(_ result: RunResult) -> [Suggestion] {
        let m = result.metrics
        guard m.cold > 0, Double(m.cold) >= materialShare * Double(m.served) else { return [] }
        return [Suggestion(rule: "cold", line: nil,
                           text: m.cold == 1 ? "1 drink went cold in its slot: collect it sooner"
                               : "\(m.cold) drinks went cold in their slot: collect them sooner",
                           weight: m.cold * Int(m.leadTime.mean.rounded()))]
    }

    /// Customers who left before anyone began their order, with no `on customer` handler.
    static func unacknowledged(_ result: RunResult, script: Script) -> [Suggestion] {
        let m = result.metrics
        let greets = script.program.handlers.contains { if case .event(_, let n) = $0.trigger { return n == "customer" } else { return false } }
        guard m.lostNotAcknowledged > 0, Double(m.lostNotAcknowledged) >= materialShare * Double(m.arrived), !greets else { return [] }
        let n = m.lostNotAcknowledged
        return [Suggestion(rule: "unacknowledged", line: nil,
                           text: "\(n) customer\(n == 1 ? "" : "s") left unacknowledged: greet them in 'on customer' (it preempts other work)",
                           weight: n * Int(m.leadTime.mean.rounded()))]
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " || $0 == "\t" }) }
}
