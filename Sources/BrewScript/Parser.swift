/// Builds the syntax tree from tokens by recursive descent. On an error it reports, then
/// synchronises at the next line, so one run lists every error. Each parse function opens with
/// its grammar rule. Nesting (blocks, parentheses, operators) is bounded so that no script can
/// overflow the stack of the parser or of the phases after it.
struct Parser {
    private struct Failure: Error {}

    private let tokens: [Token]
    private var current = 0
    private var log: DiagnosticLog
    private var depth = 0
    /// Verb names: an identifier naming one starts a command.
    private let verbs: Set<String>
    private let settings: Set<String>
    /// Keyword names per verb, and all of them (for commands with an unknown verb).
    private let verbKeywords: [String: Set<String>]
    private let allKeywords: Set<String>

    /// How deeply blocks, parentheses, unary and binary operators may nest, together.
    static let maxNesting = 64

    static func parse(_ tokens: [Token], file: String, host: HostInterface) -> (ScriptSyntax, [Diagnostic]) {
        var parser = Parser(tokens: tokens, file: file, host: host)
        let script = parser.script()
        return (script, parser.log.items)
    }

    private init(tokens: [Token], file: String, host: HostInterface) {
        self.tokens = tokens
        log = DiagnosticLog(file: file)
        verbs = Set(host.verbs.map(\.name))
        settings = Set(host.settings.map(\.name))
        var keywords: [String: Set<String>] = [:]
        for verb in host.verbs { keywords[verb.name] = Set(verb.keywords.map(\.name)) }
        verbKeywords = keywords
        allKeywords = keywords.values.reduce(into: Set<String>()) { $0.formUnion($1) }
    }

    // MARK: - Token helpers

    private var peek: Token { tokens[current] }
    private var next: Token { tokens[min(current + 1, tokens.count - 1)] }
    private var atEnd: Bool { peek.kind == .eof }

    private func check(_ kind: TokenKind) -> Bool { peek.kind == kind }

    @discardableResult
    private mutating func advance() -> Token {
        let token = tokens[current]
        if token.kind != .eof { current += 1 }
        return token
    }

    @discardableResult
    private mutating func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    private mutating func expect(_ kind: TokenKind, _ message: String, hint: String? = nil) throws -> Token {
        if check(kind) { return advance() }
        throw fail(message, hint: hint)
    }

    /// Reports an error at the current token and returns the failure to throw.
    private mutating func fail(_ message: String, hint: String? = nil) -> Failure {
        log.error(message, at: peek.span, hint: hint)
        return Failure()
    }

    private mutating func expectLineEnd(after what: String, hint: String? = nil) throws {
        if match(.newline) || check(.eof) { return }
        throw fail("expected end of line after \(what), found \(peek.described)", hint: hint)
    }

    /// Counts one level of nesting; past the limit it reports and fails.
    private mutating func nest() throws {
        depth += 1
        if depth > Parser.maxNesting {
            log.error("too deeply nested (the limit is \(Parser.maxNesting) levels of blocks, parentheses and operators)",
                      at: peek.span, hint: "split it into smaller pieces or functions")
            throw Failure()
        }
    }

    /// Skips to the start of the next line; a block following the broken line is skipped too.
    private mutating func synchronize() {
        while !atEnd, !check(.indent), !check(.dedent) {
            if match(.newline) { break }
            advance()
        }
        if check(.indent) { discardBlock() }
    }

    /// Parses a block that belongs to a broken line, for its errors, and drops it.
    private mutating func discardBlock() {
        guard depth < Parser.maxNesting else { return skipBlock() }
        advance()
        depth += 1
        defer { depth -= 1 }
        while !check(.dedent), !atEnd {
            if match(.newline) { continue }
            if check(.indent) {
                log.error("unexpected indentation", at: peek.span)
                skipBlock()
                continue
            }
            do {
                if check(.on) || check(.every) {
                    _ = try handler()
                } else {
                    _ = try statement()
                }
            } catch {
                synchronize()
            }
        }
        match(.dedent)
    }

    /// Skips a whole indented block, balancing indents and dedents.
    private mutating func skipBlock() {
        var level = 0
        repeat {
            let token = advance()
            if token.kind == .indent { level += 1 }
            if token.kind == .dedent { level -= 1 }
        } while level > 0 && !atEnd
    }

    // MARK: - Declarations

    // script → (setting | handler | role | function | NEWLINE)* EOF
    private mutating func script() -> ScriptSyntax {
        var script = ScriptSyntax()
        while !atEnd {
            if match(.newline) { continue }
            if check(.indent) || check(.dedent) {
                if check(.indent) { log.error("unexpected indentation", at: peek.span) }
                skipBlock()
                continue
            }
            do {
                try declaration(&script)
            } catch {
                synchronize()
            }
        }
        return script
    }

    private mutating func declaration(_ script: inout ScriptSyntax) throws {
        switch peek.kind {
        case .on, .every:
            script.handlers.append(try handler())
        case .role:
            script.roles.append(try role())
        case .def:
            script.functions.append(try function())
        case .identifier:
            script.settings.append(try setting())
        default:
            throw fail("expected a setting, a handler ('on', 'every'), a 'role' or a 'def' at top level, found \(peek.described)",
                       hint: "statements belong inside a handler or a function")
        }
    }

