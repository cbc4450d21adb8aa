/// The driver, in the phases of Crafting Interpreters: scan → parse → stop if errors → resolve and
/// check → stop if errors → compile to bytecode.

/// What `compile` gives back: the program, unless there were errors, and every diagnostic, in
/// source order.
public struct CompileResult: Sendable {
    public var program: Program?
    public var diagnostics: [Diagnostic]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// All diagnostics as a compiler prints them, with source lines and carets.
    public func rendered(source: String) -> String { render(diagnostics, source: source) }
}

/// The largest script `compile` reads, in bytes (1 MiB): checked before the first token.
public let maxSourceBytes = 1 << 20

/// Compiles a script against a host interface.
public func compile(source: String, file: String, host: HostInterface) -> CompileResult {
    let problems = host.problems()
    if !problems.isEmpty {
        let diagnostics = problems.map {
            Diagnostic(.error, "host interface: \($0)", file: file, at: SourceSpan(line: 0, column: 0))
        }
        return CompileResult(program: nil, diagnostics: diagnostics)
    }
    guard source.utf8.count <= maxSourceBytes else {
        let error = Diagnostic(.error, "the script is larger than 1 MiB (\(source.utf8.count) bytes)",
                               file: file, at: SourceSpan(line: 1, column: 1))
        return CompileResult(program: nil, diagnostics: [error])
    }
    let (tokens, lexical) = Lexer.scan(source, file: file)
    let (syntax, syntactic) = Parser.parse(tokens, file: file, host: host)
    // A line the lexer could not read would only add confusing parse errors of its own.
    let badLines = Set(lexical.map(\.span.line))
    var diagnostics = lexical + syntactic.filter { !badLines.contains($0.span.line) }
    guard !diagnostics.contains(where: { $0.severity == .error }) else {
        return CompileResult(program: nil, diagnostics: inSourceOrder(diagnostics))
    }
    var resolver = Resolver(host: host, file: file)
    let resolved = resolver.resolve(syntax)
    diagnostics += resolver.log.items
    guard !resolver.log.hasErrors else {
        return CompileResult(program: nil, diagnostics: inSourceOrder(diagnostics))
    }
    let output = Compiler.compile(resolved.functions)
    let names = resolver.attributeNames
    var attributeIDs = [Int32](repeating: -1, count: max(1, host.handleKinds.count * names.count))
    for (k, kind) in host.handleKinds.enumerated() {
        for (n, name) in names.enumerated() {
            if let attribute = kind.attributes.first(where: { $0.name == name }) {
                attributeIDs[k * names.count + n] = Int32(attribute.id)
            }
        }
    }
    let program = Program(
        roles: resolved.roles, handlers: resolved.handlers, settings: resolved.settings, commands: resolver.commands,
        comparisons: resolver.comparisons, host: host, functionNames: syntax.functions.map(\.name), code: output.code, spans: output.spans,
        functions: output.functions, handlerEntries: resolved.handlerFunctions, constants: output.constants,
        strings: resolver.strings, hostOps: resolver.hostOps, attributeNames: names, attributeIDs: attributeIDs)
    return CompileResult(program: program, diagnostics: inSourceOrder(diagnostics))
}

private func inSourceOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    cappingErrors(diagnostics.enumerated().sorted {
        ($0.element.span.line, $0.element.span.column, $0.offset) < ($1.element.span.line, $1.element.span.column, $1.offset)
    }.map(\.element))
}
