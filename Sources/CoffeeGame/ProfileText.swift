import CoffeeEngine

extension ScriptProfile {
    /// Cells of the share bar: a line with every tick of the shift fills all of them.
    static let barWidth = 20

    /// The share bar of `part` out of `whole`: `████████▌` in eighths of a cell.
    static func bar(_ part: Int, of whole: Int) -> String {
        guard whole > 0, part > 0 else { return "" }
        return bar(eighths: (part * barWidth * 8 + whole / 2) / whole)
    }

    /// A share (0…1) as a bar of `cells` cells, in eighths of a cell: the play screen's heat column.
    public static func bar(_ share: Double, cells: Int) -> String {
        guard share > 0, cells > 0 else { return "" }
        return bar(eighths: Int((min(1, share) * Double(cells * 8)).rounded()))
    }

    static func bar(eighths: Int) -> String {
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }

    /// The script annotated line by line, as `barista run --profile` prints it: ticks per class,
    /// the line's share of all barista ticks, and the line itself.
    public var text: String {
        let classes = TickClass.allCases
        let widths = classes.map { max($0.name.count, 6) + 2 }
        var out = ["profile of \(TerminalSafe.line(file)) · every barista tick on the line of the command it was spent on "
                   + "(\(crewText), \(total) ticks)"]
        var header = lpad("line", 5)
        for (c, w) in zip(classes, widths) { header += lpad(c.name, w) }
        header += "  share"
        out.append(header)
        for l in lines {
            var row = lpad(l.line == 0 ? "–" : String(l.line), 5)
            for (c, w) in zip(classes, widths) { row += lpad(l.total == 0 ? "" : String(l[c]), w) }
            let share = total == 0 || l.total == 0 ? "" : "\(Int((Double(l.total) * 100 / Double(total)).rounded()))%"
            row += "  " + pad(Self.bar(l.total, of: total), Self.barWidth + 1) + lpad(share, 4) + "  " + TerminalSafe.line(l.text)
            while row.last == " " { row.removeLast() }
            out.append(row)
        }
        return out.joined(separator: "\n")
    }

    private var crewText: String {
        let n = Set(baristas.map(\.barista)).count
        return n == 1 ? "1 barista" : "\(n) baristas"
    }

    private func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    private func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
}
