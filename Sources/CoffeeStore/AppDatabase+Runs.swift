import Foundation
import GRDB

/// A run as stored, with everything needed to show, export or replay it.
public struct StoredRun: Sendable, Hashable {
    public var id: Int64
    public var player: PlayerName
    public var level: LevelRef
    public var script: ScriptSource
    public var scriptHash: String
    public var seed: UInt64
    public var engineVersion: String
    public var status: String
    public var digest: String
    public var medal: Medal
    public var metrics: RunMetrics
    /// The full score card as recorded; `"{}"` when none was kept.
    public var metricsJSON: String
    public var recordedAt: Date
    /// Came in through `importReplay` rather than being played here.
    public var imported: Bool
    /// The file name the script was given as; `nil` when unknown.
    public var scriptName: String?
    /// One hidden seed of an evaluation recorded before evaluations were kept whole: its seed
    /// must not be shown.
    public var fromEvaluation: Bool

    public var isFinished: Bool { status == RunInput.finished }
}

/// One line of a player's practice runs.
public struct RunSummary: Sendable, Hashable, Encodable {
    public var id: Int64
    public var level: LevelRef
    /// `event/2`, a script's file name, or `script 1a2b3c4d` (its hash) when no name is known.
    public var strategy: String
    public var seed: UInt64
    public var status: String
    public var medal: Medal
    public var metrics: RunMetrics
    public var recordedAt: Date

    public var isFinished: Bool { status == RunInput.finished }
}

// MARK: - Reading runs and levels

extension AppDatabase {
    /// The run with this id, or `StoreError.runNotFound`.
    public func run(id: Int64) throws(StoreError) -> StoredRun {
        let run = try read { db -> StoredRun? in
            guard let row = try RunRow.fetchOne(db, key: id),
                  let player = try String.fetchOne(db, sql: "SELECT name FROM player WHERE id = ?", arguments: [row.playerId]),
                  let level = try LevelRow.fetchOne(db, key: row.levelId),
                  let script = try ScriptRow.fetchOne(db, key: row.scriptId)
            else { return nil }
            let json = try String.fetchOne(db, sql: "SELECT json FROM card WHERE runId = ?", arguments: [id])
            let imported = try Bool.fetchOne(db, sql: "SELECT 1 FROM replay WHERE runId = ?", arguments: [id]) ?? false
            return StoredRun(
                id: id, player: PlayerName(stored: player),
                level: LevelRef(hash: level.hash, title: level.title, number: level.number),
                script: script.builtin.map { .builtin($0) } ?? .text(script.text), scriptHash: ContentHash.hex(Array(script.hash)),
                seed: UInt64(bitPattern: row.seed), engineVersion: row.engineVersion, status: row.status,
                digest: row.digestHex, medal: Medal(rawValue: row.medal) ?? .none, metrics: row.metrics,
                metricsJSON: json ?? "{}", recordedAt: Clock.date(row.recordedAt), imported: imported,
                scriptName: row.scriptName, fromEvaluation: row.fromEvaluation)
        }
        guard let run else { throw .runNotFound(id) }
        return run
    }

    /// A player's practice runs, newest first, on one level or on all of them. The seeds of an
    /// evaluation recorded as runs by an older Barista are left out (`hiddenSeedRuns` counts them).
    public func history(player: PlayerName, levelHash: String? = nil, limit: Int? = nil) throws(StoreError) -> [RunSummary] {
        try read { db in
            guard let playerId = try Self.playerId(player, db: db, create: false) else { return [] }
            // One index range per level (the index leads with the level), merged newest first.
            let levelIds = try levelHash.map { [try Self.level(hash: $0, db: db).id] }
                ?? Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM level"))
            let statement = try db.cachedStatement(sql: """
                SELECT run.*, level.hash AS levelHash, level.title AS levelTitle, level.number AS levelNumber,
                    script.builtin AS scriptBuiltin, script.hash AS scriptHash
                FROM run JOIN level ON level.id = run.levelId JOIN script ON script.id = run.scriptId
                WHERE run.levelId = ? AND run.playerId = ? AND run.fromEvaluation = 0
                ORDER BY run.id DESC
                LIMIT ?
                """)
            var summaries: [RunSummary] = []
            for levelId in levelIds {
                for row in try Row.fetchAll(statement, arguments: [levelId, playerId, limit ?? -1]) {
                    let run = try RunRow(row: row)
                    summaries.append(RunSummary(
                        id: run.id ?? 0,
                        level: LevelRef(hash: try row.decode(forColumn: "levelHash"), title: try row.decode(forColumn: "levelTitle"), number: try row.decode(forColumn: "levelNumber")),
                        strategy: Self.strategyName(builtin: try row.decode(forColumn: "scriptBuiltin"), hash: try row.decode(forColumn: "scriptHash"), name: run.scriptName),
                        seed: UInt64(bitPattern: run.seed), status: run.status,
                        medal: Medal(rawValue: run.medal) ?? .none, metrics: run.metrics,
                        recordedAt: Clock.date(run.recordedAt)))
                }
            }
            summaries.sort { $0.id > $1.id }
            return limit.map { Array(summaries.prefix($0)) } ?? summaries
        }
    }

    /// How many of the player's runs are hidden seeds of evaluations recorded by an older Barista.
    public func hiddenSeedRuns(player: PlayerName, levelHash: String? = nil) throws(StoreError) -> Int {
        try read { db in
            guard let playerId = try Self.playerId(player, db: db, create: false) else { return 0 }
            let levelFilter = try levelHash.map { try Self.level(hash: $0, db: db).id }
            return try Int.fetchOne(db, sql: """
                SELECT count(*) FROM run WHERE playerId = ? AND fromEvaluation = 1 AND (? IS NULL OR levelId = ?)
                """, arguments: [playerId, levelFilter, levelFilter]) ?? 0
        }
    }

    /// Every level the save file knows, by campaign number then title.
    public func levels() throws(StoreError) -> [LevelRef] {
        try read { db in
            try LevelRow.order(LevelRow.Columns.number, LevelRow.Columns.title).fetchAll(db).map {
                LevelRef(hash: $0.hash, title: $0.title, number: $0.number)
            }
        }
    }

    /// Finds a level by exact hash, unique hash prefix (4+ characters), campaign number, or title
    /// (case-insensitive), in that order.
    public func findLevel(_ query: String) throws(StoreError) -> LevelRef {
        let all = try levels()
        let lower = query.lowercased()
        if let level = all.first(where: { $0.hash == query }) { return level }
        if query.count >= 4 {
            let matches = all.filter { $0.hash.hasPrefix(lower) }
            if matches.count == 1 { return matches[0] }
        }
        if let number = Int(query), let level = all.first(where: { $0.number == number }) { return level }
        if let level = all.first(where: { $0.title.lowercased() == lower }) { return level }
        throw .levelNotFound(query)
    }

    struct LevelKey {
        var id: Int64
        var ref: LevelRef
        /// Players with a finished run on the level.
        var players: Int
    }

    static func level(hash: String, db: Database) throws -> LevelKey {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, hash, title, number, players FROM level WHERE hash = ?"),
                                         arguments: [hash])
        else { throw StoreError.levelNotFound(hash) }
        return LevelKey(id: try row.decode(atIndex: 0), ref: LevelRef(hash: try row.decode(atIndex: 1), title: try row.decode(atIndex: 2), number: try row.decode(atIndex: 3)), players: try row.decode(atIndex: 4))
    }
}
