import BrewScript
import CoffeeEngine
import CoffeeGame
import Testing

/// A copy of a scripted simulation (what `replay --watch` keeps to seek) must hold the script's
/// own state too: tasks suspended mid-handler, their locals, the instructions counted.
@Suite struct ScriptSnapshotTests {
    static let source = """
    workers 2
    on order o:
        take o
        grind o
        shot = start brew o on espresso
        looks = 0
        while not ready(shot):
            looks = looks + 1
            sleep 3
        serve o
    """

    @Test func aCopyTakenMidShiftReplaysTheSameShift() throws {
        let level = try tinyLevel(arrivals: [0, 1, 3, 5, 8, 13, 21, 34])
        let script = try compiled(Self.source, for: level)
        var straight = Simulation(config: level.config, strategy: ScriptStrategy(script: script), seed: 1)
        straight.run()
        #expect(straight.status == .finished)

        var sim = Simulation(config: level.config, strategy: ScriptStrategy(script: script), seed: 1)
        sim.run(until: 9)
        let snapshot = sim
        sim.run(until: 40)
        let at40 = sim.digest
        sim = snapshot
        sim.run()
        #expect(sim.status == .finished)
        #expect(sim.digest == straight.digest)
        #expect(sim.metrics == straight.metrics)
        #expect(sim.strategy.vm.instructionsExecuted == straight.strategy.vm.instructionsExecuted)

        // And the copy left behind at tick 40 goes on as if nothing had been restored.
        var again = snapshot
        again.run(until: 40)
        #expect(again.digest == at40)
    }

    /// The events a shift makes from `tick` on, up to `end`, as "tick: event".
    static func events<S>(_ sim: inout Simulation<S>, until end: Int) -> [String] {
        let log = EventLines()
        sim.observer = { tick, event in log.lines.append("\(tick): \(event)") }
        sim.run(until: end)
        sim.observer = nil
        return log.lines
    }

    /// A copy shares nothing it changes: run a copy on (its tasks resume, finish, spawn), and the
    /// original, run afterwards, makes exactly the events, instruction count and digest of a shift
    /// that was never copied.
    @Test func aCopyThatMovesOnLeavesTheOriginalAlone() throws {
        let level = try tinyLevel(arrivals: [0, 1, 3, 5, 8, 13, 21, 34])
        let script = try compiled(Self.source, for: level)
        var straight = Simulation(config: level.config, strategy: ScriptStrategy(script: script), seed: 1)
        straight.run(until: 9)
        let straightEvents = Self.events(&straight, until: 30)
        #expect(straightEvents.count == 59)
        #expect(straightEvents.prefix(8) == [
            "10: b0 finishes #3.0", "10: b0 starts #3.1", "11: b1 finishes #4.0", "11: b1 starts #4.1",
            "13: #6 arrives (item 0)", "14: b0 finishes #3.1", "14: job 3 for #3 queues at m0", "14: b0 polling",
        ])
        #expect(straightEvents.last == "30: b1 idle")
        #expect(straight.strategy.vm.instructionsExecuted == 185)
        #expect(straight.digest.hex == "fbd02632c5e4707c")

        var original = Simulation(config: level.config, strategy: ScriptStrategy(script: script), seed: 1)
        original.run(until: 9)
        let instructionsAt9 = original.strategy.vm.instructionsExecuted
        #expect(instructionsAt9 == 50)
        #expect(original.strategy.vm.liveFibers == 5)
        var copy = original
        copy.run()
        #expect(copy.status == .finished)
        #expect(copy.strategy.vm.instructionsExecuted == 432)
        #expect(copy.strategy.vm.liveFibers == 0)
        #expect(copy.digest.hex == "834b3d606449106a")
        // The original has not moved: its VM is where it was at tick 9.
        #expect(original.strategy.vm.instructionsExecuted == instructionsAt9)
        #expect(original.strategy.vm.liveFibers == 5)
        let originalEvents = Self.events(&original, until: 30)
        #expect(originalEvents == straightEvents)
        #expect(original.strategy.vm.instructionsExecuted == straight.strategy.vm.instructionsExecuted)
        #expect(original.digest == straight.digest)
    }
}

/// What an observer heard, kept outside the simulation it watches.
final class EventLines {
    var lines: [String] = []
}
