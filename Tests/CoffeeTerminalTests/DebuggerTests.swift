import CoffeeEngine
import CoffeeGame
@testable import CoffeeTerminal
import Testing

/// The step debugger on a script: breakpoints, stepping one task, the inspect panel, rewinding.
@Suite struct DebuggerTests {
    static let script = """
        workers 2
        on order o:
            take o
            grind o
            shot = start brew o on espresso
            if o.item == latte:
                milk = start steam o on steamer
                await milk
            await shot
            pour o
            serve o
        """

    static func session(replay: Bool = false) throws -> PlaySession {
        let level = try Fixture.level()
        let (compiled, diagnostics) = Script.compile(source: script, file: "debug.brew", level: level)
        let script = try #require(compiled, "\(diagnostics)")
        let player = try ShiftPlayer(source: CompiledScriptSource(level: level, script: script, name: "debug.brew"))
        return PlaySession(player: player, options: PlayOptions(mode: replay ? .replay : .play, showBriefing: false))
    }

    static func run(_ s: PlaySession, seconds: Double) {
        var clock = 0.0
        s.update(elapsed: seconds, deadline: 1e9, now: { clock += 0.001; return clock })
    }

    @Test func aBreakpointPausesWhenABaristaReachesItsLine() throws {
        let s = try Self.session()
        s.handle(.char("s"))
        for _ in 0..<8 { s.handle(.down) } // the cursor from line 1 to line 9: await shot
        s.handle(.char("b"))
        #expect(s.player.breakpoints == [9])
        #expect(s.message == "breakpoint on line 9: the shift pauses when a barista reaches it")
        Self.run(s, seconds: 60)
        #expect(s.player.paused && !s.player.isFinished)
        #expect(s.player.shift.now == 6)
        #expect(s.player.stopReason == "b0 reached breakpoint line 9")
        #expect(s.player.shift.currentLine(barista: 0) == 9)
        expectGolden(s.render(size: Fixture.size), "debug-breakpoint", """
         BARISTA  07 test-bar · Test Bar  debug.brew · seed 1               ‖ paused 1×
         tick 6/100   served 0/2   lost 0   cold 0   value-added 75%   profit -$0.12
        ─ COUNTER ────────────────────┬─ BARISTAS ──────────────────────────────────────
         #1  espresso  2/5 ██████   54│ b0 · idle         free
         #2  latte     1/6 ██████   57│ b1 = value-adding grind #2 latte     ██░░░░ 1/3
                                      ├─ MACHINES ──────────────────────────────────────
                                      │ espresso  #1 ▱▱▱▱▱▱▱▱▱ ·
                                      │ steamer   ·
                                      │
                                      │
                                      │
                                      │
        ─ SCRIPT · debug.brew ────────────────────────────────── h: heat · s: timeline ─
           4  1│     grind o  ◀ b1 value-adding
           5   │     shot = start brew o on espresso
           6   │     if o.item == latte:
           7   │         milk = start steam o on steamer
           8   │         await milk
           9●0 │     await shot  ◀ b0 idle
          10   │     pour o
          11   │     serve o
         t0 b0 take #1 · t2 b0 grind #1 · t3 #2 latte arrives
         t3 b1 take #2 · t5 b1 grind #2 · t6 b0 starts espresso for #1
         b0 reached breakpoint line 9 — t steps its task, i inspects, space runs on
        """)
        // Reload keeps the breakpoints (restart, too).
        s.reload()
        #expect(s.player.breakpoints == [9] && s.player.shift.now == 0)
    }

