import Foundation

/// One problem found in a level file, at the line it was found when that is known.
/// Printed like a compiler diagnostic: `Levels/02-long-brews.yaml:14: unknown machine 'espreso' …`.
public struct LevelDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The file as the player named it (relative paths stay relative).
    public var path: String
    /// 1-based line, or `nil` for problems with the file as a whole.
    public var line: Int?
    public var message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}

/// Everything that can go wrong finding, reading or checking a level. Each case prints as text a
/// player can act on; `invalid` carries every problem found in the file, sorted by line.
public enum LevelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read at all (missing, a folder, not UTF-8, too large).
    case unreadable(path: String, reason: String)
    /// The file was read but is not a valid level.
    case invalid([LevelDiagnostic])
    /// A LEVEL argument matched no level; `available` lists what exists, as `01 first-shot`.
    case unknownLevel(String, folder: String, available: [String])
    /// A LEVEL argument matched more than one file.
    case ambiguousLevel(String, matches: [String])
    /// No `Levels/` folder was found; `searched` lists where we looked.
    case noLevelsFolder(searched: [String])

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): \(reason)"
        case let .invalid(diagnostics):
            return diagnostics.map(\.description).joined(separator: "\n")
        case let .unknownLevel(argument, folder, available):
            let list = available.isEmpty ? "there are none" : "there are: " + available.joined(separator: ", ")
            return "no level '\(argument)' in \(folder); \(list)"
        case let .ambiguousLevel(argument, matches):
            return "level '\(argument)' is ambiguous: it matches " + matches.joined(separator: ", ")
        case let .noLevelsFolder(searched):
            return "no Levels folder found (looked in " + searched.joined(separator: ", ")
                + "); set BARISTA_LEVELS or give the level as a path to a .yaml file"
        }
    }

    /// The problems in the file, when the file was read and found wanting.
    public var diagnostics: [LevelDiagnostic] {
        if case .invalid(let d) = self { return d }
        return []
    }
}

extension LevelError: LocalizedError {
    public var errorDescription: String? { description }
}
