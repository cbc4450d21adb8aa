import CoffeeStore
import Foundation
import GRDB

/// A synthetic save file at scale and the timings that matter on it: the leaderboard of one level
/// and recording one run. `barista bench --store FILE` runs it (use a release build). It lives
/// beside the store, not in it, so the product module carries no benchmark; it uses only the
/// store's public API and the few `package` helpers (raw reads and writes) a benchmark needs.
public enum StoreBenchmark {
    public struct Options: Sendable {
        public var runs = 1_000_000
        public var levels = 20
        public var players = 10_000
        /// Distinct scripts per player and level; runs pick one of them.
        public var scriptsPerPlayerLevel = 2
        /// Every n-th generated run keeps a full score card (~1.4 kB of JSON); 0 keeps none.
        public var cardEvery = 0
        /// One evaluation (16 seeds, what ranks) generated per this many runs.
        public var runsPerEvaluation = 5
        /// Runs per write transaction while generating.
        public var batch = 5_000
        /// Timed repetitions of each query.
        public var repetitions = 200
        public init() {}
    }

    public struct Report: Sendable, CustomStringConvertible {
        public var path: String
        public var runs: Int
        public var levels: Int
        public var players: Int
        /// `false` when the file already held the runs and generation was skipped.
        public var generated: Bool
        public var generateSeconds: Double
        /// Medians (and 95th percentiles) in milliseconds.
        /// Opening the file as a CLI command does: inspection, pool, migration check.
        public var openMedian: Double
        public var leaderboardMedian: Double
        public var leaderboardP95: Double
        public var recordMedian: Double
        public var recordP95: Double
        public var recordEvaluationMedian: Double
        public var histogramMedian: Double
        public var summaryMedian: Double
        public var historyMedian: Double
        public var paretoMedian: Double
        public var fileBytes: Int64
        /// Bytes per table and index, largest first (from SQLite's `dbstat`).
        public var objects: [(name: String, bytes: Int64)]

