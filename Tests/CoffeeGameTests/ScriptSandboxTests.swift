import BrewScript
import CoffeeEngine
import CoffeeGame
import Foundation
import Testing

/// Scripts that try to hang or exhaust the game end their shift with a named limit, quickly.
@Suite("Scripts in the sandbox")
struct ScriptSandboxTests {
    func outcome(_ source: String, limits: BrewScript.Limits = BrewScript.Limits()) throws -> RunResult {
        let level = try tinyLevel(arrivals: [0, 1, 2])
        return ShiftRunner.run(level: level, script: try compiled(source, for: level), limits: limits)
    }

    @Test func anInfiniteLoopIsStopped() throws {
        let r = try outcome("""
        on order o:
            n = 0
            while true:
                n = n + 1
        """)
        #expect(r.status == .scriptError)
        #expect(r.failure?.limit == "steps-per-decision")
        #expect(r.failure?.line == 3 && r.failure?.tick == 0)
    }

    @Test func unboundedRecursionIsStopped() throws {
        let r = try outcome("""
        def down(n):
            return down(n + 1)

        on order o:
            down(0)
        """)
        #expect(r.failure?.limit == "call-depth")
        #expect(r.failure?.line == 2)
    }

    @Test func aLoopThatNeverSpendsATickIsStopped() throws {
        let r = try outcome("""
        on order o:
            while true:
                idle 0
        """)
        #expect(r.failure?.limit == "decisions-per-tick")
        #expect(r.failure?.line == 3)
    }

    @Test func runawayTaskCreationIsStopped() throws {
        var limits = BrewScript.Limits()
        limits.tasks = 2
        let r = try outcome("""
        on order o:
            sleep 1000
        """, limits: limits)
        #expect(r.failure?.limit == "tasks")
        #expect(r.failure?.tick == 2)
    }

    @Test func aHugeStringIsStopped() throws {
        let r = try outcome("""
        on order o:
            s = "brew"
            while true:
                s = s + s
        """)
        #expect(r.failure?.limit == "string-size")
        #expect(r.failure?.line == 4)
    }

    @Test func aStepTheOrderDoesNotHaveIsAScriptError() throws {
        let level = try LevelLoader.load(path: StrategyExamplesTests.root.appendingPathComponent("Strategies/corner-shop.yaml").path)
        let r = ShiftRunner.run(level: level, script: try compiled("on order o:\n    take o\n    steam o\n", for: level))
        #expect(r.failure?.message == "#1 (espresso) has no step 'steam'")
        #expect(r.failure?.line == 3 && r.failure?.column == 5)
    }
}

/// Random and mutated scripts through compile and run: never a crash, never a hang.
@Suite("Script fuzzing")
struct ScriptFuzzTests {
    @Test func mutatedExampleScriptsCompileOrFailCleanly() throws {
        let root = StrategyExamplesTests.root
        let level = try LevelLoader.load(path: root.appendingPathComponent("Strategies/corner-shop.yaml").path)
        let seeds = try ["blocking", "polling", "event", "attention", "roles"].map {
            try String(contentsOf: root.appendingPathComponent("Strategies/\($0).brew"), encoding: .utf8)
        }
        let words = ["take", "grind", "brew", "steam", "pour", "serve", "await", "wait", "check", "start", "on", "to",
                     "espresso", "o", "shot", "sleep", "yield", "while", "if", "not", "ready(shot)", "\n", "    ", ":",
                     "(", ")", "1", "0", "-1", "999999999999", "send", "barista", "every 2:", "on customer c:", "\"x\""]
        var rng = SplitMix64(seed: 77)
        var ran = 0
        var limits = BrewScript.Limits()
        limits.shiftBudget = 2_000_000
        for i in 0..<150 {
            var tokens = seeds[i % seeds.count].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            for _ in 0..<(1 + rng.below(4)) {
                let at = rng.below(tokens.count)
                switch rng.below(3) {
                case 0: tokens[at] = words[rng.below(words.count)]
                case 1: tokens.insert(words[rng.below(words.count)], at: at)
                default: if tokens.count > 1 { tokens.remove(at: at) }
                }
            }
            let source = tokens.joined(separator: " ")
            let (script, diagnostics) = Script.compile(source: source, file: "fuzz.brew", level: level)
            if let script {
                let r = ShiftRunner.run(level: level, script: script, seed: UInt64(i), limits: limits)
                #expect(r.metrics.endTick <= level.config.duration + level.config.closing)
                ran += 1
            } else {
                #expect(!diagnostics.isEmpty)
            }
        }
        #expect(ran > 10)
    }
}
