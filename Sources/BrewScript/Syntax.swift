/// The syntax tree the parser builds: what the script says, names not yet resolved.

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

enum LogicalOperator: String, Sendable {
    case and, or
}

indirect enum Expr: Sendable {
    case integer(Int64, SourceSpan)
    case bool(Bool, SourceSpan)
    case string(String, SourceSpan)
    case none(SourceSpan)
    case name(String, SourceSpan)
    /// `object.name`; `span` is the attribute name's.
    case attribute(object: Expr, name: String, span: SourceSpan)
    /// `callee(args)`; callee is always a plain name.
    case call(callee: String, calleeSpan: SourceSpan, arguments: [Expr], span: SourceSpan)
    case negate(Expr, SourceSpan)
    case not(Expr, SourceSpan)
    case binary(BinaryOperator, Expr, Expr, SourceSpan)
    case logical(LogicalOperator, Expr, Expr, SourceSpan)
    /// A command as a value: only on the right of `=`.
    case command(CommandSyntax)

    /// Where the expression starts (for diagnostics about the whole expression).
    var span: SourceSpan {
        switch self {
        case .integer(_, let s), .bool(_, let s), .string(_, let s), .none(let s), .name(_, let s): return s
        case .attribute(let object, _, _): return object.span
        case .call(_, let s, _, _): return s
        case .negate(_, let s), .not(_, let s): return s
        case .binary(_, let l, _, _), .logical(_, let l, _, _): return l.span
        case .command(let c): return c.verbSpan
        }
    }
}

/// `VERB arg arg ... [KEYWORD arg]...`
struct CommandSyntax: Sendable {
    var verb: String
    var verbSpan: SourceSpan
    var positional: [Expr]
    var keywords: [(name: String, span: SourceSpan, value: Expr)]
}

indirect enum Stmt: Sendable {
    case assign(name: String, span: SourceSpan, value: Expr)
    case command(CommandSyntax)
    case expression(Expr)
    case `if`(branches: [(condition: Expr, body: [Stmt])], otherwise: [Stmt]?, span: SourceSpan)
    case `while`(condition: Expr, body: [Stmt], span: SourceSpan)
    /// `for NAME in range(args):`
    case `for`(variable: String, variableSpan: SourceSpan, range: [Expr], rangeSpan: SourceSpan, body: [Stmt], span: SourceSpan)
    case `break`(SourceSpan)
    case `continue`(SourceSpan)
    case `return`(Expr?, SourceSpan)
    case pass(SourceSpan)

    var span: SourceSpan {
        switch self {
        case .assign(_, let s, _): return s
        case .command(let c): return c.verbSpan
        case .expression(let e): return e.span
        case .if(_, _, let s), .while(_, _, let s), .for(_, _, _, _, _, let s): return s
        case .break(let s), .continue(let s), .return(_, let s), .pass(let s): return s
        }
    }
}

/// `NAME value` at top level.
struct SettingSyntax: Sendable {
    enum Value: Sendable { case int(Int64), word(String) }
    var name: String
    var span: SourceSpan
    var value: Value
    var valueSpan: SourceSpan
}

/// `on EVENT [NAME]:` or `every N:`.
struct HandlerSyntax: Sendable {
    enum Trigger: Sendable {
        case event(name: String, span: SourceSpan, parameter: (name: String, span: SourceSpan)?)
        case every(period: Int64, span: SourceSpan)
    }
    var trigger: Trigger
    var body: [Stmt]
    var span: SourceSpan
}

/// `role NAME COUNT:` with handlers inside.
struct RoleSyntax: Sendable {
    var name: String
    var span: SourceSpan
    var count: Int64
    var countSpan: SourceSpan
    var handlers: [HandlerSyntax]
}

/// `def NAME(params):`
struct FunctionSyntax: Sendable {
    var name: String
    var span: SourceSpan
    var parameters: [(name: String, span: SourceSpan)]
    var body: [Stmt]
}

/// A whole script as written.
struct ScriptSyntax: Sendable {
    var settings: [SettingSyntax] = []
    var handlers: [HandlerSyntax] = []
    var roles: [RoleSyntax] = []
    var functions: [FunctionSyntax] = []
}
