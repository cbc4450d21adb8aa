import Foundation
import Testing
@testable import CoffeeStore

/// Evaluations as the store keeps, exports and imports them: one row, a digest per seed, no seeds.
@Suite struct EvaluationTests {
    static let level = LevelRef(hash: "aaaa0001", title: "Morning Rush", number: 1)

    static func sample(player: String = "ada") -> EvaluationInput {
        EvaluationInput(
            player: player, level: level, script: .text("on order o:\n    serve o\n"), scriptName: "serve.brew",
            engineVersion: "1.0", seedCount: 2, seedSet: "0123456789ABCDEF", objective: "max profit", higherIsBetter: true,
            mean: 5273.5, min: 5100, median: 5100, p95: 5447, max: 5447, medal: .gold,
            means: EvaluationMeans(served: 16, throughput: 0.5, leadMean: 30.25, valueAddedRatio: 0.4, profit: 5273.5, waste: 10, scriptSize: 2),
            shifts: [EvaluationShift(digest: "5c836bcaf61f6458", value: 5100), EvaluationShift(digest: "00000000000000ff", value: 5447)],
            recordedAt: Date(timeIntervalSince1970: 1_700_000_000))
    }

    static let sampleText = """
        # Barista evaluation. Check it: barista import FILE
        format: barista-evaluation 1
        level: aaaa0001
        title: Morning Rush
        number: 1
        engine: 1.0
        player: ada
        played: 2023-11-14T22:13:20.000Z
        seeds: 2
        seed-set: 0123456789abcdef
        objective: max profit
        failures: 0
        mean: 5273.5
        min: 5100.0
        median: 5100.0
        p95: 5447.0
        max: 5447.0
        mean-served: 16.0
        mean-throughput: 0.5
        mean-lead-time: 30.25
        mean-value-added: 0.4
        mean-profit: 5273.5
        mean-waste: 10.0
        script-size: 2
        medal: gold
        shift-1: 5c836bcaf61f6458
        shift-2: 00000000000000ff
        script-hash: \(ContentHash.sha256Hex("on order o:\n    serve o\n"))
        ---
        on order o:
            serve o

        """

    @Test func recordsOneEvaluationAndReadsItBack() throws {
        let db = try AppDatabase.inMemory()
        let id = try db.record(evaluation: Self.sample())
        #expect(id == 1)
        #expect(try Fixture.count(db, "evaluation") == 1)
        #expect(try Fixture.count(db, "evaluationShift") == 2)
        #expect(try Fixture.count(db, "run") == 0)
        let stored = try db.evaluation(id: id)
        var expected = Self.sample()
        expected.seedSet = "0123456789abcdef"
        #expect(stored.input == expected)
        #expect(stored.player.rawValue == "ada")
        #expect(!stored.imported)
        let list = try db.evaluations(player: Fixture.name("ada"))
        #expect(list.map(\.strategy) == ["serve.brew"])
        #expect(list.map(\.seedCount) == [2])
        #expect(list.map(\.medal) == [.gold])
        #expect(throws: StoreError.evaluationNotFound(9)) { try db.evaluation(id: 9) }
    }

    @Test func refusesEvaluationsThatCannotBeStored() throws {
        let db = try AppDatabase.inMemory()
        var e = Self.sample()
        e.shifts.removeLast()
        #expect(throws: StoreError.invalidRun("an evaluation of 2 seeds needs as many shifts, not 1")) { try db.record(evaluation: e) }
        e = Self.sample()
        e.seedSet = "12345"
        #expect(throws: StoreError.invalidRun("the seed set must be 16 hex digits, not \"12345\"")) { try db.record(evaluation: e) }
        e = Self.sample()
        e.mean = .infinity
        #expect(throws: StoreError.invalidRun("mean is not a finite number")) { try db.record(evaluation: e) }
        e = Self.sample()
        e.seedCount = 10_001
        #expect(throws: StoreError.invalidRun("an evaluation has 1–10000 seeds, not 10001")) { try db.record(evaluation: e) }
        #expect(try Fixture.count(db, "evaluation") == 0)
    }

