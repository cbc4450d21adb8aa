/// Expressions, loosest operator first, as Lua's parser lays them out.
extension Parser {
    // MARK: - Expressions

    // expression → or
    mutating func expression() throws -> Expr {
        try or()
    }

    // or → and ('or' and)*
    mutating func or() throws -> Expr {
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
    mutating func and() throws -> Expr {
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
    mutating func not() throws -> Expr {
        if check(.not) {
            let op = advance()
            try nest()
            defer { depth -= 1 }
            return .not(try not(), op.span)
        }
        return try comparison()
    }

    // comparison → additive (('==' | '!=' | '<' | '<=' | '>' | '>=') additive)?
    mutating func comparison() throws -> Expr {
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

    func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
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
    mutating func additive() throws -> Expr {
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
    mutating func multiplicative() throws -> Expr {
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
    mutating func unary() throws -> Expr {
        if check(.minus) {
            let token = advance()
            try nest()
            defer { depth -= 1 }
            return .negate(try unary(), token.span)
        }
        return try postfix()
    }

    // postfix → primary ('.' IDENT | '(' arguments ')')*
    mutating func postfix() throws -> Expr {
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
                // A call's parentheses nest like any others: f(f(f(…))) counts one level per call.
                try nest()
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
    mutating func primary() throws -> Expr {
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
