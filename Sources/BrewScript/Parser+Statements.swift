/// Blocks, statements and commands: the parser's middle layer.
extension Parser {
    // MARK: - Blocks and statements

    mutating func blockHeader(opener: Token) throws {
        _ = try expect(.colon, "expected ':' to end the '\(opener.text)' line at \(opener.span)")
        if !check(.newline) {
            throw fail("expected a new line after ':'", hint: "put the block's statements on their own, indented lines")
        }
        advance()
    }

    // block → ':' NEWLINE INDENT statement+ DEDENT
    mutating func block(opener: Token) throws -> [Stmt] {
        try blockHeader(opener: opener)
        guard match(.indent) else {
            log.error("expected an indented block after '\(opener.text)' at \(opener.span)", at: peek.span,
                      hint: "indent the lines of the block, or write 'pass' for an empty one")
            return []
        }
        try nest()
        defer { depth -= 1 }
        var statements: [Stmt] = []
        while !check(.dedent), !atEnd {
            if match(.newline) { continue }
            if check(.indent) {
                log.error("unexpected indentation", at: peek.span)
                skipBlock()
                continue
            }
            do {
                statements.append(try statement())
            } catch {
                synchronize()
            }
        }
        match(.dedent)
        return statements
    }

    // statement → if | while | for | 'break' | 'continue' | 'return' expression? | 'pass' | simple
    mutating func statement() throws -> Stmt {
        let token = peek
        switch token.kind {
        case .if: return try ifStatement()
        case .while:
            advance()
            let condition = try expression()
            return .while(condition: condition, body: try block(opener: token), span: token.span)
        case .for: return try forStatement()
        case .break:
            advance()
            try expectLineEnd(after: "'break'")
            return .break(token.span)
        case .continue:
            advance()
            try expectLineEnd(after: "'continue'")
            return .continue(token.span)
        case .pass:
            advance()
            try expectLineEnd(after: "'pass'")
            return .pass(token.span)
        case .return:
            advance()
            var value: Expr?
            if !check(.newline), !atEnd { value = try expression() }
            try expectLineEnd(after: "the returned value")
            return .return(value, token.span)
        case .def:
            throw fail("functions can only be defined at top level")
        case .on, .every:
            throw fail("handlers can only be declared at top level or in a role block")
        case .role:
            throw fail("roles can only be declared at top level")
        case .elif, .else:
            throw fail("'\(token.text)' without a matching 'if'")
        default:
            return try simpleStatement()
        }
    }

    // if → 'if' expression block ('elif' expression block)* ('else' block)?
    mutating func ifStatement() throws -> Stmt {
        let keyword = advance()
        var branches: [(Expr, [Stmt])] = []
        let condition = try expression()
        branches.append((condition, try block(opener: keyword)))
        var otherwise: [Stmt]?
        while check(.elif) {
            let elif = advance()
            let condition = try expression()
            branches.append((condition, try block(opener: elif)))
        }
        if check(.else) {
            let token = advance()
            otherwise = try block(opener: token)
        }
        return .if(branches: branches, otherwise: otherwise, span: keyword.span)
    }

    // for → 'for' IDENT 'in' 'range' '(' expression (',' expression)? ')' block
    mutating func forStatement() throws -> Stmt {
        let keyword = advance()
        let variable = try expect(.identifier, "expected a loop variable after 'for', found \(peek.described)")
        _ = try expect(.in, "expected 'in' after the loop variable", hint: "write 'for i in range(n):'")
        guard check(.identifier), peek.text == "range" else {
            throw fail("expected 'range(...)' after 'in'", hint: "loops count with 'range(n)' or 'range(a, b)'")
        }
        let rangeToken = advance()
        let open = try expect(.leftParen, "expected '(' after 'range'")
        var arguments: [Expr] = []
        if !check(.rightParen) {
            repeat { arguments.append(try expression()) } while match(.comma)
        }
        _ = try expect(.rightParen, "expected ')' to close '(' at \(open.span)")
        let body = try block(opener: keyword)
        return .for(variable: variable.text, variableSpan: variable.span, range: arguments, rangeSpan: rangeToken.span,
                    body: body, span: keyword.span)
    }

    // simple → IDENT '=' (command | expression) | command | expression
    mutating func simpleStatement() throws -> Stmt {
        if check(.identifier), next.kind == .equal {
            let name = advance()
            advance()
            let value: Expr
            if check(.identifier), verbs.contains(peek.text) {
                value = .command(try command())
            } else {
                value = try expression()
            }
            try expectLineEnd(after: "the assignment", hint: commandHint(value))
            return .assign(name: name.text, span: name.span, value: value)
        }
        // A known verb starts a command; so does an unknown name followed by an argument (`stem o`),
        // reported later as an unknown verb. `f(x)` and `n -1` stay expressions.
        if check(.identifier), verbs.contains(peek.text) || startsArgument(next) && next.kind != .leftParen && next.kind != .minus {
            let command = try command()
            try expectLineEnd(after: "the command", hint: "wrap an expression argument in parentheses: '\(command.verb) (n + 1)'")
            return .command(command)
        }
        let value = try expression()
        if check(.equal) {
            throw fail("only a name can be assigned to", hint: "attributes and queries are read-only")
        }
        try expectLineEnd(after: "the expression")
        return .expression(value)
    }

    func commandHint(_ value: Expr) -> String? {
        if case .command(let c) = value { return "wrap an expression argument in parentheses: '\(c.verb) (n + 1)'" }
        return nil
    }

    // command → VERB argument* (KEYWORD argument)*
    mutating func command() throws -> CommandSyntax {
        let verb = advance()
        let keywords = verbKeywords[verb.text] ?? allKeywords
        var command = CommandSyntax(verb: verb.text, verbSpan: verb.span, positional: [], keywords: [])
        while true {
            if keywords.contains(peek.text), peek.kind == .identifier || peek.kind == .on || peek.kind == .in {
                let keyword = advance()
                guard startsArgument(peek) else {
                    throw fail("expected a value after '\(keyword.text)', found \(peek.described)")
                }
                command.keywords.append((keyword.text, keyword.span, try argument()))
            } else if startsArgument(peek) {
                if !command.keywords.isEmpty {
                    throw fail("positional arguments go before keyword arguments")
                }
                command.positional.append(try argument())
            } else {
                return command
            }
        }
    }

    func startsArgument(_ token: Token) -> Bool {
        switch token.kind {
        case .identifier, .integer, .string, .true, .false, .none, .leftParen, .minus: return true
        default: return false
        }
    }

    // argument → '-' argument | postfix
    mutating func argument() throws -> Expr {
        if check(.minus) {
            let minus = advance()
            try nest()
            defer { depth -= 1 }
            return .negate(try argument(), minus.span)
        }
        return try postfix()
    }
}
