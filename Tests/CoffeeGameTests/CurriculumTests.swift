import CoffeeEngine
import Foundation
import Testing
@testable import CoffeeGame

/// The curriculum: every shipped level is playable and its idea shows in its medals. For each level,
/// `Solutions/<NN-slug>/gold.brew` uses the idea and earns gold on the hidden evaluation seeds;
/// `naive.brew` does without it (blocks, polls, hires, ignores priorities …) and ends below silver;
/// `shortcut.brew` uses every idea of the earlier levels but not this one's and ends below gold;
/// `cheat.brew` drops customers or a menu item and ends below silver.
@Suite struct CurriculumTests {
    static let levels = repositoryRoot + "/Levels"
    static let solutions = repositoryRoot + "/Tests/CoffeeGameTests/Solutions"
    /// Evaluation seeds per script: enough to average out one lucky stream, few enough to stay fast.
    static let seeds = 16

    /// `01-first-shot`, `02-long-brews`, … : one folder of solutions per shipped level.
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: levels)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    /// The medal of gold, naive, shortcut and cheat on each level's 16 evaluation seeds
    /// (the means are in docs/levels.md).
    static let medals: [String: [Medal?]] = [
        "01-first-shot": [.gold, nil, nil, nil],
        "02-long-brews": [.gold, nil, .silver, nil],
        "03-watched-pot": [.gold, nil, nil, nil],
        "04-ring-the-bell": [.gold, nil, nil, nil],
        "05-juggler": [.gold, .bronze, .silver, nil],
        "06-many-hands": [.gold, nil, .bronze, nil],
        "07-at-the-counter": [.gold, nil, nil, nil],
        "08-no-shelf": [.gold, .bronze, .silver, nil],
        "09-rush-hour": [.gold, nil, nil, nil],
        "10-two-stations": [.gold, nil, nil, nil],
        "11-hand-offs": [.gold, nil, .silver, nil],
        "12-full-day": [.gold, nil, .silver, nil],
    ]

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    static func compile(_ path: String, for level: Level) throws -> Script {
        let source = try read(path)
        let (script, diagnostics) = Script.compile(source: source, file: path, level: level)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(path): \(errors.map(\.message))")
        return try #require(script, "\(path) does not compile")
    }

    static func evaluate(_ script: Script, on level: Level) -> Evaluation {
        Evaluation.run(level: level, seeds: seeds, jobs: 2) { seed in
            ShiftRunner.run(level: level, script: script, seed: seed)
        }
    }

    @Test func theCurriculumHasTwelveLevelsInOrder() {
        #expect(Self.names.count >= 12)
        #expect(Self.names.prefix(12).map { Int($0.prefix(2)) } == Array(1...12).map { Optional($0) })
        let ideas = Set(Self.names.compactMap { try? LevelCatalog(folder: Self.levels).level($0).idea })
        #expect(ideas.count == Self.names.count, "every level teaches its own idea")
    }

    @Test(arguments: CurriculumTests.names)
    func level(_ name: String) throws {
        let level = try LevelCatalog(folder: Self.levels).level(name)
        #expect(!level.briefing.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        #expect(!level.idea.isEmpty)
        #expect(!level.briefing.contains("TODO"))
        #expect(level.briefing.contains("score card"), "the briefing says what to watch on the score card")

        // The starter compiles for its level.
        _ = try Self.compile(Self.levels + "/starters/\(name).brew", for: level)

        // Each reference script earns exactly its medal on the hidden seeds: gold earns gold; the
        // shortcut (every earlier idea, not this level's) stays below gold; naive and the cheat
        // (drops customers or a menu item) stay below silver.
        let expected = try #require(Self.medals[name], "\(name) has expected medals")
        for (kind, medal) in zip(["gold", "naive", "shortcut", "cheat"], expected) {
            let script = try Self.compile(Self.solutions + "/\(name)/\(kind).brew", for: level)
            let e = Self.evaluate(script, on: level)
            #expect(e.failures == 0, "\(name) \(kind) failed: \(e.firstFailure ?? "")")
            let got = e.medal?.description ?? "no medal"
            let want = medal?.description ?? "no medal"
            #expect(e.medal == medal, "\(name) \(kind): \(e.objective) \(e.mean), \(e.served) of \(e.arrived) served: \(got), expected \(want)")
            switch kind {
            case "gold": #expect(medal == .gold)
            case "shortcut": #expect((medal ?? .bronze) < .gold)
            default: #expect((medal ?? .bronze) < .silver)
            }
        }

        // The gold script comes within the level's stated ratio of the lower bound (practice seed).
        let bound = try #require(level.boundRatio, "\(name) states a bound-ratio")
        let gold = try Self.compile(Self.solutions + "/\(name)/gold.brew", for: level)
        let practice = ShiftRunner.run(level: level, script: gold)
        #expect(practice.status == .finished)
        // Over every arrival: a customer lost on the practice seed counts as the rule says.
        let ratio = (practice.metrics.leadTime.mean / practice.lowerBound.meanLeadTime * 100).rounded() / 100
        #expect(ratio <= bound, "\(name): gold lead time is \(ratio) × the lower bound, the level promises \(bound)")
    }
}
