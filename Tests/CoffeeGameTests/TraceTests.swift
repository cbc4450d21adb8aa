import CoffeeEngine
import Foundation
import Testing
@testable import CoffeeGame

/// `barista export RUN --trace`: the Chrome trace of a shift, checked against its own event log.
@Suite struct TraceTests {
    struct Shift {
        let level: Level
        let result: RunResult
        let log: [(Int, ShopEvent)]
        let events: [[String: Any]]
    }

    /// Runs a shift, builds its trace, encodes it and parses the JSON back.
    func shift(_ level: Level, _ run: (((Int, ShopEvent) -> Void)?) -> RunResult) throws -> Shift {
        var log: [(Int, ShopEvent)] = []
        let result = run { log.append(($0, $1)) }
        let trace = ChromeTrace(config: level.config, baristas: result.metrics.baristas.count, log: log)
        let data = try JSONEncoder().encode(trace)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["displayTimeUnit"] as? String == "ms")
        let events = try #require(object["traceEvents"] as? [[String: Any]])
        return Shift(level: level, result: result, log: log, events: events)
    }

    func of(_ s: Shift, ph: String, cat: String? = nil) -> [[String: Any]] {
        s.events.filter { $0["ph"] as? String == ph && (cat == nil || $0["cat"] as? String == cat) }
    }

    func check(_ s: Shift) {
        // A complete step event per step finished or paused, or left unfinished by a customer who
        // walked out in the middle of it, ending at its tick (1 tick = 1 ms).
        var ends: [[Int]] = []
        var working: [Int: Int] = [:]
        for (tick, e) in s.log {
            switch e {
            case let .stepStarted(b, o, _): working[b] = o
            case let .stepFinished(b, o, _), let .stepPaused(b, o, _, _):
                ends.append([b, o, tick * 1000])
                working[b] = nil
            case let .customerLeft(o, _):
                for (b, w) in working where w == o {
                    ends.append([b, o, tick * 1000])
                    working[b] = nil
                }
            default: break
            }
        }
        let steps = of(s, ph: "X", cat: "step").map { e -> [Int] in
            let args = e["args"] as? [String: Any]
            return [e["tid"] as? Int ?? -1, args?["order"] as? Int ?? -1, (e["ts"] as? Int ?? 0) + (e["dur"] as? Int ?? 0)]
        }
        #expect(steps.sorted { $0.lexicographicallyPrecedes($1) } == ends.sorted { $0.lexicographicallyPrecedes($1) })
        // A brew per product done; the waits and polls add up to each barista's ticks of that class.
        let done = s.log.filter { if case .machineDone = $0.1 { return true } else { return false } }.count
        #expect(of(s, ph: "X", cat: "machine").filter { $0["name"] as? String == "brew" }.count == done)
        for (b, m) in s.result.metrics.baristas.enumerated() {
            for (cat, ticks) in [("waiting", m.waiting), ("polling", m.polling)] {
                let sum = of(s, ph: "X", cat: cat).filter { $0["tid"] as? Int == b }.reduce(0) { $0 + ($1["dur"] as? Int ?? 0) }
                #expect(sum == ticks * 1000, "b\(b) \(cat)")
            }
        }
        // One flow arrow per served order, from its first step to its last.
        let served = Set(s.log.compactMap { _, e -> Int? in if case .orderServed(let o, _, _) = e { return o } else { return nil } })
        #expect(Set(of(s, ph: "s").compactMap { $0["id"] as? Int }) == served)
        #expect(Set(of(s, ph: "f").compactMap { $0["id"] as? Int }) == served)
        #expect(of(s, ph: "f").allSatisfy { $0["bp"] as? String == "e" })
        // The counters end with an empty shop and peak at the card's maximum orders in the shop.
        let counters = of(s, ph: "C").compactMap { $0["args"] as? [String: Int] }
        #expect(counters.last == ["queue": 0, "in shop": 0])
        #expect(counters.map { $0["in shop"] ?? 0 }.max() == s.result.metrics.wipMax)
        // A named track per barista and per machine slot.
        let tracks = s.events.filter { $0["name"] as? String == "thread_name" }.count
        #expect(tracks == s.result.metrics.baristas.count + s.level.config.machines.reduce(0) { $0 + $1.slots })
    }

    @Test func aScriptsTraceMatchesItsEventLog() throws {
        let (level, script) = try Shipped.solution("06-many-hands/naive")
        let s = try shift(level) { ShiftRunner.run(level: level, script: script, observer: $0) }
        check(s)
        #expect(of(s, ph: "X", cat: "step").count == 429)
        #expect(of(s, ph: "s").count == 102)
    }

    @Test func aBuiltInStrategysTraceMatchesItsEventLog() throws {
        let level = try Shipped.level("03-watched-pot")
        let s = try shift(level) { ShiftRunner.run(level: level, mode: .polling, observer: $0) }
        check(s)
        #expect(!of(s, ph: "X", cat: "polling").isEmpty)
    }

    @Test func aHandPlayedShiftsTraceMatchesItsEventLog() throws {
        let level = try Shipped.level("04-ring-the-bell")
        let (_, log, _) = ManualReplayTests.play(level)
        let s = try shift(level) { try! ShiftRunner.run(level: level, manualLog: log, seed: level.practiceSeed, observer: $0) }
        check(s)
        #expect(of(s, ph: "s").count == 28)
        // Three steps were cut short by their customer leaving (#7 at tick 259, #11 at 284, #34 at 548).
        let left = of(s, ph: "X", cat: "step").filter { ($0["args"] as? [String: Any])?["left"] as? Int == 1 }
        #expect(left.map { ($0["args"] as? [String: Any])?["order"] as? Int } == [7, 11, 34])
        #expect(left.map { ($0["ts"] as? Int ?? 0) + ($0["dur"] as? Int ?? 0) } == [259_000, 284_000, 548_000])
    }

    @Test func switchingBaristasOnStationsMatchTheirLog() throws {
        let (level, script) = try Shipped.solution("10-two-stations/naive")
        check(try shift(level) { ShiftRunner.run(level: level, script: script, observer: $0) })
    }
}
