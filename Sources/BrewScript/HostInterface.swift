/// Everything a host (the game) lends a script: settings, events, verbs, functions, attributes,
/// queries and constants. BrewScript knows nothing of coffee: all its words come from here.
/// A static description; `compile` checks scripts against it and the VM calls back through
/// `HostCalls` with the ids it declares.
public struct HostInterface: Sendable {
    public var settings: [SettingDecl]
    public var events: [EventDecl]
    /// Kinds of host object; a `Handle.kind` is an index into this list.
    public var handleKinds: [HandleKindDecl]
    /// Kinds of host constant; a `HostConstant.kind` is an index into this list.
    public var constantKinds: [String]
    public var constants: [ConstantDecl]
    /// Verbs, used as commands (`take o`); a `HostCallee.verb` is an index into this list.
    public var verbs: [VerbDecl]
    /// Functions, used in expressions (`ready(shot)`); a `HostCallee.function` is an index into this list.
    public var functions: [FunctionDecl]
    /// Named values the host computes (`queue.length`, `now`); `HostCalls.query` gets the index.
    public var queries: [QueryDecl]
    /// Hint under the "polling with no delay" warning.
    public var pollingHint: String

    public init(settings: [SettingDecl] = [], events: [EventDecl] = [], handleKinds: [HandleKindDecl] = [],
                constantKinds: [String] = [], constants: [ConstantDecl] = [], verbs: [VerbDecl] = [],
                functions: [FunctionDecl] = [], queries: [QueryDecl] = [],
                pollingHint: String = "each check costs time: pause between checks, or wait to be notified") {
        self.settings = settings
        self.events = events
        self.handleKinds = handleKinds
        self.constantKinds = constantKinds
        self.constants = constants
        self.verbs = verbs
        self.functions = functions
        self.queries = queries
        self.pollingHint = pollingHint
    }

    /// The most arguments (positional and keyword together) a verb or function may take.
    public static let maxArguments = ArgBuffer.capacity

    /// The index of a handle kind, for making `Handle` values.
    public func handleKindIndex(_ name: String) -> Int32? {
        handleKinds.firstIndex { $0.name == name }.map(Int32.init)
    }

    /// The index of a constant kind, for making `HostConstant` values.
    public func constantKindIndex(_ name: String) -> Int32? {
        constantKinds.firstIndex(of: name).map(Int32.init)
    }

    public func verbIndex(_ name: String) -> Int? { verbs.firstIndex { $0.name == name } }
    public func functionIndex(_ name: String) -> Int? { functions.firstIndex { $0.name == name } }
    public func queryIndex(_ name: String) -> Int? { queries.firstIndex { $0.name == name } }

    /// The constant declared for a value, if any (to print it by name).
    public func constant(for value: HostConstant) -> ConstantDecl? {
        guard Int(value.kind) < constantKinds.count else { return nil }
        let kind = constantKinds[Int(value.kind)]
        return constants.first { $0.kind == kind && $0.payload == value.payload }
    }

    /// Mistakes in the description itself (duplicate names, unknown kinds, too many arguments).
    /// `compile` reports them as errors at line 0, so a broken host never runs a script.
    public func problems() -> [String] {
        var problems: [String] = []
        func checkKind(_ kind: ValueKind, _ where_: String) {
            switch kind {
            case .handle(let name) where handleKindIndex(name) == nil:
                problems.append("\(where_): unknown handle kind '\(name)'")
            case .constant(let name) where constantKindIndex(name) == nil:
                problems.append("\(where_): unknown constant kind '\(name)'")
            default: break
            }
        }
        func checkUnique(_ names: [String], _ what: String) {
            var seen = Set<String>()
            for name in names where !seen.insert(name).inserted {
                problems.append("duplicate \(what) '\(name)'")
            }
        }
        checkUnique(settings.map(\.name), "setting")
        checkUnique(events.map(\.name), "event")
        checkUnique(handleKinds.map(\.name), "handle kind")
        checkUnique(constantKinds, "constant kind")
        checkUnique(constants.map(\.name), "constant")
        checkUnique(verbs.map(\.name), "verb")
        checkUnique(functions.map(\.name) + queries.map(\.name), "function or query")
        for event in events { if let p = event.parameter { checkKind(p, "event '\(event.name)'") } }
        for kind in handleKinds {
            checkUnique(kind.attributes.map(\.name), "attribute of '\(kind.name)'")
            for attribute in kind.attributes { checkKind(attribute.kind, "attribute '\(kind.name).\(attribute.name)'") }
        }
        for constant in constants where constantKindIndex(constant.kind) == nil {
            problems.append("constant '\(constant.name)': unknown constant kind '\(constant.kind)'")
        }
        for verb in verbs {
            if verb.parameters.count + verb.keywords.count > HostInterface.maxArguments {
                problems.append("verb '\(verb.name)': more than \(HostInterface.maxArguments) arguments")
            }
            checkUnique(verb.keywords.map(\.name), "keyword of '\(verb.name)'")
            for kind in verb.parameters + verb.keywords.map(\.kind) + [verb.result] { checkKind(kind, "verb '\(verb.name)'") }
            if let blocks = verb.blocks, verbIndex(blocks.alternative) == nil {
                problems.append("verb '\(verb.name)': unknown alternative '\(blocks.alternative)'")
            }
        }
        for function in functions {
            if function.parameters.count > HostInterface.maxArguments {
                problems.append("function '\(function.name)': more than \(HostInterface.maxArguments) arguments")
            }
            for kind in function.parameters + [function.result] { checkKind(kind, "function '\(function.name)'") }
        }
        for query in queries { checkKind(query.kind, "query '\(query.name)'") }
        return problems
    }
}

