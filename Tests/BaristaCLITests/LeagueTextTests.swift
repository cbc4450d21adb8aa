@testable import barista
import Testing

/// The ranked lines of a league board (scripts' and hand-played): the caller's own line follows
/// the entries after "…" only when the caller is ranked below them.
@Suite struct LeagueTextTests {
    typealias Entry = (rank: Int, player: String)

    func lines(_ entries: [Entry], you: Entry?) -> [String] {
        LeagueText.ranked(entries, you: you, player: \.player) { "  \($0.rank). \($0.player)" }
    }

    @Test func aCallerBelowTheEntriesGetsTheirLineAfterAnEllipsis() {
        #expect(lines([(1, "ada"), (2, "bob")], you: (57, "cy")) == ["  1. ada", "  2. bob", "  …", "  57. cy"])
    }

    @Test func aCallerAmongTheEntriesIsNotRepeated() {
        #expect(lines([(1, "ada"), (2, "bob")], you: (2, "bob")) == ["  1. ada", "  2. bob"])
    }

    @Test func noCallerNoEllipsis() {
        #expect(lines([], you: nil) == [])
        #expect(lines([(1, "ada")], you: nil) == ["  1. ada"])
    }
}
