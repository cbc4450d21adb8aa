/// Builds the syntax tree from tokens by recursive descent. On an error it reports, then
/// synchronises at the next line, so one run lists every error. Each parse function opens with
/// its grammar rule. Nesting (blocks, parentheses, operators) is bounded so that no script can
/// overflow the stack of the parser or of the phases after it.
struct Parser {
    struct Failure: Error {}

    let tokens: [Token]
    var current = 0
    var log: DiagnosticLog
    var depth = 0
    /// Verb names: an identifier naming one starts a command.
    let verbs: Set<String>
    let settings: Set<String>
    /// Keyword names per verb, and all of them (for commands with an unknown verb).
    let verbKeywords: [String: Set<String>]
    let allKeywords: Set<String>

    /// How deeply blocks, parentheses, unary and binary operators may nest, together.
    static let maxNesting = 64

    static func parse(_ tokens: [Token], file: String, host: HostInterface) -> (ScriptSyntax, [Diagnostic]) {
        var parser = Parser(tokens: tokens, file: file, host: host)
        let script = parser.script()
        return (script, parser.log.items)
    }

    init(tokens: [Token], file: String, host: HostInterface) {
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

    var peek: Token { tokens[current] }
    var next: Token { tokens[min(current + 1, tokens.count - 1)] }
    var atEnd: Bool { peek.kind == .eof }

    func check(_ kind: TokenKind) -> Bool { peek.kind == kind }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[current]
        if token.kind != .eof { current += 1 }
        return token
    }

    @discardableResult
    mutating func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    mutating func expect(_ kind: TokenKind, _ message: String, hint: String? = nil) throws -> Token {
        if check(kind) { return advance() }
        throw fail(message, hint: hint)
    }

    /// Reports an error at the current token and returns the failure to throw.
    mutating func fail(_ message: String, hint: String? = nil) -> Failure {
        log.error(message, at: peek.span, hint: hint)
        return Failure()
    }

    mutating func expectLineEnd(after what: String, hint: String? = nil) throws {
        if match(.newline) || check(.eof) { return }
        throw fail("expected end of line after \(what), found \(peek.described)", hint: hint)
    }

    /// Counts one level of nesting; past the limit it reports and fails.
    mutating func nest() throws {
        depth += 1
        if depth > Parser.maxNesting {
            log.error("too deeply nested (the limit is \(Parser.maxNesting) levels of blocks, parentheses and operators)",
                      at: peek.span, hint: "split it into smaller pieces or functions")
            throw Failure()
        }
    }

    /// Skips to the start of the next line; a block following the broken line is skipped too.
    mutating func synchronize() {
        while !atEnd, !check(.indent), !check(.dedent) {
            if match(.newline) { break }
            advance()
        }
        if check(.indent) { discardBlock() }
    }

    /// Parses a block that belongs to a broken line, for its errors, and drops it.
    mutating func discardBlock() {
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
    mutating func skipBlock() {
        var level = 0
        repeat {
            let token = advance()
            if token.kind == .indent { level += 1 }
            if token.kind == .dedent { level -= 1 }
        } while level > 0 && !atEnd
    }

    // MARK: - Declarations

    // script → (setting | handler | role | function | NEWLINE)* EOF
    mutating func script() -> ScriptSyntax {
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

    mutating func declaration(_ script: inout ScriptSyntax) throws {
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
    mutating func setting() throws -> SettingSyntax {
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
    mutating func handler() throws -> HandlerSyntax {
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
    mutating func role() throws -> RoleSyntax {
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
    mutating func function() throws -> FunctionSyntax {
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
}
