import BrewScript
import CoffeeGame
import Foundation

/// What libFuzzer runs on each input: one script. It is compiled for the shipped level its `# level: N` line names
/// (level 1 otherwise), its diagnostics rendered, and when it compiles one shift runs with small
/// sandbox limits (the limits themselves have their own tests; here they keep each run short).
public func fuzzCompiler(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let level = ShippedLevels.level(for: source)
    let (script, diagnostics) = Script.compile(source: source, file: "fuzz.brew", level: level)
    _ = BrewScript.render(diagnostics, source: source)
    if let script {
        var limits = BrewScript.Limits()
        limits.stepsPerDecision = 10_000
        limits.shiftBudget = 500_000
        _ = ShiftRunner.run(level: level, script: script, limits: limits)
    }
    return 0
}

/// The shipped levels, read once from the repository's Levels/ folder.
enum ShippedLevels {
    static let all: [Int: Level] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Levels").standardizedFileURL.path
        var levels: [Int: Level] = [:]
        for (number, name) in ["01-first-shot", "02-long-brews", "03-watched-pot", "04-ring-the-bell", "05-juggler",
                               "06-many-hands", "07-at-the-counter", "08-no-shelf", "09-rush-hour", "10-two-stations",
                               "11-hand-offs", "12-full-day"].enumerated() {
            do {
                levels[number + 1] = try LevelLoader.load(path: "\(folder)/\(name).yaml")
            } catch {
                fatalError("fuzz setup: \(error)")
            }
        }
        return levels
    }()

    /// The level a `# level: N` line (in the first 20 lines) names, else level 1 (the shortest
/// shift: a mutant that lost its line still runs in milliseconds).
    static func level(for source: String) -> Level {
        for line in source.split(separator: "\n", maxSplits: 20).prefix(20) where line.hasPrefix("# level: ") {
            if let n = Int(line.dropFirst("# level: ".count).prefix(2)), let level = all[n] { return level }
        }
        guard let first = all[1] else { fatalError("fuzz setup: no level 1") }
        return first
    }
}
