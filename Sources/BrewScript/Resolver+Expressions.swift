/// Expressions and commands: names, attributes, queries, calls and host verbs, with static kinds.
extension Resolver {
    /// The resolved expression and its static kind (`.any` when only the run time knows).
    mutating func resolveExpression(_ expr: Expr) -> (expr: RExpr, kind: ValueKind) {
        switch expr {
        case .integer(let n, _): return (.value(.int(n)), .int)
        case .bool(let b, _): return (.value(.bool(b)), .bool)
        case .none: return (.value(.none), .none)
        case .string(let s, _): return (.value(intern(s)), .string)
        case .name(let name, let span): return resolveName(name, span)
        case .attribute(let object, let name, let span): return resolveAttribute(object, name, span)
        case .call(let callee, let calleeSpan, let arguments, let span): return resolveCall(callee, calleeSpan, arguments, span)
        case .command(let command): return resolveCommand(command)
        case .negate(let operand, let span):
            let (e, kind) = resolveExpression(operand)
            if !ValueKind.int.accepts(kind) { log.error("'-' needs a number, not \(kind)", at: operand.span) }
            if case .value(.int(let n)) = e, n != Int64.min { return (.value(.int(-n)), .int) }
            return (.negate(e, span), .int)
        case .not(let operand, _):
            return (.not(resolveExpression(operand).expr), .bool)
        case .logical(let op, let left, let right, _):
            return (.logical(op, resolveExpression(left).expr, resolveExpression(right).expr), .bool)
        case .binary(let op, let left, let right, let span):
            let (l, lk) = resolveExpression(left)
            let (r, rk) = resolveExpression(right)
            if op == .divide || op == .remainder, case .value(.int(0)) = r {
                log.error("division by zero", at: span, hint: "the divisor is always 0")
            }
            if op == .equal || op == .notEqual {
                comparisons.append(ResolvedComparison(left: operand(left, l, lk), right: operand(right, r, rk),
                                                      leftSpan: left.span, rightSpan: right.span))
            }
            return (.binary(op, l, r, span), binaryKind(op, lk, rk, span))
        }
    }

    /// A side of a comparison as the host sees it.
    private func operand(_ syntax: Expr, _ expr: RExpr, _ kind: ValueKind) -> ResolvedComparison.Operand {
        if case .string(let s, _) = syntax { return .string(s) }
        if case .value(let v) = expr { return .known(v) }
        if case .attribute(_, let name, _) = syntax, case .attribute = expr { return .attribute(name, kind) }
        return .unknown(kind)
    }

    private mutating func binaryKind(_ op: BinaryOperator, _ left: ValueKind, _ right: ValueKind, _ span: SourceSpan) -> ValueKind {
        switch op {
        case .equal, .notEqual:
            return .bool
        case .add:
            if left == .string || right == .string {
                for kind in [left, right] where kind != .string && kind != .int && kind != .any {
                    log.error("'+' joins strings with strings or numbers, not \(kind)", at: span)
                }
                return .string
            }
            if left == .any || right == .any { return .any }
            fallthrough
        default:
            for kind in [left, right] where !ValueKind.int.accepts(kind) {
                log.error("'\(op.rawValue)' needs numbers, not \(kind)", at: span)
                break
            }
            switch op {
            case .less, .lessEqual, .greater, .greaterEqual: return .bool
            default: return .int
            }
        }
    }

    private mutating func resolveName(_ name: String, _ span: SourceSpan) -> (expr: RExpr, kind: ValueKind) {
        if let slot = scope.slots[name] { return (.local(slot), scope.kinds[slot]) }
        switch meaning(of: name) {
        case .query(let q): return (.query(q, span), host.queries[q].kind)
        case .constant(let value, let kind): return (.value(value), kind)
        case .role(let r): return (.value(.role(Int32(r))), .role)
        case .scriptFunction, .hostFunction:
            log.error("'\(name)' is a function", at: span, hint: "call it: '\(name)(...)'")
        case .verb:
            log.error("'\(name)' is a verb: commands stand on their own line or right after '='", at: span)
        case .unknown:
            let dotted = host.queries.map(\.name).filter { $0.hasPrefix(name + ".") }
            log.error("unknown name '\(name)'", at: span,
                      hint: quiet ? nil : didYouMean(name, in: valueNames) ?? (dotted.isEmpty ? nil : "did you mean '\(dotted[0])'?"))
        }
        return (.value(.none), .any)
    }

