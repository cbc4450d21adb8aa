import BrewScript
import CoffeeEngine
import CoffeeGame
import Testing

/// The rules of issue 10's "model leaks": what `yield` does when every ready task yields, a
/// product collected ahead keeps cooling, checks count finished looks, `every` stops at closing.
@Suite struct ScriptModelTests {
    // MARK: yield

    /// The documented idiom (`Strategies/attention.brew`) on two baristas: the order task yields
    /// until the greeting has taken the order, its barista idle meanwhile (it used to spin until the
    /// decisions-per-tick limit ended the shift).
    @Test func theYieldIdiomWorksWithTwoBaristas() throws {
        let source = """
        workers 2
        on customer c:
            take c

        on order o:
            while not done(o, take):
                yield
            grind o
            shot = start brew o on espresso
            await shot
            serve o
        """
        let (log, r) = try scriptTimeline(source, level: try tinyLevel(arrivals: [0, 1]), states: true)
        #expect(r.failure == nil)
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "0: b0 value-adding",
            "1: #2 arrives (item 0)",
            "1: b1 starts #2.0",
            "1: b1 value-adding",
            "2: b0 finishes #1.0",
            "2: b0 starts #1.1",
            "3: b1 finishes #2.0",
            "3: b1 starts #2.1",
            "6: b0 finishes #1.1",
            "7: b1 finishes #2.1",
            "7: b0 starts job 1 for #1 on m0",
            "7: b0 idle",
            "8: b1 starts job 2 for #2 on m0",
            "8: b1 idle",
            "17: job 1 done on m0",
            "17: b0 collects job 1 from m0",
            "17: b0 starts #1.3",
            "17: b0 value-adding",
            "18: job 2 done on m0",
            "18: b1 collects job 2 from m0",
            "18: b1 starts #2.3",
            "18: b1 value-adding",
            "18: b0 finishes #1.3",
            "18: #1 served in 18",
            "18: b0 idle",
            "19: b1 finishes #2.3",
            "19: #2 served in 18",
            "19: b1 idle",
            "19: shift ends",
        ])
        #expect(r.metrics.served == 2)
    }

    /// The idiom with any crew, roles too: every customer served, no sandbox limit hit.
    @Test(arguments: ["workers 1", "workers 2", "workers 3"])
    func theYieldIdiomWorksWithAnyCrew(crew: String) throws {
        let source = """
        \(crew)
        on customer c:
            take c

        on order o:
            while not done(o, take):
                yield
            grind o
            shot = start brew o on espresso
            await shot
            serve o
        """
        let (_, r) = try scriptTimeline(source, level: try tinyLevel(arrivals: [0, 0, 1, 2, 3, 10], maxBaristas: 3))
        #expect(r.failure == nil)
        #expect(r.metrics.served == 6)
    }

    @Test func theYieldIdiomWorksAcrossRoles() throws {
        let source = """
        role cashier 1:
            on customer c:
                take c
        role barista 2:
            on order o:
                while not done(o, take):
                    yield
                grind o
                shot = start brew o on espresso
                await shot
                serve o
        """
        let (_, r) = try scriptTimeline(source, level: try tinyLevel(arrivals: [0, 0, 1, 2, 3, 10], maxBaristas: 3))
        #expect(r.failure == nil)
        #expect(r.metrics.served == 6)
        // The cashier takes every order (6 × 2 ticks); the baristas do the rest (6 × 6).
        #expect(r.metrics.baristas.map(\.valueAdding) == [12, 19, 17])
    }

    /// A task that yields with nothing else to run leaves its barista idle until the next event:
    /// the shift goes on to closing instead of failing.
    @Test func aTaskThatOnlyYieldsWaitsForTheNextEvent() throws {
        let (log, r) = try scriptTimeline("""
        on order o:
            while true:
                yield
        """, level: try tinyLevel(arrivals: [0, 30]), states: true)
        #expect(r.failure == nil)
        #expect(log == [
            "0: #1 arrives (item 0)",
            "30: #2 arrives (item 0)",
            "300: #1 leaves (closing)",
            "300: #2 leaves (closing)",
            "300: shift ends",
        ])
        #expect(r.metrics.lostAtClosing == 2)
        #expect(r.metrics.baristas[0].idle == 300)
    }

    /// Yielding puts the task behind the other ready tasks: the second customer's task runs first.
    @Test func aYieldLetsTheOtherReadyTaskGoFirst() throws {
        let (log, r) = try scriptTimeline("""
        on order o:
            if o.number == 1:
                yield
            take o
            grind o
            shot = start brew o on espresso
            await shot
            serve o
        """, level: try tinyLevel(arrivals: [0, 0]))
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: #2 arrives (item 0)",
            "0: b0 starts #2.0",
            "2: b0 finishes #2.0",
            "2: b0 starts #2.1",
            "6: b0 finishes #2.1",
            "7: b0 starts job 1 for #2 on m0",
            "7: b0 starts #1.0",
            "9: b0 finishes #1.0",
            "9: b0 starts #1.1",
            "13: b0 finishes #1.1",
            "14: b0 starts job 2 for #1 on m0",
            "17: job 1 done on m0",
            "17: b0 collects job 1 from m0",
            "17: b0 starts #2.3",
            "18: b0 finishes #2.3",
            "18: #2 served in 18",
            "24: job 2 done on m0",
            "24: b0 collects job 2 from m0",
            "24: b0 starts #1.3",
            "25: b0 finishes #1.3",
            "25: #1 served in 25",
            "25: shift ends",
        ])
        #expect(r.metrics.served == 2)
    }

    // MARK: where a failure is placed

    /// Barista 0 spends its 10 000 decisions of tick 0, then barista 1 gives a command, then the
    /// next customer's task reaches barista 0 and the limit ends the shift: the card names barista
    /// 0's last command (the yield), not barista 1's, which came last.
    @Test func aFailureIsPlacedAtTheFailingBaristasCommand() throws {
        let (_, r) = try scriptTimeline("""
        role first 1:
            on order o:
                if o.number == 1:
                    for i in range(9999):
                        idle 0
                    yield
                sleep 1
        role second 1:
            on order o:
                idle 1
        """, level: try tinyLevel(arrivals: [0, 0]))
        #expect(r.failure?.message == "barista 0 made more than 10000 decisions at tick 0 without spending a tick")
        #expect(r.failure?.line == 6)
        #expect(r.failure?.column == 13)
    }

    // MARK: cooling

    func held(idle ticks: Int, collect: Bool = true) throws -> (log: [String], result: RunResult) {
        try scriptTimeline("""
        on order o:
            take o
            grind o
            shot = start brew o on espresso
            await shot
            \(collect ? "collect shot" : "pass")
            idle \(ticks)
            serve o
        """, level: try tinyLevel(arrivals: [0], extra: "cooling: 5"))
    }

    /// A shot collected at once and then held still cools: it is cold when the serve begins more
    /// than 5 ticks after it was done (tick 17), as it would be left in its slot.
    @Test func aCollectedProductKeepsCoolingUntilItIsUsed() throws {
        let (log, r) = try held(idle: 6)
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "2: b0 finishes #1.0",
            "2: b0 starts #1.1",
            "6: b0 finishes #1.1",
            "7: b0 starts job 1 for #1 on m0",
            "17: job 1 done on m0",
            "17: b0 collects job 1 from m0",
            "23: b0 starts #1.3",
            "24: b0 finishes #1.3",
            "24: #1 served in 24 cold",
            "24: shift ends",
        ])
        #expect(r.metrics.cold == 1)
        let (_, inSlot) = try held(idle: 6, collect: false)
        #expect(inSlot.metrics.cold == 1)
        let (_, atTheLimit) = try held(idle: 5)
        #expect(atTheLimit.metrics.cold == 0)
        #expect(atTheLimit.metrics.endTick == 23)
    }

    // MARK: checks

    /// A customer who leaves while the barista looks at the machine: the cut look is not a check,
    /// so checks and polling ticks (1 tick a look) agree.
    @Test func checksCountTheLooksThatFinished() throws {
        let (log, r) = try scriptTimeline("""
        on order o:
            take o
            grind o
            shot = start brew o on espresso
            while not ready(shot):
                pass
            serve o
        """, level: try tinyLevel(arrivals: [0], extra: "patience: {serve: 12}"))
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "2: b0 finishes #1.0",
            "2: b0 starts #1.1",
            "6: b0 finishes #1.1",
            "7: b0 starts job 1 for #1 on m0",
            "8: b0 checks job 1: not ready",
            "9: b0 checks job 1: not ready",
            "10: b0 checks job 1: not ready",
            "11: b0 checks job 1: not ready",
            "12: b0 checks job 1: not ready",
            "12: #1 leaves (not served)",
            "12: shift ends",
        ])
        // The sixth look began at tick 12, as the customer left: no tick of it, and no check.
        #expect(r.metrics.checks == 5)
        #expect(r.metrics.baristas[0].polling == 5)
    }

    // MARK: every

    /// `every 25` fires at 25, 50 and 75 while the shop is open (duration 100), never after.
    @Test func everyFiresOnlyWhileTheShopIsOpen() throws {
        let (log, r) = try scriptTimeline("""
        every 25:
            pass

        on order o:
            take o
            sleep 200
            grind o
            shot = start brew o on espresso
            await shot
            serve o
        """, level: try tinyLevel(arrivals: [0]))
        #expect(log.filter { $0.contains("timer") } == ["25: timer 0 fires", "50: timer 0 fires", "75: timer 0 fires"])
        // The customer is still in the shop after closing time: sleep to 202, then 16 ticks of work.
        #expect(r.metrics.endTick == 218)
    }
}
