import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TerminalHarness
import Testing

/// `barista play` in a real terminal: tmux runs a shell, the shell runs the game, and after each
/// way out the shell's terminal must be back to normal (`stty -a` shows `icanon` and `echo`, the
/// alternate screen is off, the cursor is on).
///
/// Skipped, with this reason, when tmux is not installed.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is not installed: the end-to-end terminal tests did not run"))
struct TmuxEndToEndTests {
    /// The README's `swift run barista play …` lines, as a player types them: each draws the
    /// shop and quits cleanly on `q`.
    @Test func readmePlayExamples() throws {
        let readme = try String(contentsOf: Tmux.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var inBlock = false
        var lines: [String] = []
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inBlock.toggle(); continue }
            if inBlock, line.hasPrefix("swift run barista play ") { lines.append(String(line.dropFirst("swift run barista ".count))) }
        }
        #expect(lines.count >= 3)
        for line in lines {
            let t = try Tmux.start()
            defer { t.close() }
            try t.command(line)
            // Every README line opens on its level's briefing, and q quits from there.
            try t.waitFor { $0.contains("BARISTA") && $0.contains("space: open the shop") }
            t.keys("q")
            try t.expectRestored(status: 0)
        }
    }

    @Test func quitWithQRestoresTheTerminal() throws {
        let t = try Tmux.start()
        defer { t.close() }
        try t.play("--strategy event --no-briefing")
        let screen = try t.waitFor { $0.contains("TIMELINE") && $0.contains("BARISTAS") }
        #expect(screen.contains("Test Bar"))
        t.keys("+", "+")
        try t.waitFor { $0.contains("4×") }
        t.keys("q")
        try t.expectRestored(status: 0)
    }

    @Test func controlCRestoresTheTerminal() throws {
        let t = try Tmux.start()
        defer { t.close() }
        try t.play("--strategy event")
        try t.waitFor { $0.contains("space: open the shop") }
        t.keys("C-c")
        try t.expectRestored(status: 130)
    }

    @Test func sigtermAndSighupRestoreTheTerminal() throws {
        for (signal, status) in [("TERM", 143), ("HUP", 129)] {
            let t = try Tmux.start()
            defer { t.close() }
            try t.play("--strategy event --no-briefing")
            try t.waitFor { $0.contains("TIMELINE") }
            let pid = try t.gamePID()
            _ = Tmux.run(["kill", "-\(signal)", String(pid)])
            try t.expectRestored(status: status)
        }
    }

    /// A crash (a Swift trap is SIGILL on Linux) still puts the terminal back before the process dies.
    @Test func aCrashRestoresTheTerminal() throws {
        for (signal, status) in [("ILL", 132), ("SEGV", 139)] {
            let t = try Tmux.start()
            defer { t.close() }
            try t.play("--strategy event --no-briefing")
            try t.waitFor { $0.contains("TIMELINE") }
            let pid = try t.gamePID()
            _ = Tmux.run(["kill", "-\(signal)", String(pid)])
            try t.expectRestored(status: status)
        }
    }

    @Test func manualPlayTakesAChoiceAndQuits() throws {
        let t = try Tmux.start()
        defer { t.close() }
        try t.play("--no-briefing")
        try t.waitFor { $0.contains("YOUR MOVE") && $0.contains("1 take o — #1 espresso") }
        t.keys("1")
        try t.waitFor { $0.contains("b0 take #1") }
        t.keys("q")
        try t.expectRestored(status: 0)
    }

    /// The step debugger in a real terminal: `--break` stops the shift, `i` inspects, `t` steps one
    /// task, `<` rewinds; every wait is for a text on the screen.
    @Test func theDebuggerStopsStepsInspectsAndRewinds() throws {
        let t = try Tmux.start()
        defer { t.close() }
        let script = t.folder + "/debug.brew"
        try DebuggerTests.script.write(toFile: script, atomically: true, encoding: .utf8)
        try t.play("\(script) --break 9 --no-briefing --no-save")
        try t.waitFor { $0.contains("b0 reached breakpoint line 9") && $0.contains("●") }
        t.keys("i")
        try t.waitFor { $0.contains("INSPECT · b0") && $0.contains("LIVE TASKS") }
        t.keys("Tab", "Tab", "t")
        try t.waitFor { $0.contains("b1: task t1.0 is on line") }
        t.keys("<")
        try t.waitFor { $0.contains("back to tick") }
        t.keys("q")
        try t.expectRestored(status: 0)
        #expect(t.capture().contains("nothing was recorded (--no-save)"))
    }

    @Test func aSmallWindowIsToldHowLargeToBe() throws {
        let t = try Tmux.start(columns: 70, rows: 20)
        defer { t.close() }
        try t.play("--strategy event --no-briefing")
        try t.waitFor { $0.contains("needs a window of at least 80×24") }
        _ = Tmux.run(["tmux", "-L", t.socket, "resize-window", "-t", t.name, "-x", "100", "-y", "30"])
        try t.waitFor { $0.contains("TIMELINE") }
        t.keys("q")
        try t.expectRestored(status: 0)
    }

    @Test func noColorMeansNoColourCodes() throws {
        let t = try Tmux.start()
        defer { t.close() }
        try t.play("--strategy event --no-briefing", environment: "NO_COLOR=1")
        try t.waitFor { $0.contains("TIMELINE") }
        #expect(Tmux.colourCodes(in: t.capture(escapes: true)).isEmpty)
        t.keys("q")
        try t.expectRestored(status: 0)
        let coloured = try Tmux.start()
        defer { coloured.close() }
        try coloured.play("--strategy event --no-briefing")
        try coloured.waitFor { $0.contains("TIMELINE") }
        #expect(!Tmux.colourCodes(in: coloured.capture(escapes: true)).isEmpty)
        coloured.keys("q")
    }

    @Test func notATerminalIsRefusedWithAHint() throws {
        let barista = try Tmux.barista()
        let out = Tmux.run(["sh", "-c", "'\(barista)' play '\(try Tmux.levelFile())' < /dev/null | cat; echo \"status=${PIPESTATUS:-$?}\""])
        #expect(out.output.contains("needs a terminal"))
        #expect(out.output.contains("barista run"))
    }
}

