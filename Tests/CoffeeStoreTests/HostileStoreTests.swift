import Foundation
import GRDB
import Testing
@testable import CoffeeStore

/// The store's side of issue 11: size limits at the limit and one past, the fuzzer's finding,
/// decoding a hand-edited file and opening read-only.
@Suite struct HostileStoreTests {
    /// A replay of `script`, its header complete and its hash right.
    func replay(script: String) -> String {
        var file = ReplayTests.sample
        file.script = .text(script)
        return file.render()
    }

    @Test func aReplayScriptHasAtMostOneMebibyte() throws {
        let atLimit = String(repeating: "#", count: ReplayFile.maxScriptBytes)
        #expect(try ReplayFile.parse(replay(script: atLimit)).script == .text(atLimit))
        let text = replay(script: atLimit + "#")
        let line = text.split(separator: "\n").firstIndex { $0 == "---" }.map { $0 + 2 } ?? 0
        #expect(throws: StoreError.badReplay(line: line, message: "the script has 1048577 bytes; a script has at most 1048576 (1 MiB)")) {
            try ReplayFile.parse(text)
        }
    }

    @Test func aReplayFileHasAtMostItsScriptAndSixteenKibibytesOfHeader() throws {
        #expect(ReplayFile.maxFileBytes == 1_064_960)
        // At the limit the file is read (and refused for what it says); one past, for its size alone.
        let atLimit = "#" + String(repeating: " ", count: ReplayFile.maxFileBytes - 2) + "\n"
        #expect(throws: StoreError.badReplay(line: 1, message: "no `---` line before the script")) { try ReplayFile.parse(atLimit) }
        #expect(throws: StoreError.replayTooLarge(bytes: ReplayFile.maxFileBytes + 1)) { try ReplayFile.parse(atLimit + " ") }
        let db = try AppDatabase.inMemory()
        #expect(throws: StoreError.replayTooLarge(bytes: ReplayFile.maxFileBytes + 1)) {
            try db.importReplay(atLimit + " ") { _ in Issue.record("verified an oversized replay"); throw StoreError.database("no") }
        }
        #expect(StoreError.replayTooLarge(bytes: 2_000_000).description
                == "The replay file has 2000000 bytes; a replay has at most 1064960 (1 MiB of script and its header).")
    }

    /// The replay fuzzer's first finding: NUL bytes in the level hash were accepted, and the file
    /// export then wrote read back as another level. Header values must be printable.
    @Test func fuzzFindingControlCharactersInAHeaderValue() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Hostile/fuzz-replay-nul-in-level.replay")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(throws: StoreError.badReplay(line: 3, message: "\"level\" contains the control character \\u{1F}")) {
            try ReplayFile.parse(text)
        }
        #expect(throws: StoreError.badReplay(line: 2, message: "\"title\" contains the control character ^[")) {
            try ReplayFile.parse("format: barista-replay 1\ntitle: a\u{1B}[2Jb\n---\n")
        }
    }

    @Test func readOnlyOpensNeitherWriteNorCreate() throws {
        let dir = Fixture.tempDir()
        defer { Fixture.cleanup(dir) }
        let missing = dir.appendingPathComponent("none.sqlite").path
        let empty = try AppDatabase(path: missing, readOnly: true)
        #expect(try empty.history(player: Fixture.name("ada")) == [])
        #expect(!FileManager.default.fileExists(atPath: missing))

        let path = dir.appendingPathComponent("s.sqlite").path
        let db = try AppDatabase(path: path)
        _ = try db.record(Fixture.run("ada"))
        let reader = try AppDatabase(path: path, readOnly: true)
        #expect(try reader.history(player: Fixture.name("ada")).count == 1)
        #expect(throws: StoreError.readOnly(path: path)) { try reader.record(Fixture.run("bob")) }
        #expect(try db.history(player: Fixture.name("bob")) == [])
    }

    @Test func aValueOfTheWrongTypeIsADamagedFile() throws {
        let dir = Fixture.tempDir()
        defer { Fixture.cleanup(dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        let db = try AppDatabase(path: path)
        _ = try db.record(Fixture.run("ada"))
        _ = try db.record(evaluation: Fixture.evaluation("ada", profit: 500, leadMean: 12, size: 9, at: 1_000))
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "UPDATE run SET recordedAt = 1e300; UPDATE evaluation SET recordedAt = 1e300") }
        try queue.close()
        let detail = "a stored value is not one Barista wrote; was the file edited by hand?"
        #expect(throws: StoreError.corrupt(path: path, detail: detail)) { try db.leaderboard(levelHash: Fixture.level1.hash, metric: .profit) }
        #expect(throws: StoreError.corrupt(path: path, detail: detail)) { try db.history(player: Fixture.name("ada")) }
    }
}
