/// Checks a syntax tree against the host interface and resolves it: names to slots, constants and
/// ids; verbs and functions to host ops. Reports unknown names (with did-you-mean), arity, wrong
/// kinds where statically known, and warns about unreachable code, blocking verbs and polling loops.
struct Resolver {
    let host: HostInterface
    var log: DiagnosticLog

    // Host lookups.
    let verbIndex: [String: Int]
    let functionIndex: [String: Int]
    let queryIndex: [String: Int]
    let constants: [String: (value: Value, kind: ValueKind)]
    let eventIndex: [String: Int]
    let settingIndex: [String: Int]

    // Script-level tables.
    var scriptFunctions: [String: (index: Int, arity: Int)] = [:]
    var roleIndex: [String: Int] = [:]
    var strings: [String] = [""]
    var stringIDs: [String: Int] = ["": 0]
    var hostOps: [HostOp] = []
    var hostOpIndex: [String: Int] = [:]
    var attributeNames: [String] = []
    var attributeNameIndex: [String: Int] = [:]
    var commands: [ResolvedCommand] = []
    var comparisons: [ResolvedComparison] = []

    // Per-function state.
    var scope = Scope()
    var currentRole: Int?

    /// Past the error cap nothing more is shown, so no "did you mean" search is made either: each
    /// further error costs its own line, not a search of every name.
    var quiet: Bool { log.errorCount > maxErrorsShown }

    /// Most locals (variables, parameters and loop counters) in one function or handler.
    static let maxLocals = 250
    /// Most parameters of a script function.
    static let maxParameters = 16
    /// The longest `every N` period, in ticks (a host's event time must hold it).
    static let maxPeriod: Int64 = 1_000_000_000
    /// The most workers one role block may ask for (a host may allow fewer).
    static let maxRoleWorkers: Int64 = 10_000

    struct Scope {
        var slots: [String: Int] = [:]
        /// Each slot's name, by slot (`nil` for a hidden one).
        var names: [String?] {
            var out = [String?](repeating: nil, count: count)
            for (name, slot) in slots where slot < count { out[slot] = name }
            return out
        }
        var kinds: [ValueKind] = []
        var count = 0
        var loopDepth = 0
        var isHandler = false
        var tooMany = false
    }

    init(host: HostInterface, file: String) {
        self.host = host
        log = DiagnosticLog(file: file)
        verbIndex = Dictionary(host.verbs.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        functionIndex = Dictionary(host.functions.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        queryIndex = Dictionary(host.queries.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        eventIndex = Dictionary(host.events.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        settingIndex = Dictionary(host.settings.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var constants: [String: (Value, ValueKind)] = [:]
        for constant in host.constants {
            guard let kind = host.constantKindIndex(constant.kind) else { continue }
            constants[constant.name] = (.constant(HostConstant(kind: kind, payload: constant.payload)), .constant(constant.kind))
        }
        self.constants = constants
    }

    // MARK: - Names

    /// What a plain name means outside the function's locals.
    enum Meaning {
        case query(Int), constant(Value, ValueKind), role(Int), scriptFunction, hostFunction, verb, unknown
    }

    func meaning(of name: String) -> Meaning {
        if let q = queryIndex[name] { return .query(q) }
        if let c = constants[name] { return .constant(c.value, c.kind) }
        if let r = roleIndex[name] { return .role(r) }
        if scriptFunctions[name] != nil { return .scriptFunction }
        if functionIndex[name] != nil { return .hostFunction }
        if verbIndex[name] != nil { return .verb }
        return .unknown
    }

    /// Names a value may be spelled as here, for did-you-mean.
    var valueNames: [String] {
        Array(scope.slots.keys) + host.queries.map(\.name).filter { !$0.contains(".") } + host.constants.map(\.name)
            + Array(roleIndex.keys) + ["true", "false", "none"]
    }

    mutating func intern(_ string: String) -> Value {
        if let id = stringIDs[string] { return .string(StringID(UInt32(id))) }
        let id = strings.count
        strings.append(string)
        stringIDs[string] = id
        return .string(StringID(UInt32(id)))
    }

    mutating func attributeName(_ name: String) -> Int {
        if let i = attributeNameIndex[name] { return i }
        attributeNames.append(name)
        attributeNameIndex[name] = attributeNames.count - 1
        return attributeNames.count - 1
    }

    // MARK: - Locals

    mutating func newSlot(_ name: String?, kind: ValueKind, at span: SourceSpan) -> Int {
        let slot = scope.count
        scope.count += 1
        scope.kinds.append(kind)
        if let name { scope.slots[name] = slot }
        if scope.count > Resolver.maxLocals, !scope.tooMany {
            scope.tooMany = true
            log.error("too many variables in one function or handler (the limit is \(Resolver.maxLocals))", at: span)
        }
        return slot
    }

    /// The slot to assign `name` to, declaring it on first assignment; nil (after an error) if the
    /// name belongs to the host or the script's functions.
    mutating func assignableSlot(_ name: String, at span: SourceSpan) -> Int? {
        if let slot = scope.slots[name] { return slot }
        let what: String
        switch meaning(of: name) {
        case .query: what = "'\(name)' is a query of the host"
        case .constant(_, let kind): what = "'\(name)' is \(kind)"
        case .role: what = "'\(name)' is a role"
        case .scriptFunction, .hostFunction: what = "'\(name)' is a function"
        case .verb: what = "'\(name)' is a verb"
        case .unknown:
            return newSlot(name, kind: .none, at: span)
        }
        log.error("cannot assign to '\(name)': \(what)", at: span, hint: "choose another name for the variable")
        return nil
    }
}
