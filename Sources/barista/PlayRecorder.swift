import CoffeeEngine
import CoffeeGame
import CoffeeStore
import CoffeeTerminal

/// Records a shift played on screen and tells the end card where it stands.
final class PlayRecorder {
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

    /// Records the run (once per finished shift) and returns the rank and everyone's best.
    /// A manual shift is kept as the log of the player's answers, so it replays like a script.
    func record(_ result: RunResult) -> Standing? {
        var spec = self.spec
        if spec == nil, let crew = manualCrew, let shift = screen?.shift as? ManualShift {
            spec = .script(text: ManualLog.encode(baristas: crew, answers: shift.answersGiven), file: "manual")
        }
        guard let spec else { return nil }
        let metric = LeaderboardMetric.matching(level.objective.metric)
        do {
            let id = try db.record(runInput(result, level: level, spec: spec, player: player, keepCard: true))
            saved.append(id)
            let board = try db.leaderboard(levelHash: level.contentHash, metric: metric, limit: nil, player: player)
            return Standing(rank: board.you?.rank ?? 0, total: board.playerCount, scores: board.entries.map(\.value),
                            note: "saved as run #\(id) for \(player.escaped) · ranked by \(metric)")
        } catch {
            return Standing(rank: 0, total: 0, scores: [], note: "not saved: \(error.description)")
        }
    }
}

extension LeaderboardMetric {
    /// The leaderboard metric closest to a level's objective.
    static func matching(_ metric: Metric) -> LeaderboardMetric {
        switch metric {
        case .served: .served
        case .throughput: .throughput
        case .leadTimeMean, .leadTimeP50, .leadTimeP95, .leadTimeMax: .leadTime
        case .valueAdded: .valueAdded
        default: .profit
        }
    }
}
