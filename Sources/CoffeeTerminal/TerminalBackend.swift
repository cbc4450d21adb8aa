/// The size of a terminal window in cells.
public struct TerminalSize: Sendable, Hashable, CustomStringConvertible {
    public var columns: Int
    public var rows: Int
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
    /// The smallest window the game draws in.
    public static let minimum = TerminalSize(columns: 80, rows: 24)
    public var fitsMinimum: Bool { columns >= Self.minimum.columns && rows >= Self.minimum.rows }
    public var description: String { "\(columns)×\(rows)" }
}

/// A signal that ends the game: the terminal is restored before the process goes.
public enum TerminalSignal: Int32, Sendable, Hashable {
    case interrupt = 2
    case hangup = 1
    case terminate = 15
}

/// Something that happened while the game waited.
public enum TerminalEvent: Sendable, Hashable {
    case key(Key)
    /// The window changed size (SIGWINCH); the next frame is drawn whole.
    case resize(TerminalSize)
    case signal(TerminalSignal)
}

/// The seam between the game and a screen, after Brogue's platform table: everything the play
/// loop needs, nothing more. The ANSI backend drives a real terminal; `MemoryTerminal` is for tests.
public protocol TerminalBackend: AnyObject {
    /// The window size, as of the last `.resize` event.
    var size: TerminalSize { get }
    /// Shows a frame. Implementations write only the cells that differ from the last frame shown.
    func present(_ grid: Grid)
    /// Waits at most `timeout` seconds for input or a signal (`nil`: as long as it takes; the
    /// game uses no CPU meanwhile). Returns what happened, or nothing on a timeout.
    func waitForEvents(timeout: Double?) -> [TerminalEvent]
    /// Seconds on a monotonic clock.
    func now() -> Double
}

/// An in-memory terminal: the frames it was shown, input scripted in advance, and a virtual clock
/// that only moves when the game waits, so a test of a whole shift runs in milliseconds.
public final class MemoryTerminal: TerminalBackend {
    /// One thing the test does: press keys (or deliver any event), or let time pass.
    public enum Input: Sendable, Hashable {
        case events([TerminalEvent])
        case wait(Double)
    }

    public private(set) var size: TerminalSize
    /// Every frame shown, in order.
    public private(set) var frames: [Grid] = []
    /// Cells changed by each `present`, as the ANSI backend would have written them.
    public private(set) var changedCells: [Int] = []
    /// The timeout of every wait: `nil` means the game slept until input came.
    public private(set) var waits: [Double?] = []
    /// The times at which frames were shown.
    public private(set) var frameTimes: [Double] = []
    public private(set) var inputsLeft: [Input]
    /// Set when the script of inputs ran out and the terminal hung up on the game.
    public private(set) var exhausted = false
    var clock = 0.0

    public init(size: TerminalSize = .minimum, inputs: [Input] = []) {
        self.size = size
        inputsLeft = inputs
    }

    public var lastFrame: Grid? { frames.last }

    public func keys(_ text: String) -> Input { .events(text.map { .key(.char($0)) }) }

    public func present(_ grid: Grid) {
        var changed = grid.cells.count
        if let last = frames.last, last.width == grid.width, last.height == grid.height {
            changed = zip(last.cells, grid.cells).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) }
        }
        frames.append(grid)
        changedCells.append(changed)
        frameTimes.append(clock)
    }

    public func waitForEvents(timeout: Double?) -> [TerminalEvent] {
        waits.append(timeout)
        guard let head = inputsLeft.first else {
            exhausted = true
            return [.signal(.hangup)]
        }
        switch head {
        case .events(let events):
            inputsLeft.removeFirst()
            for case .resize(let s) in events { size = s }
            return events
        case .wait(let seconds):
            let step = min(seconds, timeout ?? seconds)
            clock += step
            if step >= seconds {
                inputsLeft.removeFirst()
            } else {
                inputsLeft[0] = .wait(seconds - step)
            }
            return []
        }
    }

    public func now() -> Double { clock }

    /// Adds more input while the test runs the loop step by step.
    public func feed(_ inputs: [Input]) { inputsLeft += inputs }
}
