import CoffeeEngine
import Yams

/// The menu read, with every item's name (even of an item with a mistake) so arrivals are checked
/// against what the author meant.
struct Menu {
    var items: [MenuItem]
    var names: [String]
    /// False when an item's name itself was wrong: arrivals are then not checked against `names`.
    var complete = true
}

/// One step as written, before its `after` names are turned into indices.
private struct DraftStep {
    var name: String
    var node: Node
    var kind: Step.Kind
    var jitter = 0
    /// `nil`: after the step written before it.
    var after: [(name: String, node: Node)]?
}

extension LevelLoader {
    static let itemFields = ["price", "cost", "weight", "tags", "steps", "patience"]
    static let stepFields = ["ticks", "machine", "after", "interruptible", "jitter"]

    /// `menu: {latte: {price: 420, tags: [milk], steps: [...]}}`, in file order.
    static func readMenu(_ node: Node, machines: MachineList, _ r: inout LevelReader) -> Menu? {
        guard let entries = r.entries(node, "'menu'", expected: "a mapping of items like {espresso: {price: 300, steps: [...]}}",
                                      kind: "menu item name") else { return nil }
        if case .mapping(let m) = node, m.isEmpty {
            r.report("the menu is empty; list at least one item", at: node)
            return nil
        }
        var menu = Menu(items: [], names: [], complete: entries.complete)
        var keys: [Node] = []
        for (name, key, value) in entries.list {
            if menu.names.contains(name) {
                r.report("'\(name)' is on the menu twice", at: key)
                continue
            }
            menu.names.append(name)
            keys.append(key)
            if let item = readItem(name, value, machines: machines, &r) { menu.items.append(item) }
        }
        // A script's word for a step is a verb, so it must not also name an item or a machine.
        // (An item and a machine may share a name, espresso the drink and espresso the machine:
        // a script reads that word as whichever the place needs.)
        let stepNames = Set(menu.items.flatMap { $0.steps.map(\.name) })
        for (name, key) in zip(menu.names, keys) {
            if stepNames.contains(name) {
                r.report("'\(name)' names both a menu item and a recipe step; a script could not tell them apart: rename one", at: key)
            }
        }
        for step in stepNames.sorted() where machines.names.contains(step) {
            r.report("'\(step)' names both a recipe step and a machine; a script could not tell them apart: rename one", at: node)
        }
        if menu.names.count > Limits.menu {
            r.report("the menu has \(menu.names.count) items; a menu may have at most \(Limits.menu)", at: node)
        }
        return menu
    }

    static func readItem(_ name: String, _ node: Node, machines: MachineList, _ r: inout LevelReader) -> MenuItem? {
        guard let f = Fields(node, allowed: itemFields, label: "menu item '\(name)'",
                             expected: "a mapping like {price: 300, steps: [...]}", place: " in '\(name)'", reader: &r)
        else { return nil }
        let price = f.required("price", &r).flatMap { r.int($0, "'price' of '\(name)'", .cents, min: 0, max: Limits.cents) }
        let cost = f["cost"].map { r.int($0, "'cost' of '\(name)'", .cents, min: 0, max: Limits.cents) } ?? 0
        let weight = f["weight"].map { r.int($0, "'weight' of '\(name)'", .count, min: 0, max: Limits.weight) } ?? 1
        var tags: [String] = []
        if let t = f["tags"] {
            for (tag, _) in r.names(t, "'tags' of '\(name)'", kind: "tag") ?? [] where !tags.contains(tag) {
                tags.append(tag)
            }
        }
        let steps = f.required("steps", &r).flatMap { readSteps($0, item: name, machines: machines, &r) }
        // The fields it names replace the level's; `LevelLoader.readLevel` fills in the rest.
        let patience = f["patience"].map { readPatience($0, &r) }
        guard let price, let cost, let weight, let steps else { return nil }
        return MenuItem(name: name, price: price, cost: cost, weight: weight, tags: tags, steps: steps, patience: patience)
    }

    // MARK: Steps

    /// The recipe: a list of `- name: ticks` or `- name: {ticks:, machine:, after:, interruptible:}`.
    static func readSteps(_ node: Node, item: String, machines: MachineList, _ r: inout LevelReader) -> [Step]? {
        guard let list = r.list(node, "'steps' of '\(item)'", expected: "a list like [take: 2, grind: 3]")
        else { return nil }
        guard !list.isEmpty else {
            r.report("'\(item)' has no steps", at: node)
            return nil
        }
        guard list.count <= Limits.steps else {
            r.report("'\(item)' has \(list.count) steps; a recipe may have at most \(Limits.steps)", at: node)
            return nil
        }
        var drafts: [DraftStep] = []
        var ok = true
        for entry in list {
            guard let draft = readStep(entry, item: item, machines: machines, &r) else { ok = false; continue }
            if drafts.contains(where: { $0.name == draft.name }) {
                r.report("step '\(draft.name)' appears twice in '\(item)'", at: entry)
                ok = false
                continue
            }
            drafts.append(draft)
        }
        guard ok else { return nil }
        return linkSteps(drafts, item: item, &r)
    }

