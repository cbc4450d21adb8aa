import CoffeeEngine
import CoffeeGame

/// Glyphs and colours, in one place. Every state has its own glyph, so the screen still reads
/// under `NO_COLOR`; colour only makes it faster to read.
public enum Palette {
    public static func style(_ c: TickClass) -> Style {
        switch c {
        case .valueAdding: Style(fg: .black, bg: .green)
        case .waiting: Style(fg: .brightWhite, bg: .red, bold: true)
        case .polling: Style(fg: .black, bg: .magenta)
        case .switching: Style(fg: .black, bg: .yellow)
        case .idle: Style(fg: .gray)
        }
    }

    /// The colour of a tick class as text (for names and markers).
    public static func text(_ c: TickClass) -> Style {
        switch c {
        case .valueAdding: Style(fg: .green, bold: true)
        case .waiting: Style(fg: .red, bold: true)
        case .polling: Style(fg: .magenta, bold: true)
        case .switching: Style(fg: .yellow, bold: true)
        case .idle: Style(fg: .gray)
        }
    }

    public static func glyph(_ c: TickClass) -> Unicode.Scalar {
        switch c {
        case .valueAdding: "="
        case .waiting: "w"
        case .polling: "p"
        case .switching: "s"
        case .idle: "·"
        }
    }

    /// The character `at` cells into a stretch marked with an order: its number first (all its
    /// digits, so `#1` and `#11` differ), then `fill`.
    static func numbered(_ order: Int32, at k: Int, fill: Unicode.Scalar) -> Unicode.Scalar {
        guard order >= 0 else { return fill }
        let digits = Array(String(order).unicodeScalars)
        return k < digits.count ? digits[k] : fill
    }

    /// A barista's timeline cell, `at` cells into its stretch: value-adding work shows its order's
    /// number, then `=`.
    public static func baristaCell(_ mark: LaneMark, order: Int32, at k: Int = 0) -> Cell {
        switch mark {
        case .valueAdding: Cell(numbered(order, at: k, fill: "="), style(.valueAdding))
        case .waiting: Cell("w", style(.waiting))
        case .polling: Cell("p", style(.polling))
        case .switching: Cell("s", style(.switching))
        default: Cell("·", style(.idle))
        }
    }

    /// A machine slot's timeline cell, `at` cells into its stretch; `cold` once a done product has
    /// waited past the cooling limit.
    public static func machineCell(_ mark: LaneMark, order: Int32, cold: Bool, at k: Int = 0) -> Cell {
        switch mark {
        case .loading: Cell("l", Style(fg: .green))
        case .brewing: Cell(numbered(order, at: k, fill: "~"), Style(fg: .brightWhite, bg: .blue))
        case .done: cold ? Cell("c", Style(fg: .brightWhite, bg: .red, bold: true)) : Cell("d", Style(fg: .black, bg: .cyan))
        default: Cell(" ")
        }
    }

    /// A product seen from its order's row in a barista's frame: the machine works on its own.
    public static func productCell(_ mark: LaneMark, cold: Bool) -> Cell {
        switch mark {
        case .loading: Cell("l", Style(fg: .green))
        case .brewing: Cell("~", Style(fg: .blue, bold: true))
        case .done: cold ? Cell("c", Style(fg: .red, bold: true)) : Cell("d", Style(fg: .cyan))
        default: Cell(" ")
        }
    }

    public static let rule = Style(fg: .gray)
    public static let title = Style(fg: .brightWhite, bold: true)
    public static let key = Style(fg: .brightYellow, bold: true)
    public static let good = Style(fg: .green, bold: true)
    public static let bad = Style(fg: .red, bold: true)
    public static let machine = Style(fg: .cyan)
    public static let faint = Style(fg: .gray)
    public static let highlight = Style(reverse: true)

    public static func medal(_ name: String?) -> Style {
        switch name {
        case "gold": Style(fg: .brightYellow, bold: true)
        case "silver": Style(fg: .brightWhite, bold: true)
        case "bronze": Style(fg: .yellow, bold: true)
        default: Style(fg: .gray)
        }
    }
}

/// Small text helpers shared by the screens.
enum Text {
    /// Paragraphs (separated by blank lines) reflowed to `width`: the line breaks of a YAML
    /// block are the author's editor's, not meant for the screen.
    static func reflow(_ text: String, width: Int) -> [String] {
        var paragraphs: [String] = []
        var current: [String] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = String(raw).trimmingSpaces
            if line.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        return wrap(paragraphs.joined(separator: "\n\n"), width: width)
    }

    /// A line as it is if it fits, else wrapped (wrapping closes up runs of spaces).
    static func fit(_ line: String, width: Int) -> [String] {
        line.cells <= width ? [line] : wrap(line, width: width)
    }

    /// Words wrapped to `width`; line breaks and blank lines kept.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let para = String(raw)
            if para.trimmingSpaces.isEmpty {
                out.append("")
                continue
            }
            var line = ""
            for word in para.split(separator: " ", omittingEmptySubsequences: true) {
                var w = String(word)
                while w.cells > width {
                    if !line.isEmpty {
                        out.append(line)
                        line = ""
                    }
                    out.append(String(String.UnicodeScalarView(w.unicodeScalars.prefix(width))))
                    w = String(String.UnicodeScalarView(w.unicodeScalars.dropFirst(width)))
                }
                if line.isEmpty {
                    line = w
                } else if line.cells + 1 + w.cells <= width {
                    line += " " + w
                } else {
                    out.append(line)
                    line = w
                }
            }
            if !line.isEmpty { out.append(line) }
        }
        while out.last == "" { out.removeLast() }
        return out
    }

    /// `$12.05`: the game's one money formatter.
    static func money(_ cents: Int) -> String { Metric.dollars(cents: cents) }

    /// Two decimals always: ratios such as `×1.05`.
    static func fixed(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        let scaled = Int((abs(x) * 100).rounded())
        return (x < 0 && scaled != 0 ? "-" : "") + "\(scaled / 100).\(scaled % 100 < 10 ? "0" : "")\(scaled % 100)"
    }

    static func percent(_ ratio: Double) -> String { "\(Int((ratio * 100).rounded()))%" }

    /// Two decimals at most, without trailing zeros: `31.5`, `2`, `0.62`.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        let scaled = Int((x * 100).rounded())
        let sign = scaled < 0 ? "-" : ""
        let a = abs(scaled)
        let frac = a % 100
        if frac == 0 { return sign + "\(a / 100)" }
        if frac % 10 == 0 { return sign + "\(a / 100).\(frac / 10)" }
        return sign + "\(a / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
