import Foundation
import GRDB

/// Everything the store can refuse, with a message a player can act on.
///
/// Every public store function throws only `StoreError`: SQLite's own errors are mapped here,
/// so no raw `database is locked` or `SQLITE_CORRUPT` reaches the terminal.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path cannot be opened at all (a folder, no permission, a folder that cannot be created).
    case cannotOpen(path: String, reason: String)
    /// The file is not an SQLite database (a text file, random bytes).
    case notADatabase(path: String)
    /// The file is an SQLite database that belongs to another program.
    case foreignDatabase(path: String, detail: String)
    /// The file looks like SQLite but cannot be read: damaged or truncated.
    case corrupt(path: String, detail: String)
    /// The file was written by a newer Barista: it knows migrations or a schema version this build does not.
    case newerSchema(path: String, unknown: [String])
    /// Another process kept the database locked for longer than the busy timeout.
    case busy(path: String)
    /// A player name that cannot be stored.
    case invalidPlayerName(PlayerNameError)
    /// A field of a run that cannot be stored (an empty level hash, a digest that is not hex…).
    case invalidRun(String)
    /// No run with this id.
    case runNotFound(Int64)
    /// No evaluation with this id.
    case evaluationNotFound(Int64)
    /// A run that is one hidden seed of an evaluation recorded before evaluations were kept whole:
    /// showing or exporting it would print the hidden seed.
    case hiddenSeedRun(Int64)
    /// No level with this hash (or unique hash prefix).
    case levelNotFound(String)
    /// A replay file that cannot be read; `line` is 1-based, 0 when the problem is the file as a whole.
    case badReplay(line: Int, message: String)
    /// A replay whose re-simulation does not agree with what the file claims.
    case replayMismatch(String)
    /// The replay verifier refused the replay (stale engine, unknown level, different digest…).
    case replayRejected(String)
    /// The file or its folder is read-only: reading works, recording does not.
    case readOnly(path: String)
    /// The disk (or the file system's quota) is full.
    case diskFull(path: String)
    /// A replay file over the size a replay may have (`ReplayFile.maxFileBytes`).
    case replayTooLarge(bytes: Int)
    /// Any other SQLite failure, with SQLite's message.
    case database(String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            "Cannot open the save file \(path): \(reason)."
        case let .notADatabase(path):
            "\(path) is not a Barista save file (it is not an SQLite database). It was left untouched; pass another file with --db or BARISTA_DB."
        case let .foreignDatabase(path, detail):
            "\(path) is an SQLite database of another program (\(detail)). It was left untouched; pass another file with --db or BARISTA_DB."
        case let .corrupt(path, detail):
            "\(path) is damaged and cannot be read (\(detail)). It was left untouched; restore a backup or start a new file with --db."
        case let .newerSchema(path, unknown):
            "\(path) was written by a newer version of Barista (unknown schema: \(unknown.joined(separator: ", "))). It was left untouched; update Barista to open it."
        case let .busy(path):
            "\(path) stayed locked by another Barista for too long. Try again."
        case let .invalidPlayerName(error):
            error.description
        case let .invalidRun(message):
            "Cannot record the run: \(message)."
        case let .runNotFound(id):
            "There is no run #\(id)."
        case let .evaluationNotFound(id):
            "There is no evaluation e\(id)."
        case let .hiddenSeedRun(id):
            "Run #\(id) is one hidden seed of an evaluation recorded by an older Barista; it is kept but not shown or exported, so the seed stays hidden. Evaluate the script again with barista eval."
        case let .levelNotFound(hash):
            "There is no level \(PlayerName.escape(hash)) in the save file."
        case let .badReplay(line, message):
            line > 0 ? "Bad replay, line \(line): \(message)." : "Bad replay: \(message)."
        case let .replayMismatch(message):
            "The replay does not verify: \(message)."
        case let .replayRejected(message):
            "The replay was rejected: \(message)."
        case let .readOnly(path):
            "Cannot write the save file \(path): it (or its folder) is read-only. Make it writable, pass --no-save, or choose another file with --db."
        case let .diskFull(path):
            "Cannot write the save file \(path): the disk is full. Free some space and try again; nothing was recorded."
        case let .replayTooLarge(bytes):
            "The replay file has \(bytes) bytes; a replay has at most \(ReplayFile.maxFileBytes) (1 MiB of script and its header)."
        case let .database(message):
            "Save file error: \(PlayerName.escape(message))."
        }
    }
}

extension StoreError {
    /// Maps any error thrown inside a database access to a `StoreError`.
    static func wrap(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        // A value of the wrong type (a hand-edited file): GRDB throws these, we never crash on them.
        if error is RowDecodingError || error is DecodingError {
            return .corrupt(path: path, detail: "a stored value is not one Barista wrote; was the file edited by hand?")
        }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .busy(path: path)
            case .SQLITE_CORRUPT:
                return .corrupt(path: path, detail: error.message ?? "database disk image is malformed")
            case .SQLITE_NOTADB:
                return .notADatabase(path: path)
            case .SQLITE_READONLY:
                return .readOnly(path: path)
            case .SQLITE_FULL:
                return .diskFull(path: path)
            case .SQLITE_IOERR:
                return .database("disk I/O error reading or writing \(path) (is the disk full, or gone?)")
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
                return .cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
            default:
                return .database(error.message ?? "\(error.resultCode)")
            }
        }
        return .database(String(describing: error))
    }
}
