import Foundation
import Testing
@testable import CoffeeStore

@Suite struct ReplayTests {
    static let sample = ReplayFile(
        level: LevelRef(hash: "aaaa0001", title: "Morning Rush", number: 1), seed: 42, engineVersion: "1.0",
        digest: "00112233aabbccdd", player: PlayerName(stored: "ada"),
        playedAt: Date(timeIntervalSince1970: 1_700_000_000.5), medal: .gold,
        metrics: RunMetrics(served: 41, lost: 2, throughput: 0.1 + 0.2, leadMean: 12.75, leadP50: 11, leadP95: 30,
                            leadMax: 44, counterWaitP95: 6, valueAddedRatio: 0.61, revenue: 16400, wages: 9000,
                            waste: 150, profit: 7250, endTick: 2400, scriptSize: 14),
        script: .text("when order:\n  brew espresso\n\n  # trailing spaces stay   \n"))

    static let sampleText = """
        # Barista replay. Check it: barista import FILE
        format: barista-replay 1
        level: aaaa0001
        title: Morning Rush
        number: 1
        seed: 42
        engine: 1.0
        digest: 00112233aabbccdd
        player: ada
        played: 2023-11-14T22:13:20.500Z
        status: finished
        medal: gold
        served: 41
        lost: 2
        throughput: 0.30000000000000004
        lead-mean: 12.75
        lead-p50: 11
        lead-p95: 30
        lead-max: 44
        counter-wait-p95: 6
        value-added: 0.61
        revenue: 16400
        wages: 9000
        waste: 150
        profit: 7250
        end-tick: 2400
        script-size: 14
        script-hash: \(ContentHash.sha256Hex("when order:\n  brew espresso\n\n  # trailing spaces stay   \n"))
        ---
        when order:
          brew espresso

          # trailing spaces stay   \n
        """

    @Test func rendersAReadableFileAndParsesItBack() throws {
        let text = Self.sample.render()
        #expect(text == Self.sampleText)
        #expect(try ReplayFile.parse(text) == Self.sample)
    }

    @Test func roundTripsABuiltinStrategyAndNoDate() throws {
        var replay = Self.sample
        replay.script = .builtin("round-robin")
        replay.playedAt = nil
        let text = replay.render()
        #expect(text.hasSuffix("strategy: round-robin\n---\n"))
        #expect(!text.contains("played:"))
        #expect(try ReplayFile.parse(text) == replay)
    }

    @Test func acceptsCRLFHeaders() throws {
        var replay = Self.sample
        replay.script = .builtin("fifo")
        let crlf = replay.render().replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try ReplayFile.parse(crlf) == replay)
    }

    /// Replaces the line starting with `prefix` (or deletes it when `with` is nil).
    func edited(_ prefix: String, _ with: String?) -> String {
        Self.sampleText.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            line.hasPrefix(prefix) ? with : String(line)
        }.joined(separator: "\n")
    }

    @Test func namesTheLineAndTheProblem() {
        let cases: [(String, StoreError)] = [
            ("", .badReplay(line: 0, message: "the file is empty")),
            ("hello\n", .badReplay(line: 1, message: "expected `key: value`, found \"hello\"")),
            (edited("seed:", "seed: -1"), .badReplay(line: 6, message: "the seed must be a whole number from 0 to 18446744073709551615")),
            (edited("seed:", "seed: 1\nseed: 2"), .badReplay(line: 7, message: "\"seed\" is given twice (first on line 6)")),
            (edited("digest:", "digest: xyz"), .badReplay(line: 8, message: "the digest must be hexadecimal digits")),
            (edited("player:", "player: \u{1B}[2Jevil"), .badReplay(line: 9, message: "A player name must be printable; ^[[2Jevil contains control characters.")),
            (edited("medal:", "medal: platinum"), .badReplay(line: 12, message: "the medal must be none, bronze, silver or gold")),
            (edited("profit:", "profit: lots"), .badReplay(line: 25, message: "\"profit\" must be a number, not \"lots\"")),
            (edited("lead-mean:", "lead-mean: nan"), .badReplay(line: 16, message: "\"lead-mean\" must be a number, not \"nan\"")),
            (edited("played:", "played: yesterday"), .badReplay(line: 10, message: "\"played\" must be an ISO 8601 date like 2025-01-31T12:00:00Z")),
            (edited("wages:", "wage: 1"), .badReplay(line: 23, message: "unknown key \"wage\"")),
            (edited("wages:", nil), .badReplay(line: 28, message: "the header has no \"wages\"")),
            (edited("format:", "format: barista-replay 2"), .badReplay(line: 2, message: "format version 2 is newer than this Barista reads (1); update Barista")),
            (edited("format:", "format: other 1"), .badReplay(line: 2, message: "expected `format: barista-replay 1`")),
            (edited("---", nil), .badReplay(line: 29, message: "unknown key \"when order\"")),
            (edited("  brew", "  brew latte"), .badReplay(line: 30, message: "the script below `---` does not match script-hash (line 28): it was edited, or its line endings were changed")),
            (edited("script-hash:", "strategy: fifo"), .badReplay(line: 30, message: "a replay of the built-in strategy \"fifo\" has no script text")),
            (edited("script-hash:", nil), .badReplay(line: 28, message: "the header has neither script-hash nor strategy")),
        ]
        for (text, error) in cases {
            #expect(throws: error) { try ReplayFile.parse(text) }
        }
    }

    @Test func noSeparatorIsAnError() {
        let header = Self.sampleText.components(separatedBy: "\n---\n")[0]
        #expect(throws: StoreError.badReplay(line: 28, message: "no `---` line before the script")) { try ReplayFile.parse(header) }
    }
}

