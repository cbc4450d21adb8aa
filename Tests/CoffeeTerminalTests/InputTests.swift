import CoffeeEngine
import CoffeeGame
@testable import CoffeeTerminal
import Testing

/// What each key does to a play session.
@Suite struct InputTests {
    @Test func spacePausesAndResumes() throws {
        let s = try Fixture.session()
        #expect(!s.player.paused)
        s.handle(.char(" "))
        #expect(s.player.paused)
        s.handle(.char(" "))
        #expect(!s.player.paused)
    }

    @Test func dotPausesAndRunsTheNextTickWithEvents() throws {
        let s = try Fixture.session()
        s.player.advance(to: 1)
        s.handle(.char("."))
        #expect(s.player.paused)
        #expect(s.player.shift.now == 2) // b0 finishes taking #1
        s.handle(.char("."))
        #expect(s.player.shift.now == 3) // #2 arrives
    }

    @Test func speedGoesFromOneToMaxAndStops() throws {
        let s = try Fixture.session()
        #expect(s.player.speedLabel == "1×")
        s.handle(.char("-"))
        #expect(s.player.speedLabel == "1×")
        for _ in 0..<6 { s.handle(.char("+")) }
        #expect(s.player.speedLabel == "64×")
        s.handle(.char("="))
        #expect(s.player.speedLabel == "max")
        s.handle(.char("+"))
        #expect(s.player.speedLabel == "max")
        s.handle(.char("_"))
        #expect(s.player.speedLabel == "64×")
    }

    @Test func tabCyclesThroughTheFrames() throws {
        let s = try Fixture.session()
        var seen: [FrameMode] = []
        for _ in 0..<3 {
            s.handle(.tab)
            seen.append(s.frameMode)
        }
        #expect(seen == [.barista(0), .barista(1), .shop])
        s.handle(.backTab)
        #expect(s.frameMode == .barista(1))
    }

    @Test func quitAndControlC() throws {
        let s = try Fixture.session()
        s.handle(.char("q"))
        #expect(s.exit == .quit)
        let t = try Fixture.session()
        t.handle(.ctrl("c"))
        #expect(t.exit == .signal(.interrupt))
    }

    @Test func helpClosesOnAnyKeyWithoutActing() throws {
        let s = try Fixture.session()
        s.handle(.char("?"))
        #expect(s.showHelp)
        s.handle(.char(" "))
        #expect(!s.showHelp)
        #expect(!s.player.paused)
    }

    @Test func theBriefingWaitsForSpace() throws {
        let s = try Fixture.session(briefing: true)
        #expect(s.player.paused)
        s.handle(.char("."))
        s.handle(.char("+"))
        #expect(s.showBriefing && s.player.shift.now == 0 && s.player.speedLabel == "1×")
        s.handle(.char(" "))
        #expect(!s.showBriefing && !s.player.paused)
    }

    @Test func restartGoesBackToTickZeroPaused() throws {
        let s = try Fixture.session()
        s.player.advance(to: 30)
        s.handle(.char(" "))
        s.handle(.char("r"))
        #expect(s.player.shift.now == 0)
        #expect(s.player.paused)
        #expect(s.player.history.log.isEmpty)
        #expect(s.message == "restarted: tick 0, paused — space runs")
    }

    /// At max speed a restart used to run the new shift to its end at once and record it again.
    @Test func restartAtMaxSpeedRecordsNothingNew() throws {
        var recorded = 0
        let s = try Fixture.session(onFinish: { _ in
            recorded += 1
            return nil
        })
        for _ in 0..<7 { s.handle(.char("+")) }
        var clock = 0.0
        s.update(elapsed: 1, deadline: 1e9, now: { clock += 0.001; return clock })
        #expect(s.player.isFinished && recorded == 1)
        s.handle(.char("r"))
        s.update(elapsed: 1, deadline: 1e9, now: { clock += 0.001; return clock })
        s.handle(.char("R"))
        s.update(elapsed: 1, deadline: 1e9, now: { clock += 0.001; return clock })
        #expect(s.player.shift.now == 0 && s.player.paused)
        #expect(recorded == 1)
    }

