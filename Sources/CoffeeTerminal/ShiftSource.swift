import CoffeeEngine
import CoffeeGame

/// A problem in a script, with where it is: shown in the play screen and the shift restarts
/// when the player fixes it and presses `R`.
public struct ScriptDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line and column; the column counts characters.
    public var line: Int
    public var column: Int
    /// Characters under the caret.
    public var length: Int
    public var message: String
    public var hint: String?
    /// The text of the line, to quote under the message.
    public var sourceLine: String?

    public init(file: String, line: Int, column: Int, length: Int = 1, message: String, hint: String? = nil,
                sourceLine: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.length = length
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
    }

    /// `file.brew:7:5: error: unknown verb 'stem'`.
    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// Why a source could not give a shift.
public enum ShiftSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The script does not compile, or cannot be read: every diagnostic found.
    case script([ScriptDiagnostic])
    /// Anything else, in words.
    case other(String)

    public var description: String {
        switch self {
        case .script(let d): d.map(\.description).joined(separator: "\n")
        case .other(let m): m
        }
    }
}

/// Where the shifts of a play session come from. Restart (`r`) asks for a fresh shift; reload
/// (`R`) asks for a new source first (a script read again from disk), then a fresh shift.
/// The game wires scripts in by conforming a script source to this protocol.
public protocol ShiftSource {
    var level: Level { get }
    /// What the header and the run record call the strategy: `manual`, `event`, `rush.brew`.
    var strategyName: String { get }
    var seed: UInt64 { get }
    /// A new shift at tick 0.
    func makeShift() throws(ShiftSourceError) -> any PlayableShift
    /// The script, for the script panel (`s`); `nil` if there is none to show.
    var scriptText: String? { get }
    /// Where the script lives, for the panel's title and for reloading.
    var scriptPath: String? { get }
    /// Whether `reloaded()` reads anything new.
    var canReload: Bool { get }
    /// The source read again: a script from disk, with its errors if it no longer compiles.
    func reloaded() throws(ShiftSourceError) -> any ShiftSource
    /// Where a finished shift's speedup came from and what to change, for the end card; `nil`
    /// when there is no arrangement to run again (manual play).
    func insight(for result: RunResult) -> ShiftInsight?
}

extension ShiftSource {
    public func insight(for result: RunResult) -> ShiftInsight? { nil }
    public var scriptPath: String? { nil }
    public var canReload: Bool { false }
    public func reloaded() throws(ShiftSourceError) -> any ShiftSource { self }
}

/// A shift run by one of the engine's built-in Swift strategies. The script panel shows what the
/// strategy does as a script would say it, with each barista's line marked.
public struct BuiltInSource: ShiftSource {
    public let level: Level
    public let mode: RecipeStrategy.Mode
    public let baristas: Int
    public let seed: UInt64

    public init(level: Level, mode: RecipeStrategy.Mode, baristas: Int? = nil, seed: UInt64? = nil) {
        self.level = level
        self.mode = mode
        self.baristas = baristas ?? level.config.baristas
        self.seed = seed ?? level.practiceSeed
    }

    public var strategyName: String { mode.rawValue }
    public var scriptText: String? { BuiltInScript.text(for: mode) }
    public func insight(for result: RunResult) -> ShiftInsight? {
        ShiftInsight.of(level: level, mode: mode, baristas: baristas, seed: result.seed)
    }

    public func makeShift() throws(ShiftSourceError) -> any PlayableShift {
        // Profiled, so the heat column is the engine's own attribution (`run --strategy X --profile`):
        // the same decisions, events and digest as the unprofiled built-in.
        let sim = Simulation(config: level.config, strategy: LineProfiled(BuiltInLines(RecipeStrategy(mode: mode, baristas: baristas))),
                             seed: seed)
        let mode = self.mode
        return SimulationShift(sim, currentLine: { sim, b in
            let view = sim.view
            guard view.baristas.indices.contains(b) else { return nil }
            return BuiltInScript.line(for: mode, activity: view.baristas[b].activity)
        })
    }
}

