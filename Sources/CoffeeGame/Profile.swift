import BrewScript
import CoffeeEngine

/// Where a script's barista ticks went, line by line: every tick of every barista is on the line
/// of the command it was spent on (line 0: idle between tasks, holding no task).
public struct ScriptProfile: Sendable, Codable, Hashable {
    /// One line of the script with the ticks of all baristas spent on its commands.
    public struct Line: TicksByClass, Sendable, Codable, Hashable {
        /// 1-based; 0 is "between tasks".
        public var line: Int
        public var text: String
        public var valueAdding: Int
        public var waiting: Int
        public var polling: Int
        public var switching: Int
        public var idle: Int
    }

    public var file: String
    /// Every line of the script (with no ticks where none were spent), then "between tasks".
    public var lines: [Line]
    /// Each barista's ticks by line and class, as the engine attributed them.
    public var baristas: [LineTicks]

    /// Every barista tick of the shift.
    public var total: Int { lines.reduce(0) { $0 + $1.total } }

    /// The ticks of barista `b` spent on `line`, by class (zero when none).
    public func ticks(barista b: Int, line: Int) -> LineTicks {
        baristas.first { $0.barista == b && $0.line == line }
            ?? LineTicks(barista: b, line: line, valueAdding: 0, waiting: 0, polling: 0, switching: 0, idle: 0)
    }

    /// Builds the profile of `script` from a finished simulation's attribution.
    init(script: Script, attribution: [LineTicks]) {
        self.init(file: script.file, source: script.source, attribution: attribution)
    }

    /// Builds the profile of the text `source` (a script, a built-in's pseudo-script) from the
    /// ticks attributed to its lines.
    init(file: String, source: String, attribution: [LineTicks]) {
        self.file = file
        baristas = attribution
        var texts = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if texts.last == "" { texts.removeLast() }
        var sums = [Int: [Int]]()
        for t in attribution {
            var s = sums[t.line] ?? [0, 0, 0, 0, 0]
            for c in TickClass.allCases { s[c.rawValue] += t[c] }
            sums[t.line] = s
        }
        func line(_ n: Int, _ text: String) -> Line {
            let s = sums[n] ?? [0, 0, 0, 0, 0]
            return Line(line: n, text: text, valueAdding: s[0], waiting: s[1], polling: s[2], switching: s[3], idle: s[4])
        }
        lines = texts.enumerated().map { i, text in line(i + 1, text) } + [line(0, "(between tasks: no task held)")]
    }
}

extension ShiftRunner {
    /// Runs a compiled script with every barista tick attributed to its line: the same shift
    /// (same events, same digest) as `run(level:script:seed:)`, and its profile.
    public static func profile(level: Level, script: Script, seed: UInt64? = nil,
                               limits: BrewScript.Limits = BrewScript.Limits()) -> (result: RunResult, profile: ScriptProfile) {
        var sim = Simulation(config: level.config, strategy: LineProfiled(ScriptStrategy(script: script, limits: limits)),
                             seed: seed ?? level.practiceSeed)
        sim.run()
        return (result(of: sim, level: level, script: script), ScriptProfile(script: script, attribution: sim.lineProfile))
    }
}
