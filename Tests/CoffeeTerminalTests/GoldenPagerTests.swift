import CoffeeEngine
import CoffeeGame
@testable import CoffeeTerminal
import Testing

/// Pages that scroll, the legend, the pause of a too-small window and undo, as golden text at the
/// smallest window (80×24) and a large one (120×40).
@Suite struct GoldenPagerTests {
    static let large = TerminalSize(columns: 120, rows: 40)

    /// The test bar with a briefing longer than any window's box.
    static func longBriefing() throws -> PlaySession {
        let paragraph = "A paragraph of the briefing that goes on for a while, so that the whole of it cannot fit"
            + " in one box at the smallest window and the player has to scroll down to read the rest of it."
        var yaml = Fixture.yaml
        let old = "  Nothing here changes unless the tests change.\n"
        let more = (1...6).map { "\n  \($0). \(paragraph)\n" }.joined() + "\n  The last line: the number the player needs is 42.\n"
        yaml = yaml.replacingOccurrences(of: old, with: old + more)
        let level = try LevelLoader.load(yaml: yaml, path: "07-test-bar.yaml")
        let player = try ShiftPlayer(source: BuiltInSource(level: level, mode: .event))
        return PlaySession(player: player, options: PlayOptions(mode: .play, showBriefing: true))
    }

