import Foundation

/// The medal a run earned on its level.
public enum Medal: Int, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case none = 0, bronze, silver, gold

    public init?(name: String) {
        guard let medal = Self.allCases.first(where: { $0.description == name }) else { return nil }
        self = medal
    }

    public var description: String {
        switch self {
        case .none: "none"
        case .bronze: "bronze"
        case .silver: "silver"
        case .gold: "gold"
        }
    }

    public static func < (a: Medal, b: Medal) -> Bool { a.rawValue < b.rawValue }

    /// JSON says `"gold"`, not `3`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let medal = Medal(name: name) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a medal: \(name)")
        }
        self = medal
    }
}

/// A level as the store knows it: its content hash is its identity, title and number are for people.
public struct LevelRef: Sendable, Hashable, Codable {
    /// Content hash of the level file (hex); two levels with the same hash are the same level.
    public var hash: String
    public var title: String
    /// Position in the campaign (1, 2, …); 0 for a level outside it.
    public var number: Int

    public init(hash: String, title: String, number: Int) {
        self.hash = hash
        self.title = title
        self.number = number
    }
}

/// What ran the shift: a player's script (kept once per content hash) or a built-in strategy.
public enum ScriptSource: Sendable, Hashable {
    case text(String)
    case builtin(String)

    /// The content hash the store files the script under. A built-in is named, not hashed text,
    /// so the hash covers a prefix that no script text can collide with by accident.
    public var hash: String { ContentHash.hex(hashBytes) }

    /// The 32 bytes stored in `script.hash`.
    var hashBytes: [UInt8] {
        switch self {
        case let .text(text): ContentHash.sha256(Array(text.utf8))
        case let .builtin(name): ContentHash.sha256(Array(("builtin:" + name).utf8))
        }
    }
}

/// Every scalar of a shift's score card. Money in cents, time in ticks.
public struct RunMetrics: Sendable, Hashable, Codable {
    public var served: Int
    public var lost: Int
    /// Served per 100 ticks.
    public var throughput: Double
    public var leadMean: Double
    public var leadP50: Int
    public var leadP95: Int
    public var leadMax: Int
    public var counterWaitP95: Int
    /// Value-adding barista ticks over all barista ticks, 0…1.
    public var valueAddedRatio: Double
    public var revenue: Int
    public var wages: Int
    public var waste: Int
    public var profit: Int
    public var endTick: Int
    /// Size of the script (the game decides the unit: lines or tokens); 0 for a built-in.
    public var scriptSize: Int

    public init(
        served: Int = 0, lost: Int = 0, throughput: Double = 0, leadMean: Double = 0,
        leadP50: Int = 0, leadP95: Int = 0, leadMax: Int = 0, counterWaitP95: Int = 0,
        valueAddedRatio: Double = 0, revenue: Int = 0, wages: Int = 0, waste: Int = 0,
        profit: Int = 0, endTick: Int = 0, scriptSize: Int = 0
    ) {
        self.served = served
        self.lost = lost
        self.throughput = throughput
        self.leadMean = leadMean
        self.leadP50 = leadP50
        self.leadP95 = leadP95
        self.leadMax = leadMax
        self.counterWaitP95 = counterWaitP95
        self.valueAddedRatio = valueAddedRatio
        self.revenue = revenue
        self.wages = wages
        self.waste = waste
        self.profit = profit
        self.endTick = endTick
        self.scriptSize = scriptSize
    }
}

/// One finished (or failed) shift, as the game hands it to the store. Independent of the engine's
/// types on purpose: the CLI maps a game result into it.
public struct RunInput: Sendable, Hashable {
    /// The status of a shift that ran to closing time.
    public static let finished = "finished"

    /// Unvalidated: `record` validates it and throws `StoreError.invalidPlayerName`.
    public var player: String
    public var level: LevelRef
    public var script: ScriptSource
    /// The file name the script was given as, for people (`gold.brew`); `nil` when unknown.
    public var scriptName: String?
    public var seed: UInt64
    public var engineVersion: String
    /// `RunInput.finished`, or a short failure description (`"failed: …"`).
    public var status: String
    /// Hex digest of the event stream.
    public var digest: String
    public var medal: Medal
    public var metrics: RunMetrics
    /// The full score card as JSON (breakdowns per barista and machine…), kept beside the run.
    public var metricsJSON: String
    /// When the shift was played; `nil` means now.
    public var recordedAt: Date?

    public init(
        player: String, level: LevelRef, script: ScriptSource, seed: UInt64, engineVersion: String,
        status: String = RunInput.finished, digest: String, medal: Medal = .none,
        metrics: RunMetrics, metricsJSON: String = "{}", recordedAt: Date? = nil, scriptName: String? = nil
    ) {
        self.player = player
        self.scriptName = scriptName
        self.level = level
        self.script = script
        self.seed = seed
        self.engineVersion = engineVersion
        self.status = status
        self.digest = digest
        self.medal = medal
        self.metrics = metrics
        self.metricsJSON = metricsJSON
        self.recordedAt = recordedAt
    }

    public var isFinished: Bool { status == Self.finished }
}
