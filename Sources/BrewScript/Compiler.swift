/// Turns the resolved tree into one flat array of instructions, with a span per instruction for
/// runtime errors, and computes each function's frame size so the VM sizes stacks once per call.
struct Compiler {
    private var code: [Instruction] = []
    private var spans: [SourceSpan] = []
    private var constants: [Value] = []
    private var constantIndex: [Value: Int32] = [:]
    private var span = SourceSpan(line: 0, column: 0)
    private var depth = 0
    private var maxDepth = 0
    /// Per enclosing loop: the jumps to patch to its exit, and to its continue target (for `for`).
    private var loops: [(breaks: [Int], continues: [Int], continueTarget: Int?)] = []

    struct Output {
        var code: [Instruction]
        var spans: [SourceSpan]
        var functions: [CompiledFunction]
        var constants: [Value]
    }

    static func compile(_ functions: [RFunction]) -> Output {
        var compiler = Compiler()
        var compiled: [CompiledFunction] = []
        for function in functions {
            compiled.append(compiler.function(function))
        }
        return Output(code: compiler.code, spans: compiler.spans, functions: compiled, constants: compiler.constants)
    }

    private mutating func function(_ function: RFunction) -> CompiledFunction {
        let entry = code.count
        depth = 0
        maxDepth = 0
        span = function.span
        for statement in function.body { self.statement(statement) }
        emit(.returnNone, 0)
        return CompiledFunction(name: function.name, entry: entry, parameterCount: function.parameterCount,
                                localCount: function.localCount, maxStack: maxDepth, localNames: function.localNames)
    }

    /// Appends an instruction that changes the operand stack depth by `effect`.
    @discardableResult
    private mutating func emit(_ instruction: Instruction, _ effect: Int) -> Int {
        code.append(instruction)
        spans.append(span)
        depth += effect
        maxDepth = max(maxDepth, depth)
        return code.count - 1
    }

    private mutating func patch(_ at: Int, to target: Int) {
        let t = Int32(target)
        switch code[at] {
        case .jump: code[at] = .jump(t)
        case .jumpIfFalse: code[at] = .jumpIfFalse(t)
        case .andJump: code[at] = .andJump(t)
        case .orJump: code[at] = .orJump(t)
        case .forTest(let slot, _): code[at] = .forTest(slot: slot, exit: t)
        default: break
        }
    }

    // MARK: Statements

    private mutating func statement(_ statement: RStmt) {
        switch statement {
        case .assign(let slot, let value):
            expression(value)
            emit(.store(Int32(slot)), -1)
        case .evaluate(let value):
            expression(value)
            emit(.pop, -1)
        case .if(let branches, let otherwise):
            var ends: [Int] = []
            for (condition, body) in branches {
                expression(condition)
                let skip = emit(.jumpIfFalse(0), -1)
                for s in body { self.statement(s) }
                ends.append(emit(.jump(0), 0))
                patch(skip, to: code.count)
            }
            if let otherwise { for s in otherwise { self.statement(s) } }
            for end in ends { patch(end, to: code.count) }
        case .while(let condition, let body, let whileSpan):
            let start = code.count
            span = whileSpan
            expression(condition)
            let exit = emit(.jumpIfFalse(0), -1)
            loops.append(([], [], start))
            for s in body { self.statement(s) }
            span = whileSpan
            emit(.jump(Int32(start)), 0)
            let loop = loops.removeLast()
            patch(exit, to: code.count)
            for b in loop.breaks { patch(b, to: code.count) }
        case .for(let variable, let counter, let start, let end, let body, let rangeSpan):
            let saved = span
            span = rangeSpan
            expression(start)
            emit(.checkInt, 0)
            emit(.store(Int32(counter)), -1)
            expression(end)
            emit(.checkInt, 0)
            emit(.store(Int32(counter + 1)), -1)
            let test = emit(.forTest(slot: Int32(counter), exit: 0), 0)
            emit(.load(Int32(counter)), 1)
            emit(.store(Int32(variable)), -1)
            span = saved
            loops.append(([], [], nil))
            for s in body { self.statement(s) }
            let loop = loops.removeLast()
            for c in loop.continues { patch(c, to: code.count) }
            emit(.increment(Int32(counter)), 0)
            emit(.jump(Int32(test)), 0)
            patch(test, to: code.count)
            for b in loop.breaks { patch(b, to: code.count) }
        case .break:
            let at = emit(.jump(0), 0)
            loops[loops.count - 1].breaks.append(at)
        case .continue:
            if let target = loops[loops.count - 1].continueTarget {
                emit(.jump(Int32(target)), 0)
            } else {
                let at = emit(.jump(0), 0)
                loops[loops.count - 1].continues.append(at)
            }
        case .return(let value, let returnSpan):
            span = returnSpan
            if let value {
                expression(value)
                emit(.returnValue, -1)
            } else {
                emit(.returnNone, 0)
            }
        }
    }

    // MARK: Expressions

    private mutating func expression(_ expr: RExpr) {
        switch expr {
        case .value(let value):
            push(value)
        case .local(let slot):
            emit(.load(Int32(slot)), 1)
        case .attribute(let object, let name, let at):
            expression(object)
            span = at
            emit(.attribute(Int32(name)), 0)
        case .query(let q, let at):
            span = at
            emit(.query(Int32(q)), 1)
        case .call(let function, let arguments, let at):
            for a in arguments { expression(a) }
            span = at
            emit(.call(Int32(function)), 1 - arguments.count)
        case .host(let op, let arguments, let at):
            for a in arguments { expression(a) }
            span = at
            emit(.host(Int32(op)), 1 - arguments.count)
        case .negate(let operand, let at):
            expression(operand)
            span = at
            emit(.negate, 0)
        case .not(let operand):
            expression(operand)
            emit(.not, 0)
        case .binary(let op, let left, let right, let at):
            expression(left)
            expression(right)
            span = at
            emit(binaryInstruction(op), -1)
        case .logical(let op, let left, let right):
            expression(left)
            let jump = emit(op == .and ? .andJump(0) : .orJump(0), -1)
            expression(right)
            emit(.toBool, 0)
            patch(jump, to: code.count)
        }
    }

    private func binaryInstruction(_ op: BinaryOperator) -> Instruction {
        switch op {
        case .add: return .add
        case .subtract: return .subtract
        case .multiply: return .multiply
        case .divide: return .divide
        case .remainder: return .remainder
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        }
    }

    private mutating func push(_ value: Value) {
        switch value {
        case .none: emit(.none, 1)
        case .bool(let b): emit(b ? .true : .false, 1)
        case .int(let n) where n >= Int64(Int32.min) && n <= Int64(Int32.max): emit(.int(Int32(n)), 1)
        default:
            let index: Int32
            if let existing = constantIndex[value] {
                index = existing
            } else {
                index = Int32(constants.count)
                constants.append(value)
                constantIndex[value] = index
            }
            emit(.constant(index), 1)
        }
    }
}