/// A top-level setting line (`workers 2`, `policy oldest`).
public struct SettingDecl: Sendable {
    public enum Kind: Sendable, Hashable {
        /// A whole number in a range.
        case int(ClosedRange<Int64>)
        /// One of a list of words.
        case word([String])
    }
    public var name: String
    public var kind: Kind
    public init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// Something that spawns a task: `on NAME param:`. `parameter` is the kind of what the handler gets
/// (`.handle("order")`), or nil for an event with nothing to hand over (`on idle:`).
public struct EventDecl: Sendable {
    public var name: String
    public var parameter: ValueKind?
    public init(_ name: String, parameter: ValueKind?) {
        self.name = name
        self.parameter = parameter
    }
}

/// A kind of host object and the attributes a script may read on it (`o.milk`).
public struct HandleKindDecl: Sendable {
    public var name: String
    public var attributes: [AttributeDecl]
    public init(_ name: String, attributes: [AttributeDecl] = []) {
        self.name = name
        self.attributes = attributes
    }
}

/// An attribute of a handle kind; `id` is what `HostCalls.attribute` receives.
public struct AttributeDecl: Sendable {
    public var name: String
    public var id: Int
    public var kind: ValueKind
    public init(_ name: String, id: Int, kind: ValueKind) {
        self.name = name
        self.id = id
        self.kind = kind
    }
}

/// A named host constant (`espresso`, a machine; `brew`, a step).
public struct ConstantDecl: Sendable {
    public var name: String
    /// The constant kind's name, one of `HostInterface.constantKinds`.
    public var kind: String
    public var payload: Int64
    public init(_ name: String, kind: String, payload: Int64) {
        self.name = name
        self.kind = kind
        self.payload = payload
    }
}

/// A keyword argument of a verb (`on espresso`, `to barista`).
public struct KeywordParameter: Sendable {
    public var name: String
    public var kind: ValueKind
    /// A missing optional keyword argument is passed as `none`.
    public var required: Bool
    public init(_ name: String, _ kind: ValueKind, required: Bool = false) {
        self.name = name
        self.kind = kind
        self.required = required
    }
}

/// A verb that blocks its worker and the one to use instead (`wait` → `await`).
public struct Blocking: Sendable {
    public var alternative: String
    /// Printed under the warning ("'await' frees the barista; 'wait' blocks it").
    public var hint: String
    public init(alternative: String, hint: String) {
        self.alternative = alternative
        self.hint = hint
    }
}

/// A host verb: `VERB arg arg ... [KEYWORD arg]...`. Arguments reach the host positional first,
/// then keywords in declared order.
public struct VerbDecl: Sendable {
    public var name: String
    public var parameters: [ValueKind]
    public var keywords: [KeywordParameter]
    public var result: ValueKind
    /// Takes game time: the VM suspends the task and hands the command to the host.
    public var suspends: Bool
    /// A busy check (`check`): a loop of these with nothing else suspending is "polling with no delay".
    public var polls: Bool
    /// Set on verbs that hold the worker (`wait`); using them warns and suggests the alternative.
    public var blocks: Blocking?

    public init(_ name: String, _ parameters: [ValueKind] = [], keywords: [KeywordParameter] = [],
                result: ValueKind = .none, suspends: Bool = true, polls: Bool = false, blocks: Blocking? = nil) {
        self.name = name
        self.parameters = parameters
        self.keywords = keywords
        self.result = result
        self.suspends = suspends
        self.polls = polls
        self.blocks = blocks
    }
}

/// A host function called in expressions (`ready(shot)`, `free(espresso)`).
public struct FunctionDecl: Sendable {
    public var name: String
    public var parameters: [ValueKind]
    public var result: ValueKind
    /// Each call takes game time (the VM suspends, as for a verb).
    public var suspends: Bool
    public var polls: Bool
    public init(_ name: String, _ parameters: [ValueKind], result: ValueKind, suspends: Bool = false, polls: Bool = false) {
        self.name = name
        self.parameters = parameters
        self.result = result
        self.suspends = suspends
        self.polls = polls
    }
}

/// A value the host computes on demand, named by a plain or dotted name (`now`, `queue.length`).
public struct QueryDecl: Sendable {
    public var name: String
    public var kind: ValueKind
    public init(_ name: String, kind: ValueKind) {
        self.name = name
        self.kind = kind
    }
}
