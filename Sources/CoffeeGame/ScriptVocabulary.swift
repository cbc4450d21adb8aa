import BrewScript
import CoffeeEngine

/// The words a level lends BrewScript: its steps as verbs, its machines and items as constants,
/// the shop's verbs (`start`, `wait`, `await`, `check`, …), order attributes and queries.
/// Built once per level; the tables map the script's ids back to the engine's indices.
public final class ScriptVocabulary: Sendable {
    /// What each host verb does.
    public enum VerbMeaning: Sendable, Hashable {
        case start, wait, await, check, collect, sleep, idle, yield, send
        /// A recipe step by name (an index into `stepNames`).
        case step(Int)
    }
    public enum FunctionMeaning: Sendable, Hashable { case ready, free, queued, done, has, nextCustomer }
    public enum QueryMeaning: Sendable, Hashable { case now, queueLength, openOrders }
    /// `tag(t)`: whether the order's item carries tag `t` (an index into `tags`).
    public enum AttributeMeaning: Sendable, Hashable { case number, item, age, price, deadline, acknowledged, tag(Int) }

    public let host: HostInterface
    public let verbs: [VerbMeaning]
    public let functions: [FunctionMeaning]
    public let queries: [QueryMeaning]
    public let attributes: [AttributeMeaning]
    /// Every step name on the menu, once.
    public let stepNames: [String]
    /// The step of each name in each item's recipe, or -1, at `item * stepNames.count + name`:
    /// read through `step(_:ofItem:)`.
    let stepIndex: [Int]
    /// Whether the step name is a machine step somewhere on the menu.
    public let isMachineStep: [Bool]
    /// Machine and item names, once each: a `name` constant's payload indexes this list.
    public let names: [String]
    /// For each name, the machine it names (or -1) and the item it names (or -1).
    public let machineOfName: [Int]
    public let itemOfName: [Int]
    public let orderKind: Int32
    public let jobKind: Int32
    public let stepKind: Int32
    /// Machines and items share one kind of constant, so `espresso` can be both the machine in
    /// `start brew o on espresso` and the drink in `o.item == espresso`.
    public let nameKind: Int32
    /// Every tag on the menu, sorted; `itemHasTag[item][t]` says whether the item carries tag `t`.
    public let tags: [String]
    public let itemHasTag: [[Bool]]
    /// For each menu item, the index of its name in `names` (or -1): what `o.item` gives.
    public let itemNameIndex: [Int]

