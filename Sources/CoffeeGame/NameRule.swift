/// The rule every player name follows, wherever it is kept (the local store, a league server):
/// 1–32 printable characters, no control characters, no spaces at either end.
public enum NameRule {
    public static let maxLength = 32

    /// What is wrong with a name.
    public enum Problem: Sendable, Equatable {
        case empty
        case tooLong(count: Int)
        case unprintable
        case surroundingSpace

        /// What a player reads.
        public var message: String {
            switch self {
            case .empty: "A player name cannot be empty."
            case .tooLong(let count): "A player name has at most \(NameRule.maxLength) characters (this one has \(count))."
            case .unprintable: "A player name must be printable; this one contains control characters."
            case .surroundingSpace: "A player name cannot start or end with a space."
            }
        }
    }

    /// The first problem with `name`, or nil for a valid name.
    public static func problem(in name: String) -> Problem? {
        if name.isEmpty { return .empty }
        let count = name.count
        // The scalar bound stops a few characters stacked with hundreds of combining marks.
        if count > maxLength || name.unicodeScalars.count > 4 * maxLength { return .tooLong(count: count) }
        if name.unicodeScalars.contains(where: { !isPrintable($0) }) { return .unprintable }
        if name.first?.isWhitespace == true || name.last?.isWhitespace == true { return .surroundingSpace }
        return nil
    }

    /// Scalars a terminal shows as themselves (`TerminalSafe.isPrintable`).
    public static func isPrintable(_ s: Unicode.Scalar) -> Bool { TerminalSafe.isPrintable(s) }
}
