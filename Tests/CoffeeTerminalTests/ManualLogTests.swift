import CoffeeEngine
import CoffeeGame
import CoffeeTerminal
import Foundation
import Testing

/// A manual shift is kept as the log of the player's answers; the log plays the same shift again.
@Suite("Manual play logs")
struct ManualLogTests {
    @Test func aLogReplaysTheSameShift() throws {
        let s = try Fixture.session(mode: nil)
        ManualPlayTests.playGreedily(s)
        let manual = try #require(s.player.shift as? ManualShift)
        #expect(s.player.isFinished)
        let crew = try #require(s.player.source as? ManualSource).baristas
        let log = ManualLog.encode(baristas: crew, answers: manual.answersGiven)
        #expect(ManualLog.isLog(log))
        #expect(log.hasPrefix("# barista manual play\nbaristas \(crew)\n"))
        let decoded = try #require(ManualLog.decode(log))
        #expect(decoded.baristas == crew && decoded.answers.count == manual.answersGiven.count)
        #expect(ManualLog.encode(baristas: crew, answers: decoded.answers) == log)
        let source = ManualSource(level: try Fixture.level(), baristas: decoded.baristas, answers: decoded.answers)
        #expect(try ReplayCheck.verify(source, digest: s.player.shift.digest))
    }

    @Test func aBrokenLogIsNotRead() {
        #expect(ManualLog.decode("# barista manual play\nbaristas 1\n0 dance\n") == nil)
        #expect(ManualLog.decode("on order o:\n    take o\n") == nil)
        #expect(ManualLog.decode("# barista manual play\nbaristas 0\n") == nil)
    }
}
