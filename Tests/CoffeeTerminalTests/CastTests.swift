import CoffeeEngine
import CoffeeGame
@testable import CoffeeTerminal
import Foundation
import Testing

/// A screen that an asciicast's output is played into: the part of a VT100 the ANSI renderer
/// uses (cursor position, clear, colours and attributes), so a frame decodes back to its grid.
struct DecodedScreen {
    var grid: Grid
    var x = 0, y = 0
    var style = Style()

    init(size: TerminalSize) { grid = Grid(width: size.columns, height: size.rows) }

    mutating func play(_ text: String) {
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count {
            guard s[i] == "\u{1B}", i + 1 < s.count, s[i + 1] == "[" else {
                grid.set(x, y, s[i], style)
                x += 1
                i += 1
                continue
            }
            var j = i + 2
            var params = ""
            while j < s.count, !(0x40...0x7E).contains(s[j].value) {
                params.unicodeScalars.append(s[j])
                j += 1
            }
            guard j < s.count else { return }
            let numbers = params.split(separator: ";").compactMap { Int($0) }
            switch s[j] {
            case "H":
                y = (numbers.first ?? 1) - 1
                x = (numbers.count > 1 ? numbers[1] : 1) - 1
            case "J":
                grid = Grid(width: grid.width, height: grid.height)
            case "m":
                for n in numbers {
                    switch n {
                    case 0: style = Style()
                    case 1: style.bold = true
                    case 2: style.dim = true
                    case 7: style.reverse = true
                    case 30...37: style.fg = Color(rawValue: UInt8(n - 30))
                    case 90...97: style.fg = Color(rawValue: UInt8(n - 90 + 8))
                    case 40...47: style.bg = Color(rawValue: UInt8(n - 40))
                    case 100...107: style.bg = Color(rawValue: UInt8(n - 100 + 8))
                    default: Issue.record("unexpected SGR \(n)")
                    }
                }
            case "l", "h":
                #expect(params == "?25", "only the cursor is hidden")
            default:
                Issue.record("unexpected escape \(params)\(s[j])")
            }
            i = j + 1
        }
    }
}

/// `barista replay RUN --cast FILE`: a replay as an asciicast v2 recording on virtual time.
@Suite struct CastTests {
    struct Event {
        let millis: Int
        let code: String
        let data: String
    }