/// What the terminal's tests add to the shared `Tmux` (TerminalHarness): the game on the test's
/// level, a README line, and the check that the terminal is as the shell left it.
extension Tmux {
    /// Runs the game from the shell; afterwards the shell writes the exit status and `stty -a`, then
    /// `GAME-OVER` (typed with quotes inside, so the command line itself does not match).
    func play(_ arguments: String, environment: String = "") throws {
        let barista = try Self.barista()
        let level = try Self.levelFile()
        let line = "\(environment) BARISTA_DB=\(folder)/saves.sqlite sh -c 'echo $$ > \(folder)/pid; exec \(barista) play \(level) \(arguments)'; "
            + "echo \"status=$?\" > \(folder)/status; stty -a > \(folder)/stty; echo GAME-OV''ER"
        type(line)
    }

    /// Runs `barista ARGUMENTS` from the repository root (a README line), recording into a
    /// database of the test's own.
    func command(_ arguments: String) throws {
        let barista = try Self.barista()
        let line = "cd \(Self.packageRoot.path) && BARISTA_DB=\(folder)/saves.sqlite sh -c 'exec \(barista) \(arguments)'; "
            + "echo \"status=$?\" > \(folder)/status; stty -a > \(folder)/stty; echo GAME-OV''ER"
        type(line)
    }

    /// The game has gone, with `status`, and the terminal is as the shell left it.
    func expectRestored(status: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let screen = try waitFor { $0.contains("GAME-OVER") }
        let statusText = (try? String(contentsOfFile: folder + "/status", encoding: .utf8)) ?? ""
        #expect(statusText.contains("status=\(status)"), "exit status: \(statusText)", sourceLocation: sourceLocation)
        let stty = (try? String(contentsOfFile: folder + "/stty", encoding: .utf8)) ?? ""
        let flags = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(flags.contains("icanon") && flags.contains("echo") && flags.contains("isig") && flags.contains("opost"),
                "stty after the game: \(stty)", sourceLocation: sourceLocation)
        let modes = Self.run(["tmux", "-L", socket, "display-message", "-p", "-t", name,
                              "#{alternate_on} #{cursor_flag}"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(modes == "0 1", "alternate screen and cursor: \(modes)", sourceLocation: sourceLocation)
        #expect(!screen.contains("TIMELINE"), "the game's screen is gone", sourceLocation: sourceLocation)
    }

    /// Colour parameters of the SGR sequences in a capture (`39`/`49`, the default colours, do not count).
    static func colourCodes(in text: String) -> [Int] {
        var codes: [Int] = []
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(where: { !($0.isNumber || $0 == ";") }) else { break }
            if rest[end] == "m" {
                let params = rest[..<end].split(separator: ";").compactMap { Int($0) }
                codes += params.filter { (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0) }
            }
            rest = rest[end...]
        }
        return codes
    }

    // MARK: Paths

    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `barista` built beside this test binary (`swift build --build-tests` builds both).
    /// Not built from here: `swift test` holds the build folder's lock, so a nested build would wait forever.
    static func barista() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent(),
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent(),
            packageRoot.appendingPathComponent(".build/debug"),
        ].map { $0.appendingPathComponent("barista").path }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw E2EError("no barista binary beside the tests (looked in \(candidates)): run 'swift build' first")
        }
        let help = run([path, "--help"])
        guard help.output.contains("  play ") else {
            throw E2EError("\(path) has no 'play' command: add Play.self to the subcommands in Sources/barista/Barista.swift")
        }
        return path
    }

    /// The test level, written once to a file the game can read.
    static func levelFile() throws -> String {
        let path = NSTemporaryDirectory() + "barista-e2e-07-test-bar.yaml"
        if !FileManager.default.fileExists(atPath: path) {
            try Fixture.yaml.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return path
    }
}
