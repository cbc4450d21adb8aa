/// Turns frames into the bytes a VT100-style terminal understands, writing only what changed.
///
/// Pure: the ANSI backend keeps the last frame it drew and asks for the difference, so the
/// renderer is tested without a terminal.
public struct ANSIRenderer: Sendable {
    /// Colours off for `NO_COLOR`; bold, dim and reverse stay, they are not colour.
    public var color: Bool

    public init(color: Bool) { self.color = color }

    public static let enterScreen = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[0m\u{1B}[2J"
    public static let leaveScreen = "\u{1B}[0m\u{1B}[2J\u{1B}[?25h\u{1B}[?1049l"

    /// The bytes that turn the screen showing `old` into `new`. With no `old` (first frame, a
    /// resize, or a redraw asked for) the whole screen is cleared and drawn.
    public func frame(from old: Grid?, to new: Grid) -> String {
        var out = ""
        out.reserveCapacity(old == nil ? new.width * new.height * 2 : 256)
        var pen: Style? = nil
        var cursor: (x: Int, y: Int)? = nil
        let full = old == nil || old?.width != new.width || old?.height != new.height
        if full { out += "\u{1B}[0m\u{1B}[2J" }
        for y in 0..<new.height {
            for x in 0..<new.width {
                let cell = new[x, y]
                if !full, let old, old[x, y] == cell { continue }
                if cursor?.x != x || cursor?.y != y { out += "\u{1B}[\(y + 1);\(x + 1)H" }
                let style = visible(cell.style)
                if pen != style {
                    out += sgr(style)
                    pen = style
                }
                out.unicodeScalars.append(cell.char)
                cursor = (x + 1, y)
            }
        }
        if pen != nil { out += "\u{1B}[0m" }
        return out
    }

    /// The style as it will be shown: without colours when colour is off.
    func visible(_ s: Style) -> Style {
        color ? s : Style(bold: s.bold, dim: s.dim, reverse: s.reverse)
    }

    /// Select Graphic Rendition: a reset, then every attribute of the style.
    func sgr(_ s: Style) -> String {
        var codes = ["0"]
        if s.bold { codes.append("1") }
        if s.dim { codes.append("2") }
        if s.reverse { codes.append("7") }
        if let fg = s.fg { codes.append(String(fg.rawValue < 8 ? 30 + Int(fg.rawValue) : 90 + Int(fg.rawValue) - 8)) }
        if let bg = s.bg { codes.append(String(bg.rawValue < 8 ? 40 + Int(bg.rawValue) : 100 + Int(bg.rawValue) - 8)) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