    @Test func noKeyIsIgnoredSilently() throws {
        let s = try Fixture.session()
        s.handle(.char("x"))
        #expect(s.message == "'x' does nothing here: ? lists the keys")
        s.handle(.char("v"))
        #expect(s.message == "'v' switches between the score card and the shop once the shift is over")
        s.handle(.char("u"))
        #expect(s.message == "u takes back a move in manual play; here ← seeks back")
        s.handle(.escape)
        #expect(s.message == "Esc does nothing here: ? lists the keys")
        let b = try Fixture.session(briefing: true)
        b.handle(.char("z"))
        #expect(b.message == "'z' does nothing on the briefing: space opens the shop, ↑↓ PgDn scroll, ? keys, q quits")
        let m = try Fixture.session(mode: nil)
        m.player.advance(to: 0)
        m.handle(.char("z"))
        #expect(m.message == "'z' is not a move: the keys beside the moves pick one, 0 idles, u undoes, ? lists every key")
    }

    @Test func reloadWithoutAScriptRestarts() throws {
        let s = try Fixture.session()
        s.player.advance(to: 30)
        s.handle(.char("R"))
        #expect(s.player.shift.now == 0)
        #expect(s.message?.contains("nothing to reload") == true)
    }

    @Test func aBrokenReloadShowsTheErrorAndKeepsTheShift() throws {
        let level = try Fixture.level()
        let player = try ShiftPlayer(source: BrokenOnReloadSource(inner: BuiltInSource(level: level, mode: .event)))
        let s = PlaySession(player: player, options: PlayOptions(showBriefing: false))
        s.player.advance(to: 20)
        s.handle(.char("R"))
        let problem = try #require(s.frame().problem)
        #expect(problem.diagnostics.first?.line == 4)
        #expect(problem.diagnostics.first?.column == 5)
        #expect(s.player.shift.now == 20)
        #expect(s.player.paused)
        s.handle(.char("r"))
        #expect(s.frame().problem == nil)
        #expect(s.player.shift.now == 0)
    }

    @Test func scriptPanelToggles() throws {
        let s = try Fixture.session(mode: .polling)
        s.handle(.char("s"))
        s.player.advance(to: 7)
        let panel = try #require(s.frame().script)
        // b0 loaded #1's shot at tick 5 and polls it.
        #expect(panel.markers.contains(ScriptPanel.Marker(barista: 0, line: 6, tickClass: .polling)))
        s.handle(.char("s"))
        #expect(s.frame().script == nil)
    }

    @Test func theEndCardAndTheShopSwitch() throws {
        let s = try Fixture.session()
        s.player.advance(to: 10_000)
        #expect(s.frame().card != nil)
        s.handle(.char("v"))
        #expect(s.frame().card == nil)
        s.handle(.enter)
        #expect(s.frame().card != nil)
    }

    @Test func manualPlayIsNotSeekable() throws {
        let s = try Fixture.session(mode: nil)
        s.handle(.left)
        #expect(s.message?.contains("only goes forward") == true)
    }
}

/// Manual play: the shop stops for the player, and a decision costs no ticks.
@Suite struct ManualPlayTests {
    @Test func theShopStopsWhenABaristaIsFree() throws {
        let s = try Fixture.session(mode: nil)
        s.player.advance(to: 50)
        let q = try #require(s.player.question)
        #expect(q.barista == 0 && q.tick == 0)
        #expect(q.options.map(\.label) == ["take o — #1 espresso", "idle — until something changes"])
        #expect(s.player.shift.now == 0)
        #expect(!s.player.isRunning)
    }

