import CoffeeEngine
import Foundation
import Testing
@testable import CoffeeGame

/// "Dropping a customer never improves any objective", checked over random small levels and random
/// scripts. Each shift is run by the engine; its customers' outcomes are read from the events and
/// rebuilt into the customer figures of the score card with the engine's own rule for lost customers
/// (`LostCustomerRule`), which must give back the engine's figures exactly. Then each served customer
/// in turn is made lost (everything else kept), and no metric a level may use gets better.
///
/// A small seeded slice runs in `swift test`; `BARISTA_FUZZ_SHIFTS=N` runs N shifts.
@Suite struct DroppingNeverHelpsTests {
    static let shifts = ProcessInfo.processInfo.environment["BARISTA_FUZZ_SHIFTS"].flatMap(Int.init) ?? 24

    /// One customer's visit, as the events tell it.
    struct Visit {
        var arrival: Int
        var item: Int
        var lead: Int?
        var cold = false
        var left = false
    }

    @Test func droppingAServedCustomerNeverImprovesAnyMetric() throws {
        var rng = SplitMix64(seed: 0xD20_9C05)
        var flipped = 0
        for shift in 0..<Self.shifts {
            let level = try Self.randomLevel(&rng, index: shift)
            let source = Self.randomScript(&rng, level: level)
            let script = try compiled(source, for: level)
            var visits: [Int: Visit] = [:]
            let seed = rng.next()
            let result = ShiftRunner.run(level: level, script: script, seed: seed) { tick, event in
                switch event {
                case let .orderArrived(order, item): visits[order] = Visit(arrival: tick, item: item)
                case let .orderServed(order, lead, cold):
                    visits[order]?.lead = lead
                    visits[order]?.cold = cold
                case let .customerLeft(order, _): visits[order]?.left = true
                default: break
                }
            }
            let label = "shift \(shift) (seed \(seed)):\n\(source)"
            #expect(result.status == .finished, "\(label)\n\(result.failure?.message ?? "")")
            let m = result.metrics
            #expect(visits.count == m.arrived, "\(label)")
            // The events and the rule give back the engine's lead time over every arrival.
            #expect(Self.leadTimes(visits, level: level, dropping: nil).summary == m.leadTime, "\(label)")

            for (number, visit) in visits where visit.lead != nil {
                var d = m
                let item = level.config.menu[visit.item]
                d.served -= 1
                d.lost += 1
                if visit.cold {
                    d.cold -= 1
                } else {
                    d.revenue -= item.price
                    d.waste += item.cost
                }
                d.profit = d.revenue - d.wages - d.waste
                d.throughput = m.endTick == 0 ? 0 : (Double(d.served) * 10_000 / Double(m.endTick)).rounded() / 100
                d.leadTime = Self.leadTimes(visits, level: level, dropping: number).summary
                for metric in Metric.allCases {
                    let o = Objective(metric: metric, medals: MedalThresholds(bronze: 0, silver: 0, gold: 0))
                    let before = metric.value(in: m)
                    let after = metric.value(in: d)
                    #expect(o.isAtLeastAsGood(before, as: after),
                            "\(metric.rawValue) improved from \(before) to \(after) by dropping customer \(number): \(label)")
                }
                // And the medal: a shift never earns more by serving fewer.
                let medalBefore = level.objective.medal(for: m)
                let medalAfter = level.objective.medal(for: d)
                #expect((medalAfter?.rawValue ?? 0) <= (medalBefore?.rawValue ?? 0), "\(label)")
                flipped += 1
            }
        }
        #expect(flipped > 100, "the random shifts serve customers to drop (\(flipped))")
    }

    /// The lead time of every arrival: served ones as they were served, lost ones (and `dropping`)
    /// as the lost-customer rule says.
    static func leadTimes(_ visits: [Int: Visit], level: Level, dropping: Int?) -> TickHistogram {
        var h = TickHistogram()
        for (number, v) in visits {
            if let lead = v.lead, number != dropping {
                h.record(lead)
            } else {
                h.record(LostCustomerRule(config: level.config, item: v.item).leadTime(arrival: v.arrival))
            }
        }
        return h
    }

    static func pick<T>(_ xs: [T], _ rng: inout SplitMix64) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
    static func between(_ a: Int, _ b: Int, _ rng: inout SplitMix64) -> Int { a + Int(rng.next() % UInt64(b - a + 1)) }

    /// A small shop: one or two machines (maybe jittered), two items, random patience and arrivals.
    static func randomLevel(_ rng: inout SplitMix64, index: Int) throws -> Level {
        let brew = between(4, 30, &rng)
        let jitter = between(0, brew - 1, &rng) / 2
        let ack = pick(["", "acknowledge: \(between(3, 30, &rng)), "], &rng)
        let serve = pick(["", "serve: \(between(20, 120, &rng))"], &rng)
        let patience = ack.isEmpty && serve.isEmpty ? "" : "patience: {\(ack)\(serve)}".replacingOccurrences(of: ", }", with: "}")
        let own = pick(["", "    patience: {serve: \(between(15, 80, &rng))}\n"], &rng)
        let cooling = pick(["", "cooling: \(between(2, 30, &rng))"], &rng)
        let yaml = """
        title: Random \(index)
        idea: fuzzing
        briefing: a random shop
        baristas: {hire: 1, max: 3, wage: \(between(0, 3, &rng))}
        \(cooling)
        machines:
          espresso: {slots: \(between(1, 3, &rng)), load: \(between(0, 2, &rng))}
          steamer: {slots: \(between(1, 2, &rng)), load: 1}
        menu:
          espresso:
            price: \(between(100, 400, &rng))
            cost: \(between(0, 90, &rng))
        \(own)    steps:
              - take: \(between(1, 3, &rng))
              - grind: \(between(1, 5, &rng))
              - brew: {machine: espresso, ticks: \(brew), jitter: \(jitter)}
              - serve: 1
          latte:
            price: \(between(100, 500, &rng))
            cost: \(between(0, 90, &rng))
            tags: [milk]
            steps:
              - take: 2
              - grind: 3
              - brew: {machine: espresso, ticks: \(brew)}
              - steam: {machine: steamer, ticks: \(between(3, 20, &rng)), after: [take]}
              - pour: {ticks: 2, after: [brew, steam]}
              - serve: 1
        arrivals:
          poisson:
            mean-gap: \(between(3, 25, &rng))
        \(patience)
        duration: \(between(60, 300, &rng))
        closing: \(between(0, 150, &rng))
        objective: \(pick(Metric.allCases, &rng).rawValue)
        medals: {bronze: 1, silver: 1, gold: 1}
        service-floor: \(pick(["0", "0.5", "0.9", "1"], &rng))
        """
        return try LevelLoader.load(yaml: yaml.replacingOccurrences(of: "medals: {bronze: 1, silver: 1, gold: 1}",
                                                                    with: medalsLine(yaml)), path: "random-\(index).yaml")
    }

    /// Thresholds in the order the level's metric needs (rising for max, falling for min).
    static func medalsLine(_ yaml: String) -> String {
        let metric = yaml.split(separator: "\n").first { $0.hasPrefix("objective: ") }
            .flatMap { Metric(rawValue: String($0.dropFirst("objective: ".count))) } ?? .served
        return metric.naturalDirection == .max ? "medals: {bronze: 1, silver: 2, gold: 3}" : "medals: {bronze: 300, silver: 200, gold: 100}"
    }

    /// A script put together from a few ways of working: some turn customers away, some block, some
    /// poll, some await; any crew and policy.
    static func randomScript(_ rng: inout SplitMix64, level: Level) -> String {
        let drop = pick(["", "    if o.number % \(between(2, 5, &rng)) == 0:\n        return\n",
                         "    if o.milk:\n        return\n"], &rng)
        let wait = pick(["await shot", "wait shot", "while not ready(shot):\n        sleep \(between(1, 6, &rng))"], &rng)
        let greet = pick(["", "on customer c:\n    take c\n"], &rng)
        let take = greet.isEmpty ? "    take o\n" : "    while not done(o, take):\n        sleep 1\n"
        return """
        workers \(between(1, 3, &rng))
        policy \(pick(["oldest", "shortest", "deadline"], &rng))
        \(greet)
        on order o:
        \(drop)\(take)    if o.milk:
                milk = start steam o on steamer
            grind o
            shot = start brew o on espresso
            \(wait)
            if o.milk:
                await milk
                pour o
            serve o
        """
    }
}
