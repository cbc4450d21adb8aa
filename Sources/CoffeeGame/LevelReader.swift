import Foundation
import Yams

/// Reads typed values out of composed YAML nodes. Each mistake becomes a diagnostic with the
/// node's line and the read goes on (returning `nil`), so one load lists every problem in a file.
struct LevelReader {
    let path: String
    private(set) var diagnostics: [LevelDiagnostic] = []

    init(path: String) { self.path = path }

    mutating func report(_ message: String, at node: Node?) {
        diagnostics.append(LevelDiagnostic(path: path, line: node?.mark?.line, message: message))
    }

    mutating func report(_ message: String, line: Int?) {
        diagnostics.append(LevelDiagnostic(path: path, line: line, message: message))
    }

    /// What kind of number a field holds: it words the messages.
    enum Unit {
        case ticks, cents, count

        var phrase: String {
            switch self {
            case .ticks: "a whole number of ticks"
            case .cents: "a whole number of cents"
            case .count: "a whole number"
            }
        }

        func amount(_ n: Int) -> String {
            switch self {
            case .ticks: n == 1 ? "1 tick" : "\(n) ticks"
            case .cents: n == 1 ? "1 cent" : "\(n) cents"
            case .count: "\(n)"
            }
        }
    }

    // MARK: Scalars

    /// A whole number within `range`; `label` names the field in messages (`'ticks' of step 'brew' of 'latte'`).
    mutating func int(_ node: Node, _ label: String, _ unit: Unit, min: Int, max: Int) -> Int? {
        guard let raw = Self.plainScalar(node) else {
            report("\(label) must be \(unit.phrase), got \(Self.describe(node))", at: node)
            return nil
        }
        switch Self.parseInt(raw) {
        case .none:
            report("\(label) must be \(unit.phrase), got \(Self.describe(node))", at: node)
            return nil
        case .some(.none):
            report("\(label) is too large: at most \(unit.amount(max))", at: node)
            return nil
        case .some(.some(let n)):
            if n < min {
                report(min == 0 ? "\(label) cannot be negative, got \(n)"
                                : "\(label) must be at least \(unit.amount(min)), got \(n)", at: node)
                return nil
            }
            if n > max {
                report("\(label) is too large: at most \(unit.amount(max)), got \(n)", at: node)
                return nil
            }
            return n
        }
    }

    /// Any finite number (fractions allowed) within `range`.
    mutating func number(_ node: Node, _ label: String, min: Double, max: Double, unit: String = "") -> Double? {
        let what = unit.isEmpty ? "a number" : "a number of \(unit)"
        guard let raw = Self.plainScalar(node),
              let value = Double(raw.replacingOccurrences(of: "_", with: "")), value.isFinite else {
            report("\(label) must be \(what), got \(Self.describe(node))", at: node)
            return nil
        }
        if value < min {
            report("\(label) must be at least \(Self.format(min)), got \(Self.format(value))", at: node)
            return nil
        }
        if value > max {
            report("\(label) is too large: at most \(Self.format(max)), got \(Self.format(value))", at: node)
            return nil
        }
        return value
    }

