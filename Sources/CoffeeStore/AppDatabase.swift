import Foundation
import GRDB

/// The game's save file: players, levels, scripts, runs, replays and the leaderboard.
///
/// A file opens as a `DatabasePool` in WAL mode with a 5-second busy timeout, so several
/// Barista processes can record runs at once; each write is one transaction.
/// Reads and writes live in extensions grouped by purpose (`AppDatabase+Runs`, `+Leaderboard`…).
public struct AppDatabase: Sendable {
    /// The default save file, relative to the working directory.
    public static let defaultPath = "saves/barista.sqlite"
    /// The environment variable that overrides `defaultPath` (`--db` overrides both).
    public static let environmentKey = "BARISTA_DB"
    /// How long a write waits for another process's transaction before giving up.
    public static let busyTimeout: TimeInterval = 5

    /// The file path, or `":memory:"`.
    public let path: String
    package let writer: any DatabaseWriter

    /// Opens (creating if needed, folder included) and migrates the save file at `path`.
    ///
    /// Before anything is written, the file is inspected read-only (`SaveFileInspection`): a file
    /// that is not SQLite, another program's database, a damaged file or one written by a newer
    /// Barista throws and is left byte-for-byte untouched.
    ///
    /// `readOnly` (for commands that only show what is kept: history, leaderboard, replay, export)
    /// opens the file with `SQLITE_OPEN_READONLY`, so a read-only file or folder still reads; a
    /// missing or empty file reads as an empty save file and is not created.
    public init(path: String, readOnly: Bool = false) throws(StoreError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists {
            if isDirectory.boolValue { throw .cannotOpen(path: path, reason: "it is a folder") }
            try SaveFileInspection.check(path: path)
        }
        if readOnly, let reader = try Self.openReadOnly(path: path, exists: exists) {
            try self.init(path: path, writer: reader)
            return
        }
        if !exists {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                    throw .cannotOpen(path: path, reason: "cannot create the folder \(folder)")
                }
            }
        }
        // Several processes may open a new file at once; switching it to WAL or migrating it can
        // then meet SQLITE_BUSY at once, without the busy timeout: try again for a while.
        let pool: DatabasePool = try Self.retryingWhileBusy(path: path) { () throws(StoreError) in
            do { return try DatabasePool(path: path, configuration: Self.configuration()) } catch {
                throw StoreError.wrap(error, path: path)
            }
        }
        try self.init(path: path, writer: pool)
    }

    /// A read-only connection to `path`, or an empty in-memory save file when there is nothing to
    /// read yet; nil when the file needs migrating first (then it is opened for writing).
    private static func openReadOnly(path: String, exists: Bool) throws(StoreError) -> (any DatabaseWriter)? {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        do {
            guard exists, size > 0 else { return try DatabaseQueue(configuration: configuration()) }
            let queue = try SaveFileInspection.readOnlyQueue(path: path, configuration: configuration())
            guard try queue.read({ try Schema.migrator.hasCompletedMigrations($0) }) else { return nil }
            return queue
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// A fresh in-memory database, for tests and dry runs.
    public static func inMemory() throws(StoreError) -> AppDatabase {
        do {
            let queue = try DatabaseQueue(configuration: configuration())
            return try AppDatabase(path: ":memory:", writer: queue)
        } catch {
            throw StoreError.wrap(error, path: ":memory:")
        }
    }

    private init(path: String, writer: any DatabaseWriter) throws(StoreError) {
        self.path = path
        self.writer = writer
        try migrate()
    }

    /// Runs `open` again while it fails with `.busy`, for up to the busy timeout.
    static func retryingWhileBusy<T>(path: String, _ open: () throws(StoreError) -> T) throws(StoreError) -> T {
        let deadline = Date().addingTimeInterval(busyTimeout)
        var delay = 0.002
        while true {
            do { return try open() } catch {
                guard case .busy = error, Date() < deadline else { throw error }
                Thread.sleep(forTimeInterval: delay)
                delay = min(delay * 2, 0.05)
            }
        }
    }

    /// The save file to use: `--db`, else `BARISTA_DB`, else `saves/barista.sqlite`.
    public static func resolvePath(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return option }
        if let env = environment[environmentKey], !env.isEmpty { return env }
        return defaultPath
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        return config
    }

    /// Runs the migrations not applied yet.
    ///
    /// Several processes may create the same new file at once: GRDB reads the applied migrations
    /// before taking the write lock, so the loser of that race fails with "table already exists".
    /// It then finds the schema complete and carries on; any other failure is rethrown.
    private func migrate() throws(StoreError) {
        let migrator = Schema.migrator
        if let queue = writer as? DatabaseQueue, queue.configuration.readonly {
            return try checkApplicationID()
        }
        var attempt = 0
        while true {
            do {
                if try writer.read({ try migrator.hasCompletedMigrations($0) }) { break }
                try migrator.migrate(writer)
                break
            } catch {
                attempt += 1
                let done = (try? writer.read { try migrator.hasCompletedMigrations($0) }) ?? false
                if done { break }
                let busy: Bool
                if case .busy = StoreError.wrap(error, path: path) { busy = true } else { busy = false }
                if attempt >= (busy ? 200 : 3) { throw StoreError.wrap(error, path: path) }
                Thread.sleep(forTimeInterval: 0.005 * Double(min(attempt, 10)))
            }
        }
        try checkApplicationID()
    }

    private func checkApplicationID() throws(StoreError) {
        do {
            try writer.read { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if id != Schema.applicationID {
                    throw StoreError.foreignDatabase(path: path, detail: "application_id \(id)")
                }
            }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// Runs `body` in one write transaction, mapping every failure to `StoreError`.
    package func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try writer.write(body) } catch { throw StoreError.wrap(error, path: path) }
    }

    /// Runs `body` on a consistent snapshot, mapping every failure to `StoreError`.
    package func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try writer.read(body) } catch { throw StoreError.wrap(error, path: path) }
    }

    /// The size of the database file plus its WAL, in bytes (0 in memory).
    public func fileSize() -> Int64 {
        guard path != ":memory:" else { return 0 }
        let fm = FileManager.default
        return [path, path + "-wal"].reduce(0) { total, p in
            let size = (try? fm.attributesOfItem(atPath: p)[.size] as? NSNumber)?.int64Value ?? 0
            return total + size
        }
    }
}
