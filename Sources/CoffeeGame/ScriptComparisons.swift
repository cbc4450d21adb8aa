import BrewScript

/// Comparisons that can never be true because of the level's words: `o.item == "pourover"` on a
/// menu without it, a step or machine name written as a string, `o.item` against a machine.
extension LevelChecks {
    func comparisonDiagnostics() -> [Diagnostic] {
        program.comparisons.flatMap { c in
            check(c.left, against: c.right, at: c.rightSpan) + check(c.right, against: c.left, at: c.leftSpan)
        }
    }

    /// What `subject` can equal, in the level's words: the noun and the names.
    private func words(of subject: ResolvedComparison.Operand) -> (noun: String, names: [String], isItem: Bool)? {
        let kind: ValueKind
        var isItem = false
        switch subject {
        case .attribute(let name, let k):
            kind = k
            isItem = name == "item"
        case .unknown(let k):
            kind = k
        case .known(let v):
            if vocabulary.constant(v, kind: vocabulary.stepKind) != nil { kind = .constant("step") }
            else if vocabulary.constant(v, kind: vocabulary.nameKind) != nil { kind = .constant("name") }
            else { return nil }
        case .string:
            return nil
        }
        let items = config.menu.map(\.name)
        switch kind {
        case .constant("step"): return ("step", vocabulary.stepNames, false)
        case .constant("name") where isItem: return ("item", items, true)
        case .constant("name"): return ("machine or item", vocabulary.names, false)
        default: return nil
        }
    }

    /// `subject == other`: a warning at `span` (under `other`) if it is always false.
    private func check(_ subject: ResolvedComparison.Operand, against other: ResolvedComparison.Operand,
                       at span: SourceSpan) -> [Diagnostic] {
        guard let (noun, names, isItem) = words(of: subject) else { return [] }
        let list = "the \(noun == "machine or item" ? "machines and items" : noun + "s") are: \(names.joined(separator: ", "))"
        switch other {
        case .string(let s) where names.contains(s):
            return [Diagnostic(.warning, "the string \"\(s)\" is never equal to \(noun == "item" ? "an" : "a") \(noun)", file: file,
                               at: span, hint: "write \(s) without quotes")]
        case .string(let s):
            let hint = LevelReader.suggestion(for: s, among: names).map { "did you mean '\($0)'?" } ?? list
            return [Diagnostic(.warning, "this level has no \(noun) '\(s)': the comparison is always false", file: file,
                               at: span, hint: hint)]
        case .known(let v) where isItem:
            let word: String, what: String
            if let n = vocabulary.constant(v, kind: vocabulary.stepKind) {
                (word, what) = (vocabulary.stepNames[n], "a step")
            } else if let n = vocabulary.constant(v, kind: vocabulary.nameKind), vocabulary.itemOfName[n] < 0 {
                (word, what) = (vocabulary.names[n], "a machine")
            } else {
                return []
            }
            return [Diagnostic(.warning, "'\(word)' is \(what), not an item: the comparison is always false", file: file,
                               at: span, hint: list)]
        default:
            return []
        }
    }
}