    /// `a.b.c` as the string "a.b.c", if it is made of names only.
    private func dottedName(_ expr: Expr) -> String? {
        switch expr {
        case .name(let name, _): return name
        case .attribute(let object, let name, _): return dottedName(object).map { "\($0).\(name)" }
        default: return nil
        }
    }

    private func rootName(_ expr: Expr) -> String? {
        switch expr {
        case .name(let name, _): return name
        case .attribute(let object, _, _): return rootName(object)
        default: return nil
        }
    }

    private mutating func resolveAttribute(_ object: Expr, _ name: String, _ span: SourceSpan) -> (expr: RExpr, kind: ValueKind) {
        // A dotted host query (`queue.length`) unless its first name is a local variable.
        if let root = rootName(object), scope.slots[root] == nil, let dotted = dottedName(object).map({ "\($0).\(name)" }) {
            if let q = queryIndex[dotted] {
                return (.query(q, object.span), host.queries[q].kind)
            }
            let prefix = root + "."
            let queries = host.queries.map(\.name).filter { $0.hasPrefix(prefix) }
            if !queries.isEmpty {
                log.error("unknown query '\(dotted)'", at: span, hint: quiet ? nil : didYouMean(dotted, in: queries)
                          ?? "the queries on '\(root)' are: \(queries.joined(separator: ", "))")
                return (.value(.none), .any)
            }
        }
        let (e, kind) = resolveExpression(object)
        switch kind {
        case .handle(let kindName):
            guard let decl = host.handleKinds.first(where: { $0.name == kindName }),
                  let attribute = decl.attributes.first(where: { $0.name == name }) else {
                let names = host.handleKinds.first { $0.name == kindName }?.attributes.map(\.name) ?? []
                log.error("\(article(kindName)) has no attribute '\(name)'", at: span,
                          hint: quiet ? nil : didYouMean(name, in: names) ?? (names.isEmpty ? nil : "its attributes are: \(names.joined(separator: ", "))"))
                return (.value(.none), .any)
            }
            return (.attribute(e, name: attributeName(name), span), attribute.kind)
        case .any:
            let kinds = host.handleKinds.flatMap { $0.attributes.filter { $0.name == name }.map(\.kind) }
            guard let first = kinds.first else {
                let all = Set(host.handleKinds.flatMap { $0.attributes.map(\.name) })
                log.error("no kind of object has an attribute '\(name)'", at: span, hint: quiet ? nil : didYouMean(name, in: all.sorted()))
                return (.value(.none), .any)
            }
            return (.attribute(e, name: attributeName(name), span), kinds.dropFirst().reduce(first) { $0.joined(with: $1) })
        default:
            log.error("\(kind) has no attributes", at: span)
            return (.value(.none), .any)
        }
    }

