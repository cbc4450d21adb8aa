import Foundation

/// Each board's standings as one sorted array of (score, submission id) per server, so a caller's
/// rank is a binary search, not a count that grows with the rank.
///
/// Exact and consistent with the database: every change of a board's standings bumps the board's
/// `board_size.version` and logs the new standing in `standing_change` under that version, in the
/// submission's own statement (migration `v4-board-rank`). The version row is locked until the
/// submission commits, so a snapshot that sees version V sees every change up to V and none after.
/// A board read fetches, in the same statement as its top entries, the version and the changes
/// since the version this server holds (or the whole board when it holds none); the rank is then
/// computed at exactly the read's version: changes are applied forward, and a read whose snapshot is
/// older than what another read already applied is answered by undoing the later changes (each
/// kept with the standing it replaced). When neither is possible (a gap in the log, e.g. standings
/// written outside the submission statement, or an undo log too short), the read asks again for
/// the whole board.
///
/// Costs: a rank is O(log n + k) for k changes between the read's snapshot and this server's
/// copy; applying a change is a binary search and one move of the array's tail (memmove).
final class BoardRanks: @unchecked Sendable {
    /// A standing's place: smaller is better; ties go to the earlier submission.
    struct Key: Comparable, Sendable {
        let score: Double
        let submission: Int64
        static func < (a: Key, b: Key) -> Bool { (a.score, a.submission) < (b.score, b.submission) }
    }

    /// A player's new standing on a board, as `standing_change` logs it.
    struct Change: Sendable {
        let version: Int64
        let player: Int64
        let key: Key
    }

    struct BoardID: Hashable, Sendable {
        let levelHash: String
        let metric: String
    }

    /// One board at one version.
    private final class Board {
        var version: Int64
        var keys: [Key] = []
        var byPlayer: [Int64: Key] = [:]
        /// The latest applied changes, oldest first, each with the standing it replaced.
        var undo: [(version: Int64, old: Key?, new: Key)] = []

        init(version: Int64, whole: [(player: Int64, key: Key)]) {
            self.version = version
            keys = whole.map(\.key).sorted()
            byPlayer.reserveCapacity(whole.count)
            for (player, key) in whole { byPlayer[player] = key }
        }

        /// Applies one change; false when the copy no longer matches (then it is dropped).
        func apply(_ c: Change, undoLimit: Int) -> Bool {
            let old = byPlayer[c.player]
            if let old {
                let i = keys.lowerBound(old)
                guard i < keys.count, keys[i] == old else { return false }
                keys.remove(at: i)
            }
            keys.insert(c.key, at: keys.lowerBound(c.key))
            byPlayer[c.player] = c.key
            undo.append((c.version, old, c.key))
            if undo.count > undoLimit { undo.removeFirst(undo.count - undoLimit) }
            version = c.version
            return true
        }

        /// The standings ahead of `key` at `at` (≤ `version`), or nil when the undo log does not reach back that far.
        func ahead(of key: Key, at: Int64) -> Int? {
            var n = keys.lowerBound(key)
            guard at < version else { return n }
            guard let first = undo.first, first.version <= at + 1 else { return nil }
            for u in undo.reversed() where u.version > at {
                if u.new < key { n -= 1 }
                if let old = u.old, old < key { n += 1 }
            }
            return n
        }
    }

    private var boards: [BoardID: Board] = [:]
    private var wholeReads = 0
    private let lock = NSLock()
    /// Changes kept to answer reads whose snapshot is older than this server's copy.
    let undoLimit: Int

    init(undoLimit: Int = 4096) { self.undoLimit = undoLimit }

    /// The version this server holds of a board; nil when it holds none (ask for the whole board).
    func version(of board: BoardID) -> Int64? {
        lock.lock()
        defer { lock.unlock() }
        return boards[board]?.version
    }

    /// The number of standings ahead of `key` at `version`, given the changes a read fetched after
    /// `since` (ordered by version). Nil when they cannot say it exactly: ask for the whole board.
    func ahead(of key: Key?, on board: BoardID, at version: Int64, since: Int64, changes: [Change]) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard let copy = boards[board], copy.version >= since,
              changes.count == version - since, changes.first.map({ $0.version == since + 1 }) ?? true else { return nil }
        for c in changes where c.version > copy.version {
            guard copy.apply(c, undoLimit: undoLimit) else {
                boards[board] = nil
                return nil
            }
        }
        guard let key else { return 0 }
        return copy.ahead(of: key, at: version)
    }

    /// The same from the whole board at `version` (sorted or not); kept when newer than this server's copy.
    func ahead(of key: Key?, on board: BoardID, at version: Int64, whole: [(player: Int64, key: Key)]) -> Int {
        let fresh = Board(version: version, whole: whole)
        let ahead = key.map { fresh.keys.lowerBound($0) } ?? 0
        lock.lock()
        wholeReads += 1
        if (boards[board]?.version ?? -1) < version { boards[board] = fresh }
        lock.unlock()
        return ahead
    }

    /// How many reads fetched a whole board (a first read, or a gap in the log).
    var wholeBoardReads: Int {
        lock.lock()
        defer { lock.unlock() }
        return wholeReads
    }
}

fileprivate extension Array where Element: Comparable {
    /// The first index whose element is not less than `value` (binary search of a sorted array).
    func lowerBound(_ value: Element) -> Int {
        var (lo, hi) = (0, count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