    @Test func aDecisionCostsNoTicks() throws {
        let s = try Fixture.session(mode: nil)
        s.player.advance(to: 50)
        s.handle(.char("1"))
        // b1 is asked next, at the same tick: only idling is left for it, so it is not asked.
        s.player.advance(to: 1)
        #expect(s.player.history.log.map(\.text).contains("b0 take #1"))
        #expect(s.player.history.log.first { $0.text == "b0 take #1" }?.tick == 0)
        let b0 = s.player.shift.metrics.baristas[0]
        #expect(b0.valueAdding == 1 && b0.idle == 0)
    }

    @Test func arrowsAndEnterPickTheHighlightedMove() throws {
        let s = try Fixture.session(mode: nil)
        s.player.advance(to: 0)
        s.handle(.down)
        #expect(s.choice == 1)
        s.handle(.up)
        s.handle(.up)
        #expect(s.choice == 1)
        s.handle(.enter) // idle until something changes
        // b0 is idle now, so the next question is b1's, still at tick 0.
        #expect(s.player.question?.barista == 1)
        #expect(s.player.question?.tick == 0)
    }

    /// A greedy player: collect, then hands-on work, then start a machine; otherwise wait for news.
    static func playGreedily(_ s: PlaySession, until tick: Int = 10_000) {
        var guardCount = 0
        while !s.player.isFinished, guardCount < 5_000 {
            guardCount += 1
            s.player.advance(to: tick)
            guard let q = s.player.question else { break }
            let rank: [ManualOption.Kind: Int] = [.collect: 0, .work: 1, .start: 2, .idle: 3, .wait: 4, .check: 5]
            let best = q.options.enumerated().min { (rank[$0.element.kind] ?? 9, $0.offset) < (rank[$1.element.kind] ?? 9, $1.offset) }
            s.player.answer(best?.element ?? q.options[q.options.count - 1])
        }
    }

    @Test func aGreedyPlayerFinishesTheShift() throws {
        let s = try Fixture.session(mode: nil)
        Self.playGreedily(s)
        #expect(s.player.isFinished)
        let m = s.player.shift.metrics
        #expect(m.served + m.lost == m.arrived)
        #expect(m.served >= 5)
        // Every event reached the log once: one arrival line per customer.
        #expect(s.player.history.log.filter { $0.text.hasSuffix("arrives") }.count == m.arrived)
        #expect(s.player.result?.strategy == "manual")
    }

    @Test func theSameAnswersGiveTheSameShift() throws {
        let a = try Fixture.session(mode: nil)
        let b = try Fixture.session(mode: nil)
        Self.playGreedily(a)
        Self.playGreedily(b)
        #expect(a.player.shift.digest == b.player.shift.digest)
        #expect(a.player.history.lanes == b.player.history.lanes)
    }

    @Test func idlingUntilNewsWaitsForTheNextCustomer() throws {
        let s = try Fixture.session(mode: nil)
        s.player.advance(to: 0)
        s.handle(.char("0")) // b0 idles; #1 is left for later
        s.player.advance(to: 50)
        let next = try #require(s.player.question)
        #expect(next.tick == 0 && next.barista == 1) // so b1 is asked about #1
        s.handle(.char("0"))
        s.player.advance(to: 50)
        let q = try #require(s.player.question)
        // Nothing changed for either until #2 came in at tick 3.
        #expect(q.tick == 3 && q.barista == 0)
        #expect(q.options.map(\.label).prefix(2) == ["take o — #1 espresso", "take o — #2 latte"])
        #expect(s.player.shift.metrics.baristas[0].idle == 3)
    }
}

/// A script that breaks a rule at run time: the screen shows where, with the line quoted.
@Suite struct RuntimeErrorTests {
    struct Failing: Strategy {
        struct TaskState {}
        let crew = [0, 0]
        var line: [Int: Int] = [:]
        mutating func orderArrived(_ order: OrderID, shop: ShopState, spawn: inout Spawner<TaskState>) {
            spawn.spawn(TaskState(), order: order)
        }
        mutating func next(_ task: inout TaskState, context: TaskContext, result: ActionResult, shop: ShopState) -> Action {
            line[context.barista] = 3
            return shop.now >= 4 ? .fail("cannot steam an espresso") : .idle(2)
        }
    }