    @Test func stepOneTaskRunsToItsNextLine() throws {
        let s = try Self.session()
        s.player.advance(to: 1)
        #expect(s.player.shift.currentLine(barista: 0) == 3) // b0 takes #1
        s.handle(.char("t"))
        #expect(s.player.shift.currentLine(barista: 0) == 4)
        #expect(s.player.shift.now == 2)
        #expect(s.message == "b0: task t0.0 is on line 4")
        s.handle(.char("t"))
        #expect(s.player.shift.currentLine(barista: 0) == 5)
        #expect(s.player.shift.now == 5)
        s.handle(.char("i"))
        expectGolden(s.render(size: Fixture.size), "debug-inspect", """
         BARISTA  07 test-bar · Test Bar  debug.brew · seed 1               ‖ paused 1×
         tick 5/100   served 0/2   lost 0   cold 0   value-added 70%   profit -$0.10
        ─ COUNTER ────────────────────┬─ BARISTAS ──────────────────────────────────────
         #1  espresso  2/5 ██████   55│ b0 = value-adding load espresso #1
         #2  latte     0/6 ██████   58│ b1 = value-adding take #2 latte      ██████ 2/2
                                      ├─ MACHINES ──────────────────────────────────────
                                      │ espresso  #1 load      ·
                                      │ steamer   ·
                                      │
                                      │
                                      │
                                      │
        ─ INSPECT · b0 runs t0.0, on order ─────────────────── Tab: barista · i: close ─
         stopped: task t0.0 is on line 5
         line 5  ·  order #1  ·  running  ·  waits for: its step to end (value-adding)
           o = order#1   shot = none   milk = none
         LIVE TASKS 2
           b0 t0.0 line 5 #1 running   b1 t1.0 line 3 #2 running



         t0 #1 espresso arrives
         t0 b0 take #1 · t2 b0 grind #1 · t3 #2 latte arrives · t3 b1 take #2
         space run  t step task  b break  i inspect  < rewind  Tab barista       q quit
        """)
        expectGolden(s.render(size: GoldenPagerTests.large), "debug-inspect-large", """
         BARISTA  07 test-bar · Test Bar  debug.brew · seed 1                                                       ‖ paused 1×
         tick 5/100   served 0/2   lost 0   cold 0   value-added 70%   profit -$0.10   goal max served: 0 → bronze 3
        ─ COUNTER ──────────────────────────┬─ BARISTAS ────────────────────────────────────────────────────────────────────────
         #1  espresso        2/5 ██████   55│ b0 = value-adding load espresso #1
         #2  latte           0/6 ██████   58│ b1 = value-adding take #2 latte                                        ██████ 2/2
                                            ├─ MACHINES ────────────────────────────────────────────────────────────────────────
                                            │ espresso  #1 load      ·
                                            │ steamer   ·
                                            │
                                            │
                                            │
                                            │
        ─ INSPECT · b0 runs t0.0, on order ─────────────────────────────────────────────────────────── Tab: barista · i: close ─
         stopped: task t0.0 is on line 5
         line 5  ·  order #1  ·  running  ·  waits for: its step to end (value-adding)
           o = order#1   shot = none   milk = none
         LIVE TASKS 2
           b0 t0.0 line 5 #1 running   b1 t1.0 line 3 #2 running




















         t0 #1 espresso arrives · t0 b0 take #1 · t2 b0 grind #1 · t3 #2 latte arrives · t3 b1 take #2
         space run  t step task  b break  i inspect  < rewind  Tab barista  s script  ? help                             q quit
        """)
        // Rewind: back to the pause before, then the one before that.
        s.handle(.char("<"))
        #expect(s.player.shift.now == 2)
        s.handle(.char("<"))
        #expect(s.player.shift.now == 1)
    }

    @Test func theInspectPanelShowsTheTasksVariables() throws {
        let s = try Self.session()
        s.player.advance(to: 8)
        let tasks = s.player.shift.debugTasks()
        let b0 = try #require(tasks.first { $0.order == 1 })
        #expect(b0.status == "awaiting product 1")
        #expect(b0.locals.first == "o = order#1")
        #expect(b0.locals.contains { $0.hasPrefix("shot = ") })
        #expect(b0.order == 1)
    }

    @Test func theDebuggerWorksOnReplaysToo() throws {
        let s = try Self.session(replay: true)
        s.player.breakpoints = [10]
        Self.run(s, seconds: 60)
        #expect(s.player.stopReason?.hasSuffix("reached breakpoint line 10") == true)
        let at = s.player.shift.now
        s.handle(.char("t"))
        #expect(s.player.shift.now > at)
        s.handle(.char("<"))
        #expect(s.player.shift.now == at)
    }

    @Test func manualPlayHasNoDebugger() throws {
        let s = try Fixture.session(mode: nil)
        s.handle(.escape)
        s.player.advance(to: 0)
        s.handle(.char("u"))
        s.handle(.char("<"))
        #expect(s.message == "rewinding is for scripts and replays; by hand, u takes back a move")
    }
}
