/// The types at the seam between the VM and its host.

/// Names a fiber (a task: one handler invocation) of a VM. Stale ids (the fiber finished and its
/// slot was reused) are detected by the generation.
public struct FiberID: Hashable, Sendable, CustomStringConvertible {
    public let index: Int32
    public let generation: UInt32
    public var description: String { "fiber \(index).\(generation)" }
}

/// The arguments of a host call, inline (no heap): positional first, then keywords in declared
/// order. At most `ArgBuffer.capacity`, kept small so a suspension copies cheaply.
public struct ArgBuffer: Sendable, Hashable {
    public static let capacity = 4
    private var a0 = Value.none, a1 = Value.none, a2 = Value.none, a3 = Value.none
    public private(set) var count = 0

    public init() {}

    public init(_ values: [Value]) {
        for v in values.prefix(ArgBuffer.capacity) { append(v) }
    }

    public subscript(_ i: Int) -> Value {
        switch i {
        case 0: return a0
        case 1: return a1
        case 2: return a2
        default: return a3
        }
    }

    /// The `count` values of `values` from `start` (at most `capacity`), read in one go.
    @inline(__always)
    init(_ values: UnsafeMutableBufferPointer<Value>, from start: Int, count: Int) {
        self.count = Swift.min(count, ArgBuffer.capacity)
        if count > 0 { a0 = values[start] }
        if count > 1 { a1 = values[start &+ 1] }
        if count > 2 { a2 = values[start &+ 2] }
        if count > 3 { a3 = values[start &+ 3] }
    }

    mutating func append(_ value: Value) {
        switch count {
        case 0: a0 = value
        case 1: a1 = value
        case 2: a2 = value
        default: a3 = value
        }
        count += 1
    }

    /// The arguments as an array (allocates: for tests and tools, not for the hot path).
    public var values: [Value] { (0..<count).map { self[$0] } }
}

/// A host call that takes game time: the host performs it and later resumes the fiber with its result.
public struct HostCommand: Sendable, Hashable {
    public var callee: HostCallee
    public var arguments: ArgBuffer
    /// Where the command is in the script.
    public var span: SourceSpan
}

/// Why `VM.resume` returned.
public enum Suspension: Sendable, Hashable {
    /// The fiber waits for a suspending verb or function: resume it with the result.
    case command(HostCommand)
    /// The handler ran to its end (or `return`); the fiber is freed.
    case finished
    /// The fiber failed; it is freed.
    case error(RuntimeError)
}

/// What the host does synchronously while a fiber runs: non-suspending verbs and functions,
/// attributes and queries. A generic parameter of `resume`, so calls specialise.
///
/// Each call is lent, for its duration only, the host's `World` (what `resume` was handed: the
/// state the script reads, borrowed, never copied) and the VM's `strings` (to read a string
/// argument or intern a string result). The VM itself is busy running the fiber and cannot be
/// reached from a call.
public protocol HostCalls {
    /// What the host's answers read (`Void` for a host that keeps all it needs).
    associatedtype World
    /// A verb or function not flagged `suspends`.
    mutating func call(_ callee: HostCallee, _ arguments: ArgBuffer, fiber: FiberID, in world: borrowing World,
                       strings: inout StringTable) throws(HostError) -> Value
    /// `AttributeDecl.id` of a handle.
    mutating func attribute(_ id: Int, of handle: Handle, fiber: FiberID, in world: borrowing World,
                            strings: inout StringTable) throws(HostError) -> Value
    /// A query by its index in `HostInterface.queries`.
    mutating func query(_ index: Int, fiber: FiberID, in world: borrowing World, strings: inout StringTable) throws(HostError) -> Value
}

/// A host call refused (a stale handle, say); it ends the fiber with a `host` runtime error.
public struct HostError: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The sandbox: every bound a script can hit. Each ends the fiber with a named runtime error.
public struct Limits: Sendable, Hashable {
    /// Instructions one `resume` may run before the fiber must suspend or finish (`steps-per-decision`).
    public var stepsPerDecision = 100_000
    /// Instructions over the VM's life (`shift-budget`).
    public var shiftBudget = 20_000_000
    /// Nested calls, the handler included (`call-depth`).
    public var callDepth = 64
    /// Bytes in one string (`string-size`).
    public var stringSize = 1000
    /// Bytes of all strings made at run time (`string-memory`).
    public var stringMemory = 4_000_000
    /// Live fibers (`tasks`).
    public var tasks = 10_000

    public init() {}
}

/// A script failing at run time: the limit or rule broken, a message, and where.
public struct RuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable names (`rawValue`), for hosts, logs and tests.
    public enum Kind: String, Sendable, Hashable {
        case stepsPerDecision = "steps-per-decision"
        case shiftBudget = "shift-budget"
        case callDepth = "call-depth"
        case stringSize = "string-size"
        case stringMemory = "string-memory"
        case tasks
        case overflow
        case divisionByZero = "division-by-zero"
        case wrongKind = "wrong-kind"
        case host
        case noTask = "no-task"
    }
    public var kind: Kind
    public var message: String
    public var span: SourceSpan
    public var line: Int { Int(span.line) }
    public var column: Int { Int(span.column) }

    /// `7:5: call-depth: calls nested more than 64 deep`
    public var description: String { "\(span.line):\(span.column): \(kind.rawValue): \(message)" }

    /// As a diagnostic, to print with the source line and caret (the host adds the tick).
    public func diagnostic(file: String) -> Diagnostic {
        Diagnostic(.error, "\(kind.rawValue): \(message)", file: file, at: span)
    }
}
