import CoffeeEngine
import CoffeeGame
@testable import CoffeeTerminal
import Testing

/// The main screens as golden text on the in-memory backend (80×24, the smallest window).
@Suite struct GoldenScreenTests {
    @Test func start() throws {
        let s = try Fixture.session(briefing: true)
        expectGolden(s.render(size: Fixture.size), "start", """
         BARISTA  07 test-bar · Test Bar  event · seed 1                    ‖ paused 1×
         tick 0/100   served 0/0   lost 0   cold 0   value-added 0%   profit $0.00
        ─ COUNTER ────────────────────┬─ BARISTAS ──────────────────────────────────────
         no customers                 │ b0 · idle         free
                                      │ b1 · idle         free
          ┌─ 07 test-bar · Test Bar ─────────────────────────────────────────────────┐──
          │ a shop for the screen tests                                              │
          │                                                                          │
          │ A small shop for the screen tests: two baristas, an espresso machine     │
          │ with two group heads and a steamer.                                      │
          │                                                                          │
          │ Nothing here changes unless the tests change.                            │
        ─ │                                                                          │ ─
        b0│ Goal: max served — bronze 3 · silver 5 · gold 6                          │
        b1│ Strategy: event. Watch the tick classes: value-adding, waiting, polling, │
        es│ idle.                                                                    │
        es│                                                                          │
        st│ space: open the shop   ?: keys   q: quit                                 │
          └──────────────────────────────────────────────────────────────────────────┘




         space open the shop  ↑↓ PgDn scroll  ? help                             q quit
        """)
    }

    @Test func midShift() throws {
        let s = try Fixture.session()
        s.player.advance(to: 40)
        expectGolden(s.render(size: Fixture.size), "mid-shift", """
         BARISTA  07 test-bar · Test Bar  event · seed 1                           ▶ 1×
         tick 40/100   served 2/5   lost 0   cold 1   value-added 45%   profit $1.40
        ─ COUNTER ────────────────────┬─ BARISTAS ──────────────────────────────────────
         #3  latte     2/6 ███░░░   30│ b0 · idle         free
         #4  espresso  2/5 █████░   50│ b1 · idle         free
         #5  latte     2/6 ██████   52├─ MACHINES ──────────────────────────────────────
                                      │ espresso  #3 ▰▰▰▰▰▱▱▱▱ #4 ▰▱▱▱▱▱▱▱▱  +1 queued
                                      │ steamer   ·
                                      │
                                      │
                                      │
                                      │
        ─ TIMELINE · shop frame: everyone at once ─────── Tab: b0's frame · ticks 0–40 ─
        b0        │1=====····3====···········1==·4=====·····
        b1        │···2======················3··2==5====····
        espresso 1│     l1~~~~~~~~~~~~~~~~~~~l3~~~~~~~~~~~~~
        espresso 2│        l2~~~~~~~~~~~~~~~~~~~      l4~~~~
        steamer   │         l2~~~~~~~ddddddddddd



         t32 #2 served in 29, cold · t32 #5 latte arrives · t32 b1 take #5
         t34 b1 grind #5 · t36 b0 starts espresso for #4 · t37 #5 queues for espresso
         space pause  . step  +- speed  Tab frame  s script  r restart  R reload q quit
        """)
    }