/// A compiled script on a level as a playable shift: each barista's line for the script panel,
/// the score card with line numbers, and the live tasks with their variables for the debugger.
public enum ScriptShift {
    public static func make(level: Level, script: Script, seed: UInt64) -> any PlayableShift {
        // Profiled, so the heat column is the engine's own attribution (`run --profile`): the same
        // events and digest as the unprofiled shift.
        let sim = Simulation(config: level.config, strategy: LineProfiled(ScriptStrategy(script: script)), seed: seed)
        return SimulationShift(sim, currentLine: { sim, b in
            guard b >= 0, b < sim.strategy.base.currentSpan.count else { return nil }
            return sim.strategy.base.currentSpan[b].map { Int($0.line) }
        }, result: { sim, level, _ in
            ShiftRunner.result(of: sim, level: level, script: script)
        }, tasks: debugTasks)
    }

    /// The live tasks of a scripted shift, each with its line and variables (read, never changed).
    static func debugTasks(_ sim: Simulation<LineProfiled<ScriptStrategy>>) -> [DebugTask] {
        sim.taskViews.map { t in
            let seen = sim.strategy.base.inspect(t.state)
            var status = t.status.rawValue
            if let p = t.product { status += " product \(p)" }
            return DebugTask(id: "t\(t.id.slot).\(t.id.generation)", barista: t.barista, order: t.order, status: status,
                             function: seen?.function ?? "?", line: seen?.line,
                             locals: seen?.locals.map { "\($0.name) = \($0.value)" } ?? [])
        }
    }
}

/// A compiled script as a play source (the CLI's reads a file and can reload it).
public struct CompiledScriptSource: ShiftSource {
    public let level: Level
    public let script: Script
    public let seed: UInt64
    public let name: String

    public init(level: Level, script: Script, name: String, seed: UInt64? = nil) {
        self.level = level
        self.script = script
        self.name = name
        self.seed = seed ?? level.practiceSeed
    }

    public var strategyName: String { name }
    public var scriptText: String? { script.source }
    public func insight(for result: RunResult) -> ShiftInsight? { ShiftInsight.of(level: level, script: script, seed: result.seed) }
    public var scriptPath: String? { name }
    public func makeShift() throws(ShiftSourceError) -> any PlayableShift { ScriptShift.make(level: level, script: script, seed: seed) }
}

/// Manual play: the player chooses each free barista's next move.
public struct ManualSource: ShiftSource {
    public let level: Level
    public let baristas: Int
    public let seed: UInt64
    /// Answers of an earlier shift to play again before the player is asked (a manual replay).
    public let answers: [(barista: Int, choice: ManualChoice)]

    public init(level: Level, baristas: Int? = nil, seed: UInt64? = nil, answers: [(barista: Int, choice: ManualChoice)] = []) {
        self.level = level
        self.baristas = baristas ?? level.config.baristas
        self.seed = seed ?? level.practiceSeed
        self.answers = answers
    }

    public var strategyName: String { "manual" }
    public var scriptText: String? { nil }

    public func makeShift() throws(ShiftSourceError) -> any PlayableShift {
        ManualShift(config: level.config, baristas: baristas, seed: seed, answers: answers)
    }
}

/// Checks a stored run before it is shown as a replay: the shift is run again, headless, and its
/// event digest must be the one stored. A tampered or stale replay is never shown as true.
public enum ReplayCheck {
    /// The digest of the shift the source gives, run to its end.
    public static func digest(of source: any ShiftSource) throws(ShiftSourceError) -> String {
        let shift = try source.makeShift()
        // A hand-played shift plays on the answers it holds; a log that needs more is refused.
        if let manual = shift as? ManualShift {
            do { try manual.playToEnd() } catch { throw .other(error.description) }
            return manual.digest
        }
        while !shift.isFinished { shift.step() }
        return shift.digest
    }

    public static func verify(_ source: any ShiftSource, digest: String) throws(ShiftSourceError) -> Bool {
        try self.digest(of: source) == digest
    }
}