    /// Any non-empty text.
    mutating func text(_ node: Node, _ label: String) -> String? {
        guard case .scalar(let s) = node, !Self.isNull(s) else {
            report("\(label) must be text, got \(Self.describe(node))", at: node)
            return nil
        }
        let trimmed = s.string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            report("\(label) is empty", at: node)
            return nil
        }
        return s.string
    }

    mutating func flag(_ node: Node, _ label: String) -> Bool? {
        switch Self.plainScalar(node)?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report("\(label) must be true or false, got \(Self.describe(node))", at: node)
            return nil
        }
    }

    /// A name that scripts can use as a word: letters, digits and `_`, starting with a letter.
    mutating func name(_ node: Node, _ kind: String) -> String? {
        guard let raw = Self.plainScalar(node) else {
            report("\(kind) must be a name, got \(Self.describe(node))", at: node)
            return nil
        }
        guard Self.isName(raw) else {
            report("\(kind) '\(Self.clip(raw))' must be a word of letters, digits and '_' that starts with a letter",
                   at: node)
            return nil
        }
        return raw
    }

    /// A list of names, or one name on its own: `[grind, steam]` or `grind`.
    mutating func names(_ node: Node, _ label: String, kind: String) -> [(name: String, node: Node)]? {
        let items: [Node]
        switch node {
        case .sequence(let seq): items = Array(seq)
        case .scalar(let s) where !Self.isNull(s): items = [node]
        case .scalar: items = []
        default:
            report("\(label) must be a list of names, got \(Self.describe(node))", at: node)
            return nil
        }
        var result: [(String, Node)] = []
        var ok = true
        for item in items {
            if let n = name(item, kind) { result.append((n, item)) } else { ok = false }
        }
        return ok ? result : nil
    }

    // MARK: Collections

    /// The items of a list; anything else is reported as not the `expected` form.
    mutating func list(_ node: Node, _ label: String, expected: String) -> [Node]? {
        if case .sequence(let seq) = node { return Array(seq) }
        report("\(label) must be \(expected), got \(Self.describe(node))", at: node)
        return nil
    }

    /// The entries of a mapping whose keys the author chooses (menu items, machines), in file order;
    /// `complete` is false when some key was not a valid name (and was reported).
    mutating func entries(_ node: Node, _ label: String, expected: String, kind: String)
        -> (list: [(name: String, key: Node, value: Node)], complete: Bool)? {
        guard case .mapping(let mapping) = node else {
            report("\(label) must be \(expected), got \(Self.describe(node))", at: node)
            return nil
        }
        var result: [(String, Node, Node)] = []
        for (key, value) in mapping {
            if let n = name(key, kind) { result.append((n, key, value)) }
        }
        return (result, result.count == mapping.count)
    }

    // MARK: Node facts

    static func isNull(_ s: Node.Scalar) -> Bool {
        s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    static func isNull(_ node: Node) -> Bool {
        if case .scalar(let s) = node { return isNull(s) }
        return false
    }

    /// The text of a scalar that is not null, trimmed; `nil` for lists, mappings and nulls.
    static func plainScalar(_ node: Node) -> String? {
        guard case .scalar(let s) = node, !isNull(s) else { return nil }
        return s.string.trimmingCharacters(in: .whitespaces)
    }

    /// How a node reads in a message: `'soon'`, `a list`, `nothing`. Never the whole subtree.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): isNull(s) ? "nothing" : "'\(clip(s.string))'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    static func clip(_ text: String) -> String {
        let oneLine = text.prefix { !$0.isNewline }
        let clipped = oneLine.prefix(40)
        return clipped.count < text.count ? clipped + "…" : String(clipped)
    }

    static func isName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, s.unicodeScalars.count <= 32,
              first.properties.isAlphabetic, first.isASCII else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    /// `.none`: not a whole number; `.some(.none)`: a whole number too large for `Int`.
    static func parseInt(_ raw: String) -> Int?? {
        var digits = Substring(raw)
        let negative = digits.first == "-"
        if negative || digits.first == "+" { digits = digits.dropFirst() }
        guard let first = digits.first, let last = digits.last, first.isASCII, first.isNumber,
              last.isASCII, last.isNumber,
              digits.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "_" }),
              !digits.contains("__") else { return nil }
        let clean = (negative ? "-" : "") + digits.filter { $0 != "_" }
        guard let n = Int(clean) else { return .some(nil) }
        return .some(n)
    }

    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    // MARK: Did you mean

    /// The closest candidate within a small edit distance, for typo hints.
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        let w = Array(word.lowercased())
        guard w.count <= 64 else { return nil }
        let limit = w.count <= 4 ? 1 : 2
        var best: (String, Int)?
        for c in candidates {
            let d = editDistance(w, Array(c.lowercased()))
            if d <= limit, d < (best?.1 ?? .max) { best = (c, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, substitute)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// The fields of one YAML mapping with a fixed set of field names. Unknown names are reported at
/// once (with a did-you-mean); a field set to nothing (`cooling:` or `~`) counts as not given.
struct Fields {
    let node: Node
    /// Appended to messages about missing fields: ` in machine 'espresso'`; empty at the top.
    let place: String
    private var values: [String: Node] = [:]
    /// Fields written with no value, by name: the key node, for its line.
    private var empty: [String: Node] = [:]

    /// `nil` (with a diagnostic) when `node` is not a mapping; `expected` shows the form wanted.
    init?(_ node: Node, allowed: [String], label: String, expected: String, place: String,
          reader: inout LevelReader) {
        guard case .mapping(let mapping) = node else {
            reader.report("\(label) must be \(expected), got \(LevelReader.describe(node))", at: node)
            return nil
        }
        self.node = node
        self.place = place
        for (key, value) in mapping {
            guard let name = LevelReader.plainScalar(key) else {
                reader.report("a field name must be a plain word, got \(LevelReader.describe(key))", at: key)
                continue
            }
            guard allowed.contains(name) else {
                let hint = LevelReader.suggestion(for: name, among: allowed).map { "did you mean '\($0)'?" }
                    ?? "known fields: " + allowed.joined(separator: ", ")
                reader.report("unknown field '\(LevelReader.clip(name))'\(place) (\(hint))", at: key)
                continue
            }
            if LevelReader.isNull(value) { empty[name] = key } else { values[name] = value }
        }
    }

    subscript(_ key: String) -> Node? { values[key] }

    /// Whether the field is written with no value (`after:`).
    func hasEmptyValue(_ key: String) -> Bool { empty[key] != nil }

    /// The field's value, or a `missing field` diagnostic at the mapping's line.
    func required(_ key: String, _ reader: inout LevelReader) -> Node? {
        if let v = values[key] { return v }
        if let key = empty[key] {
            reader.report("field '\(LevelReader.plainScalar(key) ?? "")'\(place) has no value", at: key)
            return nil
        }
        reader.report("missing field '\(key)'\(place)", at: node)
        return nil
    }
}
