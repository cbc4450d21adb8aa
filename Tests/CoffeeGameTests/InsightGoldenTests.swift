import CoffeeEngine
import Foundation
import Testing
@testable import CoffeeGame

/// Every level's gold and naive solutions with their four corners, coaching and line profile, in
/// exact figures: `Golden/insight/LEVEL-KIND.txt`. On a mismatch the text is written to
/// /tmp/barista-insight/ to be compared (and, once checked by eye, copied in).
@Suite struct InsightGoldenTests {
    static let folder = repositoryRoot + "/Tests/CoffeeGameTests/Golden/insight"

    /// What `barista explain`, the coaching under `barista run` and `run --profile` print.
    static func insight(_ id: String) throws -> String {
        let (level, script) = try Shipped.solution(id)
        let (result, profile) = ShiftRunner.profile(level: level, script: script)
        let coaching = Coach.top(result, profile: profile, script: script, level: level)
        let explanation = Explain.explain(level: level, script: script)
        return [explanation.text, explanation.compact.joined(separator: "\n"),
                "coaching:" + coaching.map { "\n  · " + $0.text }.joined(), profile.text].joined(separator: "\n\n") + "\n"
    }

    @Test(arguments: Shipped.goldAndNaive)
    func theFiguresAreTheOnesOnFile(_ id: String) throws {
        let name = id.replacingOccurrences(of: "/", with: "-")
        let got = try Self.insight(id)
        let want = try? String(contentsOfFile: Self.folder + "/\(name).txt", encoding: .utf8)
        if got != want {
            try? FileManager.default.createDirectory(atPath: "/tmp/barista-insight", withIntermediateDirectories: true)
            try? got.write(toFile: "/tmp/barista-insight/\(name).txt", atomically: true, encoding: .utf8)
        }
        #expect(got == want, "\(id): see /tmp/barista-insight/\(name).txt")
    }
}
