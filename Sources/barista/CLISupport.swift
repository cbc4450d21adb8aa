import ArgumentParser
import BrewScript
import CoffeeGame
import Foundation

/// Exit codes every command keeps: 0 ok, 1 the run failed (a script error), 2 bad input.
enum Exit {
    static let failedRun = ExitCode(1)
    static let badInput = ExitCode(2)
}

/// A message for the player and the exit code that goes with it.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    let code: ExitCode
    init(_ message: String, code: ExitCode = Exit.badInput) {
        description = message
        self.code = code
    }
}

/// Every line this program prints goes through here (it stands in for the standard library's
/// `print` in this module): file names, level titles, player names, script lines and replay fields
/// are made harmless by `TerminalSafe.text`, whatever command prints them. Only `export` writes
/// raw bytes (a replay file), and only when standard output is not a terminal.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(TerminalSafe.text(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}

func printError(_ message: String) {
    let safe = TerminalSafe.text(message)
    FileHandle.standardError.write(Data((safe.hasSuffix("\n") ? safe : safe + "\n").utf8))
}

/// The level a LEVEL argument names: a number, a name or a path.
func loadLevel(_ argument: String) throws -> Level {
    do {
        return try LevelCatalog.resolve(argument)
    } catch {
        throw CLIError(error.description)
    }
}

/// JSON with sorted keys, so output is stable for tests and diffs.
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return jsonEscapingUnprintable(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// JSON escapes C0 controls itself; the other scalars a terminal would act on (C1 controls, DEL,
/// bidirectional overrides…) can only stand inside strings, where `\uXXXX` is the same value.
func jsonEscapingUnprintable(_ json: String) -> String {
    guard !json.unicodeScalars.allSatisfy({ TerminalSafe.isPrintable($0) || $0 == "\n" }) else { return json }
    var out = ""
    for s in json.unicodeScalars {
        if TerminalSafe.isPrintable(s) || s == "\n" {
            out.unicodeScalars.append(s)
        } else {
            out += TerminalSafe.jsonEscape(s)
        }
    }
    return out
}

/// Reads a script file, or says why not (exit 2).
func readScript(_ path: String) throws -> String {
    // At most one byte past the limit is read: a huge file is refused without loading it.
    guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.read(upToCount: maxSourceBytes + 1) ?? Data() else {
        throw CLIError("cannot read script '\(path)'")
    }
    guard data.count <= maxSourceBytes else { throw CLIError("script '\(path)' is larger than 1 MiB") }
    guard let text = String(data: data, encoding: .utf8) else { throw CLIError("script '\(path)' is not UTF-8 text") }
    return text
}

/// Compiles a script for a level; its warnings go to standard error, its errors end the command.
func compileScript(_ path: String, for level: Level) throws -> Script {
    let source = try readScript(path)
    let (script, diagnostics) = Script.compile(source: source, file: path, level: level)
    if !diagnostics.isEmpty { printError(BrewScript.render(diagnostics, source: source)) }
    guard let script else {
        let n = diagnostics.filter { $0.severity == .error }.count
        throw CLIError("\(path): \(n) error\(n == 1 ? "" : "s"); nothing was run")
    }
    return script
}
