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
    public func rendered(source: String) -> String { rendered(lines: SourceLines(source)) }

    /// Quoted source lines are cut to a window of this many bytes around the caret, so that a
    /// diagnostic costs its own line at most, never the file (a 1 MiB line is quoted in part).
    public static let quoteWidth = 160

    func rendered(lines: SourceLines) -> String {
        var out = description + "\n"
        if let whole = lines.line(Int(span.line)) {
            let (text, column) = Self.window(of: whole, column: Int(span.column))
            out += text + "\n"
            // Keep tabs in the caret line so the caret lines up under tab-indented text.
            var pad = ""
            for (i, byte) in text.utf8.enumerated() where i < column - 1 {
                pad.append(byte == UInt8(ascii: "\t") ? "\t" : " ")
            }
            if column - 1 > text.utf8.count {
                pad += String(repeating: " ", count: min(Self.quoteWidth, column - 1 - text.utf8.count))
            }
            let tail = min(Self.quoteWidth, max(0, Int(span.length) - 1))
            out += pad + "^" + String(repeating: "~", count: tail) + "\n"
        }
        if let hint { out += "  hint: \(hint)\n" }
        return out
    }

    /// At most `quoteWidth` bytes of `line` around `column` (1-based), with `...` where it was cut,
    /// and the caret's column in the cut text.
    static func window(of line: Substring, column: Int) -> (text: String, column: Int) {
        let bytes = line.utf8
        guard bytes.count > quoteWidth else { return (String(line), column) }
        var start = max(0, min(column - 1 - quoteWidth / 2, bytes.count - quoteWidth))
        // Cut on character boundaries: never inside a UTF-8 sequence.
        var from = bytes.index(bytes.startIndex, offsetBy: start)
        while from > bytes.startIndex, bytes[from] & 0xC0 == 0x80 { bytes.formIndex(before: &from); start -= 1 }
        var to = bytes.index(from, offsetBy: min(quoteWidth, bytes.distance(from: from, to: bytes.endIndex)))
        while to < bytes.endIndex, bytes[to] & 0xC0 == 0x80 { bytes.formIndex(after: &to) }
        let head = start > 0 ? "..." : ""
        let text = head + String(decoding: bytes[from..<to], as: UTF8.self) + (to < bytes.endIndex ? "..." : "")
        return (text, column - start + head.utf8.count)
    }
}

/// Renders a list of diagnostics the way a compiler prints them, one after another. The source is
/// split into lines once, so each diagnostic costs only its own (windowed) line.
public func render(_ diagnostics: [Diagnostic], source: String) -> String {
    let lines = SourceLines(source)
    var out = ""
    for d in diagnostics { out += d.rendered(lines: lines) }
    return out
}

/// The most errors one compile reports; past it, one more error says so and the rest are dropped
/// (like a C compiler's error limit), so a broken file never costs more than this many reports.
public let maxErrorsShown = 50

/// `diagnostics` (in source order) with at most `maxErrorsShown` errors, then one "too many
/// errors" that ends the list, and at most `maxErrorsShown` warnings, then one "too many warnings".
public func cappingErrors(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    var errors = 0, warnings = 0
    var out: [Diagnostic] = []
    for d in diagnostics {
        if d.severity == .error {
            errors += 1
            if errors > maxErrorsShown || d.message.hasPrefix(tooManyErrors) {
                out.append(Diagnostic(.error, "\(tooManyErrors): stopped after the first \(maxErrorsShown)", file: d.file,
                                      at: d.span, hint: "fix these first; a check shows at most \(maxErrorsShown) errors"))
                return out
            }
        } else {
            warnings += 1
            if warnings > maxErrorsShown { continue }
        }
        out.append(d)
    }
    if warnings > maxErrorsShown, let last = out.last {
        out.append(Diagnostic(.warning, "too many warnings: only the first \(maxErrorsShown) are shown", file: last.file, at: last.span))
    }
    return out
}

let tooManyErrors = "too many errors"

/// The lines of a source text, for quoting one under a diagnostic.
struct SourceLines {
    let lines: [Substring]
    init(_ source: String) {
        lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    }
    func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= lines.count else { return nil }
        var text = lines[number - 1]
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}

/// Collects diagnostics for one file; each phase appends to it and the driver returns them as values.
struct DiagnosticLog {
    let file: String
    private(set) var items: [Diagnostic] = []
    init(file: String) { self.file = file }

    var hasErrors: Bool { errorCount > 0 }

    /// Errors past `maxErrorsShown` are counted, not kept: each phase stops collecting there.
    private(set) var errorCount = 0
    private(set) var warningCount = 0

    mutating func error(_ message: String, at span: SourceSpan, hint: String? = nil) {
        errorCount += 1
        guard errorCount <= maxErrorsShown + 1 else { return }
        items.append(Diagnostic(.error, message, file: file, at: span, hint: hint))
    }
    mutating func warning(_ message: String, at span: SourceSpan, hint: String? = nil) {
        warningCount += 1
        guard warningCount <= maxErrorsShown + 1 else { return }
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
