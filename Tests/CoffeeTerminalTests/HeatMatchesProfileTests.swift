import CoffeeEngine
import CoffeeGame
@testable import CoffeeTerminal
import Testing

/// The play screen's heat column is the same attribution as `barista run --profile`: at the end
/// of a shift, every line's ticks by class equal the engine's per-line profile of the same script
/// or built-in strategy.
@Suite struct HeatMatchesProfileTests {
    static let solutions = ["01-first-shot", "02-long-brews", "03-watched-pot", "04-ring-the-bell", "05-juggler",
                            "06-many-hands", "07-at-the-counter", "08-no-shelf", "09-rush-hour", "10-two-stations",
                            "11-hand-offs", "12-full-day"].flatMap { [($0, "gold"), ($0, "naive")] }.map { "\($0.0)/\($0.1)" }

    @Test(arguments: solutions)
    func theHeatIsTheProfile(_ id: String) throws {
        let parts = id.split(separator: "/").map(String.init)
        let s = try InsightScreenTests.shipped(parts[0], parts[1])
        s.player.advance(to: Int.max / 2)
        #expect(s.player.isFinished)
        let script = try #require((s.player.source as? CompiledScriptSource)?.script)
        let (_, profile) = ShiftRunner.profile(level: s.player.source.level, script: script, seed: try #require(s.player.source as? CompiledScriptSource).seed)
        for line in profile.lines {
            #expect(s.player.heat.ticks(line: line.line) == TickClass.allCases.map { line[$0] }, "line \(line.line)")
        }
    }

    static let builtIns = solutions.filter { $0.hasSuffix("/gold") }.map { $0.dropLast(5) }
        .flatMap { level in RecipeStrategy.Mode.allCases.map { "\(level)/\($0.rawValue)" } }

    @Test(arguments: builtIns)
    func theHeatOfABuiltInIsItsProfile(_ id: String) throws {
        let parts = id.split(separator: "/").map(String.init)
        let level = try LevelLoader.load(path: InsightScreenTests.root.appendingPathComponent("Levels/\(parts[0]).yaml").path,
                                         displayPath: "Levels/\(parts[0]).yaml")
        let mode = try #require(RecipeStrategy.Mode(rawValue: parts[1]))
        let player = try ShiftPlayer(source: BuiltInSource(level: level, mode: mode))
        player.advance(to: Int.max / 2)
        #expect(player.isFinished)
        let (result, profile) = ShiftRunner.profile(level: level, mode: mode)
        #expect(player.shift.digest == result.digest)
        #expect(player.heat.attribution == profile.baristas, "\(id)")
    }
}