        public var description: String {
            func ms(_ v: Double) -> String { LeaderboardMetric.fixed(v, digits: 3) + " ms" }
            var lines = [
                "store benchmark: \(runs) runs, \(levels) levels, \(players) players in \(path)",
                generated ? "  generated in \(LeaderboardMetric.fixed(generateSeconds, digits: 1)) s" : "  reused the existing file",
                "  open the save file (inspect, migrations):   median \(ms(openMedian))",
                "  leaderboard (one level, top 20 + your rank): median \(ms(leaderboardMedian)), p95 \(ms(leaderboardP95))",
                "  record one run (one transaction):           median \(ms(recordMedian)), p95 \(ms(recordP95))",
                "  record one evaluation (16 seeds, ranked):   median \(ms(recordEvaluationMedian))",
                "  histogram (20 buckets, marked):             median \(ms(histogramMedian))",
                "  summary (every level, rank):                median \(ms(summaryMedian))",
                "  history (one player, 50 newest):            median \(ms(historyMedian))",
                "  pareto (one level, all its runs):           median \(ms(paretoMedian))",
                "  file size: \(LeaderboardMetric.fixed(Double(fileBytes) / 1_048_576, digits: 1)) MiB",
            ]
            for o in objects.prefix(12) {
                lines.append("    \(o.name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(LeaderboardMetric.fixed(Double(o.bytes) / 1_048_576, digits: 1)) MiB")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Fills `path` (a new or empty file; a file that already holds `options.runs` runs is reused
    /// as is) and times the queries. Deterministic: the same options give the same file.
    public static func run(path: String, options: Options = Options(), progress: (Int) -> Void = { _ in }) throws(StoreError) -> Report {
        let db = try AppDatabase(path: path)
        var generator = Generator(options: options)
        let existing = try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM run") ?? 0 }
        let clock = ContinuousClock()
        var generateSeconds = 0.0
        if existing < options.runs {
            let start = clock.now
            var made = existing
            while made < options.runs {
                let n = min(options.batch, options.runs - made)
                try db.record(batch: (0..<n).map { _ in generator.next() })
                let evaluations = (made + n) / max(1, options.runsPerEvaluation) - made / max(1, options.runsPerEvaluation)
                try db.record(evaluations: (0..<evaluations).map { _ in generator.nextEvaluation() })
                made += n
                progress(made)
            }
            generateSeconds = seconds(clock.now - start)
            try db.write { db in try db.execute(sql: "ANALYZE") }
        }
        _ = try? db.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }

        let level = generator.levels[0].hash
        let you = PlayerName(stored: Generator.playerName(options.players / 2))
        func time(_ repetitions: Int = options.repetitions, _ body: () throws(StoreError) -> Void) throws(StoreError) -> [Double] {
            var samples: [Double] = []
            for _ in 0..<repetitions {
                let start = clock.now
                try body()
                samples.append(seconds(clock.now - start) * 1000)
            }
            return samples.sorted()
        }
        let open = try time(20) { () throws(StoreError) in _ = try AppDatabase(path: path) }
        let board = try time { () throws(StoreError) in _ = try db.leaderboard(levelHash: level, metric: .objective, limit: 20, player: you) }
        let record = try time { () throws(StoreError) in try db.record(generator.next()) }
        let recordEvaluation = try time { () throws(StoreError) in try db.record(evaluation: generator.nextEvaluation()) }
        let histogram = try time { () throws(StoreError) in _ = try db.histogram(levelHash: level, metric: .profit, buckets: 20, player: you) }
        let summary = try time { () throws(StoreError) in _ = try db.summary(player: you) }
        let history = try time { () throws(StoreError) in _ = try db.history(player: you, limit: 50) }
        let pareto = try time(5) { () throws(StoreError) in _ = try db.pareto(levelHash: level) }
        _ = try? db.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }

        let objects = try db.read { db in
            try Row.fetchAll(db, sql: "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").map {
                (name: $0[0] as String, bytes: $0[1] as Int64)
            }
        }
        return Report(
            path: path, runs: max(existing, options.runs), levels: options.levels, players: options.players,
            generated: existing < options.runs, generateSeconds: generateSeconds,
            openMedian: median(open), leaderboardMedian: median(board), leaderboardP95: p95(board),
            recordMedian: median(record), recordP95: p95(record), recordEvaluationMedian: median(recordEvaluation),
            histogramMedian: median(histogram), summaryMedian: median(summary), historyMedian: median(history),
            paretoMedian: median(pareto), fileBytes: db.fileSize(), objects: objects)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    static func median(_ sorted: [Double]) -> Double { sorted.isEmpty ? 0 : sorted[sorted.count / 2] }
    static func p95(_ sorted: [Double]) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * 95 / 100)] }

    /// Plausible runs from a fixed seed: players improve a little over time, scripts repeat.
    struct Generator {
        let options: Options
        let levels: [LevelRef]
        var state: UInt64 = 0x5EED
        var count = 0

        init(options: Options) {
            self.options = options
            levels = (0..<options.levels).map { i in
                LevelRef(hash: String(ContentHash.sha256Hex("level \(i)").prefix(16)), title: "Level \(i + 1)", number: i + 1)
            }
        }

        static func playerName(_ i: Int) -> String { "player\(i)" }

        mutating func random() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ n: Int) -> Int { Int(random() % UInt64(n)) }