    // setting → IDENT (INTEGER | '-' INTEGER | IDENT) NEWLINE
    private mutating func setting() throws -> SettingSyntax {
        if verbs.contains(peek.text), !settings.contains(peek.text), next.kind != .equal {
            throw fail("commands belong inside a handler or a function")
        }
        let name = advance()
        let value: SettingSyntax.Value
        let valueSpan = peek.span
        switch peek.kind {
        case .integer:
            value = .int(advance().integer)
        case .minus where next.kind == .integer:
            advance()
            value = .int(-advance().integer)
        case .identifier, .true, .false, .none:
            value = .word(advance().text)
        case .equal:
            throw fail("statements belong inside a handler or a function",
                       hint: "a top-level line is a setting, written 'NAME value' ('workers 2')")
        default:
            throw fail("expected a value for setting '\(name.text)', found \(peek.described)")
        }
        try expectLineEnd(after: "the setting's value")
        return SettingSyntax(name: name.text, span: name.span, value: value, valueSpan: valueSpan)
    }

    // handler → 'on' IDENT IDENT? ':' block | 'every' INTEGER ':' block
    private mutating func handler() throws -> HandlerSyntax {
        let keyword = advance()
        let trigger: HandlerSyntax.Trigger
        if keyword.kind == .every {
            guard check(.integer) else {
                throw fail("expected a number of ticks after 'every', found \(peek.described)", hint: "write 'every 16:'")
            }
            let period = advance()
            trigger = .every(period: period.integer, span: period.span)
        } else {
            let event = try expect(.identifier, "expected an event name after 'on', found \(peek.described)")
            var parameter: (String, SourceSpan)?
            if check(.identifier) {
                let token = advance()
                parameter = (token.text, token.span)
            }
            trigger = .event(name: event.text, span: event.span, parameter: parameter)
        }
        let body = try block(opener: keyword)
        return HandlerSyntax(trigger: trigger, body: body, span: keyword.span)
    }

    // role → 'role' IDENT INTEGER ':' NEWLINE INDENT handler+ DEDENT
    private mutating func role() throws -> RoleSyntax {
        let keyword = advance()
        let name = try expect(.identifier, "expected a role name after 'role', found \(peek.described)", hint: "write 'role barista 2:'")
        guard check(.integer) else {
            throw fail("expected how many workers take role '\(name.text)', found \(peek.described)", hint: "write 'role \(name.text) 1:'")
        }
        let count = advance()
        var handlers: [HandlerSyntax] = []
        try blockHeader(opener: keyword)
        guard match(.indent) else {
            log.error("expected an indented block of handlers after 'role' at \(keyword.span)", at: peek.span)
            return RoleSyntax(name: name.text, span: name.span, count: count.integer, countSpan: count.span, handlers: [])
        }
        while !check(.dedent), !atEnd {
            if match(.newline) { continue }
            do {
                guard check(.on) || check(.every) else {
                    throw fail("only handlers ('on', 'every') belong in a role block, found \(peek.described)")
                }
                handlers.append(try handler())
            } catch {
                synchronize()
            }
        }
        match(.dedent)
        return RoleSyntax(name: name.text, span: name.span, count: count.integer, countSpan: count.span, handlers: handlers)
    }

    // function → 'def' IDENT '(' (IDENT (',' IDENT)*)? ')' ':' block
    private mutating func function() throws -> FunctionSyntax {
        let keyword = advance()
        let name = try expect(.identifier, "expected a function name after 'def', found \(peek.described)")
        let open = try expect(.leftParen, "expected '(' after the function name '\(name.text)'", hint: "write 'def \(name.text)():'")
        var parameters: [(String, SourceSpan)] = []
        if !check(.rightParen) {
            repeat {
                let parameter = try expect(.identifier, "expected a parameter name, found \(peek.described)")
                parameters.append((parameter.text, parameter.span))
            } while match(.comma)
        }
        _ = try expect(.rightParen, "expected ')' to close '(' at \(open.span)")
        let body = try block(opener: keyword)
        return FunctionSyntax(name: name.text, span: name.span, parameters: parameters, body: body)
    }

    // MARK: - Blocks and statements

    private mutating func blockHeader(opener: Token) throws {
        _ = try expect(.colon, "expected ':' to end the '\(opener.text)' line at \(opener.span)")
        if !check(.newline) {
            throw fail("expected a new line after ':'", hint: "put the block's statements on their own, indented lines")
        }
        advance()
    }

