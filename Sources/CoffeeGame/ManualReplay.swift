import CoffeeEngine

/// Why a hand-played shift's log does not play its shift again.
public enum ManualLogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not a log this version can read (wrong header, an unknown move, a malformed number).
    case unreadable
    /// The log hires a crew the level does not allow.
    case crew(Int, allowed: ClosedRange<Int>)
    /// A barista needed a decision the log does not hold.
    case runsOut(tick: Int)
    /// Answer `answer` (counted from 1) was not a move the barista was offered.
    case illegalMove(answer: Int, barista: Int, tick: Int)
    /// The shift ended with answers left that nobody asked for.
    case unusedAnswers(Int)

    public var description: String {
        switch self {
        case .unreadable:
            "the manual play log cannot be read"
        case .crew(let n, let allowed):
            "the manual play log hires \(n) baristas; this level allows \(allowed.lowerBound) to \(allowed.upperBound)"
        case .runsOut(let tick):
            "the manual play log runs out at tick \(tick): the replay is incomplete"
        case .illegalMove(let answer, let barista, let tick):
            "answer \(answer) of the manual play log (b\(barista) at tick \(tick)) is not a move the shop offered"
        case .unusedAnswers(let n):
            "the manual play log has \(n) answer\(n == 1 ? "" : "s") the shift never asked for"
        }
    }
}

extension ShiftRunner {
    /// Plays a hand-played shift again from its log (`ManualLog`): the level, the seed and the
    /// player's answers give the same shift, so the result's digest and metrics verify a manual
    /// run as they verify a scripted one. The log is hostile until checked: its crew must be one
    /// the level allows, every answer must be a move the barista was offered at that moment, and
    /// the answers must be exactly the ones the shift asks for.
    ///
    /// - Parameter observer: called with every event of the shift, in order, once.
    public static func run(level: Level, manualLog: String, seed: UInt64,
                           observer: ((Int, ShopEvent) -> Void)? = nil) throws(ManualLogError) -> RunResult {
        guard let (crew, answers) = ManualLog.decode(manualLog) else { throw .unreadable }
        let allowed = 1...level.config.maxBaristas
        guard allowed.contains(crew) else { throw .crew(crew, allowed: allowed) }
        let shift = ManualShift(config: level.config, baristas: crew, seed: seed, answers: answers)
        shift.observer = observer
        try shift.playToEnd()
        return shift.result(level: level)
    }
}