    @Test func theBriefingScrollsToItsLastLine() throws {
        let s = try Self.longBriefing()
        expectGolden(s.render(size: Fixture.size), "briefing-top", """
         BARISTA  07 test-bar · Test Bar  event · seed 1                    ‖ paused 1×
         tick 0/100   served 0/0   lost 0   cold 0   value-added 0%   profit $0.00
        ─ ┌─ 07 test-bar · Test Bar ─────────────────────────────────────────────────┐──
         n│ a shop for the screen tests                                              │
          │                                                                          │
          │ A small shop for the screen tests: two baristas, an espresso machine     │──
          │ with two group heads and a steamer.                                      │
          │                                                                          │
          │ Nothing here changes unless the tests change.                            │
          │                                                                          │
          │ 1. A paragraph of the briefing that goes on for a while, so that the     │
          │ whole of it cannot fit in one box at the smallest window and the player  │
        ─ │ has to scroll down to read the rest of it.                               │ ─
        b0│                                                                          │
        b1│ 2. A paragraph of the briefing that goes on for a while, so that the     │
        es│ whole of it cannot fit in one box at the smallest window and the player  │
        es│ has to scroll down to read the rest of it.                               │
        st│                                                                          │
          │ 3. A paragraph of the briefing that goes on for a while, so that the     │
          │                                                                          │
          │ space: open the shop   ↓ PgDn: read on   ?: keys        lines 1–16 of 36 │
          └──────────────────────────────────────────────────────────────────────────┘

         space open the shop  ↑↓ PgDn scroll  ? help                             q quit
        """)
        s.handle(.pageDown)
        s.handle(.end)
        expectGolden(s.render(size: Fixture.size), "briefing-end", """
         BARISTA  07 test-bar · Test Bar  event · seed 1                    ‖ paused 1×
         tick 0/100   served 0/0   lost 0   cold 0   value-added 0%   profit $0.00
        ─ ┌─ 07 test-bar · Test Bar ─────────────────────────────────────────────────┐──
         n│ whole of it cannot fit in one box at the smallest window and the player  │
          │ has to scroll down to read the rest of it.                               │
          │                                                                          │──
          │ 5. A paragraph of the briefing that goes on for a while, so that the     │
          │ whole of it cannot fit in one box at the smallest window and the player  │
          │ has to scroll down to read the rest of it.                               │
          │                                                                          │
          │ 6. A paragraph of the briefing that goes on for a while, so that the     │
          │ whole of it cannot fit in one box at the smallest window and the player  │
        ─ │ has to scroll down to read the rest of it.                               │ ─
        b0│                                                                          │
        b1│ The last line: the number the player needs is 42.                        │
        es│                                                                          │
        es│ Goal: max served — bronze 3 · silver 5 · gold 6                          │
        st│ Strategy: event. Watch the tick classes: value-adding, waiting, polling, │
          │ idle.                                                                    │
          │                                                                          │
          │ space: open the shop   ?: keys   q: quit               lines 21–36 of 36 │
          └──────────────────────────────────────────────────────────────────────────┘

         space open the shop  ↑↓ PgDn scroll  ? help                             q quit
        """)
        #expect(s.render(size: Fixture.size).text.contains("the number the player needs is 42"))
        s.handle(.home)
        expectGolden(s.render(size: Self.large), "briefing-large", """
         BARISTA  07 test-bar · Test Bar  event · seed 1                                                            ‖ paused 1×
         tick 0/100   served 0/0   lost 0   cold 0   value-added 0%   profit $0.00   goal max served: 0 → bronze 3
        ─ COUNTER ────────────┌─ 07 test-bar · Test Bar ─────────────────────────────────────────────────┐──────────────────────
         no customers         │ a shop for the screen tests                                              │
                              │                                                                          │
                              │ A small shop for the screen tests: two baristas, an espresso machine     │──────────────────────
                              │ with two group heads and a steamer.                                      │
                              │                                                                          │
                              │ Nothing here changes unless the tests change.                            │
                              │                                                                          │
                              │ 1. A paragraph of the briefing that goes on for a while, so that the     │
                              │ whole of it cannot fit in one box at the smallest window and the player  │
        ─ TIMELINE · shop fram│ has to scroll down to read the rest of it.                               │'s frame · ticks 0–0 ─
        b0        │·          │                                                                          │
        b1        │·          │ 2. A paragraph of the briefing that goes on for a while, so that the     │
        espresso 1│           │ whole of it cannot fit in one box at the smallest window and the player  │
        espresso 2│           │ has to scroll down to read the rest of it.                               │
        steamer   │           │                                                                          │
                              │ 3. A paragraph of the briefing that goes on for a while, so that the     │
                              │ whole of it cannot fit in one box at the smallest window and the player  │
                              │ has to scroll down to read the rest of it.                               │
                              │                                                                          │
                              │ 4. A paragraph of the briefing that goes on for a while, so that the     │
                              │ whole of it cannot fit in one box at the smallest window and the player  │
                              │ has to scroll down to read the rest of it.                               │
                              │                                                                          │
                              │ 5. A paragraph of the briefing that goes on for a while, so that the     │
                              │ whole of it cannot fit in one box at the smallest window and the player  │
                              │ has to scroll down to read the rest of it.                               │
                              │                                                                          │
                              │ 6. A paragraph of the briefing that goes on for a while, so that the     │
                              │ whole of it cannot fit in one box at the smallest window and the player  │
                              │ has to scroll down to read the rest of it.                               │
                              │                                                                          │
                              │ The last line: the number the player needs is 42.                        │
                              │                                                                          │
                              │ space: open the shop   ↓ PgDn: read on   ?: keys        lines 1–32 of 36 │
                              └──────────────────────────────────────────────────────────────────────────┘

         space open the shop  ↑↓ PgDn scroll  ? help                                                                     q quit
        """)
        // Scrolling does not open the shop; space does.
        #expect(s.showBriefing && s.player.paused)
        s.handle(.char(" "))
        #expect(!s.showBriefing && !s.player.paused)
    }

