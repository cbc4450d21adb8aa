import Foundation
import GRDB

// The rows of the save file as plain structs. They stay internal: the public API speaks in
// `RunInput`, `StoredRun`, `LeaderboardEntry`…, so the schema can change behind it.

struct PlayerRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "player"
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
    }
    var id: Int64?
    var name: String
    var createdAt: Int64

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct LevelRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "level"
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let hash = Column(CodingKeys.hash)
        static let number = Column(CodingKeys.number)
    }
    var id: Int64?
    var hash: String
    var title: String
    var number: Int
    var players: Int = 0

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct ScriptRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "script"
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let hash = Column(CodingKeys.hash)
    }
    var id: Int64?
    var hash: Data
    var text: String
    var builtin: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct RunRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "run"
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let playerId = Column(CodingKeys.playerId)
        static let levelId = Column(CodingKeys.levelId)
    }
    var id: Int64?
    var playerId: Int64
    var levelId: Int64
    var scriptId: Int64
    var seed: Int64
    var engineVersion: String
    var failure: String?
    var digest: Data
    var medal: Int
    var served: Int
    var lost: Int
    var throughput: Double
    var leadMean: Double
    var leadP50: Int
    var leadP95: Int
    var leadMax: Int
    var counterWaitP95: Int
    var valueAddedRatio: Double
    var revenue: Int
    var wages: Int
    var waste: Int
    var profit: Int
    var endTick: Int
    var scriptSize: Int
    var recordedAt: Int64

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var status: String { failure ?? RunInput.finished }
    var digestHex: String { ContentHash.hex(Array(digest)) }

    var metrics: RunMetrics {
        RunMetrics(
            served: served, lost: lost, throughput: throughput, leadMean: leadMean,
            leadP50: leadP50, leadP95: leadP95, leadMax: leadMax, counterWaitP95: counterWaitP95,
            valueAddedRatio: valueAddedRatio, revenue: revenue, wages: wages, waste: waste,
            profit: profit, endTick: endTick, scriptSize: scriptSize)
    }
}

extension RunRow {
    init(_ run: RunInput, playerId: Int64, levelId: Int64, scriptId: Int64, recordedAt: Int64) {
        let m = run.metrics
        self.init(
            id: nil, playerId: playerId, levelId: levelId, scriptId: scriptId,
            seed: Int64(bitPattern: run.seed), engineVersion: run.engineVersion,
            failure: run.isFinished ? nil : run.status,
            digest: Data(ContentHash.bytes(hex: run.digest) ?? []), medal: run.medal.rawValue,
            served: m.served, lost: m.lost, throughput: m.throughput, leadMean: m.leadMean,
            leadP50: m.leadP50, leadP95: m.leadP95, leadMax: m.leadMax, counterWaitP95: m.counterWaitP95,
            valueAddedRatio: m.valueAddedRatio, revenue: m.revenue, wages: m.wages, waste: m.waste,
            profit: m.profit, endTick: m.endTick, scriptSize: m.scriptSize, recordedAt: recordedAt)
    }
}

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
