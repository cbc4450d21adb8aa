import BrewScript
import CoffeeEngine
import CoffeeGame
import Foundation

/// A tiny shop for exact script timelines: one espresso slot (load 1), customers at fixed ticks.
/// take 2 → grind 4 (interruptible) → brew 10 on the machine → serve 1.
func tinyLevel(arrivals: [Int], maxBaristas: Int = 2, extra: String = "") throws -> Level {
    let list = arrivals.map { "    - {at: \($0), item: espresso}" }.joined(separator: "\n")
    return try LevelLoader.load(yaml: """
    title: Tiny
    idea: timelines
    briefing: a test shop
    baristas: {hire: 1, max: \(maxBaristas), wage: 1}
    costs: {switch: 2, check: 1, collect: 0}
    machines:
      espresso: {slots: 2, load: 1}
    menu:
      espresso:
        price: 300
        steps:
          - take: 2
          - grind: 4
          - brew: {machine: espresso, ticks: 10}
          - serve: 1
    arrivals:
      fixed:
    \(list)
    duration: 100
    closing: 200
    objective: served
    medals: {bronze: 1, silver: 2, gold: 3}
    \(extra)
    """, path: "tiny.yaml")
}

/// Compiles a script for a level, failing the test with its diagnostics if it does not compile.
func compiled(_ source: String, for level: Level) throws -> Script {
    let (script, diagnostics) = Script.compile(source: source, file: "test.brew", level: level)
    guard let script else {
        throw ScriptTestError(message: BrewScript.render(diagnostics, source: source))
    }
    return script
}

struct ScriptTestError: Error, CustomStringConvertible { let message: String; var description: String { message } }

/// Runs a script and returns `tick: event` lines (barista state changes included when asked).
func scriptTimeline(_ source: String, level: Level, states: Bool = false) throws -> (log: [String], result: RunResult) {
    var log: [String] = []
    let result = ShiftRunner.run(level: level, script: try compiled(source, for: level)) { tick, event in
        if case .baristaState = event, !states { return }
        log.append("\(tick): \(event)")
    }
    return (log, result)
}
