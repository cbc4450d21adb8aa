import CoffeeEngine
import CoffeeGame
@testable import CoffeeTerminal
import Foundation
import Testing

/// Every hand-played shift that is recorded verifies, whatever keys the player pressed: random
/// key sequences, seeded, each played through a session and then replayed from its log.
@Suite("Hand-played shifts verify")
struct ManualVerifyTests {
    /// SplitMix64: the same seed gives the same key sequence everywhere.
    struct Dice {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Keys a player might press, the moves' keys weighted up so shifts get somewhere.
    static let keys: [Key] = [.char(" "), .char("."), .char("+"), .char("-"), .tab, .backTab, .char("r"), .char("R"),
                              .char("s"), .char("?"), .left, .right, .home, .end, .enter, .up, .down, .char("v"),
                              .char("0"), .char("1"), .char("1"), .char("2"), .char("2"), .char("3"), .char("4"),
                              .char("5"), .char("a"), .char("u"), .char("u"), .char("n"), .pageDown, .char("x")]

    /// What a recorded shift is kept as: its log and digest, taken when it ends, as the CLI records it.
    struct Recorded {
        let log: String
        let digest: String
        let served: Int
    }

    /// Plays one seeded random sequence, then plays on greedily to the end; returns every shift recorded.
    static func play(seed: UInt64, level: Level, baristas: Int?, presses: Int) throws -> [Recorded] {
        var dice = Dice(state: seed)
        var recorded: [Recorded] = []
        var session: PlaySession?
        let s = try PlaySession(player: ShiftPlayer(source: ManualSource(level: level, baristas: baristas)),
                                options: PlayOptions(mode: .play, showBriefing: dice.below(2) == 0, onFinish: { _ in
                                    guard let shift = session?.player.shift as? ManualShift,
                                          let crew = (session?.player.source as? ManualSource)?.baristas else { return nil }
                                    recorded.append(Recorded(log: ManualLog.encode(baristas: crew, answers: shift.answersGiven),
                                                             digest: shift.digest, served: shift.metrics.served))
                                    return nil
                                }))
        session = s
        var clock = 0.0
        for _ in 0..<presses {
            if dice.below(3) == 0 {
                let dt = [0.01, 0.1, 0.5, 2, 10][dice.below(5)]
                clock += dt
                s.update(elapsed: dt, deadline: clock, now: { clock })
            } else {
                s.handle(keys[dice.below(keys.count)])
                if s.exit != nil { break }
            }
        }
        // Then to the end, as a player who wants the card would.
        if s.exit == nil {
            s.handle(.escape)
            ManualPlayTests.playGreedily(s)
        }
        return recorded
    }

    static func check(seeds: Range<UInt64>, presses: Int) throws {
        let level = try LevelLoader.load(yaml: Fixture.sparse, path: "07-sparse.yaml")
        var finished = 0
        for seed in seeds {
            for baristas in [1, 2] {
                for r in try play(seed: seed, level: level, baristas: baristas, presses: presses) {
                    finished += 1
                    let (crew, answers) = try #require(ManualLog.decode(r.log))
                    let source = ManualSource(level: level, baristas: crew, answers: answers)
                    do {
                        let digest = try ReplayCheck.digest(of: source)
                        #expect(digest == r.digest, "seed \(seed), \(baristas) baristas: replayed \(digest), kept \(r.digest)")
                    } catch {
                        Issue.record("seed \(seed), \(baristas) baristas: \(error)")
                    }
                }
            }
        }
        #expect(finished >= seeds.count)
    }

    @Test func randomKeySequencesRecordShiftsThatVerify() throws {
        try Self.check(seeds: 0..<100, presses: 60)
    }

    /// `BARISTA_MANUAL_FUZZ=5000 swift test --filter ManualVerify` for a longer run.
    @Test func manyMoreWhenAsked() throws {
        guard let n = ProcessInfo.processInfo.environment["BARISTA_MANUAL_FUZZ"].flatMap(UInt64.init) else { return }
        try Self.check(seeds: 1000..<(1000 + n), presses: 200)
    }
}
