import Foundation
import GRDB

// Rows of the save file read back as plain structs. They stay internal: the public API speaks in
// `RunInput`, `StoredRun`, `LeaderboardEntry`…, so the schema can change behind it. GRDB keeps
// the statement of each record's insert prepared (cached per database connection), so the write
// path runs as fast through records as through hand-written SQL.

struct LevelRow: Decodable, Sendable, FetchableRecord, TableRecord {
    static let databaseTableName = "level"
    enum Columns {
        static let number = Column(CodingKeys.number)
        static let title = Column(CodingKeys.title)
    }
    var id: Int64
    var hash: String
    var title: String
    var number: Int
    var players: Int
}

struct ScriptRow: Decodable, Sendable, FetchableRecord, TableRecord {
    static let databaseTableName = "script"
    var id: Int64
    var hash: Data
    var text: String
    var builtin: String?
}

/// A row of `run`: the shift's inputs, its status and every figure of its card. Written and read
/// through GRDB's record protocols; the figures go through `RunMetrics.fields`, so a new one is not
/// named here.
struct RunRow: Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "run"
    enum Columns {
        static let id = Column("id")
        static let playerId = Column("playerId")
        static let levelId = Column("levelId")
        static let scriptId = Column("scriptId")
        static let scriptName = Column("scriptName")
        static let seed = Column("seed")
        static let engineVersion = Column("engineVersion")
        static let failure = Column("failure")
        static let digest = Column("digest")
        static let medal = Column("medal")
        static let recordedAt = Column("recordedAt")
        static let fromEvaluation = Column("fromEvaluation")
    }
    /// `nil` until inserted.
    var id: Int64?
    var playerId: Int64
    var levelId: Int64
    var scriptId: Int64
    var scriptName: String?
    /// The UInt64 seed's bit pattern.
    var seed: Int64
    var engineVersion: String
    /// `nil` for a finished shift, else why it stopped.
    var failure: String?
    var digest: Data
    var medal: Int
    var metrics: RunMetrics
    var recordedAt: Int64
    var fromEvaluation = false

    var status: String { failure ?? RunInput.finished }
    var digestHex: String { ContentHash.hex(Array(digest)) }

    init(_ run: RunInput, playerId: Int64, levelId: Int64, scriptId: Int64) {
        self.playerId = playerId
        self.levelId = levelId
        self.scriptId = scriptId
        scriptName = run.scriptName
        seed = Int64(bitPattern: run.seed)
        engineVersion = run.engineVersion
        failure = run.isFinished ? nil : run.status
        digest = Data(ContentHash.bytes(hex: run.digest) ?? [])
        medal = run.medal.rawValue
        metrics = run.metrics
        recordedAt = run.recordedAt.map(Clock.millis) ?? Clock.nowMillis
    }

    init(row: Row) throws {
        id = try row.decode(forColumn: Columns.id)
        playerId = try row.decode(forColumn: Columns.playerId)
        levelId = try row.decode(forColumn: Columns.levelId)
        scriptId = try row.decode(forColumn: Columns.scriptId)
        scriptName = try row.decode(forColumn: Columns.scriptName)
        seed = try row.decode(forColumn: Columns.seed)
        engineVersion = try row.decode(forColumn: Columns.engineVersion)
        failure = try row.decode(forColumn: Columns.failure)
        digest = try row.decode(forColumn: Columns.digest)
        medal = try row.decode(forColumn: Columns.medal)
        metrics = try RunMetrics(row: row)
        recordedAt = try row.decode(forColumn: Columns.recordedAt)
        fromEvaluation = try row.decode(forColumn: Columns.fromEvaluation)
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.id] = id
        container[Columns.playerId] = playerId
        container[Columns.levelId] = levelId
        container[Columns.scriptId] = scriptId
        container[Columns.scriptName] = scriptName
        container[Columns.seed] = seed
        container[Columns.engineVersion] = engineVersion
        container[Columns.failure] = failure
        container[Columns.digest] = digest
        container[Columns.medal] = medal
        for field in RunMetrics.fields { container[field.column] = field.databaseValue(metrics) }
        container[Columns.recordedAt] = recordedAt
        container[Columns.fromEvaluation] = fromEvaluation
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `evaluation`: what ran, on which seed set, the objective's summary over the seeds and
/// the mean of every ranked figure (through `EvaluationMeans.fields`). Written as a record; read
/// back with the joins `AppDatabase.evaluation(id:)` needs.
struct EvaluationRow: Sendable, MutablePersistableRecord {
    static let databaseTableName = "evaluation"
    enum Columns {
        static let id = Column("id")
        static let playerId = Column("playerId")
        static let levelId = Column("levelId")
        static let scriptId = Column("scriptId")
        static let scriptName = Column("scriptName")
        static let engineVersion = Column("engineVersion")
        static let seedCount = Column("seedCount")
        static let seedSet = Column("seedSet")
        static let objective = Column("objective")
        static let higherIsBetter = Column("higherIsBetter")
        static let failures = Column("failures")
        static let failure = Column("failure")
        static let mean = Column("mean")
        static let min = Column("min")
        static let median = Column("median")
        static let p95 = Column("p95")
        static let max = Column("max")
        static let medal = Column("medal")
        static let recordedAt = Column("recordedAt")
    }
    var id: Int64?
    var playerId: Int64
    var levelId: Int64
    var scriptId: Int64
    var input: EvaluationInput
    var recordedAt: Int64