    @Test func paused() throws {
        let s = try Fixture.session()
        s.player.advance(to: 40)
        s.handle(.char(" "))
        expectGolden(s.render(size: Fixture.size), "paused", """
         BARISTA  07 test-bar · Test Bar  event · seed 1                    ‖ paused 1×
         tick 40/100   served 2/5   lost 0   cold 1   value-added 45%   profit $1.40
        ─ COUNTER ────────────────────┬─ BARISTAS ──────────────────────────────────────
         #3  latte     2/6 ███░░░   30│ b0 · idle         free
         #4  espresso  2/5 █████░   50│ b1 · idle         free
         #5  latte     2/6 ██████   52├─ MACHINES ──────────────────────────────────────
                                      │ espresso  #3 ▰▰▰▰▰▱▱▱▱ #4 ▰▱▱▱▱▱▱▱▱  +1 queued
                                      │ steamer   ·
                                      │
                                      │
                                      │
                                      │
        ─ TIMELINE · shop frame: everyone at once ─────── Tab: b0's frame · ticks 0–40 ─
        b0        │1=====····3====···········1==·4=====·····
        b1        │···2======················3··2==5====····
        espresso 1│     l1~~~~~~~~~~~~~~~~~~~l3~~~~~~~~~~~~~
        espresso 2│        l2~~~~~~~~~~~~~~~~~~~      l4~~~~
        steamer   │         l2~~~~~~~ddddddddddd



         t32 #2 served in 29, cold · t32 #5 latte arrives · t32 b1 take #5
         t34 b1 grind #5 · t36 b0 starts espresso for #4 · t37 #5 queues for espresso
         space pause  . step  +- speed  Tab frame  s script  r restart  R reload q quit
        """)
    }

    @Test func baristaFrame() throws {
        let s = try Fixture.session()
        s.player.advance(to: 40)
        s.handle(.tab)
        expectGolden(s.render(size: Fixture.size), "barista-frame", """
         BARISTA  07 test-bar · Test Bar  event · seed 1                           ▶ 1×
         tick 40/100   served 2/5   lost 0   cold 1   value-added 45%   profit $1.40
        ─ COUNTER ────────────────────┬─ BARISTAS ──────────────────────────────────────
         #3  latte     2/6 ███░░░   30│ b0 · idle         free
         #4  espresso  2/5 █████░   50│ b1 · idle         free
         #5  latte     2/6 ██████   52├─ MACHINES ──────────────────────────────────────
                                      │ espresso  #3 ▰▰▰▰▰▱▱▱▱ #4 ▰▱▱▱▱▱▱▱▱  +1 queued
                                      │ steamer   ·
                                      │
                                      │
                                      │
                                      │
        ─ TIMELINE · b0's frame: its orders interleaved ─────── Tab: next · ticks 0–40 ─
        b0        │1=====····3====···········1==·4=====·····
        #1 espres…│1=====~~~~~~~~~~~~~~~~~~~~1==
        #3 latte  │          3====-----------l~~~~~~~~~~~~~~
        #4 espres…│                              4=====~~~~~




         t32 #2 served in 29, cold · t32 #5 latte arrives · t32 b1 take #5
         t34 b1 grind #5 · t36 b0 starts espresso for #4 · t37 #5 queues for espresso
         space pause  . step  +- speed  Tab frame  s script  r restart  R reload q quit
        """)
    }

    @Test func scriptPanel() throws {
        let s = try Fixture.session(mode: .blocking)
        s.player.advance(to: 12)
        s.handle(.char("s"))
        expectGolden(s.render(size: Fixture.size), "script-panel", """
         BARISTA  07 test-bar · Test Bar  blocking · seed 1                        ▶ 1×
         tick 12/100   served 0/3   lost 0   cold 0   value-added 50%   profit -$0.24
        ─ COUNTER ──────────── 1 new ─┬─ BARISTAS ──────────────────────────────────────
         #1  espresso  2/5 █████░   48│ b0 w waiting      wait at espresso #1
         #2  latte     2/6 ██████   51│ b1 w waiting      wait at espresso #2
        !#3  latte     0/6 ██████   18├─ MACHINES ──────────────────────────────────────
                                      │ espresso  #1 ▰▰▱▱▱▱▱▱▱ #2 ▰▱▱▱▱▱▱▱▱
                                      │ steamer   ·
                                      │
                                      │
                                      │
                                      │
        ─ SCRIPT · blocking ──────────────────────────────────── h: heat · s: timeline ─
           1   │ # built-in 'blocking' strategy (Swift), read as a script
           2   │ on order o:
           3   │     while o has a step to do:
           4   │         if the step runs on a machine:
           5   │             p = start it on the machine
           6 01│             wait p        # stand at the machine until done
           7   │         else:
           8   │             do it         # hands-on work
         t3 b1 take #2 · t5 b1 grind #2 · t6 b0 starts espresso for #1
         t9 b1 starts espresso for #2 · t10 #3 latte arrives
         space pause  . step  +- speed  Tab frame  s script  r restart  R reload q quit
        """)
    }