    private mutating func resolveCall(_ callee: String, _ calleeSpan: SourceSpan, _ arguments: [Expr], _ span: SourceSpan)
        -> (expr: RExpr, kind: ValueKind) {
        let resolved = arguments.map { resolveExpression($0) }
        if scope.slots[callee] != nil {
            log.error("'\(callee)' is a variable, not a function", at: calleeSpan)
            return (.value(.none), .any)
        }
        if let function = scriptFunctions[callee] {
            if function.arity != arguments.count {
                log.error("'\(callee)' takes \(plural(function.arity, "argument")), not \(arguments.count)", at: calleeSpan)
            }
            return (.call(function.index, resolved.map(\.expr), calleeSpan), .any)
        }
        if let index = functionIndex[callee] {
            let decl = host.functions[index]
            if decl.parameters.count != arguments.count {
                log.error("'\(callee)' takes \(plural(decl.parameters.count, "argument")), not \(arguments.count)", at: calleeSpan)
            } else {
                for (i, expected) in decl.parameters.enumerated() {
                    checkArgument(resolved[i].kind, expected: expected, of: callee, syntax: arguments[i])
                }
            }
            let op = hostOp(.function(index))
            record(.function(index), name: callee, arguments: resolved.map(\.expr),
                   spans: arguments.map(\.span), kinds: resolved.map(\.kind), span: calleeSpan)
            return (.host(op: op, resolved.map(\.expr), calleeSpan), decl.result)
        }
        if verbIndex[callee] != nil {
            log.error("'\(callee)' is a verb: commands stand on their own line or right after '='", at: calleeSpan,
                      hint: "write '\(callee) ...' as a statement, or 'x = \(callee) ...'")
        } else if callee == "range" {
            log.error("'range' only counts the turns of a 'for' loop", at: calleeSpan)
        } else {
            let names = Array(scriptFunctions.keys) + host.functions.map(\.name)
            log.error("unknown function '\(callee)'", at: calleeSpan, hint: quiet ? nil : didYouMean(callee, in: names))
        }
        return (.value(.none), .any)
    }

    /// A command (`VERB arg ... KEYWORD arg`), as a statement or on the right of `=`.
    mutating func resolveCommand(_ command: CommandSyntax) -> (expr: RExpr, kind: ValueKind) {
        let positional = command.positional.map { resolveExpression($0) }
        let keywordValues = command.keywords.map { resolveExpression($0.value) }
        guard let index = verbIndex[command.verb] else {
            if scriptFunctions[command.verb] != nil || functionIndex[command.verb] != nil {
                log.error("'\(command.verb)' is a function, not a verb", at: command.verbSpan,
                          hint: "call it with parentheses: '\(command.verb)(...)'")
            } else {
                log.error("unknown verb '\(command.verb)'", at: command.verbSpan, hint: quiet ? nil : didYouMean(command.verb, in: host.verbs.map(\.name)))
            }
            return (.value(.none), .any)
        }
        let decl = host.verbs[index]
        if decl.parameters.count != positional.count {
            log.error("'\(decl.name)' takes \(plural(decl.parameters.count, "argument")), not \(positional.count)",
                      at: command.verbSpan, hint: "write '\(signature(decl))'")
        } else {
            for (i, expected) in decl.parameters.enumerated() {
                checkArgument(positional[i].kind, expected: expected, of: decl.name, syntax: command.positional[i])
            }
        }
        // Keyword arguments in declared order; a missing optional one is none.
        var arguments = positional.map(\.expr)
        var kinds = positional.map(\.kind)
        var spans: [SourceSpan?] = command.positional.map(\.span)
        for keyword in decl.keywords {
            let given = command.keywords.indices.filter { command.keywords[$0].name == keyword.name }
            if given.count > 1 {
                log.error("'\(keyword.name)' is given twice", at: command.keywords[given[1]].span)
            }
            if let i = given.first {
                checkArgument(keywordValues[i].kind, expected: keyword.kind, of: decl.name, syntax: command.keywords[i].value,
                              keyword: keyword.name)
                arguments.append(keywordValues[i].expr)
                kinds.append(keywordValues[i].kind)
                spans.append(command.keywords[i].value.span)
            } else {
                if keyword.required {
                    log.error("'\(decl.name)' needs '\(keyword.name) ...'", at: command.verbSpan, hint: "write '\(signature(decl))'")
                }
                arguments.append(.value(.none))
                kinds.append(.none)
                spans.append(nil)
            }
        }
        if let blocks = decl.blocks {
            log.warning("'\(decl.name)' blocks until it is done; '\(blocks.alternative)' would not", at: command.verbSpan, hint: blocks.hint)
        }
        let op = hostOp(.verb(index))
        if decl.parameters.count == positional.count {
            record(.verb(index), name: decl.name, arguments: arguments, spans: spans, kinds: kinds, span: command.verbSpan)
        }
        return (.host(op: op, arguments, command.verbSpan), decl.result)
    }

