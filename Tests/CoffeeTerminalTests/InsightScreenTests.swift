import CoffeeEngine
import CoffeeGame
@testable import CoffeeTerminal
import Foundation
import Testing

/// The play screen's insight: the script panel's heat column (`h`), the cumulative-flow view
/// (`f`) and the end card's four corners and coaching.
@Suite struct InsightScreenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A shipped level with one of its solutions, as `barista play LEVEL SCRIPT` plays it.
    static func shipped(_ level: String, _ kind: String) throws -> PlaySession {
        let lvl = try LevelLoader.load(path: root.appendingPathComponent("Levels/\(level).yaml").path, displayPath: "Levels/\(level).yaml")
        let source = try String(contentsOf: root.appendingPathComponent("Tests/CoffeeGameTests/Solutions/\(level)/\(kind).brew"),
                                encoding: .utf8)
        let script = try #require(Script.compile(source: source, file: "\(kind).brew", level: lvl).script)
        let player = try ShiftPlayer(source: CompiledScriptSource(level: lvl, script: script, name: "\(kind).brew"))
        return PlaySession(player: player, options: PlayOptions(mode: .play, showBriefing: false))
    }

    /// The end card's rows from its insight to the line before WHAT NEXT.
    static func insightRows(_ s: PlaySession) throws -> [String] {
        s.player.advance(to: Int.max / 2)
        let card = try #require(s.frame().card)
        let rows = EndCardScreen.whole(card, width: 80).text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var l = String(line)
            while l.last == " " { l.removeLast() }
            return l
        }
        let start = try #require(rows.firstIndex { $0.contains("WHERE THE SPEEDUP CAME FROM") })
        let end = try #require(rows.firstIndex { $0.contains("WHAT NEXT") })
        #expect(EndCardScreen.rows(card, width: 80) < EndCardScreen.tallest)
        return Array(rows[start..<end])
    }

    @Test func heatColumn() throws {
        let s = try Fixture.session(mode: .blocking)
        s.player.advance(to: 40)
        s.handle(.char("h"))
        #expect(s.showHeat && s.showScript)
        expectGolden(s.render(size: Fixture.size), "heat-column", """
         BARISTA  07 test-bar · Test Bar  blocking · seed 1                        ▶ 1×
         tick 40/100   served 1/5   lost 0   cold 0   value-added 30%   profit $2.20
        ─ COUNTER ──────────── 2 new ─┬─ BARISTAS ──────────────────────────────────────
         #2  latte     5/6 ███░░░   23│ b0 w waiting      wait at espresso #3
         #3  latte     2/6 ███░░░   30│ b1 = value-adding serve #2 latte
        !#4  espresso  0/5 ███░░░   10├─ MACHINES ──────────────────────────────────────
        !#5  latte     0/6 ████░░   12│ espresso  #3 ▰▰▱▱▱▱▱▱▱ ·
                                      │ steamer   ·
                                      │
                                      │
                                      │
                                      │
        ─ SCRIPT · blocking ────────────── heat of 80 ticks, 4% between tasks · h: off ─
           1            │ # built-in 'blocking' strategy (Swift), read as a script
           2            │ on order o:
           3            │     while o has a step to do:
           4            │         if the step runs on a machine:
           5   ▎     5% │             p = start it on the machine
           6 0 ██▋  66% │             wait p        # stand at the machine until done
           7            │         else:
           8  1█    25% │             do it         # hands-on work  ◀ b1 value-adding
         t35 b0 starts espresso for #3 · t38 steamer done for #2
         t38 b1 collects #2 from steamer · t38 b1 pour #2 · t40 b1 serve #2
         space pause  . step  +- speed  Tab frame  s script  r restart  R reload q quit
        """)
        s.handle(.char("h"))
        #expect(!s.showHeat && s.frame().script?.heat == nil)
    }

    /// The heat so far adds up to each barista's tick classes (the shift is looked at after
    /// the last event of every tick), through a seek back and forward too.
    @Test func theHeatAddsUpToTheBaristasTicksSoFar() throws {
        let s = try Fixture.session(mode: .polling)
        s.player.advance(to: 10_000)
        let final = s.player.heat
        for (b, m) in s.player.shift.metrics.baristas.enumerated() {
            for c in TickClass.allCases {
                #expect(final.attribution.filter { $0.barista == b }.reduce(0) { $0 + $1[c] } == m[c])
            }
        }
        s.player.seek(to: 30)
        #expect(s.player.heat.total == 30 * 2)
        s.player.seek(to: 10_000)
        #expect(s.player.heat == final)
    }

    @Test func manualPlayHasNoHeat() throws {
        let s = try Fixture.session(mode: nil)
        s.handle(.char("h"))
        #expect(!s.showHeat)
        #expect(s.message == "h shows the heat of each script line: there is no script here")
    }

    @Test func cumulativeFlow() throws {
        let s = try Fixture.session(mode: .event)
        s.player.advance(to: 60)
        s.handle(.char("f"))
        expectGolden(s.render(size: Fixture.size), "flow", """
         BARISTA  07 test-bar · Test Bar  event · seed 1                           ▶ 1×
         tick 60/100   served 4/6   lost 0   cold 1   value-added 37%   profit $8.20
        ─ COUNTER ────────────────────┬─ BARISTAS ──────────────────────────────────────
         #5  latte     2/6 ████░░   32│ b0 = value-adding take #6 espresso   ░░░░░░ 0/2
         #6  espresso  0/5 ██████   60│ b1 · idle         free
                                      ├─ MACHINES ──────────────────────────────────────
                                      │ espresso  #5 ▰▰▰▰▰▱▱▱▱ ·
                                      │ steamer   ·
                                      │
                                      │
                                      │
                                      │
        ─ TIMELINE · shop frame: everyone at once ───────────── FLOW ───────────────────
        b0        │········1==·4=====···········3········4==·6│                        ▒
        b1        │········3··2==5====··········5········3==··│             ▒▒▒▒▒▒▒▒▒▒▒▒
        espresso 1│1~~~~~~~l3~~~~~~~~~~~~~~~~~~~l5~~~~~~~~~~~~│            ▒▒▒▒▒▒▒▒▒▒▒▒█
        espresso 2│2~~~~~~~~~~      l4~~~~~~~~~~~~~~~~~~~     │    ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒█
        steamer   │ddddddddddd                  l3~~~~~~~     │    ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒█
                                                              │ ▒▒▒▒▒▒▒▒▒▒▒▒████████████
                                                              │▒▒▒▒▒▒▒▒▒▒▒▒█████████████
                                                               in 6 wip 2 out 4
         t56 b1 pour #3 · t58 b0 serve #4 · t58 b1 serve #3 · t59 #4 served in 29
         t59 #3 served in 49 · t60 #6 espresso arrives · t60 b0 take #6
         space pause  . step  +- speed  Tab frame  s script  r restart  R reload q quit
        """)
    }

    /// Every size from too small to large, with the heat and the flow on, mid-shift and at the
    /// end: the screen is drawn whole, the heat column only where the script keeps room.
    @Test func everySizeDraws() throws {
        let s = try Fixture.session(mode: .event)
        s.player.advance(to: 40)
        s.handle(.char("h"))
        s.handle(.char("f"))
        for columns in [1, 20, 79, 80, 81, 100, 160, 300] {
            for rows in [1, 5, 23, 24, 25, 40, 100] {
                let g = s.render(size: TerminalSize(columns: columns, rows: rows))
                #expect(g.width == columns && g.height == rows)
            }
        }
        let tiny = Rect(x: 0, y: 0, width: 30, height: 6)
        var g = Grid(width: 30, height: 6)
        Overlays.script(&g, try #require(s.frame().script), s.frame(), in: tiny)
        #expect(!g.text.contains("%"), "no heat column when it would leave the script too little room")
        s.player.advance(to: 10_000)
        for showCard in [true, false] {
            #expect(s.showCard == showCard)
            for columns in [80, 81, 120, 300] {
                let g = s.render(size: TerminalSize(columns: columns, rows: 24))
                #expect(g.text.contains("WHERE THE SPEEDUP CAME FROM") == showCard)
            }
            s.handle(.char("v"))
        }
    }

    @Test func endCardOfAGoldSolution() throws {
        let rows = try Self.insightRows(try Self.shipped("06-many-hands", "gold"))
        #expect(rows == [
            " WHERE THE SPEEDUP CAME FROM",
            "   concurrency +$358.78 (your arrangement against blocking, 2 baristas)",
            "   parallelism +$131.30 (2 baristas against 1 barista) · extra baristas $40.00",
            "   in wages",
            "",
        ])
    }

    @Test func endCardOfANaiveSolution() throws {
        let rows = try Self.insightRows(try Self.shipped("06-many-hands", "naive"))
        #expect(rows == [
            " WHERE THE SPEEDUP CAME FROM",
            "   concurrency -$194.00 (your arrangement against blocking, 5 baristas)",
            "   parallelism -$19.12 (5 baristas against 1 barista) · extra baristas $171.52",
            "   in wages",
            " COACHING",
            "   · 36 drinks went cold in their slot: collect them sooner",
            "   · 31 customers left unacknowledged: greet them in 'on customer' (it preempts",
            "     other work)",
            "   · line 12 'wait shot': 630 ticks waiting (59 % of b1) — 'await shot' lets b1",
            "     serve others meanwhile",
            "",
        ])
    }

    @Test func manualPlayHasNoInsightOnItsCard() throws {
        let s = try Fixture.session(mode: nil)
        #expect(s.player.source.insight(for: ShiftRunner.run(level: try Fixture.level(), mode: .event)) == nil)
    }
}
