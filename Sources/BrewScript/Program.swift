/// What a compile produces for the host: the roles and their handlers, the settings, the resolved
/// commands (for the host's own checks) and, inside, the bytecode the VM runs. Immutable and
/// shareable between threads (one program, many VMs: one per simulated shift).
public final class Program: Sendable {
    /// The roles of the script, in order; a `Value.role` is an index into this list. Without role
    /// blocks there is exactly one implicit role (`isImplicit`), whose worker count is the host's to set.
    public let roles: [Role]
    /// Every handler of every role; a `HandlerID` is an index into this list.
    public let handlers: [Handler]
    /// The settings the script set, in source order (each name at most once).
    public let settings: [Setting]
    /// Every host verb and function the script calls, with arguments known at compile time.
    public let commands: [ResolvedCommand]
    /// Every `==` and `!=` of the script, for the host's own checks (a name it does not have).
    public let comparisons: [ResolvedComparison]
    /// The interface the program was checked against (the VM calls back with its ids).
    public let host: HostInterface
    /// The script's own functions, by name, in order (for tooling).
    public let functionNames: [String]

    // The bytecode: one flat array for every function and handler, with a parallel table of spans.
    let code: [Instruction]
    let spans: [SourceSpan]
    let functions: [CompiledFunction]
    /// Entry function of each handler (index into `functions`).
    let handlerEntries: [Int]
    let constants: [Value]
    /// String literals, interned into every VM's table in this order so their ids match (0 is "").
    let strings: [String]
    let hostOps: [HostOp]
    /// Attribute names used by the script; `attributeIDs[kind * attributeNames.count + name]` is the
    /// host's attribute id for a handle kind, or -1 if that kind has no such attribute.
    let attributeNames: [String]
    let attributeIDs: [Int32]

    init(roles: [Role], handlers: [Handler], settings: [Setting], commands: [ResolvedCommand],
         comparisons: [ResolvedComparison], host: HostInterface,
         functionNames: [String], code: [Instruction], spans: [SourceSpan], functions: [CompiledFunction],
         handlerEntries: [Int], constants: [Value], strings: [String], hostOps: [HostOp],
         attributeNames: [String], attributeIDs: [Int32]) {
        self.roles = roles
        self.handlers = handlers
        self.settings = settings
        self.commands = commands
        self.comparisons = comparisons
        self.host = host
        self.functionNames = functionNames
        self.code = code
        self.spans = spans
        self.functions = functions
        self.handlerEntries = handlerEntries
        self.constants = constants
        self.strings = strings
        self.hostOps = hostOps
        self.attributeNames = attributeNames
        self.attributeIDs = attributeIDs
    }

    /// The value of a setting the script set, or nil.
    public func setting(_ name: String) -> Setting.Value? {
        settings.first { $0.name == name }?.value
    }

    /// The handlers of a role that an event spawns (`on order o:`), by event name.
    public func handlers(for event: String, role: Int) -> [HandlerID] {
        roles[role].handlers.filter {
            if case .event(_, let name) = handlers[$0.index].trigger { return name == event }
            return false
        }
    }

    /// How many instructions the program compiled to (for tooling and "script size").
    public var instructionCount: Int { code.count }
}

/// A kind of worker and how many of them (`role barista 2:`).
public struct Role: Sendable, Hashable {
    public var name: String
    /// The worker count written in the script; nil for the implicit role.
    public var count: Int?
    public var handlers: [HandlerID]
    public var span: SourceSpan?
    /// True when the script declared no roles: one role holds every handler.
    public var isImplicit: Bool { span == nil }
}

/// Names one handler of a program.
public struct HandlerID: Hashable, Sendable {
    public var index: Int
    public init(_ index: Int) { self.index = index }
}

/// A handler: what spawns its tasks and which role runs them.
public struct Handler: Sendable, Hashable {
    public enum Trigger: Sendable, Hashable {
        /// `on NAME ...:`: the index into `HostInterface.events` and its name.
        case event(Int, name: String)
        /// `every N:`, a period in ticks.
        case every(Int64)
    }
    public var id: HandlerID
    public var trigger: Trigger
    /// Index into `Program.roles`.
    public var role: Int
    public var span: SourceSpan
    /// Whether the handler takes a parameter (it must be spawned with one).
    public var takesArgument: Bool
}

/// A setting line of the script (`workers 2`).
public struct Setting: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case int(Int64)
        case word(String)
    }
    public var name: String
    public var value: Value
    public var span: SourceSpan
    public var valueSpan: SourceSpan
}

/// What the script calls on the host: a verb (a command) or a host function.
public enum HostCallee: Hashable, Sendable {
    case verb(Int)
    case function(Int)
}

/// One host call in the script, for checks of the host's own ("'brew' runs on espresso, not grinder").
public struct ResolvedCommand: Sendable, Hashable {
    public enum Argument: Sendable, Hashable {
        /// Known at compile time (a literal, a host constant, a role).
        case known(Value)
        /// Computed at run time; its static kind.
        case unknown(ValueKind)
    }
    public var callee: HostCallee
    public var name: String
    /// Positional arguments, then keyword arguments in the verb's declared order (`.known(.none)`
    /// for an optional keyword left out).
    public var arguments: [Argument]
    public var argumentSpans: [SourceSpan?]
    public var span: SourceSpan
    /// The role whose handler contains the call, or nil inside a `def` function.
    public var role: Int?
}

/// One `a == b` or `a != b` in the script, for checks of the host's own ("this level has no item
/// 'pourover'"): each side as far as it is known before running.
public struct ResolvedComparison: Sendable, Hashable {
    public enum Operand: Sendable, Hashable {
        /// A string literal.
        case string(String)
        /// Known at compile time (a literal, a host constant, a role).
        case known(Value)
        /// An attribute of a host object (`o.item`): its name and static kind.
        case attribute(String, ValueKind)
        /// Computed at run time; its static kind.
        case unknown(ValueKind)
    }
    public var left: Operand
    public var right: Operand
    public var leftSpan: SourceSpan
    public var rightSpan: SourceSpan
}

/// One function of bytecode (a `def` or a handler body).
struct CompiledFunction: Sendable {
    var name: String
    var entry: Int
    var parameterCount: Int
    /// Parameters plus other locals (including hidden loop counters).
    var localCount: Int
    /// Most operand-stack slots used at once, above the locals.
    var maxStack: Int
}

/// A host call site's static facts, consulted by the VM.
struct HostOp: Sendable {
    var callee: HostCallee
    var argumentCount: Int
    var suspends: Bool
    var polls: Bool
    /// Runtime checks for each argument.
    var checks: [ArgumentCheck]
    var name: String
}

/// What an argument must be at run time.
struct ArgumentCheck: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case any, int, bool, string, none, handle(Int32), constant(Int32), role }
    var kind: Kind
    var allowsNone: Bool
    var description: String

    func accepts(_ value: Value) -> Bool {
        switch (kind, value) {
        case (.any, _): return true
        case (_, .none): return allowsNone || kind == .none
        case (.int, .int), (.bool, .bool), (.string, .string), (.role, .role): return true
        case (.handle(let k), .handle(let h)): return h.kind == k
        case (.constant(let k), .constant(let c)): return c.kind == k
        default: return false
        }
    }
}
