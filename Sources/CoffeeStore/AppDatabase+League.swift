import Foundation
import GRDB

/// A league the player joined: where it is, who they are there, and the token that proves it.
public struct LeagueMembership: Sendable, Hashable {
    public var url: String
    public var player: PlayerName
    /// The bearer token the league gave once; it keeps only a hash.
    public var token: String
    public var joinedAt: Date

    public init(url: String, player: PlayerName, token: String, joinedAt: Date = Date()) {
        (self.url, self.player, self.token, self.joinedAt) = (url, player, token, joinedAt)
    }
}

extension AppDatabase {
    /// Keeps a membership (replacing an earlier one for the same URL) and makes the save file,
    /// its WAL and shared-memory files readable by their owner only (0600): the token is a secret.
    public func saveLeagueMembership(_ m: LeagueMembership) throws(StoreError) {
        try write { db in
            try db.execute(sql: """
                INSERT INTO leagueMembership (url, player, token, joinedAt) VALUES (?, ?, ?, ?)
                ON CONFLICT (url) DO UPDATE SET player = excluded.player, token = excluded.token, joinedAt = excluded.joinedAt
                """, arguments: [m.url, m.player.rawValue, m.token, Clock.millis(m.joinedAt)])
        }
        try restrictToOwner()
    }

    /// The league joined last, or the one at `url`; nil when none was joined.
    public func leagueMembership(url: String? = nil) throws(StoreError) -> LeagueMembership? {
        let row = try read { db in
            if let url {
                return try Row.fetchOne(db, sql: "SELECT url, player, token, joinedAt FROM leagueMembership WHERE url = ?", arguments: [url])
            }
            return try Row.fetchOne(db, sql: "SELECT url, player, token, joinedAt FROM leagueMembership ORDER BY joinedAt DESC, rowid DESC LIMIT 1")
        }
        guard let row else { return nil }
        return LeagueMembership(url: row[0], player: PlayerName(stored: row[1]), token: row[2], joinedAt: Clock.date(row[3]))
    }

    /// chmod 0600 on the file and its companions (those that exist).
    func restrictToOwner() throws(StoreError) {
        guard path != ":memory:" else { return }
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            do { try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file) } catch {
                throw .cannotOpen(path: file, reason: "cannot make it private to you (chmod 600): \(error.localizedDescription)")
            }
        }
    }
}