    @Test func manualQuestion() throws {
        let s = try Fixture.session(mode: nil)
        s.player.advance(to: 10)
        expectGolden(s.render(size: Fixture.size), "manual-question", """
         BARISTA  07 test-bar · Test Bar  manual · seed 1                   ? your move
         tick 0/100   served 0/1   lost 0   cold 0   value-added 0%   profit $0.00
        ─ COUNTER ──────────── 1 new ─┬─ BARISTAS ──────────────────────────────────────
        !#1  espresso  0/5 ██████   20│ b0 ▶ your move: pick what b0 does next
                                      │ b1 · idle         idle
                                      ├─ MACHINES ──────────────────────────────────────
                                      │ espresso  ·            ·
                                      │ steamer   ·
                                      │
                                      │
                                      │
                                      │
        ─ YOUR MOVE · b0 is free at tick 0 ─────────────────────────────────────────────
         1 take o — #1 espresso                 0 idle — until something changes
        ─ TIMELINE · shop frame: everyone at once ──────── Tab: b0's frame · ticks 0–0 ─
        b0        │·
        b1        │·
        espresso 1│
        espresso 2│
        steamer   │



         1-9 a-m choose  ↑↓ Enter pick  0 idle  u undo  Tab frame  ? help        q quit
        """)
    }

    @Test func endCard() throws {
        let s = try Fixture.session(onFinish: { _ in
            Standing(rank: 2, total: 9, scores: [1, 3, 3, 4, 5, 5, 6, 6, 6], note: "recorded as run 9")
        })
        s.player.advance(to: 10_000)
        expectGolden(s.render(size: Fixture.size), "end-card", """
         BARISTA  07 test-bar · Test Bar  event · seed 1                   ■ shift over
         tick 89/100   served 6/6   lost 0   cold 1   value-added 32%   profit $14.82
        ─ SHIFT OVER · score card ──────────────────────────── digest 4dbd986648dbee97 ─
         ★ GOLD on this seed   max served: 6
         bronze 3 · silver 5 · gold 6   gold: the best there is
         Medals are judged on the mean of 32 hidden seeds (barista eval), not on this
         one.
         served 6 of 6   cold 1   lost 0 (0 unacknowledged · 0 unserved · 0 at closing)
         lead time  mean 35.5  p95 49  max 49   ×1.22 of the lower bound (29)
         last served at tick 89   ×1.00 of the lower bound (89)
         value added 32% of barista time   counter wait p95 0   checks 0
         profit $14.82 = revenue $17.40 − wages $1.78 − waste $0.80

         WHERE THE SPEEDUP CAME FROM
           concurrency +1 (your arrangement against blocking, 2 baristas)
           parallelism ±0 (2 baristas against 1 barista) · extra baristas $0.84 in
           wages
         COACHING
           · the crew stood idle 121 ticks (more than one whole shift): with 1 instead
             of 2 the same customers give max served: 6 (yours 6), $0.84 less in wages
           · 1 drink went cold in its slot: collect it sooner

                                                              lines 1–20 of 36 · ↓ more
         r retry  v see the shop  ↑↓ scroll  ←→ seek  Tab frame                  q quit
        """)
    }

    @Test func tooSmall() throws {
        let s = try Fixture.session()
        expectGolden(s.render(size: TerminalSize(columns: 60, rows: 20)), "too-small", """








           Barista needs a window of at least 80×24. This one is
          60×20: make it larger. The shift is paused until then. q
                                   quits.
        """)
    }

