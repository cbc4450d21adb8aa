import Foundation
import GRDB

/// The read-only look at an existing file that comes before any write.
///
/// How files are told apart:
/// - missing, or 0 bytes: a new save file, created and migrated;
/// - not starting with SQLite's 16-byte magic header: `notADatabase` (a text file, random bytes);
/// - SQLite, `application_id` = Barista's: ours; migrated only if every applied migration and
///   the `user_version` are known to this build, else `newerSchema`;
/// - SQLite, `application_id` 0 and no tables (or only GRDB's empty bookkeeping table, which a
///   concurrent first open may have just created): an empty database, adopted as new;
/// - any other SQLite file: `foreignDatabase`;
/// - SQLite that fails to read (`SQLITE_CORRUPT`, `SQLITE_NOTADB` despite the header, a short
///   file): `corrupt`.
///
/// The connection is opened with `SQLITE_OPEN_READONLY`, so it cannot change the file.
enum SaveFileInspection {
    static let sqliteMagic = Array("SQLite format 3\0".utf8)

    static func check(path: String) throws(StoreError) {
        // A read-only look at a WAL file makes SQLite create its -wal and -shm files; a file we
        // refuse must be left as it was, so those we made are removed again.
        let fm = FileManager.default
        let companions = [path + "-wal", path + "-shm"].filter { !fm.fileExists(atPath: $0) }
        do {
            try inspect(path: path)
        } catch {
            for file in companions where fm.fileExists(atPath: file) {
                let size = (try? fm.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue ?? 0
                if file.hasSuffix("-shm") || size == 0 { try? fm.removeItem(atPath: file) }
            }
            throw error
        }
    }

    private static func inspect(path: String) throws(StoreError) {
        // Through SQLite's file layer, not a handle of ours: see `SaveFileHeader`.
        let header: [UInt8]
        do {
            header = try SaveFileHeader.read(path: path)
        } catch {
            throw .cannotOpen(path: path, reason: "it cannot be read")
        }
        if header.isEmpty { return }  // 0 bytes: a new file
        guard header.count >= 16, Array(header.prefix(16)) == sqliteMagic else {
            throw .notADatabase(path: path)
        }
        do {
            var config = Configuration()
            config.busyMode = .timeout(AppDatabase.busyTimeout)
            let queue = try readOnlyQueue(path: path, configuration: config)
            defer { try? queue.close() }
            try queue.read { db in try inspect(db, path: path) }
        } catch {
            throw mapped(error, path: path)
        }
    }

    /// A read-only connection. In a folder we cannot write, SQLite cannot make the -shm file a
    /// WAL file needs: the file is then read as immutable (nobody can be writing it from here).
    static func readOnlyQueue(path: String, configuration: Configuration) throws -> DatabaseQueue {
        var config = configuration
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            return queue
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
            var uri = "file:"
            for c in path.unicodeScalars {
                switch c {
                case "%": uri += "%25"
                case "?": uri += "%3f"
                case "#": uri += "%23"
                default: uri.unicodeScalars.append(c)
                }
            }
            return try DatabaseQueue(path: uri + "?immutable=1", configuration: config)
        }
    }

    private static func inspect(_ db: Database, path: String) throws {
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        guard applicationID == Schema.applicationID else {
            if applicationID == 0 && tables.allSatisfy({ $0 == "grdb_migrations" }) {
                let applied = tables.isEmpty ? 0 : try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? 0
                if applied == 0 { return }  // an empty database: adopt it
            }
            let hex = String(UInt32(bitPattern: applicationID), radix: 16)
            let shown = tables.prefix(3).map { PlayerName.escape($0) }.joined(separator: ", ")
            throw StoreError.foreignDatabase(
                path: path,
                detail: applicationID == 0 ? "tables \(shown)\(tables.count > 3 ? ", …" : "")" : "application id 0x\(hex)")
        }
        let known = Set(Schema.migrator.migrations)
        var unknown: [String] = []
        if tables.contains("grdb_migrations") {
            let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            unknown = applied.filter { !known.contains($0) }
        }
        let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if userVersion > Schema.version { unknown.append("schema version \(userVersion)") }
        if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknown: unknown.map(PlayerName.escape)) }
        // Touch each table's root page: cheap, and catches most damage before the game relies on it.
        for table in Schema.tables where tables.contains(table) {
            _ = try Row.fetchOne(db, sql: "SELECT * FROM \(table) LIMIT 1")
        }
    }

    /// The header said SQLite, so SQLite's "not a database" means a damaged file here.
    private static func mapped(_ error: any Error, path: String) -> StoreError {
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_NOTADB {
            return .corrupt(path: path, detail: error.message ?? "file is not a database")
        }
        return StoreError.wrap(error, path: path)
    }
}
