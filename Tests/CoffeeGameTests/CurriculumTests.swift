import CoffeeEngine
import Foundation
import Testing
@testable import CoffeeGame

/// The curriculum: every shipped level is playable and its idea shows in its medals. For each level,
/// `Solutions/<NN-slug>/gold.brew` uses the idea and earns gold on the hidden evaluation seeds;
/// `naive.brew` does without it (blocks, polls, hires, ignores priorities …) and ends below silver.
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

        // Gold earns gold on the hidden seeds; naive stays below silver.
        let gold = try Self.compile(Self.solutions + "/\(name)/gold.brew", for: level)
        let naive = try Self.compile(Self.solutions + "/\(name)/naive.brew", for: level)
        let g = Self.evaluate(gold, on: level)
        #expect(g.failures == 0, "\(name) gold failed: \(g.firstFailure ?? "")")
        #expect(g.medal == .gold, "\(name) gold script: \(g.objective) \(g.mean) earns \(g.medal?.description ?? "no medal")")
        let n = Self.evaluate(naive, on: level)
        #expect(n.failures == 0, "\(name) naive failed: \(n.firstFailure ?? "")")
        #expect((n.medal ?? .bronze) < .silver, "\(name) naive script: \(n.objective) \(n.mean) earns \(n.medal?.description ?? "no medal")")

        // The gold script comes within the level's stated ratio of the lower bound (practice seed).
        let bound = try #require(level.boundRatio, "\(name) states a bound-ratio")
        let practice = ShiftRunner.run(level: level, script: gold)
        #expect(practice.status == .finished)
        let ratio = try #require(practice.leadTimeRatio)
        #expect(ratio <= bound, "\(name): gold lead time is \(ratio) × the lower bound, the level promises \(bound)")
    }
}
