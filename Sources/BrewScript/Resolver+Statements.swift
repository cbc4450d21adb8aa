/// Statements: scoping, kind flow through branches and loops, and the flow warnings.
extension Resolver {
    /// Resolves a block; warns once about statements after one that always leaves the block.
    mutating func resolveBlock(_ statements: [Stmt]) -> [RStmt] {
        resolveBlockTerminating(statements).statements
    }

    mutating func resolveBlockTerminating(_ statements: [Stmt]) -> (statements: [RStmt], terminates: Bool) {
        var resolved: [RStmt] = []
        var terminated = false
        var warned = false
        for statement in statements {
            if terminated, !warned {
                warned = true
                log.warning("unreachable code", at: statement.span, hint: "nothing after a 'return', 'break' or 'continue' in the same block runs")
            }
            let (r, terminates) = resolveStatement(statement)
            if let r { resolved.append(r) }
            terminated = terminated || terminates
        }
        return (resolved, terminated)
    }

    /// The resolved statement (nil when it compiles to nothing) and whether it always leaves the block.
    mutating func resolveStatement(_ statement: Stmt) -> (RStmt?, Bool) {
        switch statement {
        case .assign(let name, let span, let value):
            let (expr, kind) = resolveExpression(value)
            guard let slot = assignableSlot(name, at: span) else { return (nil, false) }
            scope.kinds[slot] = kind
            return (.assign(slot, expr), false)
        case .command(let command):
            return (.evaluate(resolveCommand(command).expr), false)
        case .expression(let expr):
            return (.evaluate(resolveExpression(expr).expr), false)
        case .pass:
            return (nil, false)
        case .break(let span), .continue(let span):
            let isBreak: Bool
            if case .break = statement { isBreak = true } else { isBreak = false }
            if scope.loopDepth == 0 {
                log.error("'\(isBreak ? "break" : "continue")' outside a loop", at: span)
                return (nil, false)
            }
            return (isBreak ? .break : .continue, true)
        case .return(let value, let span):
            var expr: RExpr?
            if let value {
                let resolved = resolveExpression(value).expr
                if scope.isHandler {
                    log.error("a handler cannot return a value", at: value.span, hint: "write 'return' to end the task")
                } else {
                    expr = resolved
                }
            }
            return (.return(expr, span), true)
        case .if(let branches, let otherwise, _):
            return resolveIf(branches, otherwise)
        case .while(let condition, let body, let span):
            return (resolveWhile(condition, body, span), false)
        case .for(let variable, let variableSpan, let range, let rangeSpan, let body, let span):
            return (resolveFor(variable, variableSpan, range, rangeSpan, body, span), false)
        }
    }

    /// The kinds at the start of a branch: as before the `if`, slots declared since are still none.
    private func padded(_ kinds: [ValueKind]) -> [ValueKind] {
        kinds + Array(repeating: .none, count: scope.count - kinds.count)
    }

    private mutating func resolveIf(_ branches: [(condition: Expr, body: [Stmt])], _ otherwise: [Stmt]?) -> (RStmt?, Bool) {
        var resolved: [(RExpr, [RStmt])] = []
        var ends: [[ValueKind]] = []
        var allTerminate = true
        for branch in branches {
            let condition = resolveExpression(branch.condition).expr
            let before = scope.kinds
            let (body, terminates) = resolveBlockTerminating(branch.body)
            if !terminates { ends.append(scope.kinds) }
            allTerminate = allTerminate && terminates
            scope.kinds = padded(before)
            resolved.append((condition, body))
        }
        var elseBody: [RStmt]?
        let before = scope.kinds
        if let otherwise {
            let (body, terminates) = resolveBlockTerminating(otherwise)
            if !terminates { ends.append(scope.kinds) }
            allTerminate = allTerminate && terminates
            elseBody = body
        } else {
            ends.append(before)
            allTerminate = false
        }
        if !ends.isEmpty {
            var merged = padded(ends[0])
            for end in ends.dropFirst() {
                let end = padded(end)
                for i in merged.indices { merged[i] = merged[i].joined(with: end[i]) }
            }
            scope.kinds = merged
        } else {
            scope.kinds = padded(before)
        }
        return (.if(resolved, elseBody), allTerminate)
    }

    /// Slots already declared that a loop body assigns: their kind at the top of the loop is unknown.
    private mutating func loosenKinds(assignedIn body: [Stmt]) {
        var names = Set<String>()
        collectAssigned(body, into: &names)
        for name in names {
            if let slot = scope.slots[name] { scope.kinds[slot] = .any }
        }
    }

