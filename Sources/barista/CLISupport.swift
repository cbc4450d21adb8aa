import ArgumentParser
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

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
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
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
