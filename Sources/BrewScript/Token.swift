/// The kinds of token the lexer makes. Layout tokens (`newline`, `indent`, `dedent`) carry the
/// indentation structure, as in Python.
enum TokenKind: Hashable, Sendable {
    case identifier
    case integer
    case string
    // Keywords.
    case on, every, role, def, `if`, elif, `else`, `while`, `for`, `in`, `break`, `continue`, `return`, pass
    case and, or, not, `true`, `false`, none
    // Punctuation and operators.
    case leftParen, rightParen, comma, colon, dot
    case plus, minus, star, slash, percent
    case equal, equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
    // Layout.
    case newline, indent, dedent, eof
}

/// One token: its kind, its text, where it is, and for literals their value.
struct Token: Sendable {
    var kind: TokenKind
    var text: String
    var span: SourceSpan
    /// The value of an integer literal.
    var integer: Int64 = 0
    /// The value of a string literal (escapes processed).
    var string: String = ""

    static let keywords: [String: TokenKind] = [
        "on": .on, "every": .every, "role": .role, "def": .def, "if": .if, "elif": .elif, "else": .else,
        "while": .while, "for": .for, "in": .in, "break": .break, "continue": .continue, "return": .return,
        "pass": .pass, "and": .and, "or": .or, "not": .not, "true": .true, "false": .false, "none": .none,
    ]

    /// How the token reads in a diagnostic ("end of line", "'('").
    var described: String {
        switch kind {
        case .newline: return "end of line"
        case .indent: return "indentation"
        case .dedent: return "end of block"
        case .eof: return "end of file"
        case .string: return "string"
        case .integer: return "number '\(text)'"
        case .identifier: return "name '\(text)'"
        default: return "'\(text)'"
        }
    }
}
