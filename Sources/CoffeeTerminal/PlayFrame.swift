import CoffeeEngine
import CoffeeGame

/// What the play screen shows, as plain values: the screens are functions of this.
public struct PlayFrame {
    public var level: Level
    public var strategy: String
    public var seed: UInt64
    public var mode: PlayOptions.Mode
    public var now: Int
    public var speed: String
    public var paused: Bool
    public var finished: Bool
    public var view: ShopView
    public var metrics: ShiftMetrics
    public var history: ShiftHistory
    public var frameMode: FrameMode
    public var question: ManualQuestion?
    public var choice: Int
    public var script: ScriptPanel?
    public var help: Bool
    public var briefing: Bool
    public var card: EndCard?
    public var problem: ScriptProblem?
    public var message: String?
    public var seekable: Bool
    /// The first line shown of the briefing or end card, and of the help.
    public var pageScroll = 0
    public var helpScroll = 0
    /// Manual play with a move to take back.
    public var canUndo = false
    public var hasNextLevel = false
    /// The step debugger's inspect panel, when open.
    public var inspect: InspectPanel?
    /// A script drives the shift: the debugger's keys work.
    public var debugging = false
    /// Every customer so far, when the cumulative-flow view is open (`f`).
    public var flow: [CumulativeFlow.Customer]?
}

/// The inspect panel: the selected barista's task (its line, order, variables and what it waits
/// for) and every live task with its line.
public struct InspectPanel: Sendable, Hashable {
    public var barista: Int
    public var tasks: [DebugTask]
    /// Why the shift last stopped by itself, if it did.
    public var stop: String?
}

/// The script panel: the script with each barista's current line marked, as a debugger shows it.
public struct ScriptPanel: Sendable, Hashable {
    public struct Marker: Sendable, Hashable {
        public let barista: Int
        public let line: Int
        public let tickClass: TickClass
    }
    public var path: String?
    public var text: String?
    public var markers: [Marker]
    /// Lines with a breakpoint.
    public var breakpoints: Set<Int> = []
    /// The line `b` acts on, when the player moved the cursor.
    public var cursor: Int?
    /// Every barista tick so far by line, when the heat column is on (`h`).
    public var heat: LineHeat?

    static func lines(of text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { line in
            var out = ""
            for c in line where c != "\r" { out += c == "\t" ? "    " : String(c) }
            return out
        }
    }
}

/// A script error to show: a compile error after a reload, or a runtime error that ended the shift.
public struct ScriptProblem: Sendable, Hashable {
    public var title: String
    public var diagnostics: [ScriptDiagnostic]
    public var detail: String?
}

/// The end of a shift: its score card and, once recorded, where it stands.
public struct EndCard {
    public var result: RunResult
    public var level: Level
    public var standing: Standing?
    public var mode: PlayOptions.Mode
    /// How many hidden seeds `barista eval` judges the medal on.
    public var evaluationSeeds = Evaluation.defaultSeedCount
    /// What the player can do next, one line each.
    public var afterwards: [String] = []
    /// Where the speedup came from and the top coaching, when the shift can be run again.
    public var insight: ShiftInsight?
}

/// Where the player stands on the level's leaderboard once the run is recorded: the store fills
/// it in, the end card draws it.
public struct Standing: Sendable, Hashable {
    /// 1 is the best.
    public var rank: Int
    public var total: Int
    /// Everyone's value of the level's objective (this run's included), for the histogram.
    public var scores: [Double]
    /// A line for the card, such as `recorded as run 42`.
    public var note: String?
    /// Where the player stands on the league they joined, one line (`nil` when they joined none).
    public var league: String?

    public init(rank: Int, total: Int, scores: [Double], note: String? = nil, league: String? = nil) {
        self.rank = rank
        self.total = total
        self.scores = scores
        self.note = note
        self.league = league
    }
}
