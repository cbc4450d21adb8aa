import Foundation
import GRDB

// Rows of the save file read back as plain structs. They stay internal: the public API speaks in
// `RunInput`, `StoredRun`, `LeaderboardEntry`…, so the schema can change behind it. The hot write
// path (`record`) uses cached SQL statements instead, see AppDatabase+Recording.swift.

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

struct RunRow: Decodable, Sendable, FetchableRecord, TableRecord {
    static let databaseTableName = "run"
    var id: Int64
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
    var scriptName: String?
    var fromEvaluation: Bool

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
