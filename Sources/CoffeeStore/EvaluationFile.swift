import Foundation

/// An evaluation as a small text file, like a replay: a `key: value` header, `---`, the script.
///
/// ```
/// # Barista evaluation. Check it: barista import FILE
/// format: barista-evaluation 1
/// level: 3f2a…   title: …   number: 2   engine: 1.0.0   player: ada   played: …
/// seeds: 16                  (how many hidden seeds; never the seeds themselves)
/// seed-set: 8c1d…            (their identity: the importer derives the seeds from the level)
/// objective: max profit
/// failures: 0
/// mean: 5273.0   min: …   median: …   p95: …   max: …
/// mean-served: 16.0  …       (the means over the seeds the leaderboard ranks by), script-size: 9
/// medal: gold
/// shift-1: 5c836bcaf61f6458  (each seed's event digest, in seed order)
/// …
/// script-hash: 5d41…         (or `strategy: NAME` for a built-in)
/// ---
/// the script, byte for byte
/// ```
///
/// The file proves nothing by itself: `importEvaluation` stores it only after the game has run
/// every seed again and got every digest and the same summary.
public struct EvaluationFile: Sendable, Hashable {
    public static let formatVersion = 1
    static let formatTag = "barista-evaluation"

    public var player: PlayerName
    /// What the file claims; the re-simulation must give exactly this (shift digests and summary).
    public var evaluation: EvaluationInput

    public init(player: PlayerName, evaluation: EvaluationInput) {
        self.player = player
        self.evaluation = evaluation
    }

    public init(_ stored: StoredEvaluation) {
        self.init(player: stored.player, evaluation: stored.input)
    }

    /// Whether `text` is an evaluation file rather than a replay of one run.
    public static func isEvaluation(_ text: String) -> Bool {
        for line in text.split(separator: "\n", maxSplits: 20, omittingEmptySubsequences: true).prefix(20)
        where !line.hasPrefix("#") {
            return line.hasPrefix("format: \(formatTag) ")
        }
        return false
    }

    /// The objective's summary, as header keys; written with Swift's shortest round-trip form.
    /// The means follow, from `EvaluationMeans.fields`.
    static let numbers: [(key: String, path: WritableKeyPath<EvaluationInput, Double> & Sendable)] = [
        ("mean", \.mean), ("min", \.min), ("median", \.median), ("p95", \.p95), ("max", \.max),
    ]

    public func render() -> String {
        let e = evaluation
        var lines = ["# Barista evaluation. Check it: barista import FILE"]
        func add(_ key: String, _ value: String) { lines.append("\(key): \(ReplayFile.oneLine(value))") }
        add("format", "\(Self.formatTag) \(Self.formatVersion)")
        add("level", e.level.hash)
        add("title", e.level.title)
        add("number", String(e.level.number))
        add("engine", e.engineVersion)
        add("player", player.rawValue)
        if let at = e.recordedAt { add("played", ReplayFile.formatDate(at)) }
        add("seeds", String(e.seedCount))
        add("seed-set", e.seedSet)
        add("objective", e.objective)
        add("failures", String(e.failures))
        for n in Self.numbers { add(n.key, e[keyPath: n.path].description) }
        for (_, field) in EvaluationMeans.fields { add(field.key, field.get(e.means)) }
        add("medal", e.medal.description)
        for (i, s) in e.shifts.enumerated() { add("shift-\(i + 1)", s.digest) }
        switch e.script {
        case let .text(text):
            add("script-hash", ContentHash.sha256Hex(text))
            return lines.joined(separator: "\n") + "\n---\n" + text
        case let .builtin(name):
            add("strategy", name)
            return lines.joined(separator: "\n") + "\n---\n"
        }
    }

    private static let required = ["format", "level", "title", "number", "engine", "player", "seeds", "seed-set",
                                   "objective", "failures", "medal"] + numbers.map(\.key) + EvaluationMeans.fields.map(\.field.key)
    private static let optional = ["played", "script-hash", "strategy"]

