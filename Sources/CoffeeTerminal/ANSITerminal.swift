#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a real terminal could not be taken over.
public enum TerminalError: Error, Sendable, Hashable, CustomStringConvertible {
    case notATerminal
    case cannotSetMode(String)

    public var description: String {
        switch self {
        case .notATerminal: "standard input and output must be a terminal"
        case .cannotSetMode(let why): "cannot put the terminal in raw mode: \(why)"
        }
    }
}

// What signal handlers may touch: set before any handler is installed, so no lazy
// initialisation ever runs inside one. Only async-signal-safe calls are made with them.
nonisolated(unsafe) private var signalPipeWrite: Int32 = -1
nonisolated(unsafe) private var savedMode: UnsafeMutablePointer<termios>? = nil
nonisolated(unsafe) private var leaveBytes: UnsafeMutableBufferPointer<UInt8>? = nil

/// Signals that only wake the loop through the self-pipe.
private let wakeSignals: [Int32] = [SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGCONT]
/// Signals after which the process dies: the terminal is put back first.
private let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

private func onWakeSignal(_ sig: Int32) {
    var byte = UInt8(truncatingIfNeeded: sig)
    _ = write(signalPipeWrite, &byte, 1)
}

/// A crash: put the terminal back with async-signal-safe calls only, then die of the same signal.
private func onFatalSignal(_ sig: Int32) {
    if let bytes = leaveBytes, let base = bytes.baseAddress { _ = write(STDOUT_FILENO, base, bytes.count) }
    if let mode = savedMode { _ = tcsetattr(STDIN_FILENO, TCSANOW, mode) }
    signal(sig, SIG_DFL)
    raise(sig)
}

/// A real terminal through ANSI escapes: alternate screen, hidden cursor, raw input, and the
/// terminal restored on every way out — `restore()` on a normal exit, on errors (call it from a
/// `defer`), on SIGINT/SIGTERM/SIGHUP (they end the loop), and on a crash (a fatal-signal
/// handler). Signals reach the loop through a self-pipe, so `poll` wakes for them.
public final class ANSITerminal: TerminalBackend {
    public private(set) var size: TerminalSize
    let renderer: ANSIRenderer
    var front: Grid?
    var pipe: (read: Int32, write: Int32) = (-1, -1)
    var restored = false
    /// Frames and bytes written, for the speed figures.
    public private(set) var framesPresented = 0
    public private(set) var bytesWritten = 0

    /// Takes over the terminal on standard input and output.
    /// - Parameter color: `false` under `NO_COLOR`.
    public init(color: Bool) throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        renderer = ANSIRenderer(color: color)
        size = Self.querySize() ?? .minimum
        var mode = termios()
        guard tcgetattr(STDIN_FILENO, &mode) == 0 else { throw .cannotSetMode(String(cString: strerror(errno))) }
        let saved = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        saved.initialize(to: mode)
        savedMode = saved
        let leave = Array(ANSIRenderer.leaveScreen.utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: leave.count)
        _ = buffer.initialize(from: leave)
        leaveBytes = buffer
        var fds: [Int32] = [-1, -1]
        guard Glibc.pipe(&fds) == 0 else { throw .cannotSetMode("no pipe for signals") }
        pipe = (fds[0], fds[1])
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        signalPipeWrite = fds[1]
        // Whoever started the game may have blocked these; the game relies on them.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for s in wakeSignals + fatalSignals { sigaddset(&wanted, s) }
        sigprocmask(SIG_UNBLOCK, &wanted, nil)
        for s in wakeSignals { signal(s, onWakeSignal) }
        for s in fatalSignals { signal(s, onFatalSignal) }
        signal(SIGPIPE, SIG_IGN)
        try enterRawMode()
        write(ANSIRenderer.enterScreen)
    }

    deinit { restore() }

    func enterRawMode() throws(TerminalError) {
        guard let saved = savedMode else { return }
        var raw = saved.pointee
        cfmakeraw(&raw)
        // Keep output processing off too: every byte we write is placed by an escape.
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else { throw .cannotSetMode(String(cString: strerror(errno))) }
    }

    /// Leaves the alternate screen, shows the cursor and restores the saved mode. Safe to call twice.
    public func restore() {
        guard !restored else { return }
        restored = true
        write(ANSIRenderer.leaveScreen)
        if let saved = savedMode { _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, saved) }
        for s in wakeSignals + fatalSignals { signal(s, SIG_DFL) }
        signalPipeWrite = -1
        if pipe.read >= 0 {
            close(pipe.read)
            close(pipe.write)
            pipe = (-1, -1)
        }
    }

    static func querySize() -> TerminalSize? {
        var ws = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 else { return nil }
        return TerminalSize(columns: Int(ws.ws_col), rows: Int(ws.ws_row))
    }

    public func present(_ grid: Grid) {
        let bytes = renderer.frame(from: front, to: grid)
        front = grid
        framesPresented += 1
        write(bytes)
    }

    /// The next frame is drawn whole (after a resize, or when the terminal may have been disturbed).
    public func invalidate() { front = nil }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { buf in
            guard var p = buf.baseAddress else { return }
            var left = buf.count
            bytesWritten += left
            while left > 0 {
                let n = Glibc.write(STDOUT_FILENO, p, left)
                if n < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return
                }
                p += n
                left -= n
            }
        }
    }

    public func waitForEvents(timeout: Double?) -> [TerminalEvent] {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: pipe.read, events: Int16(POLLIN), revents: 0)]
        let ms: Int32 = timeout.map { Int32(min(60_000, max(0, ($0 * 1000).rounded(.up)))) } ?? -1
        let ready = poll(&fds, 2, ms)
        guard ready > 0 else { return [] }
        var events: [TerminalEvent] = []
        if fds[1].revents & Int16(POLLIN) != 0 { events += drainSignals() }
        if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
            var buf = [UInt8](repeating: 0, count: 4096)
            let n = read(STDIN_FILENO, &buf, buf.count)
            if n > 0 {
                events += KeyDecoder.decode(Array(buf[0..<n])).map { .key($0) }
            } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                events.append(.signal(.hangup))
            }
        }
        return events
    }

    func drainSignals() -> [TerminalEvent] {
        var events: [TerminalEvent] = []
        var buf = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(pipe.read, &buf, buf.count)
            guard n > 0 else { break }
            for sig in buf[0..<n].map(Int32.init) {
                switch sig {
                case SIGWINCH, SIGCONT:
                    if sig == SIGCONT {
                        try? enterRawMode()
                        write(ANSIRenderer.enterScreen)
                    }
                    size = Self.querySize() ?? size
                    front = nil
                    events.append(.resize(size))
                case SIGINT: events.append(.signal(.interrupt))
                case SIGTERM: events.append(.signal(.terminate))
                case SIGHUP: events.append(.signal(.hangup))
                default: break
                }
            }
        }
        return events
    }

    public func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CPU seconds this process has used (user + system), for the speed figures.
    public static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
