import CoffeeEngine
import Foundation
import Testing
@testable import CoffeeGame

/// Shipped levels and their solutions, for the insight tests (explain, profile, coaching).
enum Shipped {
    static let names = CurriculumTests.names

    static func level(_ name: String) throws -> Level {
        try LevelLoader.load(path: CurriculumTests.levels + "/\(name).yaml", displayPath: "Levels/\(name).yaml")
    }

    /// `Solutions/<name>/<kind>.brew` compiled for its level, named as in the repository.
    static func script(_ name: String, _ kind: String, for level: Level) throws -> Script {
        let source = try CurriculumTests.read(CurriculumTests.solutions + "/\(name)/\(kind).brew")
        let (script, _) = Script.compile(source: source, file: "\(kind).brew", level: level)
        return try #require(script, "\(name)/\(kind).brew does not compile")
    }

    /// Every level with its gold and naive solutions.
    static let goldAndNaive: [String] = names.flatMap { ["\($0)/gold", "\($0)/naive"] }

    /// Every shipped solution: gold, naive, the shortcut and the cheat of every level.
    static let every: [String] = names.flatMap { n in ["gold", "naive", "shortcut", "cheat"].map { "\(n)/\($0)" } }

    /// `06-many-hands/gold`: its level and compiled script.
    static func solution(_ id: String) throws -> (Level, Script) {
        let parts = id.split(separator: "/").map(String.init)
        let level = try level(parts[0])
        return (level, try script(parts[0], parts[1], for: level))
    }
}

/// A profile's ticks add up exactly to each barista's tick classes on the score card, and the
/// profiled shift is the plain one (same digest, same metrics).
func expectAddsUp(_ profiled: (result: RunResult, profile: ScriptProfile), plain: RunResult, _ what: String,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    let (result, profile) = profiled
    #expect(result.digest == plain.digest && result.metrics == plain.metrics, "\(what)", sourceLocation: sourceLocation)
    for (b, m) in result.metrics.baristas.enumerated() {
        for c in TickClass.allCases {
            let sum = profile.baristas.filter { $0.barista == b }.reduce(0) { $0 + $1[c] }
            #expect(sum == m[c], "\(what) b\(b) \(c.name): profile \(sum), card \(m[c])", sourceLocation: sourceLocation)
        }
    }
}
