/// A runtime value. Trivial (no references), 16 bytes, so the VM copies it freely without
/// reference counting: strings live in the VM's `StringTable` and a value holds only their id.
public enum Value: Hashable, Sendable {
    case none
    case bool(Bool)
    case int(Int64)
    case string(StringID)
    /// A host object (an order, a job): its kind is an index into `HostInterface.handleKinds`.
    case handle(Handle)
    /// A host constant (a step, a machine): its kind is an index into `HostInterface.constantKinds`.
    case constant(HostConstant)
    /// A role of the script, by index into `Program.roles` (`send o to barista`).
    case role(Int32)

    /// `false`, `none`, `0` and `""` are false in conditions; every other value is true.
    @inlinable
    public var isTruthy: Bool {
        switch self {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .string(let s): return s != StringID.empty
        default: return true
        }
    }

    var isString: Bool {
        if case .string = self { return true }
        return false
    }
}

/// A host object seen by a script: the host's own id for it (an `OrderID` packed into 64 bits, say)
/// and its kind, an index into `HostInterface.handleKinds`.
public struct Handle: Hashable, Sendable {
    public var id: Int64
    public var kind: Int32
    public init(kind: Int32, id: Int64) {
        self.id = id
        self.kind = kind
    }
}

/// A host constant seen by a script: its payload (`ConstantDecl.payload`) and its kind, an index into
/// `HostInterface.constantKinds`.
public struct HostConstant: Hashable, Sendable {
    public var payload: Int64
    public var kind: Int32
    public init(kind: Int32, payload: Int64) {
        self.payload = payload
        self.kind = kind
    }
}

/// A string interned in a `StringTable`. Equal ids are equal strings and equal strings have equal ids.
public struct StringID: Hashable, Sendable {
    public var index: UInt32
    public init(_ index: UInt32) { self.index = index }
    /// The empty string is always id 0.
    public static let empty = StringID(0)
}

/// The strings of one VM: the program's literals first, then every string made at run time (by `+`
/// or by the host). Interned, so comparing strings compares ids. Its total size is bounded by
/// `Limits.stringMemory`. A value, part of the VM's: a copy of the VM has its own.
public struct StringTable {
    private var strings: [String] = [""]
    private var ids: [String: StringID] = ["": .empty]
    /// Total UTF-8 bytes held.
    public private(set) var bytes = 0

    init() {}

    /// The text of an id (the empty string for an id this table never made).
    public func string(_ id: StringID) -> String {
        Int(id.index) < strings.count ? strings[Int(id.index)] : ""
    }

    /// The id of `text`, adding it if new.
    public mutating func intern(_ text: String) -> StringID {
        if let id = ids[text] { return id }
        let id = StringID(UInt32(strings.count))
        strings.append(text)
        ids[text] = id
        bytes += text.utf8.count
        return id
    }

    /// A string value for `text` (convenience for hosts).
    public mutating func value(_ text: String) -> Value { .string(intern(text)) }

    /// How many strings are held.
    public var count: Int { strings.count }

}

/// What a value is statically, as declared by the host or inferred by the checker.
public enum ValueKind: Hashable, Sendable, CustomStringConvertible {
    /// Not known until run time; no static check.
    case any
    case int
    case bool
    case string
    case none
    /// A host object of the named handle kind (`.handle("order")`).
    case handle(String)
    /// A host constant of the named constant kind (`.constant("machine")`).
    case constant(String)
    /// A role name of the script.
    case role

    public var description: String {
        switch self {
        case .any: return "any value"
        case .int: return "a number"
        case .bool: return "a truth value"
        case .string: return "a string"
        case .none: return "none"
        case .handle(let name): return article(name)
        case .constant(let name): return article(name)
        case .role: return "a role"
        }
    }

    /// Whether a value of kind `other` may be passed where `self` is expected (statically).
    func accepts(_ other: ValueKind) -> Bool {
        self == .any || other == .any || self == other
    }

    /// The kind two branches give when they meet.
    func joined(with other: ValueKind) -> ValueKind {
        self == other ? self : .any
    }
}

func article(_ noun: String) -> String {
    guard let first = noun.first else { return noun }
    return ("aeiou".contains(first) ? "an " : "a ") + noun
}
