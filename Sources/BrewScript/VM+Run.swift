/// The interpreter loop: a switch over a flat instruction array, with the fiber's stack, pc and
/// frame in locals. Nothing here allocates, looks up a name or counts a reference per instruction;
/// only string operations and host calls leave that path.
extension VM {
    private enum Exit {
        case finished
        /// Suspend on host op `op` with these arguments.
        case suspend(op: Int, ArgBuffer)
        case failure(RuntimeError.Kind, String)
        case budget
        /// A call needs this many values of stack: grow it and go on.
        case grow(Int)
        /// A call was made: keep its caller in `frames` and go on.
        case call(Frame)
    }

    /// Runs a fiber until it suspends on a host command, finishes or fails. `value` is the result of
    /// the command it was suspended on (ignored on the first resume). `world` is lent to the host's
    /// calls while the fiber runs (see `HostCalls`).
    @inline(__always)
    public mutating func resume<H: HostCalls>(_ id: FiberID, with value: Value = .none, host: inout H,
                                              in world: H.World) -> Suspension {
        guard isLive(id) else {
            return .error(RuntimeError(kind: .noTask, message: "\(id) is not a live task", span: SourceSpan(line: 0, column: 0)))
        }
        let index = Int(id.index)
        var fiber = fibers[index]
        let allowance = min(limits.stepsPerDecision, max(0, limits.shiftBudget - instructionsExecuted))
        var budget = allowance
        var exit = Exit.finished
        var resumed = fiber.status == .suspended
        // Only the fiber's own stack is read and written through the buffer; its registers are in
        // `fiber` and locals until the loop ends. A call leaves the loop to keep its caller's frame
        // (and, if it needs a bigger stack, to grow it first: `grow` moves the stack), then comes back.
        running: repeat {
            exit = values.withUnsafeMutableBufferPointer { values -> Exit in
                let stack = UnsafeMutableBufferPointer(rebasing: values[fiber.stackStart ..< fiber.stackStart &+ fiber.capacity])
                var frameCount = fiber.frameCount
                var function = fiber.function
                var sp = fiber.sp
                var pc = fiber.pc
                var base = fiber.base
                let code = self.code
                let constants = self.constants
                var exit = Exit.finished
                if resumed {
                    stack[sp] = value
                    sp &+= 1
                    resumed = false
                }

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
                                switch VM.concatenate(left, right, strings: &strings, limits: limits, program: program) {
                                case .success(let joined):
                                    stack[sp &- 2] = joined
                                    sp &-= 1
                                    continue loop
                                case .failure(let failure):
                                    exit = .failure(failure.kind, failure.message)
                                    break loop
                                }
                            }
                            exit = .failure(.wrongKind, "'\(VM.symbol(instruction))' needs numbers, not \(program.kindName(left)) and \(program.kindName(right))")
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
                            exit = .failure(.overflow, "\(a) \(VM.symbol(instruction)) \(b) does not fit in a 64-bit number")
                            break loop
                        }
                        stack[sp &- 2] = .int(result.partialValue)
                        sp &-= 1
                    case .toBool:
                        stack[sp &- 1] = .bool(stack[sp &- 1].isTruthy)
                    case .negate:
                        guard case .int(let a) = stack[sp &- 1] else {
                            exit = .failure(.wrongKind, "'-' needs a number, not \(program.kindName(stack[sp &- 1]))")
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
                            exit = .failure(.wrongKind, "'\(VM.symbol(instruction))' compares numbers, not \(program.kindName(stack[sp &- 2])) and \(program.kindName(stack[sp &- 1]))")
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
                        let callee = functions[Int(f)]
                        guard frameCount < limits.callDepth else {
                            exit = .failure(.callDepth, "calls nested more than \(limits.callDepth) deep")
                            break loop
                        }
                        let newBase = sp &- Int(callee.parameterCount)
                        let needed = newBase + Int(callee.frameSize)
                        if needed > stack.count {
                            // Back to the call, with the stack grown; the call counts once.
                            pc &-= 1
                            budget &+= 1
                            exit = .grow(needed)
                            break loop
                        }
                        var slot = newBase + Int(callee.parameterCount)
                        while slot < newBase + Int(callee.localCount) {
                            stack[slot] = .none
                            slot &+= 1
                        }
                        let caller = Frame(function: function, returnPC: Int32(pc), base: Int32(base))
                        frameCount &+= 1
                        function = f
                        base = newBase
                        sp = newBase + Int(callee.localCount)
                        pc = Int(callee.entry)
                        // `frames` is written outside the loop, so the loop itself writes only
                        // to the stack (one uniqueness check a resume, not two).
                        exit = .call(caller)
                        break loop
                    case .returnValue, .returnNone:
                        let result = instruction == .returnValue ? stack[sp &- 1] : .none
                        frameCount &-= 1
                        if frameCount == 0 {
                            exit = .finished
                            break loop
                        }
                        let caller = frames[index &* limits.callDepth &+ frameCount &- 1]
                        sp = base
                        pc = Int(caller.returnPC)
                        base = Int(caller.base)
                        function = caller.function
                        stack[sp] = result
                        sp &+= 1
                    case .host(let o):
                        let op = ops[Int(o)]
                        let count = Int(op.argumentCount)
                        sp &-= count
                        for i in 0..<count {
                            let value = stack[sp &+ i]
                            guard VM.accepts(checks[Int(op.firstCheck) &+ i], value) else {
                                exit = .failure(.wrongKind, program.wrongArgument(Int(o), i, value))
                                break loop
                            }
                        }
                        if op.suspends {
                            exit = .suspend(op: Int(o), ArgBuffer(stack, from: sp, count: count))
                            break loop
                        }
                        let arguments = ArgBuffer(stack, from: sp, count: count)
                        do throws(HostError) {
                            stack[sp] = try host.call(op.callee, arguments, fiber: id, in: world, strings: &strings)
                            sp &+= 1
                        } catch {
                            exit = .failure(.host, error.message)
                            break loop
                        }
                    case .attribute(let name):
                        guard case .handle(let handle) = stack[sp &- 1] else {
                            exit = .failure(.wrongKind, "'.\(program.attributeNames[Int(name)])' needs an object, not \(program.kindName(stack[sp &- 1]))")
                            break loop
                        }
                        let kind = Int(handle.kind)
                        let attribute = kind >= 0 && kind < handleKindCount ? attributeIDs[kind &* attributeNameCount &+ Int(name)] : -1
                        guard attribute >= 0 else {
                            exit = .failure(.wrongKind, "\(program.kindName(stack[sp &- 1])) has no attribute '\(program.attributeNames[Int(name)])'")
                            break loop
                        }
                        do throws(HostError) {
                            stack[sp &- 1] = try host.attribute(Int(attribute), of: handle, fiber: id, in: world, strings: &strings)
                        } catch {
                            exit = .failure(.host, error.message)
                            break loop
                        }
                    case .query(let q):
                        do throws(HostError) {
                            stack[sp] = try host.query(Int(q), fiber: id, in: world, strings: &strings)
                            sp &+= 1
                        } catch {
                            exit = .failure(.host, error.message)
                            break loop
                        }
                    case .checkInt:
                        guard case .int = stack[sp &- 1] else {
                            exit = .failure(.wrongKind, "'range' counts with numbers, not \(program.kindName(stack[sp &- 1]))")
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
                fiber.sp = sp
                fiber.pc = pc
                fiber.base = base
                fiber.function = function
                fiber.frameCount = frameCount
                return exit
            }
            switch exit {
            case .grow(let needed): grow(&fiber, to: needed)
            case .call(let caller): frames[index &* limits.callDepth &+ fiber.frameCount &- 2] = caller
            default: break running
            }
        } while true

        instructionsExecuted += allowance - budget
        let pc = fiber.pc
        let suspension: Suspension
        switch exit {
        case .finished, .grow, .call:
            release(&fiber, index)
            finishedAt = spans[max(0, pc &- 1)]
            suspension = .finished
        case .suspend(let o, let arguments):
            fiber.status = .suspended
            suspension = .command(HostCommand(callee: ops[o].callee, arguments: arguments, span: spans[pc &- 1]))
        case .failure(let kind, let message):
            release(&fiber, index)
            suspension = .error(RuntimeError(kind: kind, message: message, span: spans[max(0, pc - 1)]))
        case .budget:
            release(&fiber, index)
            let span = spans[min(pc, spans.count - 1)]
            if allowance < limits.stepsPerDecision {
                suspension = .error(RuntimeError(kind: .shiftBudget, message: "the script ran more than \(limits.shiftBudget) instructions in this shift", span: span))
            } else {
                suspension = .error(RuntimeError(kind: .stepsPerDecision,
                                                 message: "more than \(limits.stepsPerDecision) steps without a command that takes time (an endless loop?)",
                                                 span: span))
            }
        }
        fibers[index] = fiber
        return suspension
    }
}

extension VM {
    /// `resume` for a host whose calls read nothing but themselves (`World` is `Void`).
    public mutating func resume<H: HostCalls>(_ id: FiberID, with value: Value = .none, host: inout H) -> Suspension where H.World == Void {
        resume(id, with: value, host: &host, in: ())
    }
}