    /// How a verb is written, for hints: `start STEP ORDER [on MACHINE]`.
    func signature(_ verb: VerbDecl) -> String {
        var parts = [verb.name]
        for kind in verb.parameters { parts.append(placeholder(kind)) }
        for keyword in verb.keywords {
            let part = "\(keyword.name) \(placeholder(keyword.kind))"
            parts.append(keyword.required ? part : "[\(part)]")
        }
        return parts.joined(separator: " ")
    }

    private func placeholder(_ kind: ValueKind) -> String {
        switch kind {
        case .handle(let name), .constant(let name): return name.uppercased()
        case .int: return "N"
        case .bool: return "FLAG"
        case .string: return "TEXT"
        case .role: return "ROLE"
        case .any, .none: return "VALUE"
        }
    }

    private mutating func checkArgument(_ kind: ValueKind, expected: ValueKind, of callee: String, syntax: Expr, keyword: String? = nil) {
        if expected.accepts(kind) { return }
        if keyword != nil, kind == .none { return }
        let what = keyword.map { "'\(callee) ... \($0)'" } ?? "'\(callee)'"
        if case .name(let name, _) = syntax {
            log.error("\(what) expects \(expected), but '\(name)' is \(kind)", at: syntax.span)
        } else {
            log.error("\(what) expects \(expected), not \(kind)", at: syntax.span)
        }
    }

    /// The host op for a callee, made once per program.
    private mutating func hostOp(_ callee: HostCallee) -> Int {
        let key: String
        let op: HostOp
        switch callee {
        case .verb(let i):
            key = "v\(i)"
            let decl = host.verbs[i]
            let checks = decl.parameters.map { check($0, allowsNone: false) } + decl.keywords.map { check($0.kind, allowsNone: !$0.required) }
            op = HostOp(callee: callee, argumentCount: checks.count, suspends: decl.suspends, polls: decl.polls, checks: checks, name: decl.name)
        case .function(let i):
            key = "f\(i)"
            let decl = host.functions[i]
            let checks = decl.parameters.map { check($0, allowsNone: false) }
            op = HostOp(callee: callee, argumentCount: checks.count, suspends: decl.suspends, polls: decl.polls, checks: checks, name: decl.name)
        }
        if let index = hostOpIndex[key] { return index }
        hostOps.append(op)
        hostOpIndex[key] = hostOps.count - 1
        return hostOps.count - 1
    }

    private func check(_ kind: ValueKind, allowsNone: Bool) -> ArgumentCheck {
        let runtime: ArgumentCheck.Kind
        switch kind {
        case .any: runtime = .any
        case .int: runtime = .int
        case .bool: runtime = .bool
        case .string: runtime = .string
        case .none: runtime = .none
        case .role: runtime = .role
        case .handle(let name): runtime = .handle(host.handleKindIndex(name) ?? -1)
        case .constant(let name): runtime = .constant(host.constantKindIndex(name) ?? -1)
        }
        return ArgumentCheck(kind: runtime, allowsNone: allowsNone, description: kind.description)
    }

    private mutating func record(_ callee: HostCallee, name: String, arguments: [RExpr], spans: [SourceSpan?], kinds: [ValueKind],
                                 span: SourceSpan) {
        let args: [ResolvedCommand.Argument] = zip(arguments, kinds).map { expr, kind in
            if case .value(let v) = expr { return .known(v) }
            return .unknown(kind)
        }
        commands.append(ResolvedCommand(callee: callee, name: name, arguments: args, argumentSpans: spans, span: span, role: currentRole))
    }
}

func plural(_ n: Int, _ noun: String) -> String {
    n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
}
