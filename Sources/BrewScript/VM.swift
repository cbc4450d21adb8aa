/// Runs a program's handlers as fibers. Each fiber (one handler invocation: a task) has its own
/// operand stack, frames and pc. Single-threaded: one VM per simulated shift.
///
/// A value. Everything a run changes lives in Swift arrays and plain fields (`fibers`, `values`,
/// `frames`, `freeFibers`, `strings`, the counters), so a copy of a VM (a copy of a scripted
/// shift: a snapshot to seek back to, an undo point) is the ordinary copy of a struct: it shares
/// those arrays until one side writes, and the array it writes to is copied then (Swift's own
/// copy-on-write, checked by the compiler; there is no hand-written copy to keep up to date).
/// Both go on independently. The one thing copies share is `tables`: the program's bytecode,
/// never written after `init`.
///
/// Memory is reused: a finished fiber's slot, stack and frames go to the next spawn, so a day of
/// a million orders does not churn the heap.
public struct VM {
    public let program: Program
    public let limits: Limits
    /// The strings of this VM. A host's calls are lent them to read string arguments and intern
    /// results (`HostCalls`); between resumes a host reads them here.
    public internal(set) var strings: StringTable
    /// Instructions run over the VM's life (bounded by `Limits.shiftBudget`).
    public internal(set) var instructionsExecuted = 0
    /// Fibers spawned and not yet finished (bounded by `Limits.tasks`).
    public internal(set) var liveFibers = 0
    /// Where the last fiber to finish stopped (its `return`, or its handler's end).
    public internal(set) var finishedAt = SourceSpan(line: 0, column: 0)

    /// Each fiber's registers, by fiber index (`FiberID.index`).
    var fibers: [Fiber] = []
    /// Indices of finished fibers, to reuse.
    var freeFibers: [Int32] = []
    /// Every fiber's operand stack (locals first), each in a region of its own:
    /// `values[fiber.stackStart ..< fiber.stackStart + fiber.capacity]`.
    var values: [Value] = []
    /// The calls a fiber is inside of, outermost first, at `frames[index * callDepth ...]` (the
    /// innermost call is in the fiber's own registers). Touched only by `call` and its return.
    var frames: [Frame] = []
    /// The program's tables, read-only and shared by every copy.
    let tables: Tables
    // The same tables, read by the run loop without a retain or bounds check. Safe because they
    // are immutable and `tables`, which owns them, lives as long as this value.
    let code: UnsafeBufferPointer<Instruction>
    let functions: UnsafeBufferPointer<FunctionInfo>
    let ops: UnsafeBufferPointer<OpInfo>
    let checks: UnsafeBufferPointer<RuntimeCheck>
    let constants: UnsafeBufferPointer<Value>
    let attributeIDs: UnsafeBufferPointer<Int32>
    let spans: UnsafeBufferPointer<SourceSpan>
    /// Per handler: its function index.
    let handlerFunctions: UnsafeBufferPointer<Int32>
    let attributeNameCount: Int
    let handleKindCount: Int

    /// A fiber's registers. Trivial, so reading one copies a few words.
    struct Fiber {
        enum Status: UInt8 { case free, fresh, suspended }
        var generation: UInt32 = 0
        var status = Status.free
        /// Where its stack starts in `values`, and how many values it has there.
        var stackStart: Int
        var capacity: Int
        /// The innermost call: its function, where its locals start (relative to `stackStart`).
        var function: Int32 = 0
        var base = 0
        /// Calls it is inside of, the innermost included.
        var frameCount = 0
        var sp = 0
        var pc = 0
    }

