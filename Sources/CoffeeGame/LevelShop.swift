import CoffeeEngine
import Yams

/// Baristas as a level states them.
struct Crew {
    var hire = 1
    var max = 1
    var wage = 0
}

/// The machines read, with every declared name (even of a machine with a mistake), so recipes
/// are checked against what the author meant and one mistake is not reported twice.
struct MachineList {
    var kinds: [MachineKind]
    var names: [String]
    /// False when a machine's name itself was wrong: recipes are then not checked against `names`.
    var complete = true
}

extension LevelLoader {
    // MARK: Staff and stations

    /// `baristas: 2` or `baristas: {hire: 1, max: 3, wage: 2}`.
    static func readBaristas(_ node: Node, _ r: inout LevelReader) -> Crew {
        var crew = Crew()
        if case .scalar = node {
            if let n = r.int(node, "'baristas'", .count, min: 1, max: Limits.baristas) { crew.hire = n; crew.max = n }
            return crew
        }
        guard let f = Fields(node, allowed: ["hire", "max", "wage"], label: "'baristas'",
                             expected: "a number or a mapping like {hire: 1, max: 2, wage: 1}",
                             place: " in 'baristas'", reader: &r) else { return crew }
        let hire = f["hire"].flatMap { r.int($0, "'hire' of 'baristas'", .count, min: 1, max: Limits.baristas) }
        let most = f["max"].flatMap { r.int($0, "'max' of 'baristas'", .count, min: 1, max: Limits.baristas) }
        crew.hire = hire ?? 1
        crew.max = most ?? crew.hire
        if let wage = f["wage"].flatMap({ r.int($0, "'wage' of 'baristas'", .cents, min: 0, max: Limits.wage) }) {
            crew.wage = wage
        }
        if let hire, let most, most < hire, let node = f["max"] {
            r.report("'max' of 'baristas' (\(most)) is less than 'hire' (\(hire))", at: node)
        }
        return crew
    }

    /// `stations: {count: 1, quantum: 8}`.
    static func readStations(_ node: Node, _ r: inout LevelReader) -> Stations? {
        guard let f = Fields(node, allowed: ["count", "quantum"], label: "'stations'",
                             expected: "a mapping like {count: 1, quantum: 8}",
                             place: " in 'stations'", reader: &r),
              let count = f.required("count", &r).flatMap({
                  r.int($0, "'count' of 'stations'", .count, min: 1, max: Limits.baristas)
              }) else { return nil }
        let quantum = f["quantum"].flatMap { r.int($0, "'quantum' of 'stations'", .ticks, min: 1, max: Limits.ticks) }
        return Stations(count: count, quantum: quantum ?? 8)
    }

    /// `costs: {switch: 1, check: 1, collect: 0}`, each optional.
    static func readCosts(_ node: Node, _ r: inout LevelReader) -> Costs {
        var costs = Costs()
        guard let f = Fields(node, allowed: ["switch", "check", "collect"], label: "'costs'",
                             expected: "a mapping like {switch: 1, check: 1, collect: 0}",
                             place: " in 'costs'", reader: &r) else { return costs }
        func ticks(_ key: String) -> Int? {
            f[key].flatMap { r.int($0, "'\(key)' of 'costs'", .ticks, min: 0, max: Limits.costTicks) }
        }
        if let t = ticks("switch") { costs.switchTicks = t }
        if let t = ticks("check") { costs.checkTicks = t }
        if let t = ticks("collect") { costs.collectTicks = t }
        return costs
    }

    /// `patience: {acknowledge: 40, serve: 300}`, each optional (absent: the customer waits forever).
    static func readPatience(_ node: Node, _ r: inout LevelReader) -> Patience {
        guard let f = Fields(node, allowed: ["acknowledge", "serve"], label: "'patience'",
                             expected: "a mapping like {acknowledge: 40, serve: 300}",
                             place: " in 'patience'", reader: &r) else { return Patience() }
        return Patience(
            acknowledge: f["acknowledge"].flatMap {
                r.int($0, "'acknowledge' of 'patience'", .ticks, min: 1, max: Limits.ticks)
            },
            serve: f["serve"].flatMap { r.int($0, "'serve' of 'patience'", .ticks, min: 1, max: Limits.ticks) })
    }

    // MARK: Machines

    /// `machines: {espresso: {slots: 2, load: 1}}`, in file order.
    static func readMachines(_ node: Node, _ r: inout LevelReader) -> MachineList {
        var list = MachineList(kinds: [], names: [])
        guard let entries = r.entries(node, "'machines'", expected: "a mapping like {espresso: {slots: 1, load: 1}}",
                                      kind: "machine name") else { list.complete = false; return list }
        list.complete = entries.complete
        for (name, _, value) in entries.list {
            list.names.append(name)
            let place = " in machine '\(name)'"
            guard let f = Fields(value, allowed: ["slots", "load"], label: "machine '\(name)'",
                                 expected: "a mapping like {slots: 1, load: 1}", place: place, reader: &r),
                  let slots = f.required("slots", &r).flatMap({
                      r.int($0, "'slots' of machine '\(name)'", .count, min: 1, max: Limits.slots)
                  }) else { continue }
            let load = f["load"].flatMap { r.int($0, "'load' of machine '\(name)'", .ticks, min: 0, max: Limits.stepTicks) }
            list.kinds.append(MachineKind(name: name, slots: slots, loadTicks: load ?? 0))
        }
        return list
    }

    // MARK: Arrivals

