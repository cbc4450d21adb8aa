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
        ReplayFile(try run(id: runId))
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
        for field in MetricField.all {
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
