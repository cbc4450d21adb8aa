import GRDBSQLite

/// The first bytes of a file, read through SQLite's own file layer (its default VFS) rather than
/// a file handle of ours.
///
/// Why: SQLite's locks on a database file are POSIX advisory locks, and POSIX drops every lock a
/// process holds on a file when the process closes *any* descriptor of that file. A header read
/// through a `FileHandle` of our own, closed while another connection of this process has the
/// save file open, would silently take that connection's locks away (SQLite documents this
/// hazard). SQLite's file layer knows the files its connections hold locks on: closing a file it
/// opened while such locks are held keeps the descriptor open until they are released.
enum SaveFileHeader {
    enum Failure: Error { case cannotOpen, cannotRead }

    /// Up to `count` bytes from the start of the file at `path` (fewer if it is shorter).
    static func read(path: String, count: Int = 100) throws(Failure) -> [UInt8] {
        guard let vfs = sqlite3_vfs_find(nil), let open = vfs.pointee.xOpen else { throw .cannotOpen }
        let file = UnsafeMutableRawPointer.allocate(byteCount: Int(vfs.pointee.szOsFile), alignment: 16)
        defer { file.deallocate() }
        file.initializeMemory(as: UInt8.self, repeating: 0, count: Int(vfs.pointee.szOsFile))
        let handle = file.assumingMemoryBound(to: sqlite3_file.self)
        // SQLite wants the name it was opened with kept until the file is closed: all of it
        // happens inside this closure.
        let result: Result<[UInt8], Failure> = path.withCString { name in
            var flags: Int32 = 0
            let opened = open(vfs, name, handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &flags)
            // A file that failed to open has no methods and nothing to close.
            guard let methods = handle.pointee.pMethods else { return .failure(.cannotOpen) }
            defer { _ = methods.pointee.xClose?(handle) }
            guard opened == SQLITE_OK, let size = methods.pointee.xFileSize, let read = methods.pointee.xRead else {
                return .failure(.cannotOpen)
            }
            var length: sqlite3_int64 = 0
            guard size(handle, &length) == SQLITE_OK else { return .failure(.cannotRead) }
            var bytes = [UInt8](repeating: 0, count: Int(min(sqlite3_int64(count), max(0, length))))
            if bytes.isEmpty { return .success([]) }
            let status = bytes.withUnsafeMutableBytes { read(handle, $0.baseAddress, Int32($0.count), 0) }
            return status == SQLITE_OK ? .success(bytes) : .failure(.cannotRead)
        }
        return try result.get()
    }
}
