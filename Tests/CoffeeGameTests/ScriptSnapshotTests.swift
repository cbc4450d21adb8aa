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
}
