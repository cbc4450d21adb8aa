import CoffeeEngine

/// A level: a shop for the engine plus what the game says and scores about it.
/// Built only by `LevelLoader`, so every `Level` has passed validation.
public struct Level: Sendable, Hashable {
    /// From the file name: `2` for `02-long-brews.yaml`; `nil` for a file without a number.
    public var number: Int?
    /// From the file name without its number and extension: `long-brews`.
    public var slug: String
    public var title: String
    /// The one idea this level teaches, in a few words.
    public var idea: String
    /// What the player reads before the shift: the idea, and what to watch on the score card.
    public var briefing: String
    public var objective: Objective
    /// The seed used when the player does not give one.
    public var practiceSeed: UInt64
    /// How close to the lower bound a gold script is expected to come (`1.6` = within 60 %), if stated.
    public var boundRatio: Double?
    /// The file the level was read from, as it was named.
    public var sourcePath: String
    /// FNV-1a 64 of the file's bytes, 16 lower-case hex digits: a change to the file is a new level.
    public var contentHash: String
    /// The shop the engine runs.
    public var config: ShopConfig

    /// The medal thresholds of the objective.
    public var medals: MedalThresholds { objective.medals }

    /// `02 long-brews`, or the slug alone for an unnumbered file.
    public var label: String {
        guard let number else { return slug }
        return (number < 10 ? "0" : "") + "\(number) \(slug)"
    }
}

extension Level {
    /// Splits a file name such as `02-long-brews.yaml` into its number and slug.
    static func nameParts(fileName: String) -> (number: Int?, slug: String) {
        var stem = Substring(fileName)
        for ext in [".yaml", ".yml"] where stem.lowercased().hasSuffix(ext) {
            stem = stem.dropLast(ext.count)
            break
        }
        let digits = stem.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 6, let number = Int(digits) else { return (nil, String(stem)) }
        var rest = stem.dropFirst(digits.count)
        if rest.first == "-" || rest.first == "_" { rest = rest.dropFirst() }
        return (number, rest.isEmpty ? String(stem) : String(rest))
    }

    /// FNV-1a, 64 bits: deterministic on every platform, unlike `Hasher`.
    static func contentHash<Bytes: Sequence>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
