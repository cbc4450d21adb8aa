/// Text that came from a file or a user (script and level file names, level titles and briefings,
/// script lines quoted under a diagnostic, replay fields, player names) made harmless before it
/// reaches a terminal. Every output path uses this one function: the command line's `print`, the
/// full-screen UI's grid and the store's messages. JSON output is escaped by `jsonText` instead.
///
/// ESC becomes `^[` and every other scalar a terminal would not show as itself (C0 and C1
/// controls, DEL, line and paragraph separators, bidirectional overrides and other format
/// characters, private-use, surrogate and unassigned code points) becomes `\u{…}`, so no escape
/// sequence, title change, bell or reordering can get through. Printable text, accents and emoji
/// pass unchanged.
public enum TerminalSafe {
    /// One line: newlines and tabs are escaped too.
    public static func line(_ text: String) -> String { escape(text, keepingLayout: false) }

    /// Several lines (a briefing, a rendered diagnostic, a score card): `\n` and `\t` are kept.
    public static func text(_ text: String) -> String { escape(text, keepingLayout: true) }

    /// Whether a terminal shows `s` as itself, without moving, recolouring or reordering anything.
    public static func isPrintable(_ s: Unicode.Scalar) -> Bool {
        // Joiners are format characters too, but emoji sequences need them and they move nothing.
        if s == "\u{200C}" || s == "\u{200D}" { return true }
        switch s.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
            return false
        default:
            return true
        }
    }

    /// A scalar as JSON writes it inside a string, `\u001b` (two escapes beyond the BMP): the same
    /// value, in characters no terminal acts on.
    public static func jsonEscape(_ s: Unicode.Scalar) -> String {
        String(s).utf16.map { unit in
            let hex = String(unit, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }.joined()
    }

    static func escape(_ text: String, keepingLayout: Bool) -> String {
        // The common case, all printable, is returned as it is.
        if text.unicodeScalars.allSatisfy({ isPrintable($0) || keepingLayout && ($0 == "\n" || $0 == "\t") }) {
            return text
        }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            if isPrintable(s) || keepingLayout && (s == "\n" || s == "\t") {
                out.append(s)
            } else if s == "\u{1B}" {
                out.append(contentsOf: "^[".unicodeScalars)
            } else {
                out.append(contentsOf: ("\\u{" + String(s.value, radix: 16, uppercase: true) + "}").unicodeScalars)
            }
        }
        return String(out)
    }
}