    /// `arrivals: {fixed: [{at: 0, item: espresso}, …]}` or `{poisson: {mean-gap: 30, rush: […]}}`.
    static func readArrivals(_ node: Node, menu: Menu?, duration: Int?, _ r: inout LevelReader) -> Arrivals? {
        guard let f = Fields(node, allowed: ["fixed", "poisson"], label: "'arrivals'",
                             expected: "a mapping with 'fixed: [...]' or 'poisson: {...}'",
                             place: " in 'arrivals'", reader: &r) else { return nil }
        switch (f["fixed"], f["poisson"]) {
        case (nil, nil):
            r.report("'arrivals' needs 'fixed' (a list of customers) or 'poisson' (random customers)", at: node)
            return nil
        case (.some, .some(let p)):
            r.report("'arrivals' has both 'fixed' and 'poisson'; keep one", at: p)
            return nil
        case (.some(let fixed), nil):
            return readFixed(fixed, menu: menu, duration: duration, &r).map { .fixed($0) }
        case (nil, .some(let poisson)):
            if let menu, !menu.items.isEmpty, menu.items.allSatisfy({ $0.weight == 0 }) {
                r.report("random arrivals need an item with a 'weight' above 0; every weight on the menu is 0", at: poisson)
            }
            return readPoisson(poisson, &r)
        }
    }

    static func readFixed(_ node: Node, menu: Menu?, duration: Int?, _ r: inout LevelReader) -> [Arrival]? {
        guard let list = r.list(node, "'fixed' of 'arrivals'", expected: "a list like [{at: 0, item: espresso}]")
        else { return nil }
        if list.isEmpty {
            r.report("'fixed' of 'arrivals' is empty: no customer would come", at: node)
            return nil
        }
        if list.count > Limits.customers {
            r.report("'fixed' of 'arrivals' lists \(list.count) customers; a shift may have at most \(Limits.customers)", at: node)
            return nil
        }
        var arrivals: [Arrival] = []
        var ok = true
        var last: Int?
        for entry in list {
            guard let f = Fields(entry, allowed: ["at", "item"], label: "an arrival",
                                 expected: "a mapping like {at: 0, item: espresso}", place: " in an arrival",
                                 reader: &r) else { ok = false; continue }
            let at = f.required("at", &r).flatMap { r.int($0, "'at' of an arrival", .ticks, min: 0, max: Limits.ticks) }
            let itemNode = f.required("item", &r)
            let item = itemNode.flatMap { r.name($0, "item of an arrival") }
            guard let at, let itemNode, let item else { ok = false; continue }
            if let previous = last, at < previous {
                r.report("arrivals out of order: tick \(at) comes after tick \(previous); list fixed arrivals by tick",
                         at: entry)
                ok = false
            }
            last = at
            if let duration, at >= duration {
                r.report("arrival at tick \(at) would never come: no one arrives at or after 'duration' (\(duration))",
                         at: entry)
                ok = false
            }
            guard let menu, menu.complete else { ok = false; continue }
            guard let index = menu.names.firstIndex(of: item) else {
                r.report("arrival at tick \(at) orders '\(item)', which is not on the menu (menu: "
                         + menu.names.joined(separator: ", ") + ")", at: itemNode)
                ok = false
                continue
            }
            arrivals.append(Arrival(tick: at, item: index))
        }
        return ok ? arrivals : nil
    }

    static func readPoisson(_ node: Node, _ r: inout LevelReader) -> Arrivals? {
        guard let f = Fields(node, allowed: ["mean-gap", "rush"], label: "'poisson' of 'arrivals'",
                             expected: "a mapping like {mean-gap: 30, rush: [...]}", place: " in 'poisson'",
                             reader: &r) else { return nil }
        let meanGap = f.required("mean-gap", &r).flatMap {
            r.number($0, "'mean-gap' of 'poisson'", min: 0.1, max: Double(Limits.ticks), unit: "ticks")
        }
        var rush: [Rush] = []
        var ok = true
        if let rushNode = f["rush"],
           let windows = r.list(rushNode, "'rush' of 'poisson'", expected: "a list like [{from: 200, to: 400, mean-gap: 10}]") {
            var lastEnd: Int?
            for window in windows {
                guard let w = Fields(window, allowed: ["from", "to", "mean-gap"], label: "a rush window",
                                     expected: "a mapping like {from: 200, to: 400, mean-gap: 10}",
                                     place: " in a rush window", reader: &r) else { ok = false; continue }
                let from = w.required("from", &r).flatMap { r.int($0, "'from' of a rush window", .ticks, min: 0, max: Limits.ticks) }
                let to = w.required("to", &r).flatMap { r.int($0, "'to' of a rush window", .ticks, min: 1, max: Limits.ticks) }
                let gap = w.required("mean-gap", &r).flatMap {
                    r.number($0, "'mean-gap' of a rush window", min: 0.1, max: Double(Limits.ticks), unit: "ticks")
                }
                guard let from, let to, let gap else { ok = false; continue }
                if to <= from {
                    r.report("rush window from \(from) to \(to) ends before it starts", at: window)
                    ok = false
                } else if let end = lastEnd, from < end {
                    r.report("rush window from \(from) to \(to) overlaps or comes before the one above it (which ends at \(end))",
                             at: window)
                    ok = false
                }
                lastEnd = to
                rush.append(Rush(from: from, to: to, meanGap: gap))
            }
        } else if f["rush"] != nil {
            ok = false
        }
        guard let meanGap, ok else { return nil }
        return .poisson(meanGap: meanGap, rush: rush)
    }
}
