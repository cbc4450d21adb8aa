/// The resolved tree the compiler consumes: names are slots, ids and values; every check has passed.

indirect enum RExpr: Sendable {
    case value(Value)
    case local(Int)
    /// Attribute access; the index is into `Program.attributeNames`.
    case attribute(RExpr, name: Int, SourceSpan)
    case query(Int, SourceSpan)
    /// A call of a script function (index into the compiled functions).
    case call(Int, [RExpr], SourceSpan)
    /// A host verb or function; the index is into `Program.hostOps`.
    case host(op: Int, [RExpr], SourceSpan)
    case negate(RExpr, SourceSpan)
    case not(RExpr)
    case binary(BinaryOperator, RExpr, RExpr, SourceSpan)
    case logical(LogicalOperator, RExpr, RExpr)
}

indirect enum RStmt: Sendable {
    case assign(Int, RExpr)
    /// Evaluate and drop the result.
    case evaluate(RExpr)
    case `if`([(RExpr, [RStmt])], [RStmt]?)
    case `while`(RExpr, [RStmt], SourceSpan)
    /// `counter` and `counter + 1` are hidden slots: the next value and the end.
    case `for`(variable: Int, counter: Int, start: RExpr, end: RExpr, body: [RStmt], span: SourceSpan)
    case `break`
    case `continue`
    case `return`(RExpr?, SourceSpan)
}

/// A function or handler body, resolved.
struct RFunction: Sendable {
    var name: String
    var parameterCount: Int
    var localCount: Int
    /// The name of each local slot (hidden loop counters have none), for a debugger.
    var localNames: [String?] = []
    var body: [RStmt]
    var span: SourceSpan
}
