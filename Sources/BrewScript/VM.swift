/// Runs a program's handlers as fibers. Each fiber (one handler invocation: a task) has its own
/// operand stack, frames and pc, in memory the VM keeps and reuses when the fiber finishes, so a
/// day of a million orders does not churn the heap. Single-threaded: one VM per simulated shift.
public final class VM {
    public let program: Program
    public let limits: Limits
    /// The strings of this VM; hosts may keep it to read string arguments and intern results.
    public let strings: StringTable
    /// Instructions run over the VM's life (bounded by `Limits.shiftBudget`).
    // Exclusivity is checked statically here: the VM is single-threaded and never hands out
    // overlapping accesses, and dynamic checks on every resume cost more than the work.
    @exclusivity(unchecked) public internal(set) var instructionsExecuted = 0
    /// Fibers spawned and not yet finished (bounded by `Limits.tasks`).
    @exclusivity(unchecked) public internal(set) var liveFibers = 0
    /// Where the last fiber to finish stopped (its `return`, or its handler's end).
    @exclusivity(unchecked) public internal(set) var finishedAt = SourceSpan(line: 0, column: 0)

    @exclusivity(unchecked) var fibers = FiberTable()
    @exclusivity(unchecked) var freeFibers: [Int32] = []
    // Copies of the program's tables in memory the run loop indexes without retain or bounds checks.
    let code: UnsafeMutableBufferPointer<Instruction>
    let functions: UnsafeMutableBufferPointer<FunctionInfo>
    let ops: UnsafeMutableBufferPointer<OpInfo>
    let checks: UnsafeMutableBufferPointer<RuntimeCheck>
    let constants: UnsafeMutableBufferPointer<Value>
    let attributeIDs: UnsafeMutableBufferPointer<Int32>
    let spans: UnsafeMutableBufferPointer<SourceSpan>
    /// Per handler: its function index.
    let handlerFunctions: UnsafeMutableBufferPointer<Int32>
    let attributeNameCount: Int
    let handleKindCount: Int

    struct Fiber {
        enum Status { case free, fresh, suspended, running }
        var generation: UInt32 = 0
        var status = Status.free
        var stack: UnsafeMutablePointer<Value>
        var capacity: Int
        var frames: UnsafeMutablePointer<Frame>
        var frameCount = 0
        var sp = 0
        var pc = 0
    }

    struct Frame {
        var function: Int32
        var returnPC: Int32
        var base: Int32
    }

    struct FunctionInfo {
        var entry: Int32
        var parameterCount: Int32
        var localCount: Int32
        /// Locals plus operand stack: what a call needs free on the stack.
        var frameSize: Int32
    }

    struct OpInfo {
        var callee: HostCallee
        var argumentCount: Int32
        var firstCheck: Int32
        var suspends: Bool
    }

    struct RuntimeCheck {
        var kind: ArgumentCheck.Kind
        var allowsNone: Bool
    }

    public init(program: Program, limits: Limits = Limits()) {
        self.program = program
        self.limits = limits
        strings = StringTable()
        for literal in program.strings { _ = strings.intern(literal) }
        code = .allocate(capacity: max(1, program.code.count))
        _ = code.initialize(from: program.code)
        functions = .allocate(capacity: max(1, program.functions.count))
        _ = functions.initialize(from: program.functions.map {
            FunctionInfo(entry: Int32($0.entry), parameterCount: Int32($0.parameterCount), localCount: Int32($0.localCount),
                         frameSize: Int32($0.localCount + $0.maxStack))
        })
        var flatChecks: [RuntimeCheck] = []
        var opInfos: [OpInfo] = []
        for op in program.hostOps {
            opInfos.append(OpInfo(callee: op.callee, argumentCount: Int32(op.argumentCount), firstCheck: Int32(flatChecks.count),
                                  suspends: op.suspends))
            flatChecks += op.checks.map { RuntimeCheck(kind: $0.kind, allowsNone: $0.allowsNone) }
        }
        ops = .allocate(capacity: max(1, opInfos.count))
        _ = ops.initialize(from: opInfos)
        checks = .allocate(capacity: max(1, flatChecks.count))
        _ = checks.initialize(from: flatChecks)
        constants = .allocate(capacity: max(1, program.constants.count))
        _ = constants.initialize(from: program.constants)
        attributeIDs = .allocate(capacity: max(1, program.attributeIDs.count))
        _ = attributeIDs.initialize(from: program.attributeIDs)
        spans = .allocate(capacity: max(1, program.spans.count))
        _ = spans.initialize(from: program.spans)
        handlerFunctions = .allocate(capacity: max(1, program.handlerEntries.count))
        _ = handlerFunctions.initialize(from: program.handlerEntries.map { Int32($0) })
        attributeNameCount = program.attributeNames.count
        handleKindCount = program.host.handleKinds.count
    }

    deinit {
        for i in 0..<fibers.count {
            fibers[i].stack.deallocate()
            fibers[i].frames.deallocate()
        }
        fibers.release()
        code.deallocate()
        functions.deallocate()
        ops.deallocate()
        checks.deallocate()
        constants.deallocate()
        attributeIDs.deallocate()
        spans.deallocate()
        handlerFunctions.deallocate()
    }

