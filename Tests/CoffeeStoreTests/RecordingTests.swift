import Foundation
import GRDB
import Testing
@testable import CoffeeStore

@Suite struct RecordingTests {
    @Test func recordsAndReadsBackEveryField() throws {
        let db = try AppDatabase.inMemory()
        var input = Fixture.run("ada", seed: UInt64.max - 6, profit: 1234, throughput: 1.25, leadMean: 7.5, size: 12, medal: .silver)
        input.metricsJSON = "{\"profit\":1234,\"baristas\":[]}"
        let id = try db.record(input)
        #expect(id == 1)
        let run = try db.run(id: id)
        #expect(run.player.rawValue == "ada")
        #expect(run.level == Fixture.level1)
        #expect(run.script == .text("serve first\n"))
        #expect(run.scriptHash == ContentHash.sha256Hex("serve first\n"))
        #expect(run.seed == UInt64.max - 6)
        #expect(run.engineVersion == "1.0")
        #expect(run.status == "finished")
        #expect(run.digest == "00112233aabbccdd")
        #expect(run.medal == .silver)
        #expect(run.metrics == input.metrics)
        #expect(run.metricsJSON == "{\"profit\":1234,\"baristas\":[]}")
        #expect(run.recordedAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(run.imported == false)
        #expect(throws: StoreError.runNotFound(99)) { try db.run(id: 99) }
    }

    @Test func keepsPlayersLevelsAndScriptsOnce() throws {
        let db = try AppDatabase.inMemory()
        try db.record(Fixture.run("ada"))
        try db.record(Fixture.run("ada", seed: 2))
        try db.record(Fixture.run("bob", script: "other\n"))
        try db.record(.init(player: "bob", level: Fixture.level1, script: .builtin("round-robin"), seed: 1,
                            engineVersion: "1.0", digest: "ff", metrics: RunMetrics()))
        // The same level hash under a new title: the title follows the game.
        try db.record(Fixture.run("bob", level: LevelRef(hash: Fixture.level1.hash, title: "Early Rush", number: 1)))
        let counts = try db.writer.read { db in
            try ["player", "level", "script", "run", "card"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1 }
        }
        #expect(counts == [2, 1, 3, 5, 4])
        #expect(try db.levels() == [LevelRef(hash: Fixture.level1.hash, title: "Early Rush", number: 1)])
        #expect(try db.run(id: 4).script == .builtin("round-robin"))
        #expect(try db.run(id: 4).metricsJSON == "{}")
    }

    @Test func refusesBadRuns() throws {
        let db = try AppDatabase.inMemory()
        #expect(throws: StoreError.invalidPlayerName(.empty)) { try db.record(Fixture.run("")) }
        #expect(throws: StoreError.invalidRun("the digest must be an even number of hex digits (at most 128), not \"a b\"")) {
            try db.record(Fixture.run("ada", digest: "a b"))
        }
        #expect(throws: StoreError.invalidRun("the digest must be an even number of hex digits (at most 128), not \"abc\"")) {
            try db.record(Fixture.run("ada", digest: "abc"))
        }
        #expect(throws: StoreError.invalidRun("throughput is not a finite number")) {
            try db.record(Fixture.run("ada", throughput: .nan))
        }
        #expect(try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM run") } == 0)
    }

    @Test func historyIsNewestFirstPerPlayerAndLevel() throws {
        let db = try AppDatabase.inMemory()
        try db.record(Fixture.run("ada", seed: 1))                          // 1
        try db.record(Fixture.run("bob", seed: 2))                          // 2
        try db.record(Fixture.run("ada", level: Fixture.level2, seed: 3))   // 3
        try db.record(Fixture.run("ada", seed: 4, status: "failed: barista 1 polled 10000 times"))  // 4
        let ada = Fixture.name("ada")
        #expect(try db.history(player: ada).map(\.id) == [4, 3, 1])
        #expect(try db.history(player: ada).map(\.seed) == [4, 3, 1])
        #expect(try db.history(player: ada, levelHash: Fixture.level1.hash).map(\.id) == [4, 1])
        #expect(try db.history(player: ada, levelHash: Fixture.level1.hash)[0].isFinished == false)
        #expect(try db.history(player: ada, limit: 1).map(\.id) == [4])
        #expect(try db.history(player: Fixture.name("nobody")).isEmpty)
        #expect(throws: StoreError.levelNotFound("cafe")) { try db.history(player: ada, levelHash: "cafe") }
    }

    @Test func savesTheDefaultPlayer() throws {
        let db = try AppDatabase.inMemory()
        #expect(try db.defaultPlayer() == nil)
        #expect(try db.resolvePlayer(option: nil, login: "root").rawValue == "root")
        try db.setDefaultPlayer(PlayerName(validating: "ada"))
        try db.setDefaultPlayer(PlayerName(validating: "grace"))
        #expect(try db.defaultPlayer()?.rawValue == "grace")
        #expect(try db.resolvePlayer(option: nil, login: "root").rawValue == "grace")
        #expect(try db.resolvePlayer(option: "bob", login: "root").rawValue == "bob")
        #expect(throws: StoreError.invalidPlayerName(.unprintable(escaped: "^[[31mx"))) {
            try db.resolvePlayer(option: "\u{1B}[31mx", login: "root")
        }
    }

    @Test func findsLevelsByHashPrefixNumberOrTitle() throws {
        let db = try AppDatabase.inMemory()
        try db.record(Fixture.run("ada", level: Fixture.level1))
        try db.record(Fixture.run("ada", level: Fixture.level2))
        #expect(try db.findLevel("bbbb0002") == Fixture.level2)
        #expect(try db.findLevel("aaaa") == Fixture.level1)
        #expect(try db.findLevel("2") == Fixture.level2)
        #expect(try db.findLevel("morning rush") == Fixture.level1)
        #expect(throws: StoreError.levelNotFound("7")) { try db.findLevel("7") }
    }
}
