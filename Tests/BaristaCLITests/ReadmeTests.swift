import Foundation
import Testing

@Suite("The README's examples run")
struct ReadmeTests {
    /// Every `swift run barista …` line in a shell block of the README.
    static func examples() throws -> [String] {
        let text = try String(contentsOf: repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var inBlock = false
        var found: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inBlock.toggle(); continue }
            if inBlock, line.hasPrefix("swift run barista ") { found.append(String(line.dropFirst("swift run barista ".count))) }
        }
        return found
    }

    @Test func theReadmeHasExamplesAndTheTwoSetUpCommands() throws {
        let text = try String(contentsOf: repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(text.contains("\nswift test\n"))
        #expect(try Self.examples().count >= 6)
    }

    @Test(arguments: try ReadmeTests.examples())
    func example(_ line: String) throws {
        // `play` needs a terminal: CoffeeTerminalTests runs those lines in tmux (readmePlayExamples).
        if line.hasPrefix("play ") { return }
        // The league's lines need a server and PostgreSQL: LeagueServerTests.ClientTests runs them against one.
        if line.hasPrefix("league ") || line.hasPrefix("submit ") || line.contains("--league") { return }
        let r = try barista(words(line))
        #expect(r.status == 0, "barista \(line) exited \(r.status): \(r.stderr)")
        #expect(!r.stdout.isEmpty)
        if line.hasPrefix("run ") { #expect(r.stdout.contains("digest")) }
    }
}

