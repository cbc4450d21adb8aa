/// Ticks of one barista on one line of the strategy's text, by class.
public struct LineTicks: TicksByClass, Sendable, Hashable, Codable {
    public var barista: Int
    /// The line of the command the ticks were spent on; 0 for a barista with no task (idle
    /// between tasks) or a strategy without lines.
    public var line: Int
    public var valueAdding: Int
    public var waiting: Int
    public var polling: Int
    public var switching: Int
    public var idle: Int

    public init(barista: Int, line: Int, valueAdding: Int, waiting: Int, polling: Int, switching: Int, idle: Int) {
        self.barista = barista
        self.line = line
        self.valueAdding = valueAdding
        self.waiting = waiting
        self.polling = polling
        self.switching = switching
        self.idle = idle
    }
}

/// While profiling: each barista's ticks by line and class, and the line each is on now and
/// since when (apart from `BaristaState`, so the hot records stay as small as without profiling).
struct LineProfile {
    var ticks: [[Int: TickCounts]] = []
    var now: [(line: Int, since: Int)] = []

    /// Adds the barista's ticks since its last line or class change, in class `c`, to its current line.
    mutating func close(_ b: Int, at now: Int, as c: TickClass) {
        let (line, since) = self.now[b]
        if now > since { ticks[b][line, default: TickCounts()].add(c, now - since) }
        self.now[b].since = now
    }

    /// Each barista's ticks by line and class, in barista then line order.
    var lineTicks: [LineTicks] {
        var out: [LineTicks] = []
        for (b, lines) in ticks.enumerated() {
            for (line, t) in lines.sorted(by: { $0.key < $1.key }) {
                let c = t.counts
                out.append(LineTicks(barista: b, line: line, valueAdding: c.0, waiting: c.1, polling: c.2, switching: c.3, idle: c.4))
            }
        }
        return out
    }
}
