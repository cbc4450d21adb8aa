import CoffeeEngine
import CoffeeGame
@testable import CoffeeTerminal
import Foundation
import Testing

/// A small shop that only the tests use, so shipped levels can be retuned without touching
/// the golden screens: two baristas, two espresso group heads and a steamer.
enum Fixture {
    static let yaml = """
        title: Test Bar
        idea: a shop for the screen tests
        briefing: |
          A small shop for the screen tests: two baristas, an espresso machine with
          two group heads and a steamer.

          Nothing here changes unless the tests change.
        baristas: {hire: 2, max: 3, wage: 1}
        cooling: 10
        machines:
          espresso: {slots: 2, load: 1}
          steamer: {slots: 1, load: 1}
        menu:
          espresso:
            price: 300
            cost: 50
            steps:
              - take: 2
              - grind: 3
              - brew: {machine: espresso, ticks: 20}
              - pour: 2
              - serve: 1
          latte:
            price: 420
            cost: 80
            tags: [milk]
            steps:
              - take: 2
              - grind: 3
              - brew: {machine: espresso, ticks: 20}
              - steam: {machine: steamer, ticks: 8, after: [take]}
              - pour: {ticks: 2, after: [brew, steam]}
              - serve: 1
        arrivals:
          fixed:
            - {at: 0, item: espresso}
            - {at: 3, item: latte}
            - {at: 10, item: latte}
            - {at: 30, item: espresso}
            - {at: 32, item: latte}
            - {at: 60, item: espresso}
        patience: {acknowledge: 20, serve: 60}
        duration: 100
        closing: 100
        seed: 1
        objective: {metric: served, direction: max}
        medals: {bronze: 3, silver: 5, gold: 6}
        """

    /// The test bar open for a long day, a customer every 15 ticks on average.
    static func longDay(duration: Int) -> String {
        var lines: [String] = []
        var skipping = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("arrivals:") {
                lines += ["arrivals:", "  poisson:", "    mean-gap: 15"]
                skipping = true
                continue
            }
            if skipping, line.hasPrefix(" ") { continue }
            skipping = false
            if line.hasPrefix("duration:") { lines.append("duration: \(duration)"); continue }
            lines.append(String(line))
        }
        return lines.joined(separator: "\n")
    }

    /// The test bar with three customers far apart: a barista often has nothing to do but wait.
    static let sparse = yaml.replacingOccurrences(of: """
            - {at: 0, item: espresso}
            - {at: 3, item: latte}
            - {at: 10, item: latte}
            - {at: 30, item: espresso}
            - {at: 32, item: latte}
            - {at: 60, item: espresso}
        """, with: """
            - {at: 0, item: latte}
            - {at: 40, item: espresso}
            - {at: 80, item: latte}
        """)

    static func level() throws -> Level {
        try LevelLoader.load(yaml: yaml, path: "07-test-bar.yaml")
    }

    static func session(mode: RecipeStrategy.Mode? = .event, briefing: Bool = false, replay: Bool = false,
                        baristas: Int? = nil, onFinish: ((RunResult) -> Standing?)? = nil) throws -> PlaySession {
        let level = try level()
        let source: any ShiftSource = mode.map { BuiltInSource(level: level, mode: $0, baristas: baristas) }
            ?? ManualSource(level: level, baristas: baristas)
        let player = try ShiftPlayer(source: source)
        return PlaySession(player: player, options: PlayOptions(mode: replay ? .replay : .play, showBriefing: briefing,
                                                                onFinish: onFinish))
    }

    static let size = TerminalSize(columns: 80, rows: 24)
}

/// A script source whose script stops compiling on reload: for the error screen.
struct BrokenOnReloadSource: ShiftSource {
    let inner: BuiltInSource
    var level: Level { inner.level }
    var strategyName: String { "rush.brew" }
    var seed: UInt64 { inner.seed }
    var scriptText: String? { "workers 2\non order o:\n    take o\n    stem o\n" }
    var scriptPath: String? { "rush.brew" }
    var canReload: Bool { true }
    func makeShift() throws(ShiftSourceError) -> any PlayableShift { try inner.makeShift() }
    func reloaded() throws(ShiftSourceError) -> any ShiftSource {
        throw .script([ScriptDiagnostic(file: "rush.brew", line: 4, column: 5, length: 4, message: "unknown verb 'stem'",
                                        hint: "did you mean 'steam'?", sourceLine: "    stem o")])
    }
}

/// Compares a screen with its golden text. On a mismatch the screen is written to
/// /tmp/barista-goldens/NAME.txt, ready to be pasted in once it is checked by eye.
func expectGolden(_ grid: Grid, _ name: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = grid.text
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        var l = String(line)
        while l.last == " " { l.removeLast() }
        return l
    }
    var wantLines = want
    while wantLines.count < grid.height { wantLines.append("") }
    let got = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard got != wantLines else { return }
    try? FileManager.default.createDirectory(atPath: "/tmp/barista-goldens", withIntermediateDirectories: true)
    try? actual.write(toFile: "/tmp/barista-goldens/\(name).txt", atomically: true, encoding: .utf8)
    let first = zip(got, wantLines).enumerated().first { $0.element.0 != $0.element.1 }
    let where_ = first.map { "line \($0.offset + 1):\n got: \($0.element.0)\nwant: \($0.element.1)" } ?? "line count differs"
    Issue.record("golden screen '\(name)' differs at \(where_)\n(actual screen in /tmp/barista-goldens/\(name).txt)",
                 sourceLocation: sourceLocation)
}