        mutating func next() -> RunInput {
            count += 1
            let player = below(options.players)
            let levelIndex = below(options.levels)
            let variant = below(max(1, options.scriptsPerPlayerLevel))
            let script = """
                # \(Self.playerName(player)), level \(levelIndex + 1), take \(variant)
                on order:
                  if machine espresso is free:
                    start espresso
                  else:
                    take next order
                on ready espresso:
                  steam milk \(variant % 3)
                  serve
                on idle:
                  check machines every \(10 + variant) ticks

                """
            let served = 20 + below(40)
            let lost = below(8)
            let profit = served * 300 - 4_000 + below(2_000) - lost * 150
            let lead = 40 + Double(below(4_000)) / 37
            let finished = below(20) != 0
            let card = options.cardEvery > 0 && count % options.cardEvery == 0 ? Self.card(profit: profit) : "{}"
            return RunInput(
                player: Self.playerName(player), level: levels[levelIndex], script: .text(script),
                seed: UInt64(below(1_000)), engineVersion: "1.0.0",
                status: finished ? RunInput.finished : "failed: barista 2 polled past the limit at tick 812",
                digest: ContentHash.hex((0..<8).map { UInt8(truncatingIfNeeded: random() >> ($0 * 8)) }), medal: Medal(rawValue: below(4)) ?? .none,
                metrics: RunMetrics(
                    served: served, lost: lost, throughput: Double(served) / 24, leadMean: lead,
                    leadP50: Int(lead) - 5, leadP95: Int(lead * 2), leadMax: Int(lead * 3), counterWaitP95: below(60),
                    valueAddedRatio: Double(below(1_000)) / 1_000, revenue: served * 300, wages: 9_000,
                    waste: below(500), profit: profit, endTick: 2_400 + below(200), scriptSize: 8 + variant * 3),
                metricsJSON: card,
                recordedAt: Date(timeIntervalSince1970: 1_750_000_000 + Double(count) * 30))
        }

        /// A plausible evaluation of 16 seeds, judged on max profit.
        mutating func nextEvaluation() -> EvaluationInput {
            let run = next()
            let m = run.metrics
            let mean = Double(m.profit) + Double(below(100)) / 8
            let medal = mean > 12_000 ? Medal.gold : mean > 9_000 ? .silver : mean > 6_000 ? .bronze : Medal.none
            let shifts = (0..<16).map { _ in
                EvaluationShift(digest: ContentHash.hex((0..<8).map { _ in UInt8(truncatingIfNeeded: random()) }),
                                value: mean + Double(below(400)) - 200)
            }
            return EvaluationInput(
                player: run.player, level: run.level, script: run.script, scriptName: "take.brew", engineVersion: run.engineVersion,
                seedCount: 16, seedSet: ContentHash.hex((0..<8).map { UInt8(truncatingIfNeeded: random() >> ($0 * 8)) }),
                objective: "max profit", higherIsBetter: true, mean: mean, min: mean - 200, median: mean, p95: mean + 180,
                max: mean + 200, medal: medal,
                means: EvaluationMeans(served: Double(m.served), throughput: m.throughput, leadMean: m.leadMean,
                                       valueAddedRatio: m.valueAddedRatio, profit: mean, waste: Double(m.waste), scriptSize: m.scriptSize),
                shifts: shifts, recordedAt: run.recordedAt)
        }

        /// A full card the size the engine's `ShiftMetrics` encodes to (about 1.4 kB).
        static func card(profit: Int) -> String {
            let wip = (0..<100).map { String(Double($0 % 17) / 4) }.joined(separator: ",")
            let baristas = (0..<3).map { "{\"role\":\($0),\"valueAdding\":1200,\"waiting\":300,\"polling\":200,\"switching\":50,\"idle\":650}" }
            let machines = ["espresso", "grinder", "steamer"].map { "{\"name\":\"\($0)\",\"slots\":2,\"busy\":1500,\"holding\":200,\"idle\":3100}" }
            return """
                {"endTick":2400,"arrived":60,"served":55,"lost":5,"lostNotAcknowledged":2,"lostNotServed":2,"lostAtClosing":1,\
                "cold":1,"throughput":2.2916666666666665,"leadTime":{"mean":123.45,"p50":110,"p95":260,"max":400},\
                "counterWait":{"mean":12.5,"p50":10,"p95":30,"max":50},"wipMean":3.21,"wipMax":9,"wipSeries":[\(wip)],\
                "baristas":[\(baristas.joined(separator: ","))],"machines":[\(machines.joined(separator: ","))],\
                "valueAddedRatio":0.5,"checks":120,"preemptions":3,"revenue":16400,"wages":9000,"waste":150,"profit":\(profit)}
                """
        }
    }
}