    /// Starts a task: a fiber that will run `handler` from its first line when first resumed.
    /// `argument` is what the event hands over (an order handle); ignored by handlers without one.
    public func spawn(_ handler: HandlerID, argument: Value = .none) throws(RuntimeError) -> FiberID {
        guard liveFibers < limits.tasks else {
            throw RuntimeError(kind: .tasks, message: "more than \(limits.tasks) tasks at once", span: program.handlers[handler.index].span)
        }
        let functionIndex = Int(handlerFunctions[handler.index])
        let function = functions[functionIndex]
        let index: Int
        if let reused = freeFibers.popLast() {
            index = Int(reused)
        } else {
            index = fibers.count
            let capacity = 32
            fibers.append(Fiber(stack: .allocate(capacity: capacity), capacity: capacity,
                                frames: .allocate(capacity: limits.callDepth + 1)))
        }
        ensureCapacity(&fibers[index], Int(function.frameSize))
        let stack = fibers[index].stack
        for slot in 0..<Int(function.localCount) { stack[slot] = .none }
        if function.parameterCount > 0 { stack[0] = argument }
        fibers[index].frames[0] = Frame(function: Int32(functionIndex), returnPC: 0, base: 0)
        fibers[index].frameCount = 1
        fibers[index].sp = Int(function.localCount)
        fibers[index].pc = Int(function.entry)
        fibers[index].status = .fresh
        liveFibers += 1
        return FiberID(index: Int32(index), generation: fibers[index].generation)
    }

    /// A VM in the same state as this one, sharing nothing it changes: its tasks stopped where
    /// these are, with the same locals, strings and instruction count. What a copy of a scripted
    /// shift (a snapshot to seek back to) holds, so both go on independently.
    public func copy() -> VM {
        let c = VM(program: program, limits: limits)
        c.strings.replaceContents(with: strings)
        c.instructionsExecuted = instructionsExecuted
        c.liveFibers = liveFibers
        c.freeFibers = freeFibers
        for i in 0..<fibers.count {
            let f = fibers[i]
            var g = Fiber(stack: .allocate(capacity: f.capacity), capacity: f.capacity,
                          frames: .allocate(capacity: limits.callDepth + 1))
            g.stack.initialize(from: f.stack, count: f.sp)
            g.frames.initialize(from: f.frames, count: f.frameCount)
            g.generation = f.generation
            g.status = f.status
            g.frameCount = f.frameCount
            g.sp = f.sp
            g.pc = f.pc
            c.fibers.append(g)
        }
        return c
    }

    /// Makes room for `needed` values on a fiber's stack (rare: stacks keep their size when reused).
    func ensureCapacity(_ fiber: inout Fiber, _ needed: Int) {
        guard needed > fiber.capacity else { return }
        let capacity = max(needed, fiber.capacity * 2)
        let grown = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
        grown.initialize(from: fiber.stack, count: fiber.capacity)
        fiber.stack.deallocate()
        fiber.stack = grown
        fiber.capacity = capacity
    }

    /// Whether a fiber is alive (spawned, not finished, failed or cancelled).
    @inline(__always)
    public func isLive(_ id: FiberID) -> Bool {
        Int(id.index) < fibers.count && fibers[Int(id.index)].generation == id.generation && fibers[Int(id.index)].status != .free
    }

    /// Ends a fiber without running it further (its order is gone, the shift is over).
    public func cancel(_ id: FiberID) {
        if isLive(id) { release(Int(id.index)) }
    }

    func release(_ index: Int) {
        fibers[index].status = .free
        fibers[index].generation &+= 1
        freeFibers.append(Int32(index))
        liveFibers -= 1
    }

    /// Runs a fiber until it suspends on a host command, finishes or fails. `value` is the result of
    /// the command it was suspended on (ignored on the first resume).
    public func resume<H: HostCalls>(_ id: FiberID, with value: Value = .none, host: inout H) -> Suspension {
        let index = Int(id.index)
        guard isLive(id), fibers[index].status != .running else {
            return .error(RuntimeError(kind: .noTask, message: "\(id) is not a live task", span: SourceSpan(line: 0, column: 0)))
        }
        if fibers[index].status == .suspended {
            fibers[index].stack[fibers[index].sp] = value
            fibers[index].sp += 1
        }
        fibers[index].status = .running
        return run(index, id: id, host: &host)
    }

    /// A value as a player would write it: `42`, `true`, `"hi"` as hi, `espresso`, `order#7`.
    public func describe(_ value: Value) -> String {
        switch value {
        case .none: return "none"
        case .bool(let b): return b ? "true" : "false"
        case .int(let n): return String(n)
        case .string(let s): return strings.string(s)
        case .handle(let h):
            let kind = Int(h.kind) < program.host.handleKinds.count ? program.host.handleKinds[Int(h.kind)].name : "object"
            return "\(kind)#\(h.id)"
        case .constant(let c):
            if let decl = program.host.constant(for: c) { return decl.name }
            return "constant#\(c.payload)"
        case .role(let r):
            return Int(r) < program.roles.count ? program.roles[Int(r)].name : "role#\(r)"
        }
    }

    /// How a value's kind reads in a runtime error ("an order", "a number").
    func kindName(_ value: Value) -> String {
        switch value {
        case .none: return "none"
        case .bool: return "a truth value"
        case .int: return "a number"
        case .string: return "a string"
        case .role: return "a role"
        case .handle(let h):
            return Int(h.kind) < program.host.handleKinds.count ? article(program.host.handleKinds[Int(h.kind)].name) : "an object"
        case .constant(let c):
            return Int(c.kind) < program.host.constantKinds.count ? article(program.host.constantKinds[Int(c.kind)]) : "a constant"
        }
    }
}
