/// The interpreter loop: a switch over a flat instruction array, with the fiber's stack, pc and
/// frame in locals. Nothing here allocates, looks up a name or counts a reference per instruction;
/// only string operations and host calls leave that path.
extension VM {
    private enum Exit {
        case finished
        /// Suspend on host op `op`; its arguments are on the stack from `sp`.
        case suspend(op: Int)
        case failure(RuntimeError.Kind, String)
        case budget
    }

    @inline(__always)
    func run<H: HostCalls>(_ index: Int, id: FiberID, host: inout H) -> Suspension {
        var fiber = fibers[index]
        var stack = fiber.stack
        let frames = fiber.frames
        var frameCount = fiber.frameCount
        var sp = fiber.sp
        var pc = fiber.pc
        var base = Int(frames[frameCount - 1].base)
        let allowance = min(limits.stepsPerDecision, max(0, limits.shiftBudget - instructionsExecuted))
        var budget = allowance
        let code = self.code
        let constants = self.constants
        var exit = Exit.finished

        loop: while true {
            if budget == 0 {
                exit = .budget
                break loop
            }
            budget &-= 1
            let instruction = code[pc]
            pc &+= 1
            switch instruction {
            case .constant(let i):
                stack[sp] = constants[Int(i)]
                sp &+= 1
            case .int(let n):
                stack[sp] = .int(Int64(n))
                sp &+= 1
            case .none:
                stack[sp] = .none
                sp &+= 1
            case .true:
                stack[sp] = .bool(true)
                sp &+= 1
            case .false:
                stack[sp] = .bool(false)
                sp &+= 1
            case .load(let s):
                stack[sp] = stack[base &+ Int(s)]
                sp &+= 1
            case .store(let s):
                sp &-= 1
                stack[base &+ Int(s)] = stack[sp]
            case .pop:
                sp &-= 1
            case .add, .subtract, .multiply, .divide, .remainder:
                let right = stack[sp &- 1]
                let left = stack[sp &- 2]
                guard case .int(let a) = left, case .int(let b) = right else {
                    if instruction == .add, left.isString || right.isString {
                        switch concatenate(left, right) {
                        case .success(let joined):
                            stack[sp &- 2] = joined
                            sp &-= 1
                            continue loop
                        case .failure(let failure):
                            exit = .failure(failure.kind, failure.message)
                            break loop
                        }
                    }
                    exit = .failure(.wrongKind, "'\(symbol(instruction))' needs numbers, not \(kindName(left)) and \(kindName(right))")
                    break loop
                }
                let result: (partialValue: Int64, overflow: Bool)
                switch instruction {
                case .add: result = a.addingReportingOverflow(b)
                case .subtract: result = a.subtractingReportingOverflow(b)
                case .multiply: result = a.multipliedReportingOverflow(by: b)
                default:
                    if b == 0 {
                        exit = .failure(.divisionByZero, "division by zero")
                        break loop
                    }
                    result = instruction == .divide ? a.dividedReportingOverflow(by: b) : a.remainderReportingOverflow(dividingBy: b)
                }
                if result.overflow {
                    exit = .failure(.overflow, "\(a) \(symbol(instruction)) \(b) does not fit in a 64-bit number")
                    break loop
                }
                stack[sp &- 2] = .int(result.partialValue)
                sp &-= 1
            case .toBool:
                stack[sp &- 1] = .bool(stack[sp &- 1].isTruthy)
            case .negate:
                guard case .int(let a) = stack[sp &- 1] else {
                    exit = .failure(.wrongKind, "'-' needs a number, not \(kindName(stack[sp &- 1]))")
                    break loop
                }
                guard a != Int64.min else {
                    exit = .failure(.overflow, "-(\(a)) does not fit in a 64-bit number")
                    break loop
                }
                stack[sp &- 1] = .int(-a)
            case .not:
                stack[sp &- 1] = .bool(!stack[sp &- 1].isTruthy)
            case .equal:
                stack[sp &- 2] = .bool(stack[sp &- 2] == stack[sp &- 1])
                sp &-= 1
            case .notEqual:
                stack[sp &- 2] = .bool(stack[sp &- 2] != stack[sp &- 1])
                sp &-= 1
            case .less, .lessEqual, .greater, .greaterEqual:
                guard case .int(let a) = stack[sp &- 2], case .int(let b) = stack[sp &- 1] else {
                    exit = .failure(.wrongKind, "'\(symbol(instruction))' compares numbers, not \(kindName(stack[sp &- 2])) and \(kindName(stack[sp &- 1]))")
                    break loop
                }
                let result: Bool
                switch instruction {
                case .less: result = a < b
                case .lessEqual: result = a <= b
                case .greater: result = a > b
                default: result = a >= b
                }
                stack[sp &- 2] = .bool(result)
                sp &-= 1
            case .jump(let target):
                pc = Int(target)
            case .jumpIfFalse(let target):
                sp &-= 1
                if !stack[sp].isTruthy { pc = Int(target) }
            case .andJump(let target):
                if stack[sp &- 1].isTruthy {
                    sp &-= 1
                } else {
                    stack[sp &- 1] = .bool(false)
                    pc = Int(target)
                }
            case .orJump(let target):
                if stack[sp &- 1].isTruthy {
                    stack[sp &- 1] = .bool(true)
                    pc = Int(target)
                } else {
                    sp &-= 1
                }
            case .call(let f):
                let function = functions[Int(f)]
                guard frameCount < limits.callDepth else {
                    exit = .failure(.callDepth, "calls nested more than \(limits.callDepth) deep")
                    break loop
                }
                let newBase = sp &- Int(function.parameterCount)
                let needed = newBase + Int(function.frameSize)
                if needed > fiber.capacity {
                    fiber.stack = stack
                    ensureCapacity(&fiber, needed)
                    stack = fiber.stack
                }
                var slot = newBase + Int(function.parameterCount)
                while slot < newBase + Int(function.localCount) {
                    stack[slot] = .none
                    slot &+= 1
                }
                frames[frameCount] = Frame(function: f, returnPC: Int32(pc), base: Int32(newBase))
                frameCount &+= 1
                base = newBase
                sp = newBase + Int(function.localCount)
                pc = Int(function.entry)
            case .returnValue, .returnNone:
                let result = instruction == .returnValue ? stack[sp &- 1] : .none
                frameCount &-= 1
                if frameCount == 0 {
                    exit = .finished
                    break loop
                }
                let frame = frames[frameCount]
                sp = Int(frame.base)
                pc = Int(frame.returnPC)
                base = Int(frames[frameCount &- 1].base)
                stack[sp] = result
                sp &+= 1
            case .host(let o):
                let op = ops[Int(o)]
                let count = Int(op.argumentCount)
                sp &-= count
                for i in 0..<count {
                    let value = stack[sp &+ i]
                    guard accepts(checks[Int(op.firstCheck) &+ i], value) else {
                        exit = .failure(.wrongKind, wrongArgument(Int(o), i, value))
                        break loop
                    }
                }
                if op.suspends {
                    exit = .suspend(op: Int(o))
                    break loop
                }
                var arguments = ArgBuffer()
                for i in 0..<count { arguments.append(stack[sp &+ i]) }
                do {
                    stack[sp] = try host.call(op.callee, arguments, fiber: id)
                    sp &+= 1
                } catch {
                    exit = .failure(.host, error.message)
                    break loop
                }
            case .attribute(let name):
                guard case .handle(let handle) = stack[sp &- 1] else {
                    exit = .failure(.wrongKind, "'.\(program.attributeNames[Int(name)])' needs an object, not \(kindName(stack[sp &- 1]))")
                    break loop
                }
                let kind = Int(handle.kind)
                let attribute = kind >= 0 && kind < handleKindCount ? attributeIDs[kind &* attributeNameCount &+ Int(name)] : -1
                guard attribute >= 0 else {
                    exit = .failure(.wrongKind, "\(kindName(stack[sp &- 1])) has no attribute '\(program.attributeNames[Int(name)])'")
                    break loop
                }
                do {
                    stack[sp &- 1] = try host.attribute(Int(attribute), of: handle, fiber: id)
                } catch {
                    exit = .failure(.host, error.message)
                    break loop
                }
            case .query(let q):
                do {
                    stack[sp] = try host.query(Int(q), fiber: id)
                    sp &+= 1
                } catch {
                    exit = .failure(.host, error.message)
                    break loop
                }
            case .checkInt:
                guard case .int = stack[sp &- 1] else {
                    exit = .failure(.wrongKind, "'range' counts with numbers, not \(kindName(stack[sp &- 1]))")
                    break loop
                }
            case .forTest(let slot, let target):
                if case .int(let counter) = stack[base &+ Int(slot)], case .int(let end) = stack[base &+ Int(slot) &+ 1], counter < end {
                    break
                }
                pc = Int(target)
            case .increment(let slot):
                if case .int(let counter) = stack[base &+ Int(slot)] {
                    stack[base &+ Int(slot)] = .int(counter &+ 1)
                }
            }
        }

        instructionsExecuted += allowance - budget
        fiber.stack = stack
        fiber.sp = sp
        fiber.pc = pc
        fiber.frameCount = frameCount
        fibers[index] = fiber
        switch exit {
        case .finished:
            release(index)
            finishedAt = spans[max(0, pc &- 1)]
            return .finished
        case .suspend(let o):
            fibers[index].status = .suspended
            let op = ops[o]
            return .command(HostCommand(callee: op.callee, arguments: ArgBuffer(stack + sp, count: Int(op.argumentCount)),
                                        span: spans[pc &- 1]))
        case .failure(let kind, let message):
            release(index)
            return .error(RuntimeError(kind: kind, message: message, span: spans[max(0, pc - 1)]))
        case .budget:
            release(index)
            let span = spans[min(pc, spans.count - 1)]
            if allowance < limits.stepsPerDecision {
                return .error(RuntimeError(kind: .shiftBudget, message: "the script ran more than \(limits.shiftBudget) instructions in this shift", span: span))
            }
            return .error(RuntimeError(kind: .stepsPerDecision,
                                       message: "more than \(limits.stepsPerDecision) steps without a command that takes time (an endless loop?)",
                                       span: span))
        }
    }

    private func symbol(_ instruction: Instruction) -> String {
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

    private func accepts(_ check: RuntimeCheck, _ value: Value) -> Bool {
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

    private func wrongArgument(_ op: Int, _ argument: Int, _ value: Value) -> String {
        let info = program.hostOps[op]
        return "'\(info.name)' expects \(info.checks[argument].description), not \(kindName(value))"
    }

    private struct Failure: Error {
        var kind: RuntimeError.Kind
        var message: String
    }

    /// `+` with a string on either side: the other side may be a string or a number.
    private func concatenate(_ left: Value, _ right: Value) -> Result<Value, Failure> {
        func text(_ value: Value) -> String? {
            switch value {
            case .string(let s): return strings.string(s)
            case .int(let n): return String(n)
            default: return nil
            }
        }
        guard let l = text(left), let r = text(right) else {
            return .failure(Failure(kind: .wrongKind, message: "'+' joins strings with strings or numbers, not \(kindName(left)) and \(kindName(right))"))
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
