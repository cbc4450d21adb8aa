import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
        if line.hasPrefix("play ") {
            try playInTmux(line)
            return
        }
        let r = try barista(words(line))
        #expect(r.status == 0, "barista \(line) exited \(r.status): \(r.stderr)")
        #expect(!r.stdout.isEmpty)
        if line.hasPrefix("run ") { #expect(r.stdout.contains("digest")) }
    }
}

/// Runs a `play` example as a person would, in a tmux window: it must draw and quit cleanly on `q`.
func playInTmux(_ line: String) throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
        Issue.record("tmux is not installed: cannot run 'barista \(line)' in a terminal")
        return
    }
    let dir = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let status = dir.appendingPathComponent("status")
    let session = "readme-\(UUID().uuidString.prefix(8))"
    let command = "cd \(repoRoot.path) && BARISTA_DB=\(scratchDatabase) \(baristaBinary.path) \(line) --no-briefing; echo $? > \(status.path)"
    func tmux(_ args: [String]) throws { spawnAndWait(["tmux"] + args) }
    try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "30", command])
    defer { try? tmux(["kill-session", "-t", session]) }
    Thread.sleep(forTimeInterval: 1.5)
    try tmux(["send-keys", "-t", session, "q"])
    for _ in 0..<50 where !FileManager.default.fileExists(atPath: status.path) { Thread.sleep(forTimeInterval: 0.1) }
    let code = try String(contentsOf: status, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(code == "0", "barista \(line) exited \(code)")
}

/// Runs a command and returns its exit status and output. `posix_spawn` and `waitpid` rather
/// than `Process`, whose wait can miss the exit of a client that starts a tmux server; the
/// output goes through a file, since the server keeps the client's descriptors open.
@discardableResult
func spawnAndWait(_ arguments: [String]) -> (status: Int32, output: String) {
    let file = NSTemporaryDirectory() + "barista-e2e-out-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: file) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    // The test runner's threads block signals; a tmux server that inherited that mask could
    // never be told to stop. Start every command with no signal blocked and default handlers.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    guard posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, environ) == 0 else { return (-1, "cannot spawn") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    let code = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return (code, text)
}
