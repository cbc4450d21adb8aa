import CoffeeEngine
import CoffeeGame
import Foundation
import Testing

/// The example strategies in `Strategies/` run the corner shop; each score card is a tested fact,
/// so the difference between blocking, polling, notification, attention and roles is too.
/// Set BARISTA_UPDATE_GOLDEN=1 to rewrite the expected cards after an intended change.
@Suite("Example strategies")
struct StrategyExamplesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let names = ["blocking", "polling", "event", "attention", "roles"]

    func card(_ name: String) throws -> RunResult {
        let level = try LevelLoader.load(path: Self.root.appendingPathComponent("Strategies/corner-shop.yaml").path,
                                         displayPath: "Strategies/corner-shop.yaml")
        let file = "Strategies/\(name).brew"
        let source = try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)
        let (script, diagnostics) = Script.compile(source: source, file: file, level: level)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        return ShiftRunner.run(level: level, script: try #require(script))
    }

    @Test(arguments: names)
    func scoreCard(_ name: String) throws {
        let text = ScoreCard.render(try card(name)) + "\n"
        let golden = Self.root.appendingPathComponent("Tests/CoffeeGameTests/Golden/\(name).card")
        if ProcessInfo.processInfo.environment["BARISTA_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(text == (try String(contentsOf: golden, encoding: .utf8)))
    }

    @Test func theIdeasShowInTheNumbers() throws {
        let r = try Dictionary(uniqueKeysWithValues: Self.names.map { ($0, try card($0).metrics) })
        // Blocking spends most of the shift waiting; polling turns that into polling; await into work.
        #expect(r["blocking"]!.baristas[0].waiting > r["blocking"]!.baristas[0].valueAdding)
        #expect(r["polling"]!.baristas[0].polling > 0 && r["polling"]!.baristas[0].waiting == 0)
        #expect(r["event"]!.baristas[0].waiting == 0 && r["event"]!.baristas[0].polling == 0)
        #expect(r["blocking"]!.served < r["polling"]!.served)
        #expect(r["polling"]!.served < r["event"]!.served)
        // Attention: nobody leaves unacknowledged, at the price of switching.
        #expect(r["attention"]!.lostNotAcknowledged == 0 && r["attention"]!.baristas[0].switching > 0)
        // Two workers in parallel serve everyone, and cost two wages.
        #expect(r["roles"]!.lost == 0 && r["roles"]!.wages == 2 * r["roles"]!.endTick * 2)
    }
}