    private func collectAssigned(_ statements: [Stmt], into names: inout Set<String>) {
        for statement in statements {
            switch statement {
            case .assign(let name, _, _): names.insert(name)
            case .if(let branches, let otherwise, _):
                for branch in branches { collectAssigned(branch.body, into: &names) }
                if let otherwise { collectAssigned(otherwise, into: &names) }
            case .while(_, let body, _): collectAssigned(body, into: &names)
            case .for(let variable, _, _, _, let body, _):
                names.insert(variable)
                collectAssigned(body, into: &names)
            default: break
            }
        }
    }

    private mutating func resolveWhile(_ condition: Expr, _ body: [Stmt], _ span: SourceSpan) -> RStmt {
        loosenKinds(assignedIn: body)
        let resolvedCondition = resolveExpression(condition).expr
        scope.loopDepth += 1
        let resolvedBody = resolveBlock(body)
        scope.loopDepth -= 1
        loosenKinds(assignedIn: body)
        var effects = LoopEffects()
        effects.scan(resolvedCondition, ops: hostOps)
        effects.scan(resolvedBody, ops: hostOps)
        if effects.polls, !effects.delays {
            log.warning("polling with no delay", at: span, hint: host.pollingHint)
        }
        return .while(resolvedCondition, resolvedBody, span)
    }

    private mutating func resolveFor(_ variable: String, _ variableSpan: SourceSpan, _ range: [Expr], _ rangeSpan: SourceSpan,
                                     _ body: [Stmt], _ span: SourceSpan) -> RStmt? {
        var bounds: [RExpr] = []
        for argument in range {
            let (expr, kind) = resolveExpression(argument)
            if !ValueKind.int.accepts(kind) {
                log.error("'range' counts with numbers, not \(kind)", at: argument.span)
            }
            bounds.append(expr)
        }
        if bounds.count < 1 || bounds.count > 2 {
            log.error("'range' takes 1 or 2 numbers, not \(bounds.count)", at: rangeSpan, hint: "write 'range(n)' or 'range(a, b)'")
        }
        loosenKinds(assignedIn: body)
        let slot = assignableSlot(variable, at: variableSpan)
        if let slot { scope.kinds[slot] = .int }
        let counter = newSlot(nil, kind: .int, at: span)
        _ = newSlot(nil, kind: .int, at: span)
        scope.loopDepth += 1
        let resolvedBody = resolveBlock(body)
        scope.loopDepth -= 1
        loosenKinds(assignedIn: body)
        if let slot { scope.kinds[slot] = .any }
        guard let slot, bounds.count == 1 || bounds.count == 2 else { return nil }
        let start = bounds.count == 2 ? bounds[0] : .value(.int(0))
        let end = bounds.count == 2 ? bounds[1] : bounds[0]
        return .for(variable: slot, counter: counter, start: start, end: end, body: resolvedBody, span: rangeSpan)
    }
}

/// What a loop does on each turn, for the polling warning: whether it polls (a host call flagged
/// `polls`) and whether anything lets time pass otherwise (a suspending call that is not a poll, or
/// a call of a script function, which may do so).
struct LoopEffects {
    var polls = false
    var delays = false

    mutating func scan(_ statements: [RStmt], ops: [HostOp]) {
        for statement in statements { scan(statement, ops: ops) }
    }

    mutating func scan(_ statement: RStmt, ops: [HostOp]) {
        switch statement {
        case .assign(_, let e), .evaluate(let e): scan(e, ops: ops)
        case .if(let branches, let otherwise):
            for (condition, body) in branches {
                scan(condition, ops: ops)
                scan(body, ops: ops)
            }
            if let otherwise { scan(otherwise, ops: ops) }
        case .while(let condition, let body, _):
            scan(condition, ops: ops)
            scan(body, ops: ops)
        case .for(_, _, let start, let end, let body, _):
            scan(start, ops: ops)
            scan(end, ops: ops)
            scan(body, ops: ops)
        case .return(let e, _): if let e { scan(e, ops: ops) }
        case .break, .continue: break
        }
    }

    mutating func scan(_ expr: RExpr, ops: [HostOp]) {
        switch expr {
        case .value, .local, .query: break
        case .attribute(let e, _, _), .negate(let e, _), .not(let e): scan(e, ops: ops)
        case .binary(_, let l, let r, _), .logical(_, let l, let r):
            scan(l, ops: ops)
            scan(r, ops: ops)
        case .call(_, let arguments, _):
            delays = true
            for a in arguments { scan(a, ops: ops) }
        case .host(let op, let arguments, _):
            for a in arguments { scan(a, ops: ops) }
            if ops[op].polls {
                polls = true
            } else if ops[op].suspends {
                delays = true
            }
        }
    }
}
