import CoffeeEngine
import Testing
@testable import CoffeeGame

/// A hand-played shift is verified by the game alone: `ShiftRunner.run(level:manualLog:seed:)`
/// plays its log again (as the league server does), and refuses a log no player could have made.
@Suite struct ManualReplayTests {
    /// Plays a shift headless, as a player who always picks the most useful kind of move offered
    /// (collect, work, start, idle, wait, check) on the oldest order; returns it and its log.
    static func play(_ level: Level, baristas: Int? = nil) -> (shift: ManualShift, log: String, asked: [Int]) {
        let crew = baristas ?? level.config.baristas
        let shift = ManualShift(config: level.config, baristas: crew, seed: level.practiceSeed)
        let rank: [ManualOption.Kind: Int] = [.collect: 0, .work: 1, .start: 2, .idle: 3, .wait: 4, .check: 5]
        var asked: [Int] = []
        while !shift.isFinished {
            if let q = shift.question, let best = q.options.min(by: { rank[$0.kind, default: 9] < rank[$1.kind, default: 9] }) {
                asked.append(q.tick)
                shift.answer(best)
            } else {
                shift.step()
            }
        }
        return (shift, ManualLog.encode(baristas: crew, answers: shift.answersGiven), asked)
    }

    /// The log with its `n`-th answer line (counted from 1) replaced, or removed when `by` is nil.
    static func edit(_ log: String, answer n: Int, by line: String?) -> String {
        var lines = log.split(separator: "\n").map(String.init)
        if let line { lines[n + 1] = line } else { lines.remove(at: n + 1) }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aLogPlaysTheSameShiftAgain() throws {
        let level = try Shipped.level("04-ring-the-bell")
        let (played, log, asked) = Self.play(level)
        let result = try ShiftRunner.run(level: level, manualLog: log, seed: level.practiceSeed)
        #expect(result.digest == played.digest)
        #expect(result == played.result(level: level))
        #expect(result.strategy == "manual")
        #expect(result.status == .finished)
        #expect(asked.count == 306)
        #expect(played.answersGiven.count == 306)
        #expect(result.metrics.served == 28)
        #expect(result.digest == "d0609045596d1aee")
        // The observer sees each kept step's events once: one arrival per customer, one serve per order served.
        var arrived = 0, served = 0
        _ = try ShiftRunner.run(level: level, manualLog: log, seed: level.practiceSeed, observer: { _, event in
            if case .orderArrived = event { arrived += 1 }
            if case .orderServed = event { served += 1 }
        })
        #expect(arrived == result.metrics.arrived)
        #expect(served == result.metrics.served)
    }

    @Test func aLogIsRefusedWithTheReason() throws {
        let level = try Shipped.level("04-ring-the-bell")
        let (_, log, asked) = Self.play(level)
        let seed = level.practiceSeed
        func refusal(_ text: String) -> ManualLogError? {
            do { _ = try ShiftRunner.run(level: level, manualLog: text, seed: seed) } catch { return error }
            return nil
        }
        #expect(refusal("on order o:\n    take o\n") == .unreadable)
        #expect(refusal(Self.edit(log, answer: 3, by: "0 dance")) == .unreadable)
        // The crew: the level's most is allowed, one more is refused before anything is run.
        let most = level.config.maxBaristas
        #expect(refusal(log.replacingOccurrences(of: "baristas 1\n", with: "baristas \(most + 1)\n")) == .crew(most + 1, allowed: 1...most))
        #expect(refusal(log.replacingOccurrences(of: "baristas 1\n", with: "baristas \(most)\n")) != .crew(most, allowed: 1...most))
        // The last answer missing: the shift stops at that question.
        #expect(refusal(Self.edit(log, answer: asked.count, by: nil)) == .runsOut(tick: asked[asked.count - 1]))
        // A move the choice panel never offers, then one it offered elsewhere but not here.
        #expect(refusal(Self.edit(log, answer: 5, by: "0 sleep 3")) == .illegalMove(answer: 5, barista: 0, tick: asked[4]))
        let first = log.split(separator: "\n")[2]
        #expect(refusal(Self.edit(log, answer: 9, by: String(first))) == .illegalMove(answer: 9, barista: 0, tick: asked[8]))
        // An answer nobody asked for.
        #expect(refusal(log + "0 news\n") == .unusedAnswers(1))
        #expect(ManualLogError.unusedAnswers(2).description == "the manual play log has 2 answers the shift never asked for")
        #expect(ManualLogError.illegalMove(answer: 5, barista: 0, tick: 12).description
                == "answer 5 of the manual play log (b0 at tick 12) is not a move the shop offered")
    }
}
