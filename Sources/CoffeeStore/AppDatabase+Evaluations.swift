import Foundation
import GRDB

// MARK: - Recording and reading evaluations

extension AppDatabase {
    /// Stores an evaluation in one transaction: its player, level and script are created when new,
    /// the evaluation and a digest per seed are inserted, and a finished evaluation (no seed failed)
    /// updates the player's standing and the leaderboards. Returns the new evaluation's id.
    @discardableResult
    public func record(evaluation: EvaluationInput) throws(StoreError) -> Int64 {
        let player = try Self.validate(evaluation)
        return try write { db in try Self.insert(evaluation, player: player, db: db) }
    }

    /// Records many evaluations in one transaction (the benchmark): all or none.
    @discardableResult
    public func record(evaluations: [EvaluationInput]) throws(StoreError) -> [Int64] {
        var players: [PlayerName] = []
        for e in evaluations { players.append(try Self.validate(e)) }
        return try write { db in
            try zip(evaluations, players).map { e, player in try Self.insert(e, player: player, db: db) }
        }
    }

    static func validate(_ e: EvaluationInput) throws(StoreError) -> PlayerName {
        let player: PlayerName
        do { player = try PlayerName(validating: e.player) } catch { throw .invalidPlayerName(error) }
        try token(e.level.hash, "level hash")
        try token(e.engineVersion, "engine version", max: 64)
        if case let .builtin(name) = e.script { try token(name, "built-in strategy name", max: 64) }
        if e.level.title.count > 200 { throw .invalidRun("the level title is longer than 200 characters") }
        if let name = e.scriptName, name.isEmpty || name.count > 200 { throw .invalidRun("the script name must be 1–200 characters") }
        guard (1...EvaluationInput.maxSeeds).contains(e.seedCount) else {
            throw .invalidRun("an evaluation has 1–\(EvaluationInput.maxSeeds) seeds, not \(e.seedCount)")
        }
        guard e.shifts.count == e.seedCount else {
            throw .invalidRun("an evaluation of \(e.seedCount) seeds needs as many shifts, not \(e.shifts.count)")
        }
        guard e.seedSet.count == 16, ContentHash.bytes(hex: e.seedSet) != nil else {
            throw .invalidRun("the seed set must be 16 hex digits, not \"\(PlayerName.escape(e.seedSet))\"")
        }
        if e.objective.isEmpty || e.objective.count > 64 { throw .invalidRun("the objective must be 1–64 characters") }
        guard (0...e.seedCount).contains(e.failures) else { throw .invalidRun("failures must be 0–\(e.seedCount)") }
        if let f = e.firstFailure, f.count > 500 { throw .invalidRun("the failure must be at most 500 characters") }
        for shift in e.shifts where shift.digest.isEmpty || shift.digest.count > 128 || ContentHash.bytes(hex: shift.digest) == nil {
            throw .invalidRun("a shift's digest must be an even number of hex digits (at most 128), not \"\(PlayerName.escape(shift.digest))\"")
        }
        let numbers = [("mean", e.mean), ("min", e.min), ("median", e.median), ("p95", e.p95), ("max", e.max)]
            + EvaluationMeans.fields.map { ($0.field.column.name, $0.field.number(e.means)) }
            + e.shifts.map { ("a shift's value", $0.value) }
        for (name, value) in numbers where !value.isFinite { throw .invalidRun("\(name) is not a finite number") }
        return player
    }

    static func insert(_ e: EvaluationInput, player: PlayerName, db: Database) throws -> Int64 {
        var row = EvaluationRow(e, playerId: try playerId(player, db: db, create: true) ?? 0,
                                levelId: try levelId(e.level, db: db), scriptId: try scriptId(e.script, db: db))
        try row.insert(db)
        let id = row.id ?? db.lastInsertedRowID
        for (i, s) in e.shifts.enumerated() {
            try EvaluationShiftRow(evaluationId: id, position: i, digest: Data(ContentHash.bytes(hex: s.digest) ?? []),
                                   value: s.value, failed: s.failed).insert(db)
        }
        if e.isFinished {
            try updateStanding(levelId: row.levelId, playerId: row.playerId, evaluationId: id, scores: EvaluationScores(e).all, db: db)
        }
        return id
    }