    /// Reads an evaluation file. Every problem names its line (1-based) and what is wrong.
    public static func parse(_ text: String) throws(StoreError) -> EvaluationFile {
        let h = try HeaderReader.read(text, formatTag: formatTag, formatVersion: formatVersion) { key in
            required.contains(key) || optional.contains(key) || shiftIndex(key).map { (1...EvaluationInput.maxSeeds).contains($0) } == true
        }
        let v = h.values
        for key in required where v[key] == nil {
            throw .badReplay(line: h.separatorLine, message: "the header has no \"\(key)\"")
        }
        func value(_ key: String) -> String { v[key]?.value ?? "" }
        func fail(_ key: String, _ message: String) -> StoreError { .badReplay(line: v[key]?.line ?? h.separatorLine, message: message) }
        guard let number = Int(value("number")) else { throw fail("number", "the level number must be a whole number") }
        for key in ["level", "engine"] where value(key).isEmpty || value(key).contains(" ") {
            throw fail(key, "\"\(key)\" must be one word")
        }
        guard let count = Int(value("seeds")), (1...EvaluationInput.maxSeeds).contains(count) else {
            throw fail("seeds", "\"seeds\" must be a whole number from 1 to \(EvaluationInput.maxSeeds)")
        }
        let seedSet = value("seed-set").lowercased()
        guard seedSet.count == 16, seedSet.allSatisfy(\.isHexDigit) else { throw fail("seed-set", "the seed set must be 16 hex digits") }
        guard let size = Int(value("script-size")), size >= 0 else { throw fail("script-size", "\"script-size\" must be a whole number") }
        guard let failures = Int(value("failures")), (0...count).contains(failures) else {
            throw fail("failures", "\"failures\" must be a whole number from 0 to \(count)")
        }
        let player: PlayerName
        do { player = try PlayerName(validating: value("player")) } catch { throw fail("player", error.description) }
        guard let medal = Medal(name: value("medal")) else { throw fail("medal", "the medal must be none, bronze, silver or gold") }
        let playedAt = try HeaderReader.playedAt(v)
        var shifts: [EvaluationShift] = []
        for i in 1...count {
            let key = "shift-\(i)"
            guard let d = v[key] else { throw .badReplay(line: h.separatorLine, message: "the header has no \"\(key)\" (it says seeds: \(count))") }
            guard !d.value.isEmpty, d.value.count <= 128, d.value.allSatisfy(\.isHexDigit) else {
                throw .badReplay(line: d.line, message: "\"\(key)\" must be a digest of hexadecimal digits")
            }
            shifts.append(EvaluationShift(digest: d.value.lowercased(), value: 0))
        }
        if let extra = v.filter({ shiftIndex($0.key).map { $0 > count } == true }).min(by: { $0.value.line < $1.value.line }) {
            throw .badReplay(line: extra.value.line, message: "\"\(extra.key)\" is past the \(count) seeds the file says it has")
        }
        var e = EvaluationInput(
            player: player.rawValue, level: LevelRef(hash: value("level"), title: value("title"), number: number),
            script: try HeaderReader.script(v, body: h.body, separatorLine: h.separatorLine),
            engineVersion: value("engine"), seedCount: count, seedSet: seedSet, objective: value("objective"),
            higherIsBetter: value("objective").hasPrefix("max"), failures: failures,
            mean: 0, min: 0, median: 0, p95: 0, max: 0, medal: medal, means: EvaluationMeans(scriptSize: size), shifts: shifts, recordedAt: playedAt)
        for n in numbers {
            guard let x = Double(value(n.key)), x.isFinite else { throw fail(n.key, "\"\(n.key)\" must be a number, not \"\(PlayerName.escape(value(n.key)))\"") }
            e[keyPath: n.path] = x
        }
        for (_, field) in EvaluationMeans.fields where !field.set(&e.means, value(field.key)) {
            throw fail(field.key, "\"\(field.key)\" must be a number, not \"\(PlayerName.escape(value(field.key)))\"")
        }
        return EvaluationFile(player: player, evaluation: e)
    }

    /// `shift-12` → 12.
    static func shiftIndex(_ key: String) -> Int? {
        guard key.hasPrefix("shift-") else { return nil }
        return Int(key.dropFirst(6))
    }
}

/// What `importEvaluation` did.
public enum EvaluationImport: Sendable, Hashable {
    /// Verified and stored as a new evaluation.
    case stored(evaluationId: Int64)
    /// The same evaluation (player, level, script, engine, seed set, digests) was already in the file.
    case alreadyPresent(evaluationId: Int64)
}
