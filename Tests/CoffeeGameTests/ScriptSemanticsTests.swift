import CoffeeEngine
import CoffeeGame
import Testing

/// The same two customers, served by scripts that meet the machine three ways.
@Suite("Scripts: wait, await, polling, interruption, every, roles")
struct ScriptSemanticsTests {
    static let recipe = """
        take o
        grind o
        shot = start brew o on espresso
        SYNC
        serve o
    """

    func run(_ sync: String, states: Bool = true) throws -> (log: [String], result: RunResult) {
        let source = "on order o:\n" + Self.recipe.replacingOccurrences(of: "SYNC", with: sync)
        return try scriptTimeline(source, level: try tinyLevel(arrivals: [0, 1]), states: states)
    }

    @Test func waitKeepsTheBaristaAtTheMachine() throws {
        let (log, r) = try run("wait shot")
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "0: b0 value-adding",
            "1: #2 arrives (item 0)",
            "2: b0 finishes #1.0",
            "2: b0 starts #1.1",
            "6: b0 finishes #1.1",
            "7: b0 starts job 1 for #1 on m0",
            "7: b0 waiting",
            "17: job 1 done on m0",
            "17: b0 collects job 1 from m0",
            "17: b0 starts #1.3",
            "17: b0 value-adding",
            "18: b0 finishes #1.3",
            "18: #1 served in 18",
            "18: b0 starts #2.0",
            "20: b0 finishes #2.0",
            "20: b0 starts #2.1",
            "24: b0 finishes #2.1",
            "25: b0 starts job 2 for #2 on m0",
            "25: b0 waiting",
            "35: job 2 done on m0",
            "35: b0 collects job 2 from m0",
            "35: b0 starts #2.3",
            "35: b0 value-adding",
            "36: b0 finishes #2.3",
            "36: #2 served in 35",
            "36: b0 idle",
            "36: shift ends",
        ])
        #expect(r.metrics.baristas[0].waiting == 20)
    }

    @Test func awaitLetsTheBaristaServeTheNextCustomer() throws {
        let (log, r) = try run("await shot")
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "0: b0 value-adding",
            "1: #2 arrives (item 0)",
            "2: b0 finishes #1.0",
            "2: b0 starts #1.1",
            "6: b0 finishes #1.1",
            "7: b0 starts job 1 for #1 on m0",
            "7: b0 starts #2.0",
            "9: b0 finishes #2.0",
            "9: b0 starts #2.1",
            "13: b0 finishes #2.1",
            "14: b0 starts job 2 for #2 on m0",
            "14: b0 idle",
            "17: job 1 done on m0",
            "17: b0 collects job 1 from m0",
            "17: b0 starts #1.3",
            "17: b0 value-adding",
            "18: b0 finishes #1.3",
            "18: #1 served in 18",
            "18: b0 idle",
            "24: job 2 done on m0",
            "24: b0 collects job 2 from m0",
            "24: b0 starts #2.3",
            "24: b0 value-adding",
            "25: b0 finishes #2.3",
            "25: #2 served in 24",
            "25: b0 idle",
            "25: shift ends",
        ])
        #expect(r.metrics.baristas[0].waiting == 0)
    }

    @Test func pollingCostsATickALook() throws {
        let (log, r) = try run("while not ready(shot):\n        pass")
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "0: b0 value-adding",
            "1: #2 arrives (item 0)",
            "2: b0 finishes #1.0",
            "2: b0 starts #1.1",
            "6: b0 finishes #1.1",
            "7: b0 starts job 1 for #1 on m0",
            "7: b0 polling",
            "8: b0 checks job 1: not ready",
            "9: b0 checks job 1: not ready",
            "10: b0 checks job 1: not ready",
            "11: b0 checks job 1: not ready",
            "12: b0 checks job 1: not ready",
            "13: b0 checks job 1: not ready",
            "14: b0 checks job 1: not ready",
            "15: b0 checks job 1: not ready",
            "16: b0 checks job 1: not ready",
            "17: job 1 done on m0",
            "17: b0 checks job 1: ready",
            "17: b0 collects job 1 from m0",
            "17: b0 starts #1.3",
            "17: b0 value-adding",
            "18: b0 finishes #1.3",
            "18: #1 served in 18",
            "18: b0 starts #2.0",
            "20: b0 finishes #2.0",
            "20: b0 starts #2.1",
            "24: b0 finishes #2.1",
            "25: b0 starts job 2 for #2 on m0",
            "25: b0 polling",
            "26: b0 checks job 2: not ready",
            "27: b0 checks job 2: not ready",
            "28: b0 checks job 2: not ready",
            "29: b0 checks job 2: not ready",
            "30: b0 checks job 2: not ready",
            "31: b0 checks job 2: not ready",
            "32: b0 checks job 2: not ready",
            "33: b0 checks job 2: not ready",
            "34: b0 checks job 2: not ready",
            "35: job 2 done on m0",
            "35: b0 checks job 2: ready",
            "35: b0 collects job 2 from m0",
            "35: b0 starts #2.3",
            "35: b0 value-adding",
            "36: b0 finishes #2.3",
            "36: #2 served in 35",
            "36: b0 idle",
            "36: shift ends",
        ])
        #expect(r.metrics.checks == 20)
        #expect(r.metrics.baristas[0].polling == 20)
    }

    @Test func anUrgentCustomerHandlerPausesTheGrind() throws {
        let source = """
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
        let (log, r) = try scriptTimeline(source, level: try tinyLevel(arrivals: [0, 4]), states: true)
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "0: b0 value-adding",
            "2: b0 finishes #1.0",
            "2: b0 starts #1.1",
            "4: #2 arrives (item 0)",
            "4: b0 pauses #1.1 (2 left)",
            "4: b0 starts #2.0",
            "6: b0 finishes #2.0",
            "6: b0 switching",
            "8: b0 starts #1.1",
            "8: b0 value-adding",
            "10: b0 finishes #1.1",
            "11: b0 starts job 1 for #1 on m0",
            "11: b0 starts #2.1",
            "15: b0 finishes #2.1",
            "16: b0 starts job 2 for #2 on m0",
            "16: b0 idle",
            "21: job 1 done on m0",
            "21: b0 collects job 1 from m0",
            "21: b0 starts #1.3",
            "21: b0 value-adding",
            "22: b0 finishes #1.3",
            "22: #1 served in 22",
            "22: b0 idle",
            "26: job 2 done on m0",
            "26: b0 collects job 2 from m0",
            "26: b0 starts #2.3",
            "26: b0 value-adding",
            "27: b0 finishes #2.3",
            "27: #2 served in 23",
            "27: b0 idle",
            "27: shift ends",
        ])
        #expect(r.metrics.preemptions == 1)
        #expect(r.metrics.baristas[0].switching == 2)
    }

    @Test func everyPreemptsPeriodically() throws {
        let source = """
        every 5:
            idle 1

        on order o:
            take o
            grind o
            shot = start brew o on espresso
            await shot
            serve o
        """
        let (log, r) = try scriptTimeline(source, level: try tinyLevel(arrivals: [0]), states: true)
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "0: b0 value-adding",
            "2: b0 finishes #1.0",
            "2: b0 starts #1.1",
            "5: timer 0 fires",
            "5: b0 pauses #1.1 (1 left)",
            "5: b0 idle",
            "6: b0 switching",
            "8: b0 starts #1.1",
            "8: b0 value-adding",
            "9: b0 finishes #1.1",
            "10: b0 starts job 1 for #1 on m0",
            "10: b0 idle",
            "10: timer 0 fires",
            "15: timer 0 fires",
            "20: job 1 done on m0",
            "20: b0 collects job 1 from m0",
            "20: b0 starts #1.3",
            "20: b0 value-adding",
            "20: timer 0 fires",
            "20: b0 pauses #1.3 (1 left)",
            "20: b0 idle",
            "21: b0 switching",
            "23: b0 starts #1.3",
            "23: b0 value-adding",
            "24: b0 finishes #1.3",
            "24: #1 served in 24",
            "24: b0 idle",
            "24: shift ends",
        ])
        #expect(r.metrics.preemptions == 2)
    }

    @Test func attentionTooOftenThrashes() throws {
        // Every 3 ticks while the shop is open (to tick 99): 1 tick of attention and 2 of switching
        // back leave no time to grind. The order is made only once the door has closed.
        let source = """
        every 3:
            idle 1

        on order o:
            take o
            grind o
            shot = start brew o on espresso
            await shot
            serve o
        """
        let (_, r) = try scriptTimeline(source, level: try tinyLevel(arrivals: [0]))
        #expect(r.metrics.served == 1)
        #expect(r.metrics.leadTime.max == 117)
        #expect(r.metrics.baristas[0].valueAdding == 8)
        #expect(r.metrics.baristas[0].switching == 66)
    }

    @Test func aCashierSendsOrdersToTheBarista() throws {
        let source = """
        role cashier 1:
            on order o:
                take o
                send o to barista
                grind o
                shot = start brew o on espresso
                await shot
                serve o

        role barista 1:
            on idle:
                idle 5
        """
        let (log, r) = try scriptTimeline(source, level: try tinyLevel(arrivals: [0, 1]), states: false)
        #expect(log == [
            "0: #1 arrives (item 0)",
            "0: b0 starts #1.0",
            "1: #2 arrives (item 0)",
            "2: b0 finishes #1.0",
            "2: b0 starts #2.0",
            "2: b1 starts #1.1",
            "4: b0 finishes #2.0",
            "6: b1 finishes #1.1",
            "7: b1 starts job 1 for #1 on m0",
            "7: b1 starts #2.1",
            "11: b1 finishes #2.1",
            "12: b1 starts job 2 for #2 on m0",
            "17: job 1 done on m0",
            "17: b1 collects job 1 from m0",
            "17: b1 starts #1.3",
            "18: b1 finishes #1.3",
            "18: #1 served in 18",
            "22: job 2 done on m0",
            "23: b1 collects job 2 from m0",
            "23: b1 starts #2.3",
            "24: b1 finishes #2.3",
            "24: #2 served in 23",
            "24: shift ends",
        ])
        #expect(r.metrics.baristas.map(\.valueAdding) == [4, 12])
    }

    @Test func aScriptErrorNamesTheLineAndTheTick() throws {
        let source = """
        on order o:
            take o
            serve o
        """
        let (_, r) = try scriptTimeline(source, level: try tinyLevel(arrivals: [3]))
        #expect(r.status == .scriptError)
        #expect(r.failure == RunResult.Failure(message: "'serve' of #1 (espresso) comes after 'brew', which is not done",
                                               tick: 5, limit: nil, line: 3, column: 5, barista: 0))
    }
}
