/// Where something is in a script: 1-based line and column (in UTF-8 bytes, which is characters for
/// ASCII scripts) and how many columns it covers (for the `^~~~` under it).
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
    public var line: Int32
    public var column: Int32
    public var length: Int32

    public init(line: Int, column: Int, length: Int = 1) {
        self.line = Int32(clamping: line)
        self.column = Int32(clamping: column)
        self.length = Int32(clamping: max(1, length))
    }

    /// "line:column", as diagnostics print it.
    public var description: String { "\(line):\(column)" }
}

/// How bad a diagnostic is: errors stop a script from compiling, warnings do not.
public enum Severity: String, Hashable, Sendable {
    case error
    case warning
}

/// One problem found in a script, as a compiler reports it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    public var message: String
    public var file: String
    public var span: SourceSpan
    /// A suggestion printed under the caret ("did you mean 'steam'?"), if one helps.
    public var hint: String?

    public init(_ severity: Severity, _ message: String, file: String, at span: SourceSpan, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.file = file
        self.span = span
        self.hint = hint
    }

    public var line: Int { Int(span.line) }
    public var column: Int { Int(span.column) }
    public var length: Int { Int(span.length) }

    /// The first line of the rendered form: `file.brew:7:5: error: unknown verb 'stem'`.
    public var description: String { "\(file):\(span.line):\(span.column): \(severity.rawValue): \(message)" }

    /// The compiler form: the header line, the source line, a caret under the token and the hint.
    public func rendered(source: String) -> String {
        var out = description + "\n"
        if let text = SourceLines(source).line(Int(span.line)) {
            out += text + "\n"
            // Keep tabs in the caret line so the caret lines up under tab-indented text.
            var pad = ""
            for (i, byte) in text.utf8.enumerated() where i < Int(span.column) - 1 {
                pad.append(byte == UInt8(ascii: "\t") ? "\t" : " ")
            }
            if Int(span.column) - 1 > text.utf8.count {
                pad += String(repeating: " ", count: Int(span.column) - 1 - text.utf8.count)
            }
            out += pad + "^" + String(repeating: "~", count: max(0, Int(span.length) - 1)) + "\n"
        }
        if let hint { out += "  hint: \(hint)\n" }
        return out
    }
}

/// Renders a list of diagnostics the way a compiler prints them, one after another.
public func render(_ diagnostics: [Diagnostic], source: String) -> String {
    diagnostics.map { $0.rendered(source: source) }.joined()
}

/// The lines of a source text, for quoting one under a diagnostic.
struct SourceLines {
    let lines: [Substring]
    init(_ source: String) {
        lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    }
    func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        var text = String(lines[number - 1])
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}

/// Collects diagnostics for one file; each phase appends to it and the driver returns them as values.
struct DiagnosticLog {
    let file: String
    private(set) var items: [Diagnostic] = []
    init(file: String) { self.file = file }

    var hasErrors: Bool { items.contains { $0.severity == .error } }

    mutating func error(_ message: String, at span: SourceSpan, hint: String? = nil) {
        items.append(Diagnostic(.error, message, file: file, at: span, hint: hint))
    }
    mutating func warning(_ message: String, at span: SourceSpan, hint: String? = nil) {
        items.append(Diagnostic(.warning, message, file: file, at: span, hint: hint))
    }
}

/// The closest name to `name` among `candidates` by edit distance, if close enough to be a likely typo.
func closestName(to name: String, in candidates: some Sequence<String>) -> String? {
    // Short names are too easily one edit from anything.
    let limit = name.count <= 2 ? 0 : max(1, min(3, name.count / 3))
    var best: (name: String, distance: Int)?
    for candidate in candidates where candidate != name {
        let d = editDistance(name, candidate)
        guard d <= limit else { continue }
        if let current = best, d > current.distance || (d == current.distance && candidate >= current.name) { continue }
        best = (candidate, d)
    }
    return best?.name
}

/// "did you mean 'x'?" for the closest candidate, or nil.
func didYouMean(_ name: String, in candidates: some Sequence<String>) -> String? {
    closestName(to: name, in: candidates).map { "did you mean '\($0)'?" }
}

/// Edit distance over Unicode scalars where swapping two neighbours counts as one edit (optimal
/// string alignment), so "cuont" is one edit from "count".
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], before[j - 2] + 1)
            }
        }
        (before, previous, current) = (previous, current, before)
    }
    return previous[b.count]
}