    // block → ':' NEWLINE INDENT statement+ DEDENT
    private mutating func block(opener: Token) throws -> [Stmt] {
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
    private mutating func statement() throws -> Stmt {
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
    private mutating func ifStatement() throws -> Stmt {
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
    private mutating func forStatement() throws -> Stmt {
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
    private mutating func simpleStatement() throws -> Stmt {
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

    private func commandHint(_ value: Expr) -> String? {
        if case .command(let c) = value { return "wrap an expression argument in parentheses: '\(c.verb) (n + 1)'" }
        return nil
    }

    // command → VERB argument* (KEYWORD argument)*
    private mutating func command() throws -> CommandSyntax {
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

    private func startsArgument(_ token: Token) -> Bool {
        switch token.kind {
        case .identifier, .integer, .string, .true, .false, .none, .leftParen, .minus: return true
        default: return false
        }
    }

    // argument → '-' argument | postfix
    private mutating func argument() throws -> Expr {
        if check(.minus) {
            let minus = advance()
            try nest()
            defer { depth -= 1 }
            return .negate(try argument(), minus.span)
        }
        return try postfix()
    }

    // MARK: - Expressions

    // expression → or
    private mutating func expression() throws -> Expr {
        try or()
    }

    // or → and ('or' and)*
    private mutating func or() throws -> Expr {
        var left = try and()
        let saved = depth
        defer { depth = saved }
        while check(.or) {
            let op = advance()
            try nest()
            left = .logical(.or, left, try and(), op.span)
        }
        return left
    }

    // and → not ('and' not)*
    private mutating func and() throws -> Expr {
        var left = try not()
        let saved = depth
        defer { depth = saved }
        while check(.and) {
            let op = advance()
            try nest()
            left = .logical(.and, left, try not(), op.span)
        }
        return left
    }

    // not → 'not' not | comparison
    private mutating func not() throws -> Expr {
        if check(.not) {
            let op = advance()
            try nest()
            defer { depth -= 1 }
            return .not(try not(), op.span)
        }
        return try comparison()
    }

    // comparison → additive (('==' | '!=' | '<' | '<=' | '>' | '>=') additive)?
    private mutating func comparison() throws -> Expr {
        let left = try additive()
        guard let op = comparisonOperator(peek.kind) else { return left }
        let token = advance()
        try nest()
        defer { depth -= 1 }
        let right = try additive()
        if comparisonOperator(peek.kind) != nil {
            throw fail("comparisons cannot be chained", hint: "join them with 'and': 'a < b and b < c'")
        }
        return .binary(op, left, right, token.span)
    }

    private func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .equalEqual: return .equal
        case .bangEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        default: return nil
        }
    }

    // additive → multiplicative (('+' | '-') multiplicative)*
    private mutating func additive() throws -> Expr {
        var left = try multiplicative()
        let saved = depth
        defer { depth = saved }
        while check(.plus) || check(.minus) {
            let token = advance()
            try nest()
            left = .binary(token.kind == .plus ? .add : .subtract, left, try multiplicative(), token.span)
        }
        return left
    }

    // multiplicative → unary (('*' | '/' | '%') unary)*
    private mutating func multiplicative() throws -> Expr {
        var left = try unary()
        let saved = depth
        defer { depth = saved }
        while check(.star) || check(.slash) || check(.percent) {
            let token = advance()
            try nest()
            let op: BinaryOperator = token.kind == .star ? .multiply : token.kind == .slash ? .divide : .remainder
            left = .binary(op, left, try unary(), token.span)
        }
        return left
    }

    // unary → '-' unary | postfix
    private mutating func unary() throws -> Expr {
        if check(.minus) {
            let token = advance()
            try nest()
            defer { depth -= 1 }
            return .negate(try unary(), token.span)
        }
        return try postfix()
    }

    // postfix → primary ('.' IDENT | '(' arguments ')')*
    private mutating func postfix() throws -> Expr {
        var expr = try primary()
        let saved = depth
        defer { depth = saved }
        while true {
            if check(.dot) {
                advance()
                let name = try expect(.identifier, "expected an attribute name after '.', found \(peek.described)")
                try nest()
                expr = .attribute(object: expr, name: name.text, span: name.span)
            } else if check(.leftParen) {
                guard case .name(let callee, let calleeSpan) = expr else {
                    throw fail("only a named function can be called")
                }
                let open = advance()
                var arguments: [Expr] = []
                if !check(.rightParen) {
                    repeat { arguments.append(try expression()) } while match(.comma)
                }
                _ = try expect(.rightParen, "expected ')' to close '(' at \(open.span)")
                expr = .call(callee: callee, calleeSpan: calleeSpan, arguments: arguments, span: open.span)
            } else {
                return expr
            }
        }
    }

    // primary → INTEGER | STRING | 'true' | 'false' | 'none' | IDENT | '(' expression ')'
    private mutating func primary() throws -> Expr {
        let token = peek
        switch token.kind {
        case .integer:
            advance()
            return .integer(token.integer, token.span)
        case .string:
            advance()
            return .string(token.string, token.span)
        case .true, .false:
            advance()
            return .bool(token.kind == .true, token.span)
        case .none:
            advance()
            return .none(token.span)
        case .identifier:
            advance()
            return .name(token.text, token.span)
        case .leftParen:
            advance()
            try nest()
            defer { depth -= 1 }
            let inner = try expression()
            _ = try expect(.rightParen, "expected ')' to close '(' at \(token.span)")
            return inner
        default:
            throw fail("expected an expression, found \(token.described)")
        }
    }
}
