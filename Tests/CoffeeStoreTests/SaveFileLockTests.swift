#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import Testing
@testable import CoffeeStore

/// SQLite's locks are POSIX advisory locks, which a process loses on a file when it closes any
/// descriptor of that file. Opening a save file a second time in one process (its header is read
/// before SQLite opens it) must not take the first connection's locks away.
@Suite struct SaveFileLockTests {
    /// SQLite's shared-lock bytes on a database file (`SHARED_FIRST`, `SHARED_SIZE` in os_unix.c).
    static let sharedFirst: Int = 0x4000_0002, sharedSize: Int = 510

    /// The lock some descriptor holds on the shared bytes, as `F_OFD_GETLK` sees it from `fd`:
    /// open-file-description locks conflict with this process's own POSIX locks, so it sees those
    /// too (`F_RDLCK` while a connection holds its read lock, `F_UNLCK` when none).
    static func sharedLock(_ fd: Int32) -> Int32 {
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = off_t(sharedFirst)
        lock.l_len = off_t(sharedSize)
        let ofdGetLock: Int32 = 36  // F_OFD_GETLK on Linux
        guard fcntl(fd, ofdGetLock, &lock) == 0 else { return -1 }
        return Int32(lock.l_type)
    }

    /// A save file in a folder of its own, open (and read, so its connection holds its read
    /// lock), with a descriptor of our own to watch the lock from: kept open to the end, since
    /// closing it would drop the locks it is here to watch.
    func withOpenSaveFile(_ body: (String, AppDatabase, Int32) throws -> Void) throws {
        let dir = Fixture.tempDir()
        defer { Fixture.cleanup(dir) }
        let path = dir.appendingPathComponent("barista.sqlite").path
        let db = try AppDatabase(path: path)
        _ = try Fixture.count(db, "player")
        let fd = open(path, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(Self.sharedLock(fd) == Int32(F_RDLCK))
        try body(path, db, fd)
    }

    @Test func readingTheHeaderAgainKeepsTheOpenConnectionsLock() throws {
        try withOpenSaveFile { path, first, fd in
            // The header of the file, read as a second open reads it: through SQLite's file layer,
            // which keeps a descriptor of a file with locks open until they go.
            let header = try SaveFileHeader.read(path: path, count: 16)
            #expect(header == SaveFileInspection.sqliteMagic)
            #expect(Self.sharedLock(fd) == Int32(F_RDLCK))
            // The whole look before a second open (the header, then a read-only connection opened
            // and closed) leaves it too.
            try SaveFileInspection.check(path: path)
            #expect(Self.sharedLock(fd) == Int32(F_RDLCK))
            // And with a second store open on the file, both read.
            let second = try AppDatabase(path: path)
            #expect(Self.sharedLock(fd) == Int32(F_RDLCK))
            #expect(try Fixture.count(second, "player") == 0)
            #expect(try Fixture.count(first, "player") == 0)
        }
    }

    @Test func closingAHandleOfOurOwnWouldDropTheLock() throws {
        // What the header read used to do (a `FileHandle`, read and closed): the lock goes.
        try withOpenSaveFile { path, _, fd in
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            _ = try handle.read(upToCount: 16)
            try handle.close()
            #expect(Self.sharedLock(fd) == Int32(F_UNLCK))
        }
    }

    @Test func aShortFileGivesWhatItHasAndAMissingOneCannotBeOpened() throws {
        let dir = Fixture.tempDir()
        defer { Fixture.cleanup(dir) }
        let path = dir.appendingPathComponent("short").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("SQLite".utf8))
        #expect(try SaveFileHeader.read(path: path) == Array("SQLite".utf8))
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        #expect(try SaveFileHeader.read(path: path) == [])
        #expect(throws: SaveFileHeader.Failure.cannotOpen) { try SaveFileHeader.read(path: dir.appendingPathComponent("none").path) }
    }
}