    init(_ e: EvaluationInput, playerId: Int64, levelId: Int64, scriptId: Int64) {
        self.playerId = playerId
        self.levelId = levelId
        self.scriptId = scriptId
        input = e
        recordedAt = e.recordedAt.map(Clock.millis) ?? Clock.nowMillis
    }

    func encode(to container: inout PersistenceContainer) {
        let e = input
        container[Columns.id] = id
        container[Columns.playerId] = playerId
        container[Columns.levelId] = levelId
        container[Columns.scriptId] = scriptId
        container[Columns.scriptName] = e.scriptName
        container[Columns.engineVersion] = e.engineVersion
        container[Columns.seedCount] = e.seedCount
        container[Columns.seedSet] = e.seedSet.lowercased()
        container[Columns.objective] = e.objective
        container[Columns.higherIsBetter] = e.higherIsBetter
        container[Columns.failures] = e.failures
        container[Columns.failure] = e.firstFailure
        container[Columns.mean] = e.mean
        container[Columns.min] = e.min
        container[Columns.median] = e.median
        container[Columns.p95] = e.p95
        container[Columns.max] = e.max
        container[Columns.medal] = e.medal.rawValue
        for (_, field) in EvaluationMeans.fields { container[field.column] = field.databaseValue(e.means) }
        container[Columns.recordedAt] = recordedAt
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One seed's shift of an evaluation, by its position in the seed list. Encoded by hand, not
/// through `Codable`: an evaluation writes one per seed.
struct EvaluationShiftRow: Sendable, PersistableRecord {
    static let databaseTableName = "evaluationShift"
    var evaluationId: Int64
    var position: Int
    var digest: Data
    var value: Double
    var failed: Bool

    func encode(to container: inout PersistenceContainer) {
        container["evaluationId"] = evaluationId
        container["position"] = position
        container["digest"] = digest
        container["value"] = value
        container["failed"] = failed
    }
}

/// The full score card of a run, as JSON.
struct CardRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "card"
    var runId: Int64
    var json: String
}

struct ReplayRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "replay"
    var runId: Int64
    var importedAt: Int64
    var formatVersion: Int
    var fileHash: String
}

struct SettingRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "setting"
    var key: String
    var value: String
}

/// Unix milliseconds, the store's time unit.
enum Clock {
    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
    static var nowMillis: Int64 { millis(Date()) }
}