    struct FailingSource: ShiftSource {
        let level: Level
        var strategyName: String { "bad.brew" }
        var seed: UInt64 { 1 }
        var scriptText: String? { "on order o:\n    take o\n    steam o\n" }
        var scriptPath: String? { "bad.brew" }
        func makeShift() throws(ShiftSourceError) -> any PlayableShift {
            SimulationShift(Simulation(config: level.config, strategy: Failing(), seed: 1),
                            currentLine: { sim, b in sim.strategy.line[b] })
        }
    }

    @Test func theErrorShowsTheLineAndTheSource() throws {
        let player = try ShiftPlayer(source: FailingSource(level: try Fixture.level()))
        let s = PlaySession(player: player, options: PlayOptions(showBriefing: false))
        s.player.advance(to: 100)
        #expect(s.player.isFinished)
        let problem = try #require(s.frame().problem)
        #expect(problem.title == "the shift stopped at tick 4, barista b0")
        #expect(problem.diagnostics.first?.line == 3)
        #expect(problem.diagnostics.first?.sourceLine == "    steam o")
        #expect(problem.diagnostics.first?.message == "cannot steam an espresso")
        let text = s.render(size: Fixture.size).text
        #expect(text.contains("SCRIPT ERROR"))
        #expect(text.contains("bad.brew:3:5: error: cannot steam an espresso"))
        #expect(text.contains("3 │     steam o"))
        #expect(s.player.result?.status == .scriptError)
    }
}

/// A BrewScript that breaks a recipe rule: the score card and the error box name one place, the
/// command (line 7, column 5), and the caret is under it, not under the indentation.
@Suite struct ScriptErrorPlaceTests {
    static let source = """
    # serves before pouring
    on order o:
        take o
        grind o
        shot = start brew o on espresso
        await shot
        serve o
        pour o
    """

    struct OopsSource: ShiftSource {
        let level: Level
        let script: Script
        var strategyName: String { "oops.brew" }
        var seed: UInt64 { 1 }
        var scriptText: String? { ScriptErrorPlaceTests.source }
        var scriptPath: String? { "oops.brew" }
        func makeShift() throws(ShiftSourceError) -> any PlayableShift {
            let script = self.script
            return SimulationShift(Simulation(config: level.config, strategy: ScriptStrategy(script: script), seed: 1),
                                   currentLine: { sim, b in sim.strategy.currentSpan[b].map { Int($0.line) } },
                                   result: { sim, level, _ in ShiftRunner.result(of: sim, level: level, script: script) })
        }
    }

    @Test func theCardAndTheBoxPutTheCaretAtTheCommand() throws {
        let level = try Fixture.level()
        let script = try #require(Script.compile(source: Self.source, file: "oops.brew", level: level).script)
        let player = try ShiftPlayer(source: OopsSource(level: level, script: script))
        let s = PlaySession(player: player, options: PlayOptions(showBriefing: false))
        s.player.advance(to: 100)
        let result = try #require(s.player.result)
        let message = "'serve' of #1 (espresso) comes after 'pour', which is not done"
        #expect(ScoreCard.render(result).split(separator: "\n")[1] == "status      script-error at line 7:5, tick 26: \(message)")
        let problem = try #require(s.frame().problem)
        #expect(problem.diagnostics.map(\.description) == ["oops.brew:7:5: error: \(message)"])
        let lines = s.render(size: Fixture.size).text.split(separator: "\n").map { String($0) }
        let quoted = try #require(lines.firstIndex { $0.contains("7 │     serve o") })
        let caret = try #require(lines[quoted + 1].firstIndex(of: "^"))
        let serve = try #require(lines[quoted].range(of: "serve o")?.lowerBound)
        #expect(lines[quoted].distance(from: lines[quoted].startIndex, to: serve)
                == lines[quoted + 1].distance(from: lines[quoted + 1].startIndex, to: caret))
        #expect(lines[quoted + 1].contains("^~~~~ "))
    }
}