    @Test func theLegendNamesEveryMark() throws {
        let s = try Fixture.session()
        s.handle(.char("?"))
        s.handle(.end)
        expectGolden(s.render(size: Fixture.size), "legend-end", """
         BARISTA  07 test-bar · Test Bar  event · seed 1                           ▶ 1×
         ┌─ KEYS AND MARKS ───────────────────────────────────────────────────────────┐
        ─│   12~~  brewing order #12 on its own                                       │─
         │   d     done, waiting in its slot to be collected (it cools)               │
         │   c     cold: left past the cooling limit                                  │
         │   3     a machine on one row: how many of its slots are in use             │─
         │ HEAT (h, in the script panel)                                              │
         │   ██▌ 57%  the line's share of every barista tick so far, coloured by its  │
         │ CUMULATIVE FLOW (f)                                                        │
         │   █     served, counted up from the bottom; then left (red)                │
         │   ▒     in progress: arrived, not served yet; its height is the WIP        │
         │ A BARISTA'S FRAME (Tab): its row, then a row per order it touched          │
        ─│   -     the order waits for a barista: in the shop, nobody on it           │─
        b│   ~     its product brews while the barista is free for others             │
        b│ COUNTER                                                                    │
        e│   !     nobody has begun this order yet (take it, or they leave)           │
        e│   2/6   steps of the recipe done                                           │
        s│   ███░░░ 12 patience left, and the ticks until they leave                  │
         │                                                                            │
         │ The shop's frame: marks in one column happen at once, in parallel.         │
         │ A barista's frame: one thing at a time, orders interleaved: concurrency.   │
         │ lines 27–45 of 45 · ↑ PgUp back · any other key closes                     │
         └────────────────────────────────────────────────────────────────────────────┘
         ↑↓ PgDn scroll  any key close help                                      q quit
        """)
        expectGolden(s.render(size: Self.large), "legend-large", """
         BARISTA  07 test-bar · Test Bar  event · seed 1                                                                   ▶ 1×
         tick 0/100   served ┌─ KEYS AND MARKS ───────────────────────────────────────────────────────────┐ronze 3
        ─ COUNTER ───────────│ u              manual play: take back the last move (again and again)      │─────────────────────
         no customers        │ b  ↑↓          script: breakpoint on the script cursor's line (↑↓ move it) │
                             │ t              script: step the selected barista's task to its next line   │
                             │ i  <           script: inspect tasks and variables · back to the last stop │─────────────────────
                             │ v  n           at the end: score card or the shop · the next level         │
                             │ ↑ ↓ PgUp PgDn  scroll the briefing and this help (↑ ↓ the score card)      │
                             │ q  Ctrl-C      quit (what was recorded is said on the way out)             │
                             │                                                                            │
                             │ BARISTAS (a row each in the shop's frame)                                  │
                             │   12==  working on order #12: the number starts each stretch of work       │
        ─ TIMELINE · shop fra│   w     waiting: standing at a machine until it is done (wait)             │s frame · ticks 0–0 ─
        b0        │·         │   p     polling: looking at a machine (check)                              │
        b1        │·         │   s     switching from one order to another                                │
        espresso 1│          │   ·     idle: nothing to do, or told to idle                               │
        espresso 2│          │ MACHINE SLOTS                                                              │
        steamer   │          │   l     loading: a barista puts the order in (its load ticks)              │
                             │   12~~  brewing order #12 on its own                                       │
                             │   d     done, waiting in its slot to be collected (it cools)               │
                             │   c     cold: left past the cooling limit                                  │
                             │   3     a machine on one row: how many of its slots are in use             │
                             │ HEAT (h, in the script panel)                                              │
                             │   ██▌ 57%  the line's share of every barista tick so far, coloured by its  │
                             │ CUMULATIVE FLOW (f)                                                        │
                             │   █     served, counted up from the bottom; then left (red)                │
                             │   ▒     in progress: arrived, not served yet; its height is the WIP        │
                             │ A BARISTA'S FRAME (Tab): its row, then a row per order it touched          │
                             │   -     the order waits for a barista: in the shop, nobody on it           │
                             │   ~     its product brews while the barista is free for others             │
                             │ COUNTER                                                                    │
                             │   !     nobody has begun this order yet (take it, or they leave)           │
                             │   2/6   steps of the recipe done                                           │
                             │   ███░░░ 12 patience left, and the ticks until they leave                  │
                             │                                                                            │
                             │ The shop's frame: marks in one column happen at once, in parallel.         │
                             │ A barista's frame: one thing at a time, orders interleaved: concurrency.   │
                             │ lines 11–45 of 45 · ↑ PgUp back · any other key closes                     │
                             └────────────────────────────────────────────────────────────────────────────┘
         ↑↓ PgDn scroll  any key close help                                                                              q quit
        """)
        s.handle(.char("x"))
        #expect(!s.showHelp)
    }