    private static func readStep(_ entry: Node, item: String, machines: MachineList,
                                 _ r: inout LevelReader) -> DraftStep? {
        guard case .mapping(let m) = entry, m.count == 1, let (key, value) = m.first else {
            r.report("each step of '\(item)' is written '- name: ticks' or '- name: {ticks: …, machine: …, after: […]}', "
                     + "got \(LevelReader.describe(entry))", at: entry)
            return nil
        }
        guard let name = r.name(key, "step name") else { return nil }
        let label = "step '\(name)' of '\(item)'"
        if case .scalar = value {
            guard let ticks = r.int(value, label, .ticks, min: 1, max: Limits.stepTicks) else { return nil }
            return DraftStep(name: name, node: entry, kind: .work(ticks: ticks, interruptible: true), after: nil)
        }
        guard let f = Fields(value, allowed: stepFields, label: label,
                             expected: "a number of ticks or a mapping like {ticks: 3, after: [take]}",
                             place: " in \(label)", reader: &r) else { return nil }
        let ticks = f.required("ticks", &r).flatMap { r.int($0, "'ticks' of \(label)", .ticks, min: 1, max: Limits.stepTicks) }
        var after: [(String, Node)]?
        var ok = true
        if let a = f["after"] {
            after = r.names(a, "'after' of \(label)", kind: "step name")
            if after == nil { ok = false }
        } else if f.hasEmptyValue("after") {
            after = []
        }
        var machine: Int?
        if let mNode = f["machine"] {
            if let machineName = r.name(mNode, "machine") {
                machine = machines.names.firstIndex(of: machineName)
                if machine == nil, machines.complete {
                    let known = machines.names.isEmpty ? "no machines are declared"
                        : "machines: " + machines.names.joined(separator: ", ")
                    r.report("unknown machine '\(machineName)' in \(label) (\(known))", at: mNode)
                }
            }
            if machine == nil { ok = false }
            if let i = f["interruptible"] {
                r.report("'interruptible' is only for barista steps; machine \(label) runs on its own", at: i)
                ok = false
            }
        } else if let j = f["jitter"] {
            r.report("'jitter' is only for machine steps; barista \(label) always takes its ticks", at: j)
            ok = false
        }
        var jitter = 0
        if f["machine"] != nil, let j = f["jitter"], let ticks {
            if let n = r.int(j, "'jitter' of \(label)", .ticks, min: 0, max: Limits.stepTicks) {
                if n >= ticks {
                    r.report("'jitter' of \(label) must be less than its ticks (\(ticks)), got \(n)", at: j)
                    ok = false
                } else {
                    jitter = n
                }
            } else {
                ok = false
            }
        }
        var interruptible: Bool? = true
        if f["machine"] == nil, let i = f["interruptible"] { interruptible = r.flag(i, "'interruptible' of \(label)") }
        guard ok, let ticks, let interruptible else { return nil }
        let kind: Step.Kind = machine.map { .machine($0, ticks: ticks) } ?? .work(ticks: ticks, interruptible: interruptible)
        return DraftStep(name: name, node: entry, kind: kind, jitter: jitter, after: after)
    }

    /// Turns `after` names into indices (by default, the step before) and rejects cycles.
    private static func linkSteps(_ drafts: [DraftStep], item: String, _ r: inout LevelReader) -> [Step]? {
        let names = drafts.map(\.name)
        var after: [[Int]] = []
        var ok = true
        for (i, d) in drafts.enumerated() {
            guard let written = d.after else {
                after.append(i == 0 ? [] : [i - 1])
                continue
            }
            var indices: [Int] = []
            for (name, node) in written {
                guard let j = names.firstIndex(of: name) else {
                    r.report("unknown step '\(name)' in 'after' of step '\(d.name)' of '\(item)' (steps: "
                             + names.joined(separator: ", ") + ")", at: node)
                    ok = false
                    continue
                }
                if !indices.contains(j) { indices.append(j) }
            }
            after.append(indices)
        }
        guard ok else { return nil }
        if let cycle = findCycle(after) {
            let path = (cycle + [cycle[0]]).map { names[$0] }.joined(separator: " → ")
            r.report("the recipe of '\(item)' has a cycle: \(path)", at: drafts[cycle[0]].node)
            return nil
        }
        return drafts.enumerated().map { i, d in Step(name: d.name, kind: d.kind, after: after[i], jitter: d.jitter) }
    }

    /// A cycle of steps, each coming after the one before it, starting at its first step in recipe order.
    static func findCycle(_ after: [[Int]]) -> [Int]? {
        let n = after.count
        var next = [[Int]](repeating: [], count: n)
        for s in 0..<n { for d in after[s] { next[d].append(s) } }
        var color = [UInt8](repeating: 0, count: n)  // 0 unseen, 1 on the path, 2 done
        var path: [Int] = []
        func visit(_ u: Int) -> [Int]? {
            color[u] = 1
            path.append(u)
            for v in next[u] {
                if color[v] == 1, let start = path.lastIndex(of: v) { return Array(path[start...]) }
                if color[v] == 0, let cycle = visit(v) { return cycle }
            }
            color[u] = 2
            path.removeLast()
            return nil
        }
        for s in 0..<n where color[s] == 0 {
            guard let cycle = visit(s), let first = cycle.min(), let at = cycle.firstIndex(of: first) else { continue }
            return Array(cycle[at...] + cycle[..<at])
        }
        return nil
    }
}
