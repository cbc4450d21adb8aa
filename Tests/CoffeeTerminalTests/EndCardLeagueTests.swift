import CoffeeEngine
import CoffeeGame
@testable import CoffeeTerminal
import Testing

/// The end card's league line: under the local standing, above its histogram, only when given.
@Suite struct EndCardLeagueTests {
    static func lines(league: String?) throws -> [String] {
        let s = try Fixture.session(onFinish: { _ in
            Standing(rank: 1, total: 1, scores: [6], note: "saved as run #1", league: league)
        })
        s.player.advance(to: 10_000)
        return s.render(size: TerminalSize(columns: 120, rows: 40)).lines
    }

    @Test func theLeagueLineSitsUnderTheLocalStanding() throws {
        let lines = try Self.lines(league: "rank 2 of 5 on profit (your best, #7)")
        let at = try #require(lines.firstIndex { $0.contains("LEADERBOARD  rank 1 of 1   saved as run #1") })
        #expect(lines[at + 1].trimmingCharacters(in: .whitespaces) == "LEAGUE       rank 2 of 5 on profit (your best, #7)")
        #expect(lines[at + 2].trimmingCharacters(in: .whitespaces) == "███")
    }

    @Test func withoutALeagueTheCardIsAsBefore() throws {
        let lines = try Self.lines(league: nil)
        let at = try #require(lines.firstIndex { $0.contains("LEADERBOARD  rank 1 of 1   saved as run #1") })
        #expect(lines[at + 1].trimmingCharacters(in: .whitespaces) == "███")
        #expect(!lines.contains { $0.contains("LEAGUE") })
    }
}
