import CoffeeEngine
import CoffeeGame
import CoffeeStore
import CoffeeTerminal

/// Saves each shift played on screen as a run in the store and tells the end card where it stands.
final class ShiftSaver {
    let db: AppDatabase
    let player: PlayerName
    let level: Level
    let spec: StrategySpec?
    /// The crew of a manual shift (its answers are read from the screen's shift when it ends).
    let manualCrew: Int?
    /// The play screen's player, to read a manual shift's answers from.
    weak var screen: ShiftPlayer?
    /// The runs recorded so far, in order.
    private(set) var saved: [Int64] = []
    /// How long the end card waits for the league's board, in seconds.
    var leagueTimeout = 2.0
    /// Replaces the end card's league line for a recorded run (`play --league` submits the shift there).
    var onRecorded: ((_ run: Int64, _ spec: StrategySpec) -> String?)?

    init(options: StoreOptions, level: Level, source: any ShiftSource) throws {
        db = try options.open()
        player = try options.resolvePlayer(in: db)
        self.level = level
        manualCrew = (source as? ManualSource)?.baristas
        switch source {
        case let s as ScriptFileSource: spec = .script(text: s.script.source, file: s.path)
        case let b as BuiltInSource: spec = .builtin(b.mode, baristas: b.baristas)
        default: spec = nil
        }
    }

    /// Records the practice run (once per finished shift) and says where its score would stand
    /// among everyone's evaluations. A practice run earns no medal and does not rank: medals and
    /// ranks come from `barista eval`; a joined league's board adds one line. A manual shift is kept as the log of the player's answers,
    /// so it replays like a script.
    func record(_ result: RunResult) -> Standing? {
        var spec = self.spec
        if spec == nil, let crew = manualCrew, let shift = screen?.shift as? ManualShift {
            spec = .script(text: ManualLog.encode(baristas: crew, answers: shift.answersGiven), file: "manual")
        }
        guard let spec else { return nil }
        do {
            let id = try db.record(runInput(result, level: level, spec: spec, player: player, keepCard: true))
            saved.append(id)
            let board = try db.leaderboard(levelHash: level.contentHash, metric: .objective, limit: nil, player: nil)
            // Everyone's evaluated best: the bests that beat this score, and this score among them.
            let scores = board.entries.map(\.value)
            let value = result.objectiveValue ?? 0
            let ahead = scores.filter { level.objective.isBetter($0, than: value) }.count
            return Standing(rank: ahead + 1, total: scores.count + 1, scores: scores + [value],
                            note: "practice run #\(id) saved for \(player.escaped) · medals come from barista eval",
                            league: onRecorded.map { $0(id, spec) } ?? leagueLine(db, level: level, timeout: leagueTimeout))
        } catch {
            return Standing(rank: 0, total: 0, scores: [], note: "not saved: \(error.description)")
        }
    }
}
