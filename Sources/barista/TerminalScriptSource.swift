import BrewScript
import CoffeeEngine
import CoffeeGame
import CoffeeTerminal
import Foundation

/// The play screen's source for a BrewScript file: each barista's current line for the script
/// panel, failures placed on their line, and `R` reading the file again.
struct ScriptFileSource: ShiftSource {
    let level: Level
    let path: String
    let script: Script
    let seed: UInt64
    /// A file on disk can be read again (`R`); a stored run's script cannot.
    var reloadable = true

    var strategyName: String { (path as NSString).lastPathComponent }
    var scriptText: String? { script.source }
    var scriptPath: String? { path }
    var canReload: Bool { reloadable }

    /// Reads and compiles the file for the level; errors come back as diagnostics to show.
    static func load(level: Level, path: String, seed: UInt64?) throws(ShiftSourceError) -> ScriptFileSource {
        guard let data = FileManager.default.contents(atPath: path), let source = String(data: data, encoding: .utf8) else {
            throw .other("cannot read script '\(path)'")
        }
        let (script, diagnostics) = Script.compile(source: source, file: path, level: level)
        guard let script else {
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            throw .script(diagnostics.filter { $0.severity == .error }.map { d in
                ScriptDiagnostic(file: d.file, line: d.line, column: d.column, length: max(1, d.length), message: d.message,
                                 hint: d.hint, sourceLine: d.line >= 1 && d.line <= lines.count ? String(lines[d.line - 1]) : nil)
            })
        }
        return ScriptFileSource(level: level, path: path, script: script, seed: seed ?? level.practiceSeed)
    }

    func makeShift() throws(ShiftSourceError) -> any PlayableShift {
        ScriptShift.make(level: level, script: script, seed: seed)
    }

    func reloaded() throws(ShiftSourceError) -> any ShiftSource {
        try ScriptFileSource.load(level: level, path: path, seed: seed)
    }
}

/// The play screen's source for a BrewScript file.
func makeScriptSource(level: Level, path: String, baristas: Int?, seed: UInt64?) throws -> any ShiftSource {
    if baristas != nil { throw CLIError("a script hires its own baristas ('workers N' or roles): drop --baristas") }
    do {
        return try ScriptFileSource.load(level: level, path: path, seed: seed)
    } catch {
        throw CLIError(error.description)
    }
}
