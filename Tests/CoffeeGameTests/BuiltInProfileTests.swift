import CoffeeEngine
import Testing
@testable import CoffeeGame

/// `barista run LEVEL --strategy MODE --profile`: a built-in strategy's ticks on the lines of its
/// pseudo-script, adding up exactly to each barista's tick classes.
@Suite struct BuiltInProfileTests {
    static let cases: [(String, RecipeStrategy.Mode)] = Shipped.names.flatMap { name in RecipeStrategy.Mode.allCases.map { (name, $0) } }

    /// Every shipped level with every built-in: the same shift as unprofiled (same digest and
    /// metrics), every tick on a line of the pseudo-script that says what the barista does.
    @Test(arguments: cases)
    func theProfileAddsUpToEachBaristasTicks(_ name: String, _ mode: RecipeStrategy.Mode) throws {
        let level = try Shipped.level(name)
        let profiled = ShiftRunner.profile(level: level, mode: mode)
        expectAddsUp(profiled, plain: ShiftRunner.run(level: level, mode: mode), "\(name) \(mode)")
        let profile = profiled.profile
        let lines = BuiltInScript.text(for: mode).split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(profile.lines.count == lines + 1)
        #expect(profile.file == "built-in \(mode.rawValue)")
        let used = Set(profile.baristas.filter { $0.total > 0 }.map(\.line))
        let possible: Set<Int> = switch mode {
        case .blocking: [0, 5, 6, 8]
        case .polling: [0, 5, 6, 9]
        case .event: [0, 5, 8, 10, 12]
        }
        #expect(used.isSubset(of: possible), "\(name) \(mode): lines \(used.sorted())")
    }

    /// The engine's attribution (`BuiltInLines` answering `line(of:)` with its last action's line)
    /// is the same, tick for tick, as reading each barista's activity after every event of the
    /// unwrapped built-in (how the profile was computed before): every shipped level, every built-in.
    @Test(arguments: cases)
    func theAttributionIsWhatEachBaristaWasDoing(_ name: String, _ mode: RecipeStrategy.Mode) throws {
        let level = try Shipped.level(name)
        var sim = Simulation(config: level.config, strategy: RecipeStrategy(mode: mode, baristas: level.config.baristas),
                             seed: level.practiceSeed)
        var ticks: [[Int: [Int]]] = Array(repeating: [:], count: level.config.baristas)
        var doing: [(line: Int, tickClass: TickClass)] = Array(repeating: (0, .idle), count: level.config.baristas)
        var last = 0
        func look() {
            let now = sim.shop.now
            if now > last {
                for b in doing.indices { ticks[b][doing[b].line, default: [0, 0, 0, 0, 0]][doing[b].tickClass.rawValue] += now - last }
            }
            last = now
            doing = sim.view.baristas.map { (BuiltInScript.line(for: mode, activity: $0.activity) ?? 0, $0.tickClass) }
        }
        look()
        while !sim.isFinished {
            sim.step()
            look()
        }
        let sampled = ticks.enumerated().flatMap { b, lines in
            lines.sorted { $0.key < $1.key }.map { line, t in
                LineTicks(barista: b, line: line, valueAdding: t[0], waiting: t[1], polling: t[2], switching: t[3], idle: t[4])
            }
        }
        #expect(ShiftRunner.profile(level: level, mode: mode).profile.baristas == sampled, "\(name) \(mode)")
    }

    @Test func blockingOnLongBrewsStandsAtTheMachine() throws {
        let level = try Shipped.level("02-long-brews")
        let (result, profile) = ShiftRunner.profile(level: level, mode: .blocking)
        let byLine = Dictionary(uniqueKeysWithValues: profile.lines.map { ($0.line, [$0.valueAdding, $0.waiting, $0.polling, $0.switching, $0.idle]) })
        #expect(byLine[5] == [14, 0, 0, 0, 0])
        #expect(byLine[6] == [0, 358, 0, 0, 0])
        #expect(byLine[8] == [108, 0, 0, 0, 0])
        #expect(byLine[0] == [0, 0, 0, 0, 16])
        #expect(profile.total == result.metrics.baristas.reduce(0) { $0 + $1.total })
        let coaching = Coach.top(result, profile: profile, mode: .blocking, level: level)
        #expect(coaching.map(\.text) == ["line 6 'wait p': 358 ticks waiting (72 % of b0) — 'await p' lets b0 serve others meanwhile"])
    }

    @Test func thePseudoScriptIsAnnotatedLikeAScript() throws {
        let level = try Shipped.level("02-long-brews")
        let text = ShiftRunner.profile(level: level, mode: .polling).profile.text.split(separator: "\n").map(String.init)
        #expect(text == [
            "profile of built-in polling · every barista tick on the line of the command it was spent on (1 barista, 496 ticks)",
            " line  value-adding  waiting  polling  switching    idle  share",
            "    1                                                                                # built-in 'polling' strategy (Swift), read as a script",
            "    2                                                                                on order o:",
            "    3                                                                                    while o has a step to do:",
            "    4                                                                                        if the step runs on a machine:",
            "    5            14        0        0          0       0  ▋                      3%              p = start it on the machine",
            "    6             0        0      358          0       0  ██████████████▍       72%              while not check p:   # look again, and again",
            "    7                                                                                                pass",
            "    8                                                                                        else:",
            "    9           108        0        0          0       0  ████▍                 22%              do it         # hands-on work",
            "    –             0        0        0          0      16  ▋                      3%  (between tasks: no task held)",
        ])
    }
}