    @Test func rendersAFileWithoutSeedsAndParsesItBack() throws {
        let db = try AppDatabase.inMemory()
        let text = try db.evaluationFile(id: db.record(evaluation: Self.sample())).render()
        #expect(text == Self.sampleText)
        #expect(EvaluationFile.isEvaluation(text))
        #expect(!EvaluationFile.isEvaluation(ReplayTests.sampleText))
        let parsed = try EvaluationFile.parse(text)
        #expect(parsed.player.rawValue == "ada")
        #expect(parsed.evaluation.shifts.map(\.digest) == ["5c836bcaf61f6458", "00000000000000ff"])
        #expect(parsed.evaluation.mean == 5273.5)
        #expect(parsed.evaluation.recordedAt == Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test func namesTheLineOfAProblem() {
        func problem(_ from: String, _ to: String) -> StoreError? {
            do { _ = try EvaluationFile.parse(Self.sampleText.replacingOccurrences(of: from, with: to)); return nil } catch { return error }
        }
        #expect(problem("seeds: 2", "seeds: 3") == .badReplay(line: 29, message: "the header has no \"shift-3\" (it says seeds: 3)"))
        #expect(problem("shift-2: 00000000000000ff", "shift-2: xyz") == .badReplay(line: 27, message: "\"shift-2\" must be a digest of hexadecimal digits"))
        #expect(problem("seeds: 2", "seeds: 1") == .badReplay(line: 27, message: "\"shift-2\" is past the 1 seeds the file says it has"))
        #expect(problem("mean: 5273.5", "mean: lots") == .badReplay(line: 13, message: "\"mean\" must be a number, not \"lots\""))
        #expect(problem("shift-1:", "seed-1:") == .badReplay(line: 26, message: "unknown key \"seed-1\""))
        #expect(problem("barista-evaluation 1", "barista-evaluation 2")
            == .badReplay(line: 2, message: "format version 2 is newer than this Barista reads (1); update Barista"))
    }

    /// Stands in for the game: "re-simulates" by returning the evaluation it was built with.
    func simulator(_ result: EvaluationInput) -> (EvaluationFile) throws -> EvaluationInput { { _ in result } }

    @Test func importsOnlyWhatTheReSimulationConfirms() throws {
        let text = try { () throws -> String in
            let home = try AppDatabase.inMemory()
            return try home.evaluationFile(id: home.record(evaluation: Self.sample())).render()
        }()
        let away = try AppDatabase.inMemory()
        var other = Self.sample(player: "someone-else")
        other.shifts[1].digest = "00000000000000fe"
        other.mean = 5273
        other.means.profit = 9000
        #expect(throws: StoreError.replayMismatch("shift 2 digest: kept 00000000000000ff, replayed 00000000000000fe; mean: kept 5273.5, replayed 5273.0; "
                                                  + "mean-profit: kept 5273.5, replayed 9000.0")) {
            try away.importEvaluation(text, verify: simulator(other))
        }
        #expect(try Fixture.count(away, "evaluation") == 0)
        let replayed = Self.sample(player: "someone-else")
        #expect(try away.importEvaluation(text, verify: simulator(replayed)) == .stored(evaluationId: 1))
        let stored = try away.evaluation(id: 1)
        #expect(stored.player.rawValue == "ada")
        #expect(stored.imported)
        #expect(stored.input.recordedAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(try away.leaderboard(levelHash: Self.level.hash).entries.map(\.value) == [5273.5])
        #expect(try away.importEvaluation(text, verify: simulator(replayed)) == .alreadyPresent(evaluationId: 1))
        #expect(try away.consistencyProblems() == [])
    }

    /// A row edited by hand into something that is not its type is an error, not a crash.
    @Test func aDamagedEvaluationRowIsAnErrorNotACrash() throws {
        let db = try AppDatabase.inMemory()
        try db.record(evaluation: Self.sample())
        try db.writer.write { try $0.execute(sql: "UPDATE evaluation SET mean = 'lots', recordedAt = 'soon'") }
        #expect(throws: StoreError.self) { try db.evaluation(id: 1) }
        #expect(throws: StoreError.self) { try db.evaluations(player: Fixture.name("ada")) }
        #expect(throws: StoreError.self) { try db.leaderboard(levelHash: Self.level.hash) }
        #expect(throws: StoreError.self) { try db.histogram(levelHash: Self.level.hash) }
    }

    /// What `barista replay e1` compares: a stored evaluation edited by hand no longer matches its
    /// re-simulation, field by field.
    @Test func anEditedEvaluationDoesNotMatchItsReSimulation() throws {
        let db = try AppDatabase.inMemory()
        let id = try db.record(evaluation: Self.sample())
        let resimulated = try db.evaluation(id: id).input
        #expect(AppDatabase.differences(try db.evaluation(id: id).input, resimulated) == [])
        try db.writer.write { db in
            try db.execute(sql: "UPDATE evaluation SET medal = 2, served = 40 WHERE id = ?", arguments: [id])
            try db.execute(sql: "UPDATE evaluationShift SET digest = x'00' WHERE evaluationId = ? AND position = 1", arguments: [id])
        }
        #expect(AppDatabase.differences(try db.evaluation(id: id).input, resimulated) == [
            "shift 2 digest: kept 00, replayed 00000000000000ff", "mean-served: kept 40.0, replayed 16.0", "medal: kept silver, replayed gold",
        ])
    }
}
