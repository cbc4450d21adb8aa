import CoffeeGame
import Foundation

/// Why a player name was refused.
public enum PlayerNameError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    /// More than `PlayerName.maxLength` characters.
    case tooLong(count: Int)
    /// A control character (ESC, newline, tab, DEL, C1 controls…) or another non-printing scalar.
    case unprintable(escaped: String)
    /// Spaces at the start or the end: names that look the same must be the same name.
    case surroundingSpace

    public var description: String {
        switch self {
        case .empty: NameRule.Problem.empty.message
        case let .tooLong(count): NameRule.Problem.tooLong(count: count).message
        case let .unprintable(escaped): "A player name must be printable; \(escaped) contains control characters."
        case .surroundingSpace: NameRule.Problem.surroundingSpace.message
        }
    }
}

/// A validated player name: 1–32 printable characters, no control characters, no surrounding spaces.
///
/// Names come from `--player`, the environment and imported replay files, so they are untrusted:
/// print them only through `escaped`, which can never carry a terminal escape sequence.
public struct PlayerName: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public static let maxLength = NameRule.maxLength

    /// The name as stored.
    public let rawValue: String

    /// Validates `name`; throws the first problem found.
    public init(validating name: String) throws(PlayerNameError) {
        switch NameRule.problem(in: name) {
        case nil: rawValue = name
        case .empty: throw .empty
        case .tooLong(let count): throw .tooLong(count: count)
        case .unprintable: throw .unprintable(escaped: Self.escape(name))
        case .surroundingSpace: throw .surroundingSpace
        }
    }

    /// Trusted path for names read back from our own database, which were validated on the way in.
    /// Still escaped for display, in case the file was edited by hand.
    package init(stored: String) { rawValue = stored }

    /// Encoded as the plain name; JSON escapes control characters itself.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Decoding validates, like `init(validating:)`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do { self = try PlayerName(validating: try container.decode(String.self)) } catch let error as PlayerNameError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// The form to print: identical to `rawValue` for every valid name.
    public var escaped: String { Self.escape(rawValue) }
    public var description: String { escaped }

    public static func < (a: PlayerName, b: PlayerName) -> Bool { a.rawValue < b.rawValue }

    /// Scalars a terminal shows as themselves: `TerminalSafe.isPrintable`.
    static func isPrintable(_ s: Unicode.Scalar) -> Bool { TerminalSafe.isPrintable(s) }

    /// Any text made safe for the terminal, on one line: `TerminalSafe.line` (a valid name prints unchanged).
    public static func escape(_ text: String) -> String { TerminalSafe.line(text) }

    /// The name to play under: `--player`, else the saved default, else the login name.
    /// A login name that is not a valid player name (too long, odd characters) falls back to "barista".
    public static func resolve(option: String?, savedDefault: String?, login: String? = currentLogin()) throws(PlayerNameError) -> PlayerName {
        if let option { return try PlayerName(validating: option) }
        if let savedDefault, let name = try? PlayerName(validating: savedDefault) { return name }
        if let login, let name = try? PlayerName(validating: login) { return name }
        return PlayerName(stored: "barista")
    }

    /// `USER`, then `LOGNAME`, from the environment.
    public static func currentLogin() -> String? {
        let env = ProcessInfo.processInfo.environment
        return env["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LOGNAME"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
