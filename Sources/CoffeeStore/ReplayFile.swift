import Foundation

/// A replay as a small text file: a `key: value` header, a `---` line, then the script verbatim.
///
/// ```
/// # Barista replay. Check it: barista import FILE
/// format: barista-replay 1
/// level: 3f2a…            (content hash of the level file)
/// title: Morning Rush
/// number: 3
/// seed: 42
/// engine: 0.1.0
/// digest: 9c1e0f5a22b7d3e4
/// player: ada
/// played: 2025-11-26T23:37:00.000Z
/// status: finished
/// medal: gold
/// served: 41
/// …                        (every metric of the score card)
/// script-hash: 5d41…      (or `strategy: NAME` for a built-in, with no script below)
/// ---
/// the script, byte for byte
/// ```
///
/// The inputs (level hash, script, seed, engine version) replay the shift; the digest and the
/// metrics are what the replay must reproduce. The file proves nothing by itself: `importReplay`
/// stores it only after the game has re-simulated it and got the same digest and metrics.
public struct ReplayFile: Sendable, Hashable {
    public static let formatVersion = 1
    /// The largest script a replay may carry: the same 1 MiB a script file may have.
    public static let maxScriptBytes = 1 << 20
    /// The largest replay file: its script and 16 KiB of header. Checked before anything is parsed.
    public static let maxFileBytes = maxScriptBytes + (16 << 10)
    static let formatTag = "barista-replay"

    public var level: LevelRef
    public var seed: UInt64
    public var engineVersion: String
    public var digest: String
    public var player: PlayerName
    public var playedAt: Date?
    public var status: String
    public var medal: Medal
    /// What the file claims; the re-simulation must give exactly these.
    public var metrics: RunMetrics
    public var script: ScriptSource

    public init(level: LevelRef, seed: UInt64, engineVersion: String, digest: String, player: PlayerName,
                playedAt: Date? = nil, status: String = RunInput.finished, medal: Medal = .none,
                metrics: RunMetrics, script: ScriptSource) {
        self.level = level
        self.seed = seed
        self.engineVersion = engineVersion
        self.digest = digest
        self.player = player
        self.playedAt = playedAt
        self.status = status
        self.medal = medal
        self.metrics = metrics
        self.script = script
    }

    /// The replay of a stored run.
    public init(_ run: StoredRun) {
        self.init(level: run.level, seed: run.seed, engineVersion: run.engineVersion, digest: run.digest,
                  player: run.player, playedAt: run.recordedAt, status: run.status, medal: run.medal,
                  metrics: run.metrics, script: run.script)
    }

    /// The file text. Header values are escaped to one printable line; the script is verbatim.
    public func render() -> String {
        var lines = ["# Barista replay. Check it: barista import FILE"]
        func add(_ key: String, _ value: String) { lines.append("\(key): \(Self.oneLine(value))") }
        add("format", "\(Self.formatTag) \(Self.formatVersion)")
        add("level", level.hash)
        add("title", level.title)
        add("number", String(level.number))
        add("seed", String(seed))
        add("engine", engineVersion)
        add("digest", digest)
        add("player", player.rawValue)
        if let playedAt { add("played", Self.formatDate(playedAt)) }
        add("status", status)
        add("medal", medal.description)
        for field in RunMetrics.fields { add(field.key, field.get(metrics)) }
        switch script {
        case let .text(text):
            add("script-hash", ContentHash.sha256Hex(text))
            return lines.joined(separator: "\n") + "\n---\n" + text
        case let .builtin(name):
            add("strategy", name)
            return lines.joined(separator: "\n") + "\n---\n"
        }
    }

    /// Reads a replay file. Every problem names its line (1-based) and what is wrong.
    public static func parse(_ text: String) throws(StoreError) -> ReplayFile {
        try ReplayParser(text: text).parse()
    }

    static func oneLine(_ value: String) -> String {
        PlayerName.escape(value)
    }

    static func formatDate(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    static func parseDate(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = f.date(from: text) { return date }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}
