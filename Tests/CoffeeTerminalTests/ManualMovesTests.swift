import CoffeeEngine
import CoffeeGame
@testable import CoffeeTerminal
import Testing

/// What manual play offers, what the marks mean, and what the end card offers next.
@Suite struct ManualMovesTests {
    /// Plays greedily until a question satisfies `found`; returns the session there.
    static func playUntil(_ s: PlaySession, _ found: (ManualQuestion) -> Bool) -> ManualQuestion? {
        for _ in 0..<500 {
            s.player.advance(to: 100_000)
            guard let q = s.player.question else { return nil }
            if found(q) { return q }
            let rank: [ManualOption.Kind: Int] = [.collect: 0, .work: 1, .start: 2, .idle: 3, .wait: 4, .check: 5]
            let best = q.options.enumerated().min { (rank[$0.element.kind] ?? 9, $0.offset) < (rank[$1.element.kind] ?? 9, $1.offset) }
            s.player.answer(best?.element ?? q.options[q.options.count - 1])
        }
        return nil
    }

    @Test func movesAreNamedByTheirBrewScriptLine() throws {
        let s = try Fixture.session(mode: nil)
        let q = try #require(Self.playUntil(s) { $0.options.contains { $0.kind == .wait } })
        let wait = try #require(q.options.first { $0.kind == .wait })
        let check = try #require(q.options.first { $0.kind == .check })
        #expect(wait.line == "wait shot" && check.line == "check shot")
        #expect(wait.label.hasPrefix("wait shot — #") && wait.label.hasSuffix("at espresso (blocks)"))
        #expect(q.options.last?.line == "await shot")
        #expect(q.options.last?.label == "await shot — free until it is done, or other news")
    }

    @Test func aFinishedProductIsOfferedForCollectingOnlyWhenNoStepCollectsIt() throws {
        let s = try Fixture.session(mode: nil)
        // An espresso's shot is done and its pour can begin: pour collects it, so no collect.
        let q = try #require(Self.playUntil(s) { q in q.options.contains { $0.label.hasPrefix("pour o — #1") } })
        #expect(!q.options.contains { $0.kind == .collect && $0.order == 1 })
    }

    @Test func aMoveThatOutlastsAWaitingCustomersPatienceIsMarked() throws {
        // One barista, and customers who leave 6 ticks after coming in unless someone takes the order.
        let yaml = Fixture.yaml.replacingOccurrences(of: "patience: {acknowledge: 20, serve: 60}",
                                                     with: "patience: {acknowledge: 6, serve: 60}")
        let level = try LevelLoader.load(yaml: yaml, path: "07-test-bar.yaml")
        let s = PlaySession(player: try ShiftPlayer(source: ManualSource(level: level, baristas: 1)),
                            options: PlayOptions(mode: .play, showBriefing: false))
        s.player.advance(to: 0)
        #expect(Overlays.warning(try #require(s.player.question?.options.first), s.frame()) == nil)
        s.handle(.char("1")) // take #1: 2 ticks, nobody else is in
        s.player.advance(to: 100)
        s.handle(.char("1")) // grind #1 (t2–t5)
        s.player.advance(to: 100)
        s.handle(.char("1")) // load the espresso for #1 (t5–t6); #2 came in at t3 and leaves at t9
        s.player.advance(to: 100)
        let q = try #require(s.player.question)
        #expect(q.tick == 6)
        let frame = s.frame()
        let warnings = q.options.map { "\($0.line): \(Overlays.warning($0, frame) ?? "-")" }
        #expect(warnings == ["wait shot: #2 leaves t9", "check shot: -", "take o: -", "await shot: -"])
        let grid = s.render(size: Fixture.size)
        #expect(grid.text.contains("⚠ #2 leaves t9"))
    }

    /// `l` means a barista is loading the product: a slot kept for a product nobody is loading
    /// yet is drawn empty.
    @Test func loadingMarksOnlyALoadingBarista() throws {
        let level = try LevelLoader.load(yaml: Fixture.longDay(duration: 600), path: "08-long.yaml")
        var kept = 0
        for mode in [RecipeStrategy.Mode.blocking, .polling, .event] {
            for crew in 1...3 {
                let player = try ShiftPlayer(source: BuiltInSource(level: level, mode: mode, baristas: crew))
                while !player.isFinished, let t = player.shift.nextEventTick {
                    player.advance(to: t)
                    let view = player.shift.view
                    kept += view.products.filter { $0.state == .reserved }.count
                    for p in view.products where p.state == .loading {
                        #expect(view.baristas.contains { $0.activity == .loading && $0.order == p.order },
                                "\(mode) ×\(crew) at \(view.now): #\(p.order) shows loading")
                    }
                    for lane in player.history.lanes {
                        guard case .slot = lane.owner, let last = lane.spans.last, last.mark == .loading else { continue }
                        #expect(view.products.contains { $0.order == Int(last.order) && $0.state == .loading })
                    }
                }
            }
        }
        // Slots kept for a product nobody was loading yet did come up (what used to show as `l`).
        #expect(kept > 0)
    }

    @Test func theEndCardOffersTheNextLevelARetryAndTheEvalCommand() throws {
        let level = try Fixture.level()
        let player = try ShiftPlayer(source: BuiltInSource(level: level, mode: .event))
        let s = PlaySession(player: player, options: PlayOptions(mode: .play, showBriefing: false,
                                                                nextLevel: "08 long, with event",
                                                                evalCommand: "barista eval 7 --strategy event"))
        s.handle(.char("n"))
        #expect(s.exit == nil && s.message == "n plays the next level once this shift is over")
        s.player.advance(to: 10_000)
        #expect(s.frame().card?.afterwards == ["n  next level: 08 long, with event", "r  retry this shift",
                                               "medal: barista eval 7 --strategy event"])
        s.handle(.char("n"))
        #expect(s.exit == .nextLevel)
    }
}