    @Test func theScoreCardScrolls() throws {
        let s = try Fixture.session(onFinish: { _ in
            Standing(rank: 1, total: 1, scores: [6], note: "saved as run #1")
        })
        s.player.advance(to: 10_000)
        for _ in 0..<10 { s.handle(.down) }
        expectGolden(s.render(size: Fixture.size), "end-card-scrolled", """
         BARISTA  07 test-bar · Test Bar  event · seed 1                   ■ shift over
         tick 89/100   served 6/6   lost 0   cold 1   value-added 32%   profit $14.82

         WHERE THE SPEEDUP CAME FROM
           concurrency +1 (your arrangement against blocking, 2 baristas)
           parallelism ±0 (2 baristas against 1 barista) · extra baristas $0.84 in
           wages
         COACHING
           · the crew stood idle 121 ticks (more than one whole shift): with 1 instead
             of 2 the same customers give max served: 6 (yours 6), $0.84 less in wages
           · 1 drink went cold in its slot: collect it sooner

         WHAT NEXT
           r  retry this shift

         BARISTA TIME  █ value-adding  w waiting  p polling  s switching  · idle
         b0  █████████████████······················· 42% value  most waste: idle 58%
         b1  █████████······························· 22% value  most waste: idle 78%
         espresso ×2    busy 67%  holding done 0%  empty 33%
         steamer ×1     busy 27%  holding done 12%  empty 61%

         LEADERBOARD  rank 1 of 1   saved as run #1
                                                          lines 11–30 of 36 · ↑↓ scroll
         r retry  v see the shop  ↑↓ scroll  ←→ seek  Tab frame                  q quit
        """)
        expectGolden(s.render(size: Self.large), "end-card-large", """
         BARISTA  07 test-bar · Test Bar  event · seed 1                                                           ■ shift over
         tick 89/100   served 6/6   lost 0   cold 1   value-added 32%   profit $14.82   goal max served: 6 (gold)
        ─ SHIFT OVER · score card ──────────────────────────────────────────────────────────────────── digest 4dbd986648dbee97 ─
         ★ GOLD on this seed   max served: 6
         bronze 3 · silver 5 · gold 6   gold: the best there is
         Medals are judged on the mean of 32 hidden seeds (barista eval), not on this one.
         served 6 of 6   cold 1   lost 0 (0 unacknowledged · 0 unserved · 0 at closing)
         lead time  mean 35.5  p95 49  max 49   ×1.22 of the lower bound (29)
         last served at tick 89   ×1.00 of the lower bound (89)
         value added 32% of barista time   counter wait p95 0   checks 0
         profit $14.82 = revenue $17.40 − wages $1.78 − waste $0.80

         WHERE THE SPEEDUP CAME FROM
           concurrency +1 (your arrangement against blocking, 2 baristas)
           parallelism ±0 (2 baristas against 1 barista) · extra baristas $0.84 in wages
         COACHING
           · the crew stood idle 121 ticks (more than one whole shift): with 1 instead of 2 the same customers give max served:
             6 (yours 6), $0.84 less in wages
           · 1 drink went cold in its slot: collect it sooner

         WHAT NEXT
           r  retry this shift

         BARISTA TIME  █ value-adding  w waiting  p polling  s switching  · idle
         b0  █████████████████······················· 42% value · 0% wait · 0% poll · 0% switch · 58% idle
         b1  █████████······························· 22% value · 0% wait · 0% poll · 0% switch · 78% idle
         espresso ×2    busy 67%  holding done 0%  empty 33%
         steamer ×1     busy 27%  holding done 12%  empty 61%

         LEADERBOARD  rank 1 of 1   saved as run #1
           ███
           ███
           ███
           ███  1 run · max served · better →
           6
           ^ you



         r retry  v see the shop  ↑↓ scroll  ←→ seek  Tab frame                                                          q quit
        """)
    }