    /// A call waiting for the one it made to return.
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
        tables = Tables(program)
        code = UnsafeBufferPointer(tables.code)
        functions = UnsafeBufferPointer(tables.functions)
        ops = UnsafeBufferPointer(tables.ops)
        checks = UnsafeBufferPointer(tables.checks)
        constants = UnsafeBufferPointer(tables.constants)
        attributeIDs = UnsafeBufferPointer(tables.attributeIDs)
        spans = UnsafeBufferPointer(tables.spans)
        handlerFunctions = UnsafeBufferPointer(tables.handlerFunctions)
        attributeNameCount = program.attributeNames.count
        handleKindCount = program.host.handleKinds.count
    }

    /// Starts a task: a fiber that will run `handler` from its first line when first resumed.
    /// `argument` is what the event hands over (an order handle); ignored by handlers without one.
    public mutating func spawn(_ handler: HandlerID, argument: Value = .none) throws(RuntimeError) -> FiberID {
        guard liveFibers < limits.tasks else {
            throw RuntimeError(kind: .tasks, message: "more than \(limits.tasks) tasks at once", span: program.handlers[handler.index].span)
        }
        let functionIndex = handlerFunctions[handler.index]
        let function = functions[Int(functionIndex)]
        var fiber: Fiber
        let index: Int
        if let reused = freeFibers.popLast() {
            index = Int(reused)
            fiber = fibers[index]
        } else {
            index = fibers.count
            fiber = Fiber(stackStart: values.count, capacity: 32)
            values.append(contentsOf: repeatElement(.none, count: fiber.capacity))
            frames.append(contentsOf: repeatElement(Frame(function: 0, returnPC: 0, base: 0), count: limits.callDepth))
            fibers.append(fiber)
        }
        grow(&fiber, to: Int(function.frameSize))
        let start = fiber.stackStart
        values.withUnsafeMutableBufferPointer { values in
            for slot in 0..<Int(function.localCount) { values[start + slot] = .none }
            if function.parameterCount > 0 { values[start] = argument }
        }
        fiber.function = functionIndex
        fiber.base = 0
        fiber.frameCount = 1
        fiber.sp = Int(function.localCount)
        fiber.pc = Int(function.entry)
        fiber.status = .fresh
        fibers[index] = fiber
        liveFibers += 1
        return FiberID(index: Int32(index), generation: fiber.generation)
    }

    /// Makes room for `needed` values on a fiber's stack (rare: stacks keep their size when
    /// reused). The stack moves to a new region at the end of `values`; the old one is left
    /// unused, so at most as much again as the fibers' stacks is wasted.
    mutating func grow(_ fiber: inout Fiber, to needed: Int) {
        guard needed > fiber.capacity else { return }
        let capacity = max(needed, fiber.capacity * 2)
        let start = values.count
        values.append(contentsOf: values[fiber.stackStart ..< fiber.stackStart + fiber.capacity])
        values.append(contentsOf: repeatElement(.none, count: capacity - fiber.capacity))
        fiber.stackStart = start
        fiber.capacity = capacity
    }

    /// Whether a fiber is alive (spawned, not finished, failed or cancelled).
    @inline(__always)
    public func isLive(_ id: FiberID) -> Bool {
        Int(id.index) < fibers.count && fibers[Int(id.index)].generation == id.generation && fibers[Int(id.index)].status != .free
    }

    /// Ends a fiber without running it further (its order is gone, the shift is over).
    public mutating func cancel(_ id: FiberID) {
        guard isLive(id) else { return }
        var fiber = fibers[Int(id.index)]
        release(&fiber, Int(id.index))
        fibers[Int(id.index)] = fiber
    }

    /// Frees a fiber's slot for reuse (the caller stores `fiber` back).
    mutating func release(_ fiber: inout Fiber, _ index: Int) {
        fiber.status = .free
        fiber.generation &+= 1
        freeFibers.append(Int32(index))
        liveFibers -= 1
    }

    /// A value as a player would write it: `42`, `true`, `"hi"` as hi, `espresso`, `order#7`.
    public func describe(_ value: Value) -> String { program.describe(value, strings: strings) }
}

/// The program's tables as the VM reads them, in flat memory of their own: written once here,
/// read-only after, freed with the last VM that shares them.
final class Tables {
    let code: UnsafeMutableBufferPointer<Instruction>
    let functions: UnsafeMutableBufferPointer<VM.FunctionInfo>
    let ops: UnsafeMutableBufferPointer<VM.OpInfo>
    let checks: UnsafeMutableBufferPointer<VM.RuntimeCheck>
    let constants: UnsafeMutableBufferPointer<Value>
    let attributeIDs: UnsafeMutableBufferPointer<Int32>
    let spans: UnsafeMutableBufferPointer<SourceSpan>
    let handlerFunctions: UnsafeMutableBufferPointer<Int32>

    init(_ program: Program) {
        func table<T>(_ elements: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, elements.count))
            _ = buffer.initialize(from: elements)
            return UnsafeMutableBufferPointer(rebasing: buffer[..<elements.count])
        }
        code = table(program.code)
        functions = table(program.functions.map {
            VM.FunctionInfo(entry: Int32($0.entry), parameterCount: Int32($0.parameterCount), localCount: Int32($0.localCount),
                            frameSize: Int32($0.localCount + $0.maxStack))
        })
        var flatChecks: [VM.RuntimeCheck] = []
        var opInfos: [VM.OpInfo] = []
        for op in program.hostOps {
            opInfos.append(VM.OpInfo(callee: op.callee, argumentCount: Int32(op.argumentCount), firstCheck: Int32(flatChecks.count),
                                     suspends: op.suspends))
            flatChecks += op.checks.map { VM.RuntimeCheck(kind: $0.kind, allowsNone: $0.allowsNone) }
        }
        ops = table(opInfos)
        checks = table(flatChecks)
        constants = table(program.constants)
        attributeIDs = table(program.attributeIDs)
        spans = table(program.spans)
        handlerFunctions = table(program.handlerEntries.map { Int32($0) })
    }

    deinit {
        code.deallocate()
        functions.deallocate()
        ops.deallocate()
        checks.deallocate()
        constants.deallocate()
        attributeIDs.deallocate()
        spans.deallocate()
        handlerFunctions.deallocate()
    }
}

extension Program {
    /// A value as a player would write it, with `strings` the table its string ids are from.
    public func describe(_ value: Value, strings: StringTable) -> String {
        switch value {
        case .none: return "none"
        case .bool(let b): return b ? "true" : "false"
        case .int(let n): return String(n)
        case .string(let s): return strings.string(s)
        case .handle(let h):
            let kind = Int(h.kind) < host.handleKinds.count ? host.handleKinds[Int(h.kind)].name : "object"
            return "\(kind)#\(h.id)"
        case .constant(let c):
            if let decl = host.constant(for: c) { return decl.name }
            return "constant#\(c.payload)"
        case .role(let r):
            return Int(r) < roles.count ? roles[Int(r)].name : "role#\(r)"
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
            return Int(h.kind) < host.handleKinds.count ? article(host.handleKinds[Int(h.kind)].name) : "an object"
        case .constant(let c):
            return Int(c.kind) < host.constantKinds.count ? article(host.constantKinds[Int(c.kind)]) : "a constant"
        }
    }
}
