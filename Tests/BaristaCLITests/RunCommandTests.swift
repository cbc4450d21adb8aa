import CoffeeEngine
import CoffeeGame
import Foundation
import Testing

@Suite("barista run")
struct RunCommandTests {
    @Test func jsonCarriesTheRunAndTheSameDigestAcrossProcesses() throws {
        let a = try barista(["run", "3", "--json", "--seed", "11"])
        let b = try barista(["run", "3", "--json", "--seed", "11"])
        #expect(a.status == 0 && b.status == 0)
        let objA = try #require(JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])
        let objB = try #require(JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as? [String: Any])
        for key in ["level", "seed", "engineVersion", "digest", "status", "lowerBound", "metrics"] {
            #expect(objA[key] != nil, "missing \(key)")
        }
        #expect(objA["seed"] as? Int == 11)
        #expect(objA["status"] as? String == "finished")
        #expect(objA["digest"] as? String == objB["digest"] as? String)
        // …and the same as this process computes.
        let level = try LevelCatalog.resolve("3", currentDirectory: repoRoot.path)
        let here = ShiftRunner.run(level: level, mode: .event, seed: 11)
        #expect(objA["digest"] as? String == here.digest)
        let other = try barista(["run", "3", "--json", "--seed", "12"])
        let objC = try #require(JSONSerialization.jsonObject(with: Data(other.stdout.utf8)) as? [String: Any])
        #expect(objC["digest"] as? String != here.digest)
    }

    @Test func theScoreCardOfLevelOneIsExact() throws {
        let r = try barista(["run", "1", "--strategy", "blocking", "--no-save"])
        #expect(r.status == 0)
        #expect(r.stdout == """
        01 first-shot · strategy blocking · seed 1
        status      finished at tick 259
        served      3 of 6   lost 3 (0 not acknowledged, 3 not served, 0 at closing)   cold 0
        throughput  1.16 served per 100 ticks
        lead time   mean 31.50  p50 29  p95 34  max 34   (every arrival: a lost customer counts the longest a served one could take)
        counter     wait p95 0  max 0   orders in shop mean 0.73 max 1
        little's law orders in shop 0.73 ≈ throughput 1.16 per 100 ticks × lead time 31.50 = 0.36   (lost customers count a penalty lead time, so the sides part)
        value added 26.6% of barista time (process cycle efficiency)

        barista time     value-adding      waiting      polling    switching         idle
          b0                 69 (27%)    120 (46%)       0 (0%)       0 (0%)     70 (27%)
        machine slots            busy      holding         idle
          espresso ×1       120 (46%)       0 (0%)    139 (54%)

        money       revenue $9.00  wages $2.59  waste $2.40  profit $4.01
        objective   max served: 3   would earn no medal · medals come from barista eval on hidden seeds
        service     3 of 6 served (50.0%), below the floor of 90%: no medal
                    dropping a customer never improves any objective
        digest      c6f9f65295461b86 (engine 1.2.1)

        coaching (the changes most likely to pay)
          · line 6 'wait p': 120 ticks waiting (46 % of b0) — 'await p' lets b0 serve others meanwhile

        """)
    }

    @Test func badInputExitsTwoWithAMessage() throws {
        let unknown = try barista(["run", "99"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("barista: "))
        #expect(unknown.stderr.contains("99"))
        let strategy = try barista(["run", "1", "--strategy", "lazy"])
        #expect(strategy.status == 2)
        #expect(strategy.stderr == "barista: unknown strategy 'lazy': use blocking, polling or event\n")
        let crew = try barista(["run", "1", "--baristas", "5"])
        #expect(crew.stderr == "barista: 01 first-shot allows 1 to 1 baristas, not 5\n")
        #expect(crew.status == 2)
        let option = try barista(["run", "1", "--speed", "3"])
        #expect(option.status == 2)
        #expect(option.stderr.contains("Unknown option '--speed'"))
    }

    @Test func aBrokenLevelFileIsNamedWithItsLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barista-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = try String(contentsOf: repoRoot.appendingPathComponent("Levels/01-first-shot.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "brew: {machine: espresso, ticks: 20}\n      - pour: 2", with: "brew: {machine: espreso, ticks: 20}\n      - pour: 2")
        let file = dir.appendingPathComponent("broken.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let r = try barista(["run", file.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("broken.yaml:"))
        #expect(r.stderr.contains("unknown machine 'espreso'"))
        #expect(r.stdout.isEmpty)
    }
}