    @Test func aWindowTooSmallPausesTheShift() throws {
        let s = try Fixture.session()
        let t = MemoryTerminal(size: TerminalSize(columns: 70, rows: 20), inputs: [
            .wait(5), .events([.resize(Fixture.size)]), .wait(2), .events([.key(.char("q"))]),
        ])
        _ = PlayLoop.run(s, on: t)
        // Seven seconds at 1×, none of them seen: the clock did not move.
        #expect(s.player.shift.now == 0 && s.player.paused)
        let small = try #require(t.frames.first)
        expectGolden(small, "too-small-paused", """









         Barista needs a window of at least 80×24. This one is 70×20: make it
                   larger. The shift is paused until then. q quits.
        """)
        expectGolden(try #require(t.lastFrame), "too-small-after", """
         BARISTA  07 test-bar · Test Bar  event · seed 1                    ‖ paused 1×
         tick 0/100   served 0/0   lost 0   cold 0   value-added 0%   profit $0.00
        ─ COUNTER ────────────────────┬─ BARISTAS ──────────────────────────────────────
         no customers                 │ b0 · idle         free
                                      │ b1 · idle         free
                                      ├─ MACHINES ──────────────────────────────────────
                                      │ espresso  ·            ·
                                      │ steamer   ·
                                      │
                                      │
                                      │
                                      │
        ─ TIMELINE · shop frame: everyone at once ──────── Tab: b0's frame · ticks 0–0 ─
        b0        │·
        b1        │·
        espresso 1│
        espresso 2│
        steamer   │





         paused while the window was too small: space runs on
        """)
    }

    @Test func undoTakesBackMovesAndTheLogStillVerifies() throws {
        let s = try Fixture.session(mode: nil)
        s.player.advance(to: 0)
        s.handle(.char("1")) // b0 takes #1
        s.player.advance(to: 3)
        s.handle(.char("1")) // b1 takes #2
        s.player.advance(to: 5)
        let moves = try #require(s.player.shift.manual).answersGiven.count
        s.handle(.char("u"))
        #expect(try #require(s.player.shift.manual).answersGiven.count == moves - 1)
        expectGolden(s.render(size: Fixture.size), "undo", """
         BARISTA  07 test-bar · Test Bar  manual · seed 1                   ? your move
         tick 2/100   served 0/1   lost 0   cold 0   value-added 50%   profit -$0.04
        ─ COUNTER ────────────────────┬─ BARISTAS ──────────────────────────────────────
         #1  espresso  1/5 ██████   58│ b0 ▶ your move: pick what b0 does next
                                      │ b1 · idle         free
                                      ├─ MACHINES ──────────────────────────────────────
                                      │ espresso  ·            ·
                                      │ steamer   ·
                                      │
                                      │
                                      │
                                      │
        ─ YOUR MOVE · b0 is free at tick 2 ─────────────────────────────────────────────
         1 grind o — #1 espresso                0 idle — until something changes
        ─ TIMELINE · shop frame: everyone at once ──────── Tab: b0's frame · ticks 0–2 ─
        b0        │1=·
        b1        │···
        espresso 1│
        espresso 2│
        steamer   │


         t0 #1 espresso arrives · t0 b0 take #1
         took back b0's move at tick 2 (1 move kept)
        """)
        s.handle(.char("u"))
        s.handle(.char("u"))
        expectGolden(s.render(size: Self.large), "undo-large", """
         BARISTA  07 test-bar · Test Bar  manual · seed 1                                                           ? your move
         tick 0/100   served 0/1   lost 0   cold 0   value-added 0%   profit $0.00   goal max served: 0 → bronze 3
        ─ COUNTER ────────────────── 1 new ─┬─ BARISTAS ────────────────────────────────────────────────────────────────────────
        !#1  espresso        0/5 ██████   20│ b0 ▶ your move: pick what b0 does next
                                            │ b1 · idle         idle
                                            ├─ MACHINES ────────────────────────────────────────────────────────────────────────
                                            │ espresso  ·            ·
                                            │ steamer   ·
                                            │
                                            │
                                            │
                                            │
        ─ YOUR MOVE · b0 is free at tick 0 ─────────────────────────────────────────────────────────────────────────────────────
         1 take o — #1 espresso                                     0 idle — until something changes
        ─ TIMELINE · shop frame: everyone at once ──────────────────────────────────────────────── Tab: b0's frame · ticks 0–0 ─
        b0        │·
        b1        │·
        espresso 1│
        espresso 2│
        steamer   │



















         nothing to undo: no move made yet
        """)
        s.handle(.char("u"))
        #expect(s.message == "nothing to undo: no move made yet")
        ManualPlayTests.playGreedily(s)
        let manual = try #require(s.player.shift.manual)
        let source = ManualSource(level: try Fixture.level(), answers: manual.answersGiven)
        #expect(try ReplayCheck.verify(source, digest: s.player.shift.digest))
    }
}