    public init(config: ShopConfig) {
        var names: [String] = []
        for item in config.menu { for s in item.steps where !names.contains(s.name) { names.append(s.name) } }
        stepNames = names
        stepIndex = config.menu.flatMap { item in names.map { n in item.stepIndex(named: n) ?? -1 } }
        isMachineStep = names.map { n in config.menu.contains { $0.steps.contains { $0.name == n && $0.machine != nil } } }

        let order = ValueKind.handle("order"), job = ValueKind.handle("job")
        var attributeDecls: [AttributeDecl] = []
        var attributeMeanings: [AttributeMeaning] = []
        func attribute(_ name: String, _ kind: ValueKind, _ meaning: AttributeMeaning) {
            guard !attributeDecls.contains(where: { $0.name == name }) else { return }
            attributeDecls.append(AttributeDecl(name, id: attributeMeanings.count, kind: kind))
            attributeMeanings.append(meaning)
        }
        attribute("number", .int, .number)
        attribute("item", .constant("name"), .item)
        attribute("age", .int, .age)
        attribute("price", .int, .price)
        attribute("deadline", .any, .deadline)
        attribute("acknowledged", .bool, .acknowledged)
        let tags = Set(config.menu.flatMap(\.tags)).sorted()
        self.tags = tags
        itemHasTag = config.menu.map { item in tags.map { item.tags.contains($0) } }
        for (t, tag) in tags.enumerated() { attribute(tag, .bool, .tag(t)) }
        attributes = attributeMeanings

        var verbDecls: [VerbDecl] = [
            VerbDecl("start", [.constant("step"), order], keywords: [KeywordParameter("on", .constant("name"))], result: job),
            VerbDecl("wait", [job], blocks: Blocking(alternative: "await", hint: "'await' frees the barista; 'wait' blocks it")),
            VerbDecl("await", [job]),
            VerbDecl("check", [job], result: .bool, polls: true),
            VerbDecl("collect", [job]),
            VerbDecl("sleep", [.int]),
            VerbDecl("idle", [.int]),
            VerbDecl("yield"),
            VerbDecl("send", [order], keywords: [KeywordParameter("to", .role, required: true)]),
        ]
        var verbMeanings: [VerbMeaning] = [.start, .wait, .await, .check, .collect, .sleep, .idle, .yield, .send]
        for (i, n) in names.enumerated() where !verbDecls.contains(where: { $0.name == n }) {
            verbDecls.append(VerbDecl(n, [order]))
            verbMeanings.append(.step(i))
        }
        verbs = verbMeanings
        functions = [.ready, .free, .queued, .done, .has, .nextCustomer]
        queries = [.now, .queueLength, .openOrders]

        var constants: [ConstantDecl] = []
        for (i, n) in names.enumerated() { constants.append(ConstantDecl(n, kind: "step", payload: Int64(i))) }
        var words: [String] = []
        for w in config.machines.map(\.name) + config.menu.map(\.name) where !words.contains(w) && !names.contains(w) {
            words.append(w)
        }
        self.names = words
        machineOfName = words.map { w in config.machines.firstIndex { $0.name == w } ?? -1 }
        itemOfName = words.map { w in config.menu.firstIndex { $0.name == w } ?? -1 }
        itemNameIndex = config.menu.map { item in words.firstIndex(of: item.name) ?? -1 }
        for (i, w) in words.enumerated() { constants.append(ConstantDecl(w, kind: "name", payload: Int64(i))) }
        host = HostInterface(
            settings: [SettingDecl("workers", .int(1...Int64(max(1, config.maxBaristas)))),
                       SettingDecl("policy", .word(ReadyPolicy.allCases.map(\.rawValue)))],
            events: [EventDecl("order", parameter: order), EventDecl("customer", parameter: order), EventDecl("idle", parameter: nil)],
            handleKinds: [HandleKindDecl("order", attributes: attributeDecls), HandleKindDecl("job")],
            constantKinds: ["step", "name"],
            constants: constants,
            verbs: verbDecls,
            functions: [
                FunctionDecl("ready", [job], result: .bool, suspends: true, polls: true),
                FunctionDecl("free", [.constant("name")], result: .int),
                FunctionDecl("queued", [.constant("name")], result: .int),
                FunctionDecl("done", [order, .constant("step")], result: .bool),
                FunctionDecl("has", [order, .constant("step")], result: .bool),
                FunctionDecl("next_customer", [], result: .any),
            ],
            queries: [QueryDecl("now", kind: .int), QueryDecl("queue.length", kind: .int), QueryDecl("shop.orders", kind: .int)],
            pollingHint: "each check costs a tick of the barista's time: sleep between checks, or await the machine")
        orderKind = 0
        jobKind = 1
        stepKind = 0
        nameKind = 1
    }

    /// The index in `item`'s recipe of the step named `name` (an index into `stepNames`), or -1.
    @inline(__always)
    public func step(_ name: Int, ofItem item: Int) -> Int {
        stepIndex[item &* stepNames.count &+ name]
    }

    // MARK: Handles

    public func handle(_ o: OrderID) -> Value {
        .handle(Handle(kind: orderKind, id: Int64(o.slot) << 32 | Int64(o.generation)))
    }
    public func handle(_ j: JobID) -> Value {
        .handle(Handle(kind: jobKind, id: Int64(j.slot) << 32 | Int64(j.generation)))
    }
    public func order(_ v: Value) -> OrderID? {
        guard case .handle(let h) = v, h.kind == orderKind else { return nil }
        return OrderID(slot: Int32(truncatingIfNeeded: h.id >> 32), generation: UInt32(truncatingIfNeeded: h.id))
    }
    public func job(_ v: Value) -> JobID? {
        guard case .handle(let h) = v, h.kind == jobKind else { return nil }
        return JobID(slot: Int32(truncatingIfNeeded: h.id >> 32), generation: UInt32(truncatingIfNeeded: h.id))
    }
    public func constant(_ v: Value, kind: Int32) -> Int? {
        guard case .constant(let c) = v, c.kind == kind else { return nil }
        return Int(c.payload)
    }
    /// The machine a value names, if it names one.
    public func machine(_ v: Value) -> Int? {
        guard let n = constant(v, kind: nameKind), machineOfName[n] >= 0 else { return nil }
        return machineOfName[n]
    }
    /// The value a script sees for a menu item.
    public func itemValue(_ item: Int) -> Value {
        let n = itemNameIndex[item]
        return n < 0 ? .none : .constant(HostConstant(kind: nameKind, payload: Int64(n)))
    }
}
