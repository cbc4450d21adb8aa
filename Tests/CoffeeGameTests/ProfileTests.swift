import CoffeeEngine
import Testing
@testable import CoffeeGame

/// `barista run --profile`: every barista tick on the script line whose command it was spent on.
@Suite struct ProfileTests {
    /// The profile's ticks add up exactly to each barista's tick classes, and profiling changes
    /// nothing about the shift (same digest, same metrics).
    @Test(arguments: Shipped.every)
    func theProfileAddsUpToEachBaristasTicks(_ id: String) throws {
        let (level, script) = try Shipped.solution(id)
        let (result, profile) = ShiftRunner.profile(level: level, script: script)
        expectAddsUp((result, profile), plain: ShiftRunner.run(level: level, script: script), id)
        #expect(profile.total == result.metrics.baristas.reduce(0) { $0 + $1.total })
        // Only lines with a command (or 0, between tasks) get ticks.
        let commandLines = Set(script.program.commands.map { Int($0.span.line) })
        #expect(profile.baristas.allSatisfy { $0.line == 0 || commandLines.contains($0.line) }, "\(id)")
    }

    @Test func manyHandsNaiveWaitsOnItsWaitLines() throws {
        let (level, script) = try Shipped.solution("06-many-hands/naive")
        let (_, profile) = ShiftRunner.profile(level: level, script: script)
        let byLine = Dictionary(uniqueKeysWithValues: profile.lines.map { ($0.line, $0) })
        #expect(byLine[7]?.text == "        wait milk")
        #expect(byLine[7].map { [$0.valueAdding, $0.waiting, $0.polling, $0.switching, $0.idle] } == [0, 855, 0, 0, 0])
        #expect(byLine[12].map { [$0.valueAdding, $0.waiting, $0.polling, $0.switching, $0.idle] } == [0, 3060, 0, 0, 0])
        #expect(byLine[4]?.valueAdding == 204)
        #expect(byLine[0]?.idle == 297)
        #expect(profile.total == 5370)
        #expect(profile.lines.count == 15)
        #expect(profile.ticks(barista: 1, line: 12).waiting == 630)
    }

    @Test func theAnnotatedScriptShowsTicksAndAShareBar() throws {
        let (level, script) = try Shipped.solution("06-many-hands/naive")
        let lines = ShiftRunner.profile(level: level, script: script).profile.text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "profile of naive.brew · every barista tick on the line of the command it was spent on (5 baristas, 5370 ticks)")
        #expect(lines[1] == " line  value-adding  waiting  polling  switching    idle  share")
        #expect(lines[3] == "    2" + String(repeating: " ", count: 80) + "workers 5")
        #expect(lines[13] == "   12             0     3060        0          0       0  ███████████▍          57%      wait shot")
        #expect(lines.last == "    –             0        0        0          0     297  █▏                     6%  (between tasks: no task held)")
    }

    @Test func theShareBarCountsEighthsOfACell() {
        #expect(ScriptProfile.bar(0, of: 100) == "")
        #expect(ScriptProfile.bar(100, of: 100) == String(repeating: "█", count: 20))
        #expect(ScriptProfile.bar(5, of: 100) == "█")
        #expect(ScriptProfile.bar(1, of: 160) == "▏")
        #expect(ScriptProfile.bar(57, of: 100) == "███████████▍")
    }

    /// A script whose text could move a terminal's cursor shows it harmless in the profile.
    @Test func aHostileCommentIsMadeHarmless() throws {
        let level = try Shipped.level("01-first-shot")
        let source = "# \u{1B}[2J wipe\non order o:\n    take o\n    grind o\n    shot = start brew o on espresso\n    await shot\n    pour o\n    serve o\n"
        let script = try #require(Script.compile(source: source, file: "evil\u{1B}.brew", level: level).script)
        let text = ShiftRunner.profile(level: level, script: script).profile.text
        #expect(!text.unicodeScalars.contains("\u{1B}"))
    }
}
