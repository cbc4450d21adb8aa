import Foundation
import GRDB

// MARK: - Recording runs

extension AppDatabase {
    /// Stores a run in one transaction: its player, level and script are created when new
    /// (the script filed by content hash, so its text is kept once), the run and its full card
    /// are inserted, and for a finished run the player's best per metric is updated.
    /// Returns the new run's id.
    @discardableResult
    public func record(_ run: RunInput) throws(StoreError) -> Int64 {
        let player = try Self.validate(run)
        return try write { db in try Self.insert(run, player: player, db: db) }
    }

    /// Records many runs in one transaction (imports, the benchmark): all or none.
    @discardableResult
    public func record(batch runs: [RunInput]) throws(StoreError) -> [Int64] {
        var players: [PlayerName] = []
        for run in runs { players.append(try Self.validate(run)) }
        return try write { db in
            try zip(runs, players).map { run, player in try Self.insert(run, player: player, db: db) }
        }
    }

    /// Checks what SQLite's types cannot: a valid player name, hashes and versions that are short
    /// single-line text, finite numbers.
    static func validate(_ run: RunInput) throws(StoreError) -> PlayerName {
        let player: PlayerName
        do { player = try PlayerName(validating: run.player) } catch { throw .invalidPlayerName(error) }
        func token(_ value: String, _ what: String, max: Int = 128) throws(StoreError) {
            if value.isEmpty || value.count > max
                || value.unicodeScalars.contains(where: { !PlayerName.isPrintable($0) || $0 == " " }) {
                throw .invalidRun("the \(what) must be 1–\(max) printable characters without spaces, not \"\(PlayerName.escape(value))\"")
            }
        }
        try token(run.level.hash, "level hash")
        try token(run.engineVersion, "engine version", max: 64)
        try token(run.digest, "digest")
        if case let .builtin(name) = run.script { try token(name, "built-in strategy name", max: 64) }
        if run.status.isEmpty || run.status.count > 500 { throw .invalidRun("the status must be 1–500 characters") }
        if run.level.title.count > 200 { throw .invalidRun("the level title is longer than 200 characters") }
        let m = run.metrics
        for (name, value) in [("throughput", m.throughput), ("leadMean", m.leadMean), ("valueAddedRatio", m.valueAddedRatio)]
        where !value.isFinite {
            throw .invalidRun("\(name) is not a finite number")
        }
        return player
    }

    static func insert(_ run: RunInput, player: PlayerName, db: Database) throws -> Int64 {
        let playerId = try playerId(player, db: db, create: true) ?? 0
        let levelId = try levelId(run.level, db: db)
        let scriptId = try scriptId(run.script, db: db)
        let recordedAt = run.recordedAt.map(Clock.millis) ?? Clock.nowMillis
        var row = RunRow(run, playerId: playerId, levelId: levelId, scriptId: scriptId, recordedAt: recordedAt)
        try row.insert(db)
        guard let runId = row.id else { throw StoreError.database("a run was inserted without an id") }
        let json = run.metricsJSON.trimmingCharacters(in: .whitespacesAndNewlines)
        if !json.isEmpty && json != "{}" {
            try CardRow(runId: runId, json: run.metricsJSON).insert(db)
        }
        if run.isFinished {
            try updateBests(levelId: levelId, playerId: playerId, runId: runId, metrics: run.metrics, db: db)
        }
        return runId
    }

    static func playerId(_ name: PlayerName, db: Database, create: Bool) throws -> Int64? {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM player WHERE name = ?", arguments: [name.rawValue]) {
            return id
        }
        guard create else { return nil }
        var row = PlayerRow(id: nil, name: name.rawValue, createdAt: Clock.nowMillis)
        try row.insert(db)
        return row.id
    }

    /// The level's id; a known hash gets the title and number the game uses now.
    static func levelId(_ level: LevelRef, db: Database) throws -> Int64 {
        if var row = try LevelRow.filter(LevelRow.Columns.hash == level.hash).fetchOne(db), let id = row.id {
            if row.title != level.title || row.number != level.number {
                row.title = level.title
                row.number = level.number
                try row.update(db)
            }
            return id
        }
        var row = LevelRow(id: nil, hash: level.hash, title: level.title, number: level.number)
        try row.insert(db)
        return row.id ?? 0
    }

    static func scriptId(_ script: ScriptSource, db: Database) throws -> Int64 {
        let hash = script.hash
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM script WHERE hash = ?", arguments: [hash]) {
            return id
        }
        var row: ScriptRow
        switch script {
        case let .text(text): row = ScriptRow(id: nil, hash: hash, text: text, builtin: nil)
        case let .builtin(name): row = ScriptRow(id: nil, hash: hash, text: "", builtin: name)
        }
        try row.insert(db)
        return row.id ?? 0
    }

    /// Replaces each of the player's best rows the new run strictly improves: on a tie the
    /// earlier run (smaller id) stays.
    static func updateBests(levelId: Int64, playerId: Int64, runId: Int64, metrics: RunMetrics, db: Database) throws {
        let existing = try BestRow
            .filter(BestRow.Columns.levelId == levelId && BestRow.Columns.playerId == playerId)
            .fetchAll(db)
        var scores: [Int: Double] = [:]
        for row in existing { scores[row.metric] = row.score }
        for metric in LeaderboardMetric.allCases {
            let score = metric.score(metric.value(of: metrics))
            if let old = scores[metric.code], old <= score { continue }
            try BestRow(levelId: levelId, playerId: playerId, metric: metric.code, score: score, runId: runId)
                .insert(db, onConflict: .replace)
        }
    }
}

// MARK: - Settings

extension AppDatabase {
    static let defaultPlayerKey = "defaultPlayer"

    /// The name saved by `setDefaultPlayer`, if any (and still valid).
    public func defaultPlayer() throws(StoreError) -> PlayerName? {
        let value = try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Self.defaultPlayerKey])
        }
        return value.flatMap { try? PlayerName(validating: $0) }
    }

    public func setDefaultPlayer(_ name: PlayerName) throws(StoreError) {
        try write { db in try SettingRow(key: Self.defaultPlayerKey, value: name.rawValue).insert(db, onConflict: .replace) }
    }

    /// The player to play as: `--player`, else the saved default, else the login name.
    public func resolvePlayer(option: String?, login: String? = PlayerName.currentLogin()) throws(StoreError) -> PlayerName {
        let saved = try defaultPlayer()
        do { return try PlayerName.resolve(option: option, savedDefault: saved?.rawValue, login: login) } catch {
            throw .invalidPlayerName(error)
        }
    }
}