    /// The header line and the events; times are read as written (three decimals), not as doubles.
    static func parse(_ cast: String) throws -> (header: String, events: [Event]) {
        let lines = cast.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "a cast ends with a newline")
        var events: [Event] = []
        for line in lines.dropFirst().dropLast() {
            let array = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            let time = try #require(line.dropFirst().split(separator: ",").first)
            let parts = time.split(separator: ".")
            #expect(parts.count == 2 && parts[1].count == 3, "\(time)")
            let millis = try #require(Int(parts[0])) * 1000 + (try #require(Int(parts[1])))
            events.append(Event(millis: millis, code: try #require(array[1] as? String), data: try #require(array[2] as? String)))
        }
        return (String(lines[0]), events)
    }

    /// A replay as the cast draws it: the play screen of a replay, without the briefing.
    static func session(_ source: any ShiftSource) throws -> PlaySession {
        let s = PlaySession(player: try ShiftPlayer(source: source, seekable: false), options: PlayOptions(mode: .replay, showBriefing: false))
        s.noteSize(Fixture.size)
        return s
    }

    /// Plays the cast's output into a screen and checks every frame against the play screen of
    /// the same replay at that frame's tick (`ticksPerFrame` ticks a frame).
    /// `from`: the first frame compared (all are played: each writes only what changed).
    static func checkFrames(_ events: [Event], source: any ShiftSource, ticksPerFrame: Int, from: Int = 0) throws -> DecodedScreen {
        var screen = DecodedScreen(size: Fixture.size)
        let reference = try session(source)
        for (n, e) in events.filter({ $0.code == "o" && !$0.data.isEmpty }).enumerated() {
            screen.play(e.data)
            guard n >= from else { continue }
            reference.player.advance(to: e.millis / 100 * ticksPerFrame, stopping: false)
            let want = reference.render(size: Fixture.size)
            #expect(screen.grid.text == want.text, "frame at \(e.millis) ms")
            #expect(screen.grid == want, "frame at \(e.millis) ms: the styles differ")
        }
        return screen
    }

    @Test func theHeaderSaysVersionSizeDurationAndTitle() throws {
        let level = try Fixture.level()
        let result = ShiftRunner.run(level: level, mode: .event)
        #expect(result.metrics.endTick == 89)
        let cast = try Cast.record(source: BuiltInSource(level: level, mode: .event), result: result, level: level,
                                   header: Cast.Header(title: "Barista · 07 test-bar \u{1B}]0;x", timestamp: 1_700_000_000))
        let (header, events) = try Self.parse(cast)
        // 90 frames (ticks 0…89) at ten a second, then the end card held three seconds.
        #expect(header == #"{"version": 2, "width": 80, "height": 24, "timestamp": 1700000000, "duration": 11.900, "#
                + #""title": "Barista · 07 test-bar ^[]0;x", "env": {"TERM": "xterm-256color"}}"#)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 2 && object["width"] as? Int == 80 && object["height"] as? Int == 24)
        #expect(events.last?.millis == 11_900 && events.last?.code == "o" && events.last?.data == "")
        #expect(events.filter { $0.code == "o" }.map(\.millis).max() == 11_900)
        // The same run gives the same file, byte for byte.
        let again = try Cast.record(source: BuiltInSource(level: level, mode: .event), result: result, level: level,
                                    header: Cast.Header(title: "Barista · 07 test-bar \u{1B}]0;x", timestamp: 1_700_000_000))
        #expect(again == cast)
    }

    @Test func framesDecodeToTheReplaysScreens() throws {
        let level = try Fixture.level()
        let source = BuiltInSource(level: level, mode: .event)
        let result = ShiftRunner.run(level: level, mode: .event)
        let cast = try Cast.record(source: source, result: result, level: level, header: Cast.Header(title: "t"))
        let (_, events) = try Self.parse(cast)
        #expect(events.filter { $0.code == "o" }.count == 91)
        var screen = DecodedScreen(size: Fixture.size)
        for e in events where e.code == "o" && e.millis <= 7000 { screen.play(e.data) }
        expectGolden(screen.grid, "cast-tick-70", """
         BARISTA  07 test-bar · Test Bar  event (replay) · seed 1                  ▶ 1×
         tick 70/100   served 4/6   lost 0   cold 1   value-added 36%   profit $8.00
        ─ COUNTER ────────────────────┬─ BARISTAS ──────────────────────────────────────
         #5  latte     3/6 ███░░░   22│ b0 · idle         free
         #6  espresso  2/5 █████░   50│ b1 · idle         free
                                      ├─ MACHINES ──────────────────────────────────────
                                      │ espresso  ·            #6 ▰▱▱▱▱▱▱▱▱
                                      │ steamer   #5 ▰▱▱▱▱▱▱▱▱
                                      │
                                      │
                                      │
                                      │
        ─ TIMELINE · shop frame: everyone at once ─────── Tab: b0's frame · ticks 2–70 ─
        b0        │1===····3====···········1==·4=====···········3········4==·6=====··5··
        b1        │·2======················3··2==5====··········5········3==············
        espresso 1│   l1~~~~~~~~~~~~~~~~~~~l3~~~~~~~~~~~~~~~~~~~l5~~~~~~~~~~~~~~~~~~~
        espresso 2│      l2~~~~~~~~~~~~~~~~~~~      l4~~~~~~~~~~~~~~~~~~~         l6~~~~
        steamer   │       l2~~~~~~~ddddddddddd                  l3~~~~~~~            l5~



         t62 b0 grind #6 · t66 b0 starts espresso for #6 · t68 espresso done for #5
         t68 b0 collects #5 from espresso · t69 b0 starts steamer for #5
         space pause  . step  +- speed  ←→ seek  PgUp/Dn ±100  Tab frame         q quit
        """)
        let end = try Self.checkFrames(events, source: source, ticksPerFrame: 1)
        #expect(end.grid.text.contains("gold"))
    }

    @Test func markersComeAtTheMedalMoments() throws {
        let level = try Fixture.level()
        var served: [Int] = []
        let result = ShiftRunner.run(level: level, mode: .event, observer: { tick, e in
            if case .orderServed = e { served.append(tick) }
        })
        let cast = try Cast.record(source: BuiltInSource(level: level, mode: .event), result: result, level: level,
                                   header: Cast.Header(title: "t"))
        let markers = try Self.parse(cast).events.filter { $0.code == "m" }
        // Bronze 3, silver 5, gold 6 served: the frame of the 3rd, 5th and 6th serve, then the end card.
        // A marker shows the count at its frame: two served in one tick pass a threshold together.
        func at(_ tick: Int) -> Int { served.filter { $0 <= tick }.count }
        #expect(markers.map(\.data) == ["bronze reached: served \(at(served[2]))", "silver reached: served \(at(served[4]))",
                                        "gold reached: served 6", "end: gold medal, served 6"])
        #expect(at(served[2]) == 4)
        #expect(markers.map(\.millis) == [served[2] * 100, served[4] * 100, served[5] * 100, result.metrics.endTick * 100])
    }

    @Test func aGrowingCountMarksTheMedalsItLoses() {
        let objective = Objective(metric: .lost, medals: MedalThresholds(bronze: 4, silver: 2, gold: 0))
        var moments = MedalMoments(objective: objective, earned: .bronze)
        var m = ShiftRunner.run(level: try! Fixture.level(), mode: .event).metrics
        m.lost = 0
        #expect(moments.moments(in: m) == [])
        m.lost = 1
        #expect(moments.moments(in: m) == ["gold out of reach: lost 1"])
        m.lost = 3
        #expect(moments.moments(in: m) == ["silver out of reach: lost 3"])
        m.lost = 4
        #expect(moments.moments(in: m) == [], "bronze was earned: 4 lost is still bronze")
        var swings = MedalMoments(objective: Objective(metric: .leadTimeMean, medals: MedalThresholds(bronze: 90, silver: 60, gold: 40)),
                                  earned: .gold)
        #expect(swings.moments(in: m) == [], "a running mean is marked at the end only")
    }

    @Test func scriptedAndHandPlayedShiftsCastToo() throws {
        let level = try Fixture.level()
        let (script, _) = Script.compile(source: DebuggerTests.script, file: "t.brew", level: level)
        let compiled = try #require(script)
        let scripted = CompiledScriptSource(level: level, script: compiled, name: "t.brew")
        let scriptResult = ShiftRunner.run(level: level, script: compiled)
        let (_, scriptEvents) = try Self.parse(try Cast.record(source: scripted, result: scriptResult, level: level, header: Cast.Header(title: "t")))
        _ = try Self.checkFrames(scriptEvents, source: scripted, ticksPerFrame: 1)
        #expect(scriptEvents.last { $0.code == "m" }?.data == MedalMoments.end(of: scriptResult, objective: level.objective))

        let s = try Fixture.session(mode: nil)
        ManualPlayTests.playGreedily(s)
        let manual = try #require(s.player.shift as? ManualShift)
        let log = ManualLog.encode(baristas: manual.baristas, answers: manual.answersGiven)
        let handResult = try ShiftRunner.run(level: level, manualLog: log, seed: level.practiceSeed)
        let hand = ManualSource(level: level, baristas: manual.baristas, answers: manual.answersGiven)
        let (_, handEvents) = try Self.parse(try Cast.record(source: hand, result: handResult, level: level, header: Cast.Header(title: "t")))
        _ = try Self.checkFrames(handEvents, source: hand, ticksPerFrame: 1)
        #expect(handEvents.last { $0.code == "m" }?.data == MedalMoments.end(of: handResult, objective: level.objective))
        // Answers missing: the cast says where, instead of waiting for a player.
        let short = ManualSource(level: level, baristas: manual.baristas, answers: Array(manual.answersGiven.dropLast()))
        let shortLog = ManualLog.encode(baristas: manual.baristas, answers: Array(manual.answersGiven.dropLast()))
        let asked = try #require(throws: ManualLogError.self) { try ShiftRunner.run(level: level, manualLog: shortLog, seed: level.practiceSeed) }
        guard case .runsOut(let tick) = asked else { Issue.record("\(asked)"); return }
        #expect(throws: Cast.Failure.replay("the replay needs an answer at tick \(tick) that the run does not hold")) {
            try Cast.record(source: short, result: handResult, level: level, header: Cast.Header(title: "t"))
        }
    }

    @Test func aLongShiftShowsMoreTicksAFrame() throws {
        let level = try LevelLoader.load(yaml: Fixture.longDay(duration: 5000), path: "07-long.yaml")
        let source = BuiltInSource(level: level, mode: .event)
        let result = ShiftRunner.run(level: level, mode: .event)
        let cast = try Cast.record(source: source, result: result, level: level, header: Cast.Header(title: "t"))
        let (_, events) = try Self.parse(cast)
        let perFrame = (result.metrics.endTick + Cast.maxShiftFrames - 1) / Cast.maxShiftFrames
        #expect(perFrame == 5)
        let frames = events.filter { $0.code == "o" && !$0.data.isEmpty }
        #expect(frames.count <= Cast.maxShiftFrames + 1)
        #expect(frames.count == result.metrics.endTick / perFrame + 1)
        _ = try Self.checkFrames(frames, source: source, ticksPerFrame: perFrame, from: frames.count - 5)
    }

    @Test func theCastIsRefusedPastItsByteLimit() throws {
        #expect(Cast.byteLimit == 16_777_216)
        let level = try Fixture.level()
        let source = BuiltInSource(level: level, mode: .event)
        let result = ShiftRunner.run(level: level, mode: .event)
        let cast = try Cast.record(source: source, result: result, level: level, header: Cast.Header(title: "t"))
        let size = cast.utf8.count
        #expect(try Cast.record(source: source, result: result, level: level, header: Cast.Header(title: "t"), limit: size) == cast)
        #expect(throws: Cast.Failure.tooLarge(limit: size - 1)) {
            try Cast.record(source: source, result: result, level: level, header: Cast.Header(title: "t"), limit: size - 1)
        }
        #expect(Cast.Failure.tooLarge(limit: 10).description == "the cast would be larger than 10 bytes, the most a cast may have")
        var wrong = result
        wrong.metrics.endTick = 20
        #expect(throws: Cast.Failure.replay("the replay did not end at tick 20, as the run did")) {
            try Cast.record(source: source, result: wrong, level: level, header: Cast.Header(title: "t"))
        }
    }
}
