import CoffeeGame
import Foundation

/// Reads the text of a `ReplayFile`, strictly: unknown or repeated keys, missing keys and
/// malformed values are errors that name the line.
struct ReplayParser {
    let text: String

    private static let required = ["format", "level", "title", "number", "seed", "engine", "digest", "player", "status", "medal"]
        + RunMetrics.fields.map(\.key)
    private static let optional = ["played", "script-hash", "strategy"]

    func parse() throws(StoreError) -> ReplayFile {
        let h = try HeaderReader.read(text, formatTag: ReplayFile.formatTag, formatVersion: ReplayFile.formatVersion) {
            Self.required.contains($0) || Self.optional.contains($0)
        }
        for key in Self.required where h.values[key] == nil {
            throw .badReplay(line: h.separatorLine, message: "the header has no \"\(key)\"")
        }
        return try build(h.values, body: h.body, separatorLine: h.separatorLine)
    }

    private func build(_ v: [String: (line: Int, value: String)], body: String, separatorLine: Int) throws(StoreError) -> ReplayFile {
        func value(_ key: String) -> String { v[key]?.value ?? "" }
        func fail(_ key: String, _ message: String) -> StoreError { .badReplay(line: v[key]?.line ?? separatorLine, message: message) }

        guard let number = Int(value("number")) else { throw fail("number", "the level number must be a whole number") }
        guard let seed = UInt64(value("seed")) else {
            throw fail("seed", "the seed must be a whole number from 0 to \(UInt64.max)")
        }
        let digest = value("digest")
        guard !digest.isEmpty, digest.count <= 128, digest.allSatisfy(\.isHexDigit) else {
            throw fail("digest", "the digest must be hexadecimal digits")
        }
        for key in ["level", "engine"] where value(key).isEmpty || value(key).contains(" ") {
            throw fail(key, "\"\(key)\" must be one word")
        }
        let player: PlayerName
        do { player = try PlayerName(validating: value("player")) } catch { throw fail("player", error.description) }
        guard let medal = Medal(name: value("medal")) else { throw fail("medal", "the medal must be none, bronze, silver or gold") }
        let playedAt = try HeaderReader.playedAt(v)
        var metrics = RunMetrics()
        for field in RunMetrics.fields where !field.set(&metrics, value(field.key)) {
            throw fail(field.key, "\"\(field.key)\" must be a number, not \"\(PlayerName.escape(value(field.key)))\"")
        }
        let script = try HeaderReader.script(v, body: body, separatorLine: separatorLine)
        return ReplayFile(level: LevelRef(hash: value("level"), title: value("title"), number: number),
                          seed: seed, engineVersion: value("engine"), digest: digest.lowercased(), player: player,
                          playedAt: playedAt, status: value("status"), medal: medal, metrics: metrics, script: script)
    }
}

/// The `key: value` header every Barista file starts with, split from the body at the first line
/// that is exactly `---`. Unknown and repeated keys are errors that name their line.
struct HeaderReader {
    var values: [String: (line: Int, value: String)]
    var body: String
    var separatorLine: Int

