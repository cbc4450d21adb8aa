import Foundation
import GRDB

// MARK: - Writing runs (and the player, level and script rows every write shares)

extension AppDatabase {
    /// Stores a practice run in one transaction: its player, level and script are created when
    /// new (the script filed by content hash, so its text is kept once), the run and its card
    /// (unless `metricsJSON` is empty or `"{}"`) are inserted. Runs do not rank: evaluations do
    /// (`record(evaluation:)`). Returns the new run's id.
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
        try token(run.level.hash, "level hash")
        try token(run.engineVersion, "engine version", max: 64)
        if run.digest.isEmpty || run.digest.count > 128 || ContentHash.bytes(hex: run.digest) == nil {
            throw .invalidRun("the digest must be an even number of hex digits (at most 128), not \"\(PlayerName.escape(run.digest))\"")
        }
        if case let .builtin(name) = run.script { try token(name, "built-in strategy name", max: 64) }
        if let name = run.scriptName, name.isEmpty || name.count > 200 { throw .invalidRun("the script name must be 1–200 characters") }
        if run.status.isEmpty || run.status.count > 500 { throw .invalidRun("the status must be 1–500 characters") }
        if run.level.title.count > 200 { throw .invalidRun("the level title is longer than 200 characters") }
        for field in RunMetrics.fields where !field.isFinite(run.metrics) {
            throw .invalidRun("\(field.column.name) is not a finite number")
        }
        return player
    }

    /// A hash, version or name stored as one word.
    static func token(_ value: String, _ what: String, max: Int = 128) throws(StoreError) {
        if value.isEmpty || value.count > max
            || value.unicodeScalars.contains(where: { !PlayerName.isPrintable($0) || $0 == " " }) {
            throw .invalidRun("the \(what) must be 1–\(max) printable characters without spaces, not \"\(PlayerName.escape(value))\"")
        }
    }

    // The write path runs once per shift and a million times in the benchmark. Records insert
    // through statements GRDB keeps prepared, and so do the id look-ups below.

    static func insert(_ run: RunInput, player: PlayerName, db: Database) throws -> Int64 {
        var row = RunRow(run, playerId: try playerId(player, db: db, create: true) ?? 0,
                         levelId: try levelId(run.level, db: db), scriptId: try scriptId(run.script, db: db))
        try row.insert(db)
        let runId = row.id ?? db.lastInsertedRowID
        let json = run.metricsJSON.trimmingCharacters(in: .whitespacesAndNewlines)
        if !json.isEmpty && json != "{}" {
            try CardRow(runId: runId, json: run.metricsJSON).insert(db)
        }
        return runId
    }

    static func playerId(_ name: PlayerName, db: Database, create: Bool) throws -> Int64? {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM player WHERE name = ?"), arguments: [name.rawValue]) {
            return id
        }
        guard create else { return nil }
        try db.cachedStatement(sql: "INSERT INTO player (name, createdAt) VALUES (?, ?)").execute(arguments: [name.rawValue, Clock.nowMillis])
        return db.lastInsertedRowID
    }

    /// The level's id; a known hash gets the title and number the game uses now.
    static func levelId(_ level: LevelRef, db: Database) throws -> Int64 {
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, title, number FROM level WHERE hash = ?"), arguments: [level.hash]) {
            let id: Int64 = try row.decode(atIndex: 0)
            let (title, number): (String, Int) = (try row.decode(atIndex: 1), try row.decode(atIndex: 2))
            if title != level.title || number != level.number {
                try db.cachedStatement(sql: "UPDATE level SET title = ?, number = ? WHERE id = ?").execute(arguments: [level.title, level.number, id])
            }
            return id
        }
        try db.cachedStatement(sql: "INSERT INTO level (hash, title, number) VALUES (?, ?, ?)").execute(arguments: [level.hash, level.title, level.number])
        return db.lastInsertedRowID
    }

    static func scriptId(_ script: ScriptSource, db: Database) throws -> Int64 {
        let hash = Data(script.hashBytes)
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM script WHERE hash = ?"), arguments: [hash]) {
            return id
        }
        let (text, builtin): (String, String?) = switch script {
        case let .text(text): (text, nil)
        case let .builtin(name): ("", name)
        }
        try db.cachedStatement(sql: "INSERT INTO script (hash, text, builtin) VALUES (?, ?, ?)").execute(arguments: [hash, text, builtin])
        return db.lastInsertedRowID
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