    /// Makes the new evaluation the player's standing one for every metric it strictly improves
    /// (on a tie the earlier stays) and moves its ranking entries. A player's first finished
    /// evaluation on a level adds one to the level's player count.
    static func updateStanding(levelId: Int64, playerId: Int64, evaluationId: Int64, scores: [Double], db: Database) throws {
        let metrics = LeaderboardMetric.allCases
        let insertRanking = try db.cachedStatement(sql: "INSERT INTO evaluationRanking (levelId, metric, score, evaluationId, playerId) VALUES (?, ?, ?, ?, ?)")
        let insertStanding = try db.cachedStatement(sql: "INSERT OR REPLACE INTO evaluationStanding (levelId, playerId, metric, evaluationId) VALUES (?, ?, ?, ?)")
        let current = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.metric, s.evaluationId, r.score FROM evaluationStanding s
            JOIN evaluationRanking r ON r.levelId = s.levelId AND r.metric = s.metric AND r.evaluationId = s.evaluationId
            WHERE s.levelId = ? AND s.playerId = ?
            """), arguments: [levelId, playerId])
        var standing: [Int: (id: Int64, score: Double)] = [:]
        for row in current { try standing[row.decode(atIndex: 0)] = (row.decode(atIndex: 1), row.decode(atIndex: 2)) }
        if standing.isEmpty {
            try db.cachedStatement(sql: "UPDATE level SET players = players + 1 WHERE id = ?").execute(arguments: [levelId])
        }
        let deleteRanking = try db.cachedStatement(sql: "DELETE FROM evaluationRanking WHERE levelId = ? AND metric = ? AND score = ? AND evaluationId = ?")
        for (metric, score) in zip(metrics, scores) {
            if let old = standing[metric.code] {
                guard score < old.score else { continue }
                try deleteRanking.execute(arguments: [levelId, metric.code, old.score, old.id])
            }
            try insertRanking.execute(arguments: [levelId, metric.code, score, evaluationId, playerId])
            try insertStanding.execute(arguments: [levelId, playerId, metric.code, evaluationId])
        }
    }

    /// The evaluation with this id, or `StoreError.evaluationNotFound`.
    public func evaluation(id: Int64) throws(StoreError) -> StoredEvaluation {
        let found = try read { db -> StoredEvaluation? in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT evaluation.*, player.name AS playerName, level.hash AS levelHash, level.title AS levelTitle,
                    level.number AS levelNumber, script.text AS scriptText, script.builtin AS scriptBuiltin
                FROM evaluation
                JOIN player ON player.id = evaluation.playerId
                JOIN level ON level.id = evaluation.levelId
                JOIN script ON script.id = evaluation.scriptId
                WHERE evaluation.id = ?
                """, arguments: [id])
            else { return nil }
            let shifts = try Row.fetchAll(db, sql: "SELECT digest, value, failed FROM evaluationShift WHERE evaluationId = ? ORDER BY position",
                                          arguments: [id]).map { r in
                try EvaluationShift(digest: ContentHash.hex(Array(r.decode(Data.self, atIndex: 0))), value: r.decode(atIndex: 1),
                                    failed: r.decode(atIndex: 2))
            }
            let imported = try Bool.fetchOne(db, sql: "SELECT 1 FROM evaluationImport WHERE evaluationId = ?", arguments: [id]) ?? false
            func column<T: DatabaseValueConvertible>(_ name: String) throws -> T { try row.decode(forColumn: name) }
            let builtin: String? = try column("scriptBuiltin")
            let script: ScriptSource = try builtin.map { .builtin($0) } ?? .text(column("scriptText"))
            let input = try EvaluationInput(
                player: column("playerName"),
                level: LevelRef(hash: column("levelHash"), title: column("levelTitle"), number: column("levelNumber")),
                script: script, scriptName: column("scriptName"), engineVersion: column("engineVersion"),
                seedCount: column("seedCount"), seedSet: column("seedSet"), objective: column("objective"),
                higherIsBetter: column("higherIsBetter"), failures: column("failures"), firstFailure: column("failure"),
                mean: column("mean"), min: column("min"), median: column("median"), p95: column("p95"), max: column("max"),
                medal: Medal(rawValue: column("medal")) ?? .none,
                means: EvaluationMeans(row: row),
                shifts: shifts, recordedAt: Clock.date(column("recordedAt")))
            return StoredEvaluation(id: id, player: PlayerName(stored: input.player), input: input, imported: imported)
        }
        guard let found else { throw .evaluationNotFound(id) }
        return found
    }

    /// A player's evaluations, newest first, on one level or on all of them.
    public func evaluations(player: PlayerName, levelHash: String? = nil, limit: Int? = nil) throws(StoreError) -> [EvaluationSummary] {
        try read { db in
            guard let playerId = try Self.playerId(player, db: db, create: false) else { return [] }
            let levelFilter = try levelHash.map { try Self.level(hash: $0, db: db).id }
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT evaluation.id, level.hash, level.title, level.number, script.builtin, script.hash, evaluation.scriptName,
                    evaluation.seedCount, evaluation.objective, evaluation.mean, evaluation.failures, evaluation.medal,
                    evaluation.recordedAt
                FROM evaluation JOIN level ON level.id = evaluation.levelId JOIN script ON script.id = evaluation.scriptId
                WHERE evaluation.playerId = ? AND (? IS NULL OR evaluation.levelId = ?)
                ORDER BY evaluation.id DESC LIMIT ?
                """), arguments: [playerId, levelFilter, levelFilter, limit ?? -1])
            return try rows.map { row in
                try EvaluationSummary(
                    id: row.decode(atIndex: 0), level: LevelRef(hash: row.decode(atIndex: 1), title: row.decode(atIndex: 2), number: row.decode(atIndex: 3)),
                    strategy: Self.strategyName(builtin: row.decode(atIndex: 4), hash: row.decode(atIndex: 5), name: row.decode(atIndex: 6)),
                    seedCount: row.decode(atIndex: 7), objective: row.decode(atIndex: 8), mean: row.decode(atIndex: 9), failures: row.decode(atIndex: 10),
                    medal: Medal(rawValue: row.decode(atIndex: 11)) ?? .none, recordedAt: Clock.date(row.decode(atIndex: 12)))
            }
        }
    }

    /// What ran a shift, for people: a built-in's name, the script's file name (escaped), or its hash.
    static func strategyName(builtin: String?, hash: Data, name: String?) -> String {
        if let builtin { return PlayerName.escape(builtin) }
        if let name { return PlayerName.escape(name) }
        return "script " + ContentHash.hex(Array(hash)).prefix(8)
    }

    /// The player's best medal on each level (by level hash), from their evaluations.
    public func bestMedals(player: PlayerName) throws(StoreError) -> [String: Medal] {
        try read { db in
            guard let playerId = try Self.playerId(player, db: db, create: false) else { return [:] }
            var best: [String: Medal] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT level.hash, max(evaluation.medal) FROM evaluation JOIN level ON level.id = evaluation.levelId
                WHERE evaluation.playerId = ? GROUP BY evaluation.levelId
                """, arguments: [playerId]) {
                try best[row.decode(atIndex: 0)] = Medal(rawValue: row.decode(atIndex: 1)) ?? Medal.none
            }
            return best
        }
    }
}