    static func read(_ text: String, formatTag: String, formatVersion: Int,
                     allowed: (String) -> Bool) throws(StoreError) -> HeaderReader {
        guard !text.isEmpty else { throw .badReplay(line: 0, message: "the file is empty") }
        let size = text.utf8.count
        guard size <= ReplayFile.maxFileBytes else { throw .replayTooLarge(bytes: size) }
        var header: [(line: Int, key: String, value: String)] = []
        var seen: [String: Int] = [:]
        var body: String?
        var separatorLine = 0
        // Scalars, not Characters: "\r\n" is one Character, and the script must stay byte for byte.
        var rest = Substring(text).unicodeScalars
        var lineNumber = 0
        while !rest.isEmpty {
            lineNumber += 1
            let end = rest.firstIndex(of: "\n")
            var scalars = end.map { rest[..<$0] } ?? rest
            rest = end.map { rest[rest.index(after: $0)...] } ?? rest[rest.endIndex...]
            if scalars.last == "\r" { scalars = scalars.dropLast() }
            let line = String(scalars)
            if line == "---" {
                separatorLine = lineNumber
                body = String(rest)
                break
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw .badReplay(line: lineNumber, message: "expected `key: value`, found \"\(PlayerName.escape(String(line.prefix(40))))\"")
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard allowed(key) else {
                throw .badReplay(line: lineNumber, message: "unknown key \"\(PlayerName.escape(key))\"")
            }
            // Export writes every header value escaped to printable text, so a control character
            // here was not written by Barista; it would also read back as something else. (The
            // player name has its own check, with its own message.)
            if key != "player", let bad = value.unicodeScalars.first(where: { !TerminalSafe.isPrintable($0) }) {
                throw .badReplay(line: lineNumber, message: "\"\(key)\" contains the control character \(TerminalSafe.line(String(bad)))")
            }
            if let first = seen[key] {
                throw .badReplay(line: lineNumber, message: "\"\(key)\" is given twice (first on line \(first))")
            }
            seen[key] = lineNumber
            header.append((lineNumber, key, value))
        }
        guard let body else {
            throw .badReplay(line: lineNumber, message: "no `---` line before the script")
        }
        guard let first = header.first, first.key == "format" else {
            throw .badReplay(line: header.first?.line ?? 1, message: "the first key must be `format: \(formatTag) \(formatVersion)`")
        }
        let format = first.value.split(separator: " ")
        guard format.count == 2, format[0] == formatTag, let version = Int(format[1]) else {
            throw .badReplay(line: first.line, message: "expected `format: \(formatTag) \(formatVersion)`")
        }
        guard version <= formatVersion else {
            throw .badReplay(line: first.line, message: "format version \(version) is newer than this Barista reads (\(formatVersion)); update Barista")
        }
        var values: [String: (line: Int, value: String)] = [:]
        for h in header { values[h.key] = (h.line, h.value) }
        return HeaderReader(values: values, body: body, separatorLine: separatorLine)
    }

    /// The optional `played` date of a replay or evaluation file.
    static func playedAt(_ v: [String: (line: Int, value: String)]) throws(StoreError) -> Date? {
        guard let played = v["played"] else { return nil }
        guard let date = ReplayFile.parseDate(played.value) else {
            throw .badReplay(line: played.line, message: "\"played\" must be an ISO 8601 date like 2025-01-31T12:00:00Z")
        }
        return date
    }

    /// The script below `---`: a text whose hash the header states, or a built-in named there.
    static func script(_ v: [String: (line: Int, value: String)], body: String, separatorLine: Int) throws(StoreError) -> ScriptSource {
        switch (v["script-hash"], v["strategy"]) {
        case let (hash?, nil):
            let bytes = body.utf8.count
            guard bytes <= ReplayFile.maxScriptBytes else {
                throw .badReplay(line: separatorLine + 1,
                                 message: "the script has \(bytes) bytes; a script has at most \(ReplayFile.maxScriptBytes) (1 MiB)")
            }
            let actual = ContentHash.sha256Hex(body)
            guard actual == hash.value.lowercased() else {
                throw .badReplay(line: separatorLine + 1,
                                 message: "the script below `---` does not match script-hash (line \(hash.line)): it was edited, or its line endings were changed")
            }
            return .text(body)
        case let (nil, strategy?):
            guard !strategy.value.isEmpty else { throw .badReplay(line: strategy.line, message: "\"strategy\" needs a name") }
            guard body.isEmpty else {
                throw .badReplay(line: separatorLine + 1, message: "a replay of the built-in strategy \"\(PlayerName.escape(strategy.value))\" has no script text")
            }
            return .builtin(strategy.value)
        case let (hash?, strategy?):
            throw .badReplay(line: max(hash.line, strategy.line), message: "give either script-hash or strategy, not both")
        case (nil, nil):
            throw .badReplay(line: separatorLine, message: "the header has neither script-hash nor strategy")
        }
    }
}
