/// What the run loop needs beside its switch: operator names, argument checks, string joins and
/// the words of its runtime errors.
extension VM {
    static func symbol(_ instruction: Instruction) -> String {
        switch instruction {
        case .add: return "+"
        case .subtract: return "-"
        case .multiply: return "*"
        case .divide: return "/"
        case .remainder: return "%"
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        default: return "?"
        }
    }

    static func accepts(_ check: RuntimeCheck, _ value: Value) -> Bool {
        switch (check.kind, value) {
        case (.any, _): return true
        case (.none, .none): return true
        case (_, .none): return check.allowsNone
        case (.int, .int), (.bool, .bool), (.string, .string), (.role, .role): return true
        case (.handle(let k), .handle(let h)): return h.kind == k
        case (.constant(let k), .constant(let c)): return c.kind == k
        default: return false
        }
    }

    struct Failure: Error {
        var kind: RuntimeError.Kind
        var message: String
    }

    /// `+` with a string on either side: the other side may be a string or a number.
    static func concatenate(_ left: Value, _ right: Value, strings: inout StringTable, limits: Limits,
                                    program: Program) -> Result<Value, Failure> {
        func text(_ value: Value) -> String? {
            switch value {
            case .string(let s): return strings.string(s)
            case .int(let n): return String(n)
            default: return nil
            }
        }
        guard let l = text(left), let r = text(right) else {
            return .failure(Failure(kind: .wrongKind, message: "'+' joins strings with strings or numbers, not \(program.kindName(left)) and \(program.kindName(right))"))
        }
        let size = l.utf8.count + r.utf8.count
        guard size <= limits.stringSize else {
            return .failure(Failure(kind: .stringSize, message: "a string of \(size) bytes is longer than \(limits.stringSize)"))
        }
        guard strings.bytes + size <= limits.stringMemory else {
            return .failure(Failure(kind: .stringMemory, message: "the script's strings take more than \(limits.stringMemory) bytes"))
        }
        return .success(.string(strings.intern(l + r)))
    }
}

extension Program {
    /// "'take' expects an order, not a number".
    func wrongArgument(_ op: Int, _ argument: Int, _ value: Value) -> String {
        let info = hostOps[op]
        return "'\(info.name)' expects \(info.checks[argument].description), not \(kindName(value))"
    }
}

