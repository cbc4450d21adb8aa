/// Text taller than its box, a page at a time: the briefing, the help and the end card are wrapped
/// to the window and scroll with ↑ ↓ PgUp PgDn Home End, in every size from 80×24 up.
enum Pager {
    /// Styled pieces of one row.
    typealias Row = [(String, Style)]

    /// The first row shown for a wanted `offset`: never past the last page.
    static func clamp(_ offset: Int, rows: Int, visible: Int) -> Int {
        max(0, min(offset, rows - visible))
    }

    /// `rows 12–20 of 31 · ↑↓ PgDn more` when not everything fits, else `nil`.
    /// With `arrowsOnly`, only ↑ ↓ are named (the score card, where the paging keys seek).
    static func hint(offset: Int, rows: Int, visible: Int, arrowsOnly: Bool = false) -> String? {
        guard rows > visible else { return nil }
        let more = offset + visible < rows ? (offset > 0 ? (arrowsOnly ? "↑↓ scroll" : "↑↓ PgUp PgDn scroll") : (arrowsOnly ? "↓ more" : "↓ PgDn more"))
            : (arrowsOnly ? "↑ back" : "↑ PgUp back")
        return "lines \(offset + 1)–\(min(rows, offset + visible)) of \(rows) · \(more)"
    }

    /// Draws rows from `offset` (clamped) into `r`, each clipped to its width.
    static func draw(_ g: inout Grid, _ rows: [Row], in r: Rect, offset: Int) {
        let top = clamp(offset, rows: rows.count, visible: r.height)
        for (i, row) in rows.dropFirst(top).prefix(r.height).enumerated() {
            var x = r.x
            for (text, style) in row { x += g.put(text, x: x, y: r.y + i, style, limit: r.maxX - x) }
        }
    }

    /// Copies rows `offset…` of a tall grid into `r` of `g` (the end card is drawn whole, then paged).
    static func blit(_ g: inout Grid, from tall: Grid, rows: Int, in r: Rect, offset: Int) {
        let top = clamp(offset, rows: rows, visible: r.height)
        for y in 0..<min(r.height, rows - top) {
            for x in 0..<min(r.width, tall.width) where r.x + x < g.width && r.y + y < g.height {
                g[r.x + x, r.y + y] = tall[x, top + y]
            }
        }
    }
}
