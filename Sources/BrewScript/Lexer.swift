/// Turns source text into tokens, with Python-style layout: a `newline` ends each logical line, an
/// `indent` opens a block, a `dedent` closes one. Blank and comment-only lines are skipped. There is
/// no line joining: an expression ends with its line, so an unclosed '(' is reported on that line.
struct Lexer {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var indents: [Int] = [0]
    private var tokens: [Token] = []
    private var log: DiagnosticLog

    /// Longest string literal accepted in source; longer ones are cut with an error.
    static let maxStringLiteral = 1000

    init(source: String, file: String) {
        bytes = Array(source.utf8)
        log = DiagnosticLog(file: file)
    }

    /// The tokens of the whole source (always ending in `eof`) and the lexical errors.
    static func scan(_ source: String, file: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(source: source, file: file)
        lexer.run()
        return (lexer.tokens, lexer.log.items)
    }

    private var column: Int { index - lineStart + 1 }

    private func peek(_ offset: Int = 0) -> UInt8 {
        index + offset < bytes.count ? bytes[index + offset] : 0
    }

    private mutating func run() {
        while index < bytes.count {
            lexLine()
        }
        let end = SourceSpan(line: line, column: column)
        for _ in 1..<indents.count {
            tokens.append(Token(kind: .dedent, text: "", span: end))
        }
        tokens.append(Token(kind: .eof, text: "", span: end))
    }

    /// One physical line: its indentation, then its tokens, then a newline if it had any.
    private mutating func lexLine() {
        var width = 0
        var sawTab = false
        while peek() == UInt8(ascii: " ") || peek() == UInt8(ascii: "\t") {
            if peek() == UInt8(ascii: "\t") { sawTab = true }
            width += 1
            index += 1
        }
        if isLineEnd(peek()) || peek() == UInt8(ascii: "#") {
            skipToNextLine()
            return
        }
        if sawTab {
            log.error("tabs are not allowed in indentation; indent with spaces",
                      at: SourceSpan(line: line, column: 1, length: width))
        }
        layout(width)
        let before = tokens.count
        while index < bytes.count, !isLineEnd(peek()) {
            if peek() == UInt8(ascii: "#") { break }
            lexToken()
        }
        if tokens.count > before {
            // The end of line sits right after the last token, where a missing ':' or ')' belongs.
            let last = tokens[tokens.count - 1].span
            tokens.append(Token(kind: .newline, text: "", span: SourceSpan(line: line, column: Int(last.column + last.length))))
        }
        skipToNextLine()
    }

    private mutating func layout(_ width: Int) {
        let span = SourceSpan(line: line, column: 1, length: max(1, width))
        if width > indents[indents.count - 1] {
            indents.append(width)
            tokens.append(Token(kind: .indent, text: "", span: span))
            return
        }
        while width < indents[indents.count - 1] {
            indents.removeLast()
            tokens.append(Token(kind: .dedent, text: "", span: SourceSpan(line: line, column: width + 1)))
        }
        if width != indents[indents.count - 1] {
            // Reported once; the line is read as if it were at the level it fell back to.
            log.error("this line's indentation matches no enclosing block", at: span)
        }
    }

