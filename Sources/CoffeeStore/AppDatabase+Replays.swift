import Foundation
import GRDB

/// What `importReplay` did.
public enum ReplayImport: Sendable, Hashable {
    /// Verified and stored as a new run.
    case stored(runId: Int64)
    /// The same run (player, level, script, seed, engine, digest) was already in the file.
    case alreadyPresent(runId: Int64)

    public var runId: Int64 {
        switch self {
        case let .stored(id), let .alreadyPresent(id): id
        }
    }
}

// MARK: - Replays

extension AppDatabase {
    /// The replay of a stored run, ready to `render()` into a file.
    public func replay(runId: Int64) throws(StoreError) -> ReplayFile {
        let run = try run(id: runId)
        if run.fromEvaluation { throw .hiddenSeedRun(runId) }
        return ReplayFile(run)
    }

    /// The file of a stored evaluation, ready to `render()`: no seeds, a digest per seed.
    public func evaluationFile(id: Int64) throws(StoreError) -> EvaluationFile {
        EvaluationFile(try evaluation(id: id))
    }

    /// Parses, verifies and stores an evaluation file.
    ///
    /// `verify` derives the seeds from the level as `barista eval` does, runs every one and returns
    /// the evaluation it got (or throws). The store checks it against the file — seed count and
    /// identity, every shift's digest, failures, the summary and the medal — and stores the
    /// *re-simulated* evaluation under the file's player. Nothing is written unless every check passes.
    public func importEvaluation(_ text: String, verify: (EvaluationFile) throws -> EvaluationInput) throws(StoreError) -> EvaluationImport {
        let file = try EvaluationFile.parse(text)
        let replayed: EvaluationInput
        do { replayed = try verify(file) } catch {
            throw .replayRejected(String(describing: error))
        }
        let problems = Self.differences(file.evaluation, replayed)
        if !problems.isEmpty { throw .replayMismatch(problems.joined(separator: "; ")) }
        var e = replayed
        e.player = file.player.rawValue
        e.recordedAt = file.evaluation.recordedAt ?? replayed.recordedAt
        let player = try Self.validate(e)
        let fileHash = ContentHash.sha256Hex(text)
        return try write { db in
            if let existing = try Self.existingEvaluation(e, player: player, db: db) {
                return .alreadyPresent(evaluationId: existing)
            }
            let id = try Self.insert(e, player: player, db: db)
            try db.execute(sql: "INSERT INTO evaluationImport (evaluationId, importedAt, formatVersion, fileHash) VALUES (?, ?, ?, ?)",
                           arguments: [id, Clock.nowMillis, EvaluationFile.formatVersion, fileHash])
            return .stored(evaluationId: id)
        }
    }

    /// What a re-simulated evaluation says differently from what was kept: seed set, every shift's
    /// digest, failures, the summary, the means the leaderboard ranks by and the medal.
    public static func differences(_ kept: EvaluationInput, _ replayed: EvaluationInput) -> [String] {
        var problems: [String] = []
        func compare(_ what: String, _ claimed: String, _ actual: String) {
            if claimed != actual {
                problems.append("\(what): kept \(PlayerName.escape(claimed)), replayed \(PlayerName.escape(actual))")
            }
        }
        compare("level", kept.level.hash, replayed.level.hash)
        compare("engine", kept.engineVersion, replayed.engineVersion)
        compare("script", kept.script.hash, replayed.script.hash)
        compare("seeds", String(kept.seedCount), String(replayed.seedCount))
        compare("seed set", kept.seedSet.lowercased(), replayed.seedSet.lowercased())
        compare("objective", kept.objective, replayed.objective)
        var wrongShifts = 0
        for (i, (a, b)) in zip(kept.shifts, replayed.shifts).enumerated() where a.digest.lowercased() != b.digest.lowercased() {
            wrongShifts += 1
            if wrongShifts <= 3 { compare("shift \(i + 1) digest", a.digest.lowercased(), b.digest.lowercased()) }
        }
        if wrongShifts > 3 { problems.append("\(wrongShifts - 3) more shifts differ") }
        compare("failures", String(kept.failures), String(replayed.failures))
        for n in EvaluationFile.numbers {
            compare(n.key, kept[keyPath: n.path].description, replayed[keyPath: n.path].description)
        }
        for (_, field) in EvaluationMeans.fields { compare(field.key, field.get(kept.means), field.get(replayed.means)) }
        compare("medal", kept.medal.description, replayed.medal.description)
        return problems
    }