    @Test func scriptError() throws {
        let level = try Fixture.level()
        let player = try ShiftPlayer(source: BrokenOnReloadSource(inner: BuiltInSource(level: level, mode: .event)))
        let s = PlaySession(player: player, options: PlayOptions(showBriefing: false))
        s.player.advance(to: 20)
        s.handle(.char("R"))
        expectGolden(s.render(size: Fixture.size), "error", """
         BARISTA  07 test-bar · Test Bar  rush.brew · seed 1                ‖ paused 1×
         tick 20/100   served 0/3   lost 0   cold 0   value-added 45%   profit -$0.40
        ─ COUNTER ────────────────────┬─ BARISTAS ──────────────────────────────────────
         #1  espresso  2/5 ████░░   40│ b0 · idle         free
         #2  latte     2/6 █████░   43│ b1 · idle         free
         #3  latte     2/6 █████░   50├─ MACHINES ──────────────────────────────────────
                                      │ espresso  #1 ▰▰▰▰▰▰▱▱▱ #2 ▰▰▰▰▱▱▱▱▱  +1 queued
                                      │ steamer   #2 done 2
         ┌─ SCRIPT ERROR · the script does not compile ───────────────────────────────┐
         │ rush.brew:4:5: error: unknown verb 'stem'                                  │
         │ 4 │     stem o                                                             │
         │   │     ^~~~                                                               │
        ─│ hint: did you mean 'steam'?                                                │─
        b│                                                                            │
        b│ Fix it in your editor, then R reloads and restarts.   r restart   q quit   │
        e└────────────────────────────────────────────────────────────────────────────┘
        espresso 2│        l2~~~~~~~~~~~
        steamer   │         l2~~~~~~~ddd



         t10 b1 starts steamer for #2 · t10 #3 latte arrives · t10 b0 take #3
         t12 b0 grind #3 · t15 #3 queues for espresso · t18 steamer done for #2
         R reload  r restart  s script  ? help                                   q quit
        """)
    }

    @Test func help() throws {
        let s = try Fixture.session()
        s.handle(.char("?"))
        expectGolden(s.render(size: Fixture.size), "help", """
         BARISTA  07 test-bar · Test Bar  event · seed 1                           ▶ 1×
         ┌─ KEYS AND MARKS ───────────────────────────────────────────────────────────┐
        ─│ space          pause / resume                                              │─
         │ .              one step: the next tick at which something happens          │
         │ + -            speed: 1× 2× 4× … 64×, max (1× is 4 ticks a second)         │
         │ Tab            timeline: the shop's frame, then each barista's frame       │─
         │ s              script panel: each barista's line marked                    │
         │ h              heat column in the script panel: each line's share so far   │
         │ f              cumulative flow beside the timeline: arrived, wip, served   │
         │ r  R           restart · reload the script from disk: tick 0, paused       │
         │ ← → PgUp PgDn  seek 10 / 100 ticks (Home, End) — replays and scripts       │
         │ 1-9 a-m ↑↓     manual play: pick a move (Enter picks); 0 idles until news  │
        ─│ u              manual play: take back the last move (again and again)      │─
        b│ b  ↑↓          script: breakpoint on the script cursor's line (↑↓ move it) │
        b│ t              script: step the selected barista's task to its next line   │
        e│ i  <           script: inspect tasks and variables · back to the last stop │
        e│ v  n           at the end: score card or the shop · the next level         │
        s│ ↑ ↓ PgUp PgDn  scroll the briefing and this help (↑ ↓ the score card)      │
         │ q  Ctrl-C      quit (what was recorded is said on the way out)             │
         │                                                                            │
         │ BARISTAS (a row each in the shop's frame)                                  │
         │ lines 1–19 of 45 · ↓ PgDn more · any other key closes                      │
         └────────────────────────────────────────────────────────────────────────────┘
         ↑↓ PgDn scroll  any key close help                                      q quit
        """)
    }
}