/// An evaluation's score for each leaderboard metric (smaller is better), in `allCases` order.
struct EvaluationScores {
    var all: [Double]

    /// The objective: medal first (gold before silver…), then the mean in the level's direction.
    static func objective(medal: Int, higherIsBetter: Bool, mean: Double) -> Double {
        let band = 1_099_511_627_776.0  // 2⁴⁰: room for any mean, exact to a thousandth
        let turned = Swift.min(Swift.max(higherIsBetter && mean != 0 ? -mean : mean, -band / 4), band / 4)
        return Double(3 - Swift.min(3, Swift.max(0, medal))) * band + turned
    }

    init(_ e: EvaluationInput) {
        self.init(medal: e.medal.rawValue, higherIsBetter: e.higherIsBetter, mean: e.mean, means: e.means)
    }

    init(medal: Int, higherIsBetter: Bool, mean: Double, means: EvaluationMeans) {
        var values: [LeaderboardMetric: Double] = [:]
        for (metric, field) in EvaluationMeans.fields { values[metric] = field.number(means) }
        all = LeaderboardMetric.allCases.map { metric in
            metric == .objective
                ? Self.objective(medal: medal, higherIsBetter: higherIsBetter, mean: mean)
                : metric.score(values[metric] ?? 0)
        }
    }

    /// The columns `init(row:)` reads, from `evaluation`.
    static let columns = (["medal", "higherIsBetter", "mean"] + EvaluationMeans.fields.map(\.field.column.name)).joined(separator: ", ")

    /// From a row that selects `columns` by name.
    init(row: Row) throws {
        try self.init(medal: row.decode(forColumn: "medal"), higherIsBetter: row.decode(forColumn: "higherIsBetter"),
                      mean: row.decode(forColumn: "mean"), means: EvaluationMeans(row: row))
    }
}
