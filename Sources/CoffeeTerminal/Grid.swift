import CoffeeGame

/// One of the sixteen colours every terminal has. `NO_COLOR` drops them all; glyphs alone must
/// still tell everything apart.
public enum Color: UInt8, Sendable, Hashable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case gray, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite
}

/// How a cell is drawn.
public struct Style: Sendable, Hashable {
    public var fg: Color?
    public var bg: Color?
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool

    public init(fg: Color? = nil, bg: Color? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
    public static let reverse = Style(reverse: true)
    public static func fg(_ c: Color, bold: Bool = false) -> Style { Style(fg: c, bold: bold) }
}

/// One character cell of the screen: a single-width character and its style.
public struct Cell: Sendable, Hashable {
    public var char: Unicode.Scalar
    public var style: Style

    public init(_ char: Unicode.Scalar = " ", _ style: Style = .plain) {
        self.char = char
        self.style = style
    }

    public static let blank = Cell()
}

/// A rectangle of cells on the grid.
public struct Rect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
}

/// A screenful of cells. Screens are pure functions that return one; the backend shows it.
public struct Grid: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Sets one cell; anything outside the grid is dropped.
    public mutating func set(_ x: Int, _ y: Int, _ char: Unicode.Scalar, _ style: Style = .plain) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        cells[y * width + x] = Cell(char, style)
    }

    /// Writes text from (x, y), clipped at `limit` cells (and the grid's edge); returns the cells written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, _ style: Style = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let end = min(width, limit.map { x + max(0, $0) } ?? width)
        var cx = x
        for scalar in text.unicodeScalars {
            guard cx < end else { break }
            if cx >= 0 { cells[y * width + cx] = Cell(Self.printable(scalar), style) }
            cx += 1
        }
        return max(0, cx - x)
    }

    /// Writes text so that it ends at `right` (exclusive).
    @discardableResult
    public mutating func putRight(_ text: String, right: Int, y: Int, _ style: Style = .plain) -> Int {
        put(text, x: right - text.unicodeScalars.count, y: y, style)
    }

    /// Fills a rectangle with one character and style.
    public mutating func fill(_ r: Rect, _ char: Unicode.Scalar = " ", _ style: Style = .plain) {
        for y in max(0, r.y)..<min(height, r.maxY) {
            for x in max(0, r.x)..<min(width, r.maxX) { cells[y * width + x] = Cell(char, style) }
        }
    }

    /// Restyles a rectangle, keeping its characters.
    public mutating func restyle(_ r: Rect, _ style: Style) {
        for y in max(0, r.y)..<min(height, r.maxY) {
            for x in max(0, r.x)..<min(width, r.maxX) { cells[y * width + x].style = style }
        }
    }

    /// A box outline with an optional title in its top edge.
    public mutating func box(_ r: Rect, title: String? = nil, _ style: Style = .dim) {
        guard r.width >= 2, r.height >= 2 else { return }
        for x in r.x + 1..<r.maxX - 1 {
            set(x, r.y, "─", style)
            set(x, r.maxY - 1, "─", style)
        }
        for y in r.y + 1..<r.maxY - 1 {
            set(r.x, y, "│", style)
            set(r.maxX - 1, y, "│", style)
        }
        set(r.x, r.y, "┌", style)
        set(r.maxX - 1, r.y, "┐", style)
        set(r.x, r.maxY - 1, "└", style)
        set(r.maxX - 1, r.maxY - 1, "┘", style)
        if let title { put(" \(title) ", x: r.x + 2, y: r.y, .bold, limit: r.width - 4) }
    }

    /// The rows as plain text, trailing spaces removed: what golden tests compare.
    public var lines: [String] {
        (0..<height).map { y in
            var s = String.UnicodeScalarView()
            for x in 0..<width { s.append(cells[y * width + x].char) }
            var line = String(s)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The whole grid as text, one line per row.
    public var text: String { lines.joined(separator: "\n") }

    /// Control characters become spaces and wide characters `?`, so every scalar is one cell.
    static func printable(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if !TerminalSafe.isPrintable(s) { return " " }
        if v >= 0x1100, isWide(v) || s.properties.isEmojiPresentation { return "?" }
        if s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark { return "?" }
        return s
    }

    /// East Asian wide and emoji ranges (the common ones): they take two cells in a terminal.
    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }
}

extension String {
    /// Cut to `n` cells, with `…` when something was cut.
    func clipped(_ n: Int) -> String {
        guard n > 0 else { return "" }
        let scalars = unicodeScalars
        guard scalars.count > n else { return self }
        var view = String.UnicodeScalarView(scalars.prefix(n - 1))
        view.append("…")
        return String(view)
    }

    /// Padded with spaces (or cut) to exactly `n` cells.
    func padded(_ n: Int) -> String {
        let c = unicodeScalars.count
        return c >= n ? clipped(n) : self + String(repeating: " ", count: n - c)
    }

    var cells: Int { unicodeScalars.count }
}
