import CoffeeEngine
import CoffeeGame

/// A replay as a terminal recording in the asciicast v2 format (`barista replay RUN --cast FILE`):
/// the play screen of the replay, drawn offline on virtual time, frame by frame, the bytes each
/// frame sends to a terminal kept with the second it is shown at.
///
/// Virtual time, never the wall clock: frame `k` shows tick `k × ticksPerFrame` at second
/// `k / framesPerSecond`, and `ticksPerFrame` is the shift's length over `maxShiftFrames`,
/// rounded up, so the same run always gives the same file, byte for byte. After the last tick the
/// end card is shown and held `holdSeconds`. Markers (`"m"` events) are the shift's
/// `MedalMoments`, at the frame they happen in.
public enum Cast {
    public static let framesPerSecond = 10
    /// The most frames the shift itself takes (two minutes at ten a second); a longer shift shows
    /// more ticks a frame.
    public static let maxShiftFrames = 1200
    /// How long the end card stays on screen.
    public static let holdSeconds = 3
    /// The largest cast written, in bytes (docs/brewscript.md#limits).
    public static let byteLimit = 16 << 20

    /// Why no cast was made.
    public enum Failure: Error, Hashable, CustomStringConvertible {
        case tooLarge(limit: Int)
        case replay(String)

        public var description: String {
            switch self {
            case .tooLarge(let limit):
                "the cast would be larger than \(limit) bytes, the most a cast may have"
            case .replay(let why): why
            }
        }
    }

    /// What the header says besides the size.
    public struct Header: Sendable, Hashable {
        public var title: String
        /// Unix seconds of when the run was played (not when the cast was made).
        public var timestamp: Int?
        public init(title: String, timestamp: Int? = nil) {
            self.title = title
            self.timestamp = timestamp
        }
    }

    /// The cast of the shift `source` gives, which must be the verified run `result`.
    /// - Parameter limit: the most bytes the cast may have (`byteLimit`; smaller in tests).
    public static func record(source: any ShiftSource, result: RunResult, level: Level, header: Header,
                              size: TerminalSize = .minimum, limit: Int = byteLimit) throws(Failure) -> String {
        let player: ShiftPlayer
        do { player = try ShiftPlayer(source: source, seekable: false, speedIndex: 0) } catch { throw .replay(error.description) }
        let session = PlaySession(player: player, options: PlayOptions(mode: .replay, showBriefing: false))
        session.noteSize(size)
        let length = max(1, result.metrics.endTick)
        let ticksPerFrame = (length + maxShiftFrames - 1) / maxShiftFrames
        let renderer = ANSIRenderer(color: true)
        let earned = result.medal.flatMap { m in Medal.allCases.first { $0.description == m } }
        var moments = MedalMoments(objective: level.objective, earned: earned)
        var out = CastText(limit: limit)
        let frames = (length + ticksPerFrame - 1) / ticksPerFrame
        var shown: Grid?
        var frame = 0
        while true {
            player.advance(to: frame * ticksPerFrame, stopping: false)
            let grid = session.render(size: size)
            // The first frame hides the cursor: the screen never shows one.
            let text = (shown == nil ? "\u{1B}[?25l" : "") + renderer.frame(from: shown, to: grid)
            if !text.isEmpty { try out.append(event(frame, "o", text)) }
            shown = grid
            for label in moments.moments(in: player.shift.metrics) { try out.append(event(frame, "m", label)) }
            if player.isFinished { break }
            if player.question != nil {
                throw .replay("the replay needs an answer at tick \(player.shift.now) that the run does not hold")
            }
            guard frame <= frames else {
                throw .replay("the replay did not end at tick \(result.metrics.endTick), as the run did")
            }
            frame += 1
        }
        try out.append(event(frame, "m", MedalMoments.end(of: result, objective: level.objective)))
        // An empty output holds the end card: a player stops at the last event.
        let end = seconds(frame) + holdSeconds * 1000
        try out.append(line(end, "o", ""))
        // The header comes first but is written last: it says how long the cast lasts.
        let head = headerLine(header, size: size, seconds: end)
        guard out.bytes + head.utf8.count + 1 <= limit else { throw .tooLarge(limit: limit) }
        return head + "\n" + out.text
    }

    /// Milliseconds of virtual time at which frame `k` is shown.
    static func seconds(_ frame: Int) -> Int { frame * 1000 / framesPerSecond }

    static func event(_ frame: Int, _ code: String, _ data: String) -> String { line(seconds(frame), code, data) }

    static func line(_ millis: Int, _ code: String, _ data: String) -> String {
        "[\(decimal(millis)), \(json(code)), \(json(data))]"
    }

    static func headerLine(_ h: Header, size: TerminalSize, seconds millis: Int) -> String {
        var fields = ["\"version\": 2", "\"width\": \(size.columns)", "\"height\": \(size.rows)"]
        if let t = h.timestamp { fields.append("\"timestamp\": \(t)") }
        fields += ["\"duration\": \(decimal(millis))", "\"title\": \(json(TerminalSafe.line(h.title)))",
                   "\"env\": {\"TERM\": \"xterm-256color\"}"]
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// Milliseconds as seconds with three decimals: `12.300`.
    static func decimal(_ millis: Int) -> String {
        let ms = millis % 1000
        return "\(millis / 1000)." + String(repeating: "0", count: ms < 10 ? 2 : ms < 100 ? 1 : 0) + "\(ms)"
    }

    /// A JSON string literal: quotes, backslashes and every scalar a terminal would act on
    /// (controls, the escape sequences of a frame) as escapes, so each event is one line.
    static func json(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if TerminalSafe.isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += TerminalSafe.jsonEscape(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// The lines of a cast, kept under its byte limit: a line that would pass it is refused before
/// it is added.
struct CastText {
    let limit: Int
    private(set) var text = ""
    private(set) var bytes = 0

    init(limit: Int) { self.limit = limit }

    mutating func append(_ line: String) throws(Cast.Failure) {
        let n = line.utf8.count + 1
        guard bytes + n <= limit else { throw .tooLarge(limit: limit) }
        text += line
        text += "\n"
        bytes += n
    }
}