    private func isLineEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == 0 && index >= bytes.count
    }

    private mutating func skipToNextLine() {
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        if index < bytes.count {
            index += 1
            line += 1
            lineStart = index
        }
    }

    private mutating func lexToken() {
        let start = index
        let startColumn = column
        let byte = peek()
        func add(_ kind: TokenKind, _ length: Int) {
            index += length
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            tokens.append(Token(kind: kind, text: text, span: SourceSpan(line: line, column: startColumn, length: length)))
        }
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"):
            index += 1
        case UInt8(ascii: "("): add(.leftParen, 1)
        case UInt8(ascii: ")"): add(.rightParen, 1)
        case UInt8(ascii: ","): add(.comma, 1)
        case UInt8(ascii: ":"): add(.colon, 1)
        case UInt8(ascii: "."): add(.dot, 1)
        case UInt8(ascii: "+"): add(.plus, 1)
        case UInt8(ascii: "-"): add(.minus, 1)
        case UInt8(ascii: "*"): add(.star, 1)
        case UInt8(ascii: "/"): add(.slash, 1)
        case UInt8(ascii: "%"): add(.percent, 1)
        case UInt8(ascii: "="): peek(1) == UInt8(ascii: "=") ? add(.equalEqual, 2) : add(.equal, 1)
        case UInt8(ascii: "<"): peek(1) == UInt8(ascii: "=") ? add(.lessEqual, 2) : add(.less, 1)
        case UInt8(ascii: ">"): peek(1) == UInt8(ascii: "=") ? add(.greaterEqual, 2) : add(.greater, 1)
        case UInt8(ascii: "!"):
            if peek(1) == UInt8(ascii: "=") {
                add(.bangEqual, 2)
            } else {
                index += 1
                log.error("unexpected '!'", at: SourceSpan(line: line, column: startColumn), hint: "write 'not' for negation")
            }
        case UInt8(ascii: "\""):
            lexString()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            lexNumber()
        default:
            if isIdentifierStart(byte) {
                lexIdentifier()
            } else {
                // Skip one whole UTF-8 character so the report names it.
                index += 1
                while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                log.error("unexpected character '\(text)'", at: SourceSpan(line: line, column: startColumn))
            }
        }
    }

    private func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func lexIdentifier() {
        let start = index
        let startColumn = column
        while isIdentifierStart(peek()) || isDigit(peek()) { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        let kind = Token.keywords[text] ?? .identifier
        tokens.append(Token(kind: kind, text: text, span: SourceSpan(line: line, column: startColumn, length: index - start)))
    }

    private mutating func lexNumber() {
        let start = index
        let startColumn = column
        var value: Int64 = 0
        var overflow = false
        while isDigit(peek()) || peek() == UInt8(ascii: "_") {
            if peek() != UInt8(ascii: "_") {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(peek() - UInt8(ascii: "0")))
                overflow = overflow || o1 || o2
                value = a
            }
            index += 1
        }
        let span = SourceSpan(line: line, column: startColumn, length: index - start)
        if isIdentifierStart(peek()) {
            while isIdentifierStart(peek()) || isDigit(peek()) { index += 1 }
            log.error("a number cannot run into a name", at: SourceSpan(line: line, column: startColumn, length: index - start))
        }
        if overflow {
            log.error("integer literal is too large (the largest is \(Int64.max))", at: span)
            value = 0
        }
        var token = Token(kind: .integer, text: String(decoding: bytes[start..<index], as: UTF8.self), span: span)
        token.integer = value
        tokens.append(token)
    }

    private mutating func lexString() {
        let start = index
        let startColumn = column
        index += 1
        var scalars: [UInt8] = []
        while true {
            let byte = peek()
            if index >= bytes.count || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                log.error("unterminated string", at: SourceSpan(line: line, column: startColumn, length: index - start),
                          hint: "close it with '\"' on the same line")
                break
            }
            index += 1
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                let escaped = peek()
                index += 1
                switch escaped {
                case UInt8(ascii: "n"): scalars.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): scalars.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): scalars.append(escaped)
                default:
                    log.error("unknown escape in string", at: SourceSpan(line: line, column: column - 2, length: 2),
                              hint: "the escapes are \\n, \\t, \\\" and \\\\")
                }
            } else {
                scalars.append(byte)
            }
        }
        let span = SourceSpan(line: line, column: startColumn, length: index - start)
        if scalars.count > Lexer.maxStringLiteral {
            log.error("string literal is longer than \(Lexer.maxStringLiteral) bytes", at: span)
            scalars.removeLast(scalars.count - Lexer.maxStringLiteral)
        }
        var token = Token(kind: .string, text: String(decoding: bytes[start..<index], as: UTF8.self), span: span)
        token.string = String(decoding: scalars, as: UTF8.self)
        tokens.append(token)
    }
}
