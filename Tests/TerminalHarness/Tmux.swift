import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tmux server of the test's own (its own socket), running one shell: how the end-to-end tests
/// play the real `barista` binary in a real terminal, as a person would (send keys, read the
/// screen, wait for a text with a bound). Shared by the terminal's and the league's tests.
public struct Tmux: Sendable {
    public static let available: Bool = run(["sh", "-c", "command -v tmux"]).status == 0

    public let socket: String
    public let name = "barista"
    /// A folder of the test's own: the shell's HOME, and where a game's pid and status are written.
    public let folder: String

    public static func start(columns: Int = 100, rows: Int = 30) throws -> Tmux {
        let folder = NSTemporaryDirectory() + "barista-e2e-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let t = Tmux(socket: "barista-e2e-\(UUID().uuidString.prefix(8))", folder: folder)
        let r = run(["tmux", "-L", t.socket, "-f", "/dev/null", "new-session", "-d", "-s", t.name, "-x", String(columns),
                     "-y", String(rows), "env -i PATH=/usr/bin:/bin TERM=xterm-256color HOME=\(folder) sh"])
        guard r.status == 0 else { throw E2EError("tmux new-session failed: \(r.output)") }
        return t
    }

    public func close() {
        _ = Self.run(["tmux", "-L", socket, "kill-server"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Types `line` into the shell and presses Enter.
    public func type(_ line: String) {
        _ = Self.run(["tmux", "-L", socket, "send-keys", "-t", name, line, "Enter"])
    }

    public func keys(_ keys: String...) {
        _ = Self.run(["tmux", "-L", socket, "send-keys", "-t", name] + keys)
    }

    public func capture(escapes: Bool = false) -> String {
        Self.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : [])).output
    }

    /// The screen once `condition` holds, read every 50 ms for at most `seconds`.
    @discardableResult
    public func waitFor(seconds: Double = 15, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = capture()
            if condition(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw E2EError("timed out; the pane shows:\n\(screen)")
    }

    public func gamePID() throws -> Int32 {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: folder + "/pid", encoding: .utf8),
               let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return pid }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw E2EError("the game's pid never appeared")
    }

    /// Runs a command and returns its exit status and output. `posix_spawn` and `waitpid` rather
    /// than `Process`, whose wait can miss the exit of a client that starts a tmux server; the
    /// output goes through a file, since the server keeps the client's descriptors open.
    @discardableResult
    public static func run(_ arguments: [String]) -> (status: Int32, output: String) {
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
}

public struct E2EError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}
