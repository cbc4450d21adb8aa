import Foundation
import Testing

/// Recording, history, leaderboard and verifiable replays, as a player uses them.
@Suite("The store from the command line", .serialized)
struct StoreCommandTests {
    @Test func aRunIsRecordedExportedAndVerifiedElsewhere() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("a.sqlite").path
        let other = dir.appendingPathComponent("b.sqlite").path
        let gold = "Tests/CoffeeGameTests/Solutions/02-long-brews/gold.brew"
        let run = try barista(["run", "2", gold, "--db", db, "--player", "ana"])
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix("saved      run #1 for ana\n"))
        let naive = try barista(["run", "2", "--strategy", "blocking", "--db", db, "--player", "bo"])
        #expect(naive.stdout.hasSuffix("saved      run #2 for bo\n"))

        let history = try barista(["history", "--db", db, "--player", "ana"])
        #expect(history.stdout == """
        runs of ana
          #1  Long Brews        seed 2                    served 16  lost 0  profit $52.79  gold

        """)
        let board = try barista(["leaderboard", "2", "--db", db, "--player", "bo"])
        #expect(board.stdout.hasPrefix("""
        Long Brews · best profit per player · 2 players
          1.   ana                 $52.79      gold    size 9    run #1
          2.   bo                  $1.94       none    size 0    run #2  ← you
        """))
        #expect(board.stdout.contains("  $1.94 – $7.03           1    ██████████████████████████████  ◀ you ($1.94)"))

        let replay = try barista(["replay", "1", "--db", db])
        #expect(replay.stdout == "run #1: verified (02 long-brews, seed 2, digest f867b61a0506a492)\n")

        let exported = try barista(["export", "1", "--db", db])
        let file = dir.appendingPathComponent("ana.replay")
        try exported.stdout.write(to: file, atomically: true, encoding: .utf8)
        let imported = try barista(["import", file.path, "--db", other])
        #expect(imported.stdout == "verified and stored as run #1\n")
        let again = try barista(["import", file.path, "--db", other])
        #expect(again.stdout == "verified; already stored as run #1\n")
    }

    @Test func aTamperedOrStaleReplayIsRejectedWithTheReason() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("a.sqlite").path
        _ = try barista(["run", "2", "--db", db, "--player", "ana"])
        let text = try barista(["export", "1", "--db", db]).stdout

        let tampered = dir.appendingPathComponent("t.replay")
        try text.replacingOccurrences(of: "profit: 5279", with: "profit: 9999").write(to: tampered, atomically: true, encoding: .utf8)
        let t = try barista(["import", tampered.path, "--db", dir.appendingPathComponent("b.sqlite").path])
        #expect(t.status == 1)
        #expect(t.stderr.contains("the replay does not verify:\n  profit: kept 9999, replayed 5279"))

        let stale = dir.appendingPathComponent("s.replay")
        try text.replacingOccurrences(of: "engine: 1.1.0", with: "engine: 0.9.0").write(to: stale, atomically: true, encoding: .utf8)
        let s = try barista(["import", stale.path, "--db", dir.appendingPathComponent("c.sqlite").path])
        #expect(s.status == 1)
        #expect(s.stderr.contains("the run was recorded with engine 0.9.0; this is engine 1.1.0"))
        let after = try barista(["history", "--db", dir.appendingPathComponent("c.sqlite").path, "--player", "ana"])
        #expect(after.stdout.contains("none yet"))
    }

    @Test func aForeignFileIsRefusedAndLeftAlone() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("notes.sqlite")
        try "my notes\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try barista(["run", "1", "--db", file.path])
        #expect(r.status == 2)
        #expect(r.stderr == "barista: \(file.path) is not a Barista save file (it is not an SQLite database). It was left untouched; pass another file with --db or BARISTA_DB.\n")
        let kept = try String(contentsOf: file, encoding: .utf8)
        #expect(kept == "my notes\n")
    }

    @Test func aLevelWithNoRunsYetIsNotAnError() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("a.sqlite").path
        let r = try barista(["leaderboard", "5", "--db", db])
        #expect(r.status == 0)
        #expect(r.stdout == "no runs of 05 juggler recorded yet: barista run 5 [SCRIPT] records one\n")
        let unknown = try barista(["history", "77", "--db", db])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "barista: There is no level 77 in the save file.\n")
    }

    @Test func aNameWithTerminalEscapesIsRefusedAndShownEscaped() throws {
        let r = try barista(["history", "--player", "eve\u{1B}[31m"])
        #expect(r.status == 2)
        #expect(r.stderr == "barista: A player name must be printable; eve^[[31m contains control characters.\n")
    }
}
