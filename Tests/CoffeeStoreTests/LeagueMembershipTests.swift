import Foundation
import Testing
@testable import CoffeeStore

@Suite struct LeagueMembershipTests {
    @Test func theLatestJoinIsTheCurrentLeagueAndTheFileBecomesPrivate() throws {
        let dir = Fixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("barista.sqlite").path
        let db = try AppDatabase(path: path)
        #expect(try db.leagueMembership() == nil)
        let first = LeagueMembership(url: "http://127.0.0.1:8080", player: Fixture.name("ada"), token: String(repeating: "a", count: 64),
                                     joinedAt: Date(timeIntervalSince1970: 1_800_000_000))
        let second = LeagueMembership(url: "https://league.example", player: Fixture.name("ada-b"), token: String(repeating: "b", count: 64),
                                      joinedAt: Date(timeIntervalSince1970: 1_800_000_100))
        try db.saveLeagueMembership(first)
        try db.saveLeagueMembership(second)
        #expect(try db.leagueMembership() == second)
        #expect(try db.leagueMembership(url: "http://127.0.0.1:8080") == first)
        #expect(try db.leagueMembership(url: "http://elsewhere") == nil)
        // Joining the first again replaces its token and makes it current.
        var again = first
        (again.token, again.joinedAt) = (String(repeating: "c", count: 64), Date(timeIntervalSince1970: 1_800_000_200))
        try db.saveLeagueMembership(again)
        #expect(try db.leagueMembership() == again)
        #expect(try Fixture.count(db, "leagueMembership") == 2)
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600, "\(file)")
        }
    }
}