@Suite struct ReplayImportTests {
    /// Plays the part of the game: "re-simulates" by echoing the file, optionally changed.
    func simulator(_ change: @escaping (inout RunInput) -> Void = { _ in }) -> (ReplayFile) throws -> RunInput {
        { file in
            var run = RunInput(player: "whoever", level: file.level, script: file.script, seed: file.seed,
                               engineVersion: file.engineVersion, status: file.status, digest: file.digest,
                               medal: file.medal, metrics: file.metrics, metricsJSON: "{\"full\":true}")
            change(&run)
            return run
        }
    }

    struct UnknownLevel: Error, CustomStringConvertible {
        var description: String { "no level aaaa0001 in this campaign" }
    }

    @Test func exportsAndImportsAVerifiedRun() throws {
        let home = try AppDatabase.inMemory()
        let id = try home.record(Fixture.run("ada", profit: 700, medal: .silver, at: 1_700_000_000_000))
        let text = try home.replay(runId: id).render()
        #expect(text.contains("player: ada\n"))
        #expect(text.contains("profit: 700\n"))

        let away = try AppDatabase.inMemory()
        let result = try away.importReplay(text, verify: simulator())
        #expect(result == .stored(runId: 1))
        let run = try away.run(id: 1)
        #expect(run.player.rawValue == "ada")
        #expect(run.imported)
        #expect(run.metrics == (try home.run(id: id)).metrics)
        #expect(run.metricsJSON == "{\"full\":true}")
        #expect(run.recordedAt == Date(timeIntervalSince1970: 1_700_000_000))
        // A practice run does not rank: only evaluations do.
        #expect(try away.leaderboard(levelHash: Fixture.level1.hash, metric: .profit).entries.isEmpty)
        // Importing the same replay again stores nothing new.
        #expect(try away.importReplay(text, verify: simulator()) == .alreadyPresent(runId: 1))
        // Export of the imported run gives the same file.
        #expect(try away.replay(runId: 1).render() == text)
    }

    @Test func refusesWhatTheReSimulationDoesNotConfirm() throws {
        let home = try AppDatabase.inMemory()
        let text = try home.replay(runId: home.record(Fixture.run("ada", profit: 700))).render()
        let away = try AppDatabase.inMemory()

        #expect(throws: StoreError.replayMismatch("digest: the file says 00112233aabbccdd, the re-simulation gives 00112233aabbccde")) {
            try away.importReplay(text, verify: simulator { $0.digest = "00112233aabbccde" })
        }
        let tampered = text.replacingOccurrences(of: "profit: 700", with: "profit: 7000")
        #expect(throws: StoreError.replayMismatch("profit: the file says 7000, the re-simulation gives 700")) {
            try away.importReplay(tampered, verify: simulator { $0.metrics.profit = 700 })
        }
        #expect(throws: StoreError.replayRejected("no level aaaa0001 in this campaign")) {
            try away.importReplay(text, verify: { _ in throw UnknownLevel() })
        }
        #expect(throws: StoreError.badReplay(line: 0, message: "the file is empty")) {
            try away.importReplay("", verify: simulator())
        }
        #expect(try away.levels().isEmpty)
    }
}