    static func existingEvaluation(_ e: EvaluationInput, player: PlayerName, db: Database) throws -> Int64? {
        guard let playerId = try playerId(player, db: db, create: false),
              let levelId = try Int64.fetchOne(db, sql: "SELECT id FROM level WHERE hash = ?", arguments: [e.level.hash]),
              let scriptId = try Int64.fetchOne(db, sql: "SELECT id FROM script WHERE hash = ?", arguments: [Data(e.script.hashBytes)])
        else { return nil }
        return try Int64.fetchOne(db, sql: """
            SELECT id FROM evaluation
            WHERE levelId = ? AND playerId = ? AND scriptId = ? AND engineVersion = ? AND seedCount = ? AND seedSet = ?
            ORDER BY id LIMIT 1
            """, arguments: [levelId, playerId, scriptId, e.engineVersion, e.seedCount, e.seedSet.lowercased()])
    }

    /// Parses, verifies and stores a replay file.
    ///
    /// The store cannot re-simulate, so the caller must: `verify` runs the shift from the file's
    /// inputs and returns the run it got (or throws, e.g. for an unknown level or engine).
    /// The store then checks that re-simulation against the file, field by field, and stores the
    /// *re-simulated* run under the file's player. Nothing is written unless every check passes.
    public func importReplay(_ text: String, verify: (ReplayFile) throws -> RunInput) throws(StoreError) -> ReplayImport {
        let file = try ReplayFile.parse(text)
        let replayed: RunInput
        do { replayed = try verify(file) } catch {
            throw .replayRejected(String(describing: error))
        }
        try Self.check(replayed, against: file)
        var run = replayed
        run.player = file.player.rawValue
        run.recordedAt = file.playedAt ?? replayed.recordedAt
        let player = try Self.validate(run)
        let fileHash = ContentHash.sha256Hex(text)
        return try write { db in
            if let existing = try Self.existingRun(run, player: player, db: db) {
                return .alreadyPresent(runId: existing)
            }
            let id = try Self.insert(run, player: player, db: db)
            try ReplayRow(runId: id, importedAt: Clock.nowMillis, formatVersion: ReplayFile.formatVersion, fileHash: fileHash).insert(db)
            return .stored(runId: id)
        }
    }

    /// The differences between what the file claims and what re-simulating it gave.
    static func check(_ replayed: RunInput, against file: ReplayFile) throws(StoreError) {
        var problems: [String] = []
        func compare(_ what: String, _ claimed: String, _ actual: String) {
            if claimed != actual {
                problems.append("\(what): the file says \(PlayerName.escape(claimed)), the re-simulation gives \(PlayerName.escape(actual))")
            }
        }
        compare("level", file.level.hash, replayed.level.hash)
        compare("seed", String(file.seed), String(replayed.seed))
        compare("engine", file.engineVersion, replayed.engineVersion)
        compare("script", file.script.hash, replayed.script.hash)
        compare("digest", file.digest, replayed.digest.lowercased())
        compare("status", file.status, ReplayFile.oneLine(replayed.status).trimmingCharacters(in: .whitespaces))
        compare("medal", file.medal.description, replayed.medal.description)
        for field in RunMetrics.fields {
            compare(field.key, field.get(file.metrics), field.get(replayed.metrics))
        }
        if !problems.isEmpty { throw .replayMismatch(problems.joined(separator: "; ")) }
    }

    static func existingRun(_ run: RunInput, player: PlayerName, db: Database) throws -> Int64? {
        guard let playerId = try playerId(player, db: db, create: false),
              let levelId = try Int64.fetchOne(db, sql: "SELECT id FROM level WHERE hash = ?", arguments: [run.level.hash]),
              let scriptId = try Int64.fetchOne(db, sql: "SELECT id FROM script WHERE hash = ?", arguments: [Data(run.script.hashBytes)])
        else { return nil }
        return try Int64.fetchOne(db, sql: """
            SELECT id FROM run
            WHERE levelId = ? AND playerId = ? AND scriptId = ? AND seed = ? AND engineVersion = ? AND digest = ?
            ORDER BY id LIMIT 1
            """, arguments: [levelId, playerId, scriptId, Int64(bitPattern: run.seed), run.engineVersion,
                             Data(ContentHash.bytes(hex: run.digest) ?? [])])
    }
}
