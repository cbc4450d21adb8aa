import CoffeeEngine
import Foundation
import Yams

/// Reads level files into checked `Level`s. The YAML is composed into nodes (not decoded with
/// `Codable`) so every problem can name its line; all problems of a file are reported together.
public enum LevelLoader {
    /// Files larger than this are refused before parsing: levels are small, hand-written texts.
    public static let maxFileBytes = 1 << 20

    /// Reads and checks the level at `path`. Messages and `Level.sourcePath` name the file as
    /// `displayPath` (by default `path` as written), so a relative path stays relative.
    public static func load(path: String, displayPath: String? = nil) throws(LevelError) -> Level {
        let shown = displayPath ?? path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .unreadable(path: shown, reason: "no such level file")
        }
        guard !isFolder.boolValue else { throw .unreadable(path: shown, reason: "is a folder, not a level file") }
        // At most one byte past the limit is read, so a huge file is refused without loading it.
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            data = try handle.read(upToCount: maxFileBytes + 1) ?? Data()
        } catch {
            throw .unreadable(path: shown, reason: "cannot be read (\(error.localizedDescription))")
        }
        guard data.count <= maxFileBytes else {
            throw .unreadable(path: shown, reason: "is more than \(maxFileBytes) bytes; a level file may have at most \(maxFileBytes)")
        }
        return try load(bytes: [UInt8](data), path: shown)
    }

    /// Checks a level given as the bytes of a file; `path` names it in messages and gives its
    /// number and slug (`Levels/02-long-brews.yaml` → 2, `long-brews`).
    public static func load(bytes: [UInt8], path: String) throws(LevelError) -> Level {
        guard bytes.count <= maxFileBytes else {
            throw .unreadable(path: path, reason: "is \(bytes.count) bytes; a level file may have at most \(maxFileBytes)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalid([LevelDiagnostic(path: path, line: nil, message: "not a level file: the bytes are not UTF-8 text")])
        }
        var reader = LevelReader(path: path)
        let root: Node
        switch compose(text, &reader) {
        case .some(let node): root = node
        case .none: throw .invalid(reader.diagnostics)
        }
        let level = readLevel(root, bytes: bytes, path: path, &reader)
        guard reader.diagnostics.isEmpty, let level else {
            // By line, keeping the reading order among problems on the same line.
            let sorted = reader.diagnostics.enumerated().sorted { a, b in
                (a.element.line ?? 0, a.offset) < (b.element.line ?? 0, b.offset)
            }
            throw .invalid(sorted.map(\.element))
        }
        return level
    }

    /// Checks a level given as text (tests, editors); see `load(bytes:path:)`.
    public static func load(yaml: String, path: String) throws(LevelError) -> Level {
        try load(bytes: Array(yaml.utf8), path: path)
    }

    // MARK: YAML

    /// The root node, or `nil` with a diagnostic when the text is not YAML, is empty or is not a mapping.
    static func compose(_ text: String, _ r: inout LevelReader) -> Node? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let (line, message) = describe(error)
            r.report("not valid YAML: " + message, line: line)
            return nil
        } catch {
            r.report("not valid YAML: \(error)", line: nil)
            return nil
        }
        guard let node, !LevelReader.isNull(node) else {
            r.report("the file is empty; a level needs at least " + requiredFields.map { "'\($0)'" }.joined(separator: ", "),
                     line: nil)
            return nil
        }
        guard case .mapping = node else {
            let got = if case .scalar = node { "plain text" } else { LevelReader.describe(node) }
            r.report("a level must be a mapping of fields such as 'title:' and 'menu:', got \(got)", at: node)
            return nil
        }
        return node
    }

    /// A libyaml error as a line and a sentence: `did not find expected key (while parsing a block mapping from line 3)`.
    static func describe(_ error: YamlError) -> (Int?, String) {
        func sentence(_ context: YamlError.Context?, _ problem: String, _ mark: Mark) -> (Int?, String) {
            guard let context, !context.text.isEmpty else { return (mark.line, problem) }
            let from = context.mark.line == mark.line ? "" : " from line \(context.mark.line)"
            return (mark.line, "\(problem) (\(context.text)\(from))")
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return sentence(context, problem, mark)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\(LevelReader.clip($0))'" }.joined(separator: ", ")
            return (context.mark.line, "\(keys) written twice in the same mapping")
        case let .reader(problem, offset, _, yaml):
            let line = offset.map { o in yaml.utf8.prefix(o).reduce(1) { $0 + ($1 == 10 ? 1 : 0) } }
            return (line, problem)
        default:
            return (nil, "\(error)")
        }
    }

    // MARK: The level

    static let requiredFields = ["title", "idea", "briefing", "menu", "arrivals", "duration", "objective", "medals"]
    static let topFields = ["title", "idea", "briefing", "baristas", "stations", "costs", "cooling", "machines",
                            "menu", "arrivals", "patience", "duration", "closing", "seed", "objective", "medals",
                            "service-floor", "bound-ratio"]

    /// Every top-level field read and checked; `nil` when anything is wrong (the reader says what).
    static func readLevel(_ root: Node, bytes: [UInt8], path: String, _ r: inout LevelReader) -> Level? {
        guard let f = Fields(root, allowed: topFields, label: "a level", expected: "a mapping", place: "", reader: &r)
        else { return nil }
        for key in requiredFields where f[key] == nil { _ = f.required(key, &r) }
        let title = f["title"].flatMap { r.text($0, "'title'") }
        let idea = f["idea"].flatMap { r.text($0, "'idea'") }
        let briefing = f["briefing"].flatMap { r.text($0, "'briefing'") }

        let crew = f["baristas"].map { readBaristas($0, &r) } ?? Crew()
        let stations = f["stations"].flatMap { readStations($0, &r) }
        let costs = f["costs"].map { readCosts($0, &r) } ?? Costs()
        let cooling = f["cooling"].flatMap { r.int($0, "'cooling'", .ticks, min: 1, max: Limits.ticks) }
        let patience = f["patience"].map { readPatience($0, &r) } ?? Patience()
        let duration = f["duration"].flatMap { r.int($0, "'duration'", .ticks, min: 1, max: Limits.ticks) }
        let closing = f["closing"].flatMap { r.int($0, "'closing'", .ticks, min: 0, max: Limits.ticks) }
        let seed = f["seed"].flatMap { readSeed($0, &r) }

        let machines = f["machines"].map { readMachines($0, &r) } ?? MachineList(kinds: [], names: [])
        let menu = f["menu"].flatMap { readMenu($0, machines: machines, &r) }
        let arrivals = f["arrivals"].flatMap {
            readArrivals($0, menu: menu, duration: duration, &r)
        }

        if let duration, let arrivalsNode = f["arrivals"] {
            checkShiftSize(arrivals, duration: duration, closing: closing ?? 1_000, at: arrivalsNode, &r)
        }

        let objective = f["objective"].flatMap { readObjective($0, &r) }
        let medals = f["medals"].flatMap { readMedals($0, objective: objective, &r) }
        let boundRatio = f["bound-ratio"].flatMap { r.number($0, "'bound-ratio'", min: 1, max: 1000) }
        let floor = f["service-floor"].flatMap { r.number($0, "'service-floor'", min: 0, max: 1) }

        guard r.diagnostics.isEmpty, let title, let idea, let briefing, var menu = menu?.items, let arrivals, let duration,
              let objective, let medals else { return nil }
        // An item's patience names the fields it changes; the others are the level's.
        for i in menu.indices {
            guard let own = menu[i].patience else { continue }
            menu[i].patience = Patience(acknowledge: own.acknowledge ?? patience.acknowledge, serve: own.serve ?? patience.serve)
        }
        let closingTicks = closing ?? 1_000
        let config = ShopConfig(
            menu: menu, machines: machines.kinds, baristas: crew.hire, maxBaristas: crew.max, wage: crew.wage,
            stations: stations, costs: costs,
            // No limit given: nothing can go cold within the shift.
            coolingLimit: cooling ?? max(1_000_000, duration + closingTicks),
            patience: patience, arrivals: arrivals, duration: duration, closing: closingTicks)
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let (number, slug) = Level.nameParts(fileName: fileName)
        return Level(
            number: number, slug: slug, title: title.trimmingCharacters(in: .whitespacesAndNewlines),
            idea: idea.trimmingCharacters(in: .whitespacesAndNewlines), briefing: briefing,
            objective: Objective(metric: objective.metric, direction: objective.direction, medals: medals,
                                 serviceFloor: floor ?? Objective.defaultServiceFloor),
            practiceSeed: seed ?? 1, boundRatio: boundRatio, sourcePath: path,
            contentHash: Level.contentHash(of: bytes), config: config)
    }

    /// The whole shift stays small enough to simulate (and bound) in well under a second: at most
    /// `Limits.shiftTicks` ticks from opening to closing, and at most `Limits.customers` customers
    /// (for random arrivals, the expected number: the ticks of each stretch over its mean gap).
    static func checkShiftSize(_ arrivals: Arrivals?, duration: Int, closing: Int, at node: Node, _ r: inout LevelReader) {
        if duration + closing > Limits.shiftTicks {
            r.report("the shift is \(duration + closing) ticks ('duration' \(duration) + 'closing' \(closing)); "
                     + "a shift may be at most \(Limits.shiftTicks) ticks", at: node)
        }
        guard case .poisson(let meanGap, let rush)? = arrivals else { return }
        var expected = 0.0, rushTicks = 0
        for w in rush where w.from < duration {
            let ticks = min(w.to, duration) - w.from
            rushTicks += ticks
            expected += Double(ticks) / w.meanGap
        }
        expected += Double(duration - rushTicks) / meanGap
        if expected > Double(Limits.customers) {
            r.report("these arrivals bring about \(Int(expected.rounded())) customers in \(duration) ticks; "
                     + "a shift may have at most \(Limits.customers) (raise 'mean-gap' or shorten 'duration')", at: node)
        }
    }

    static func readSeed(_ node: Node, _ r: inout LevelReader) -> UInt64? {
        if let raw = LevelReader.plainScalar(node), let seed = UInt64(raw.replacingOccurrences(of: "_", with: "")) {
            return seed
        }
        r.report("'seed' must be a whole number from 0 to \(UInt64.max), got \(LevelReader.describe(node))", at: node)
        return nil
    }

    // MARK: Objective and medals

    static func readObjective(_ node: Node, _ r: inout LevelReader) -> (metric: Metric, direction: Direction)? {
        var metricNode = node
        var direction: Direction?
        if case .mapping = node {
            guard let f = Fields(node, allowed: ["metric", "direction"], label: "'objective'", expected: "a mapping",
                                 place: " in 'objective'", reader: &r),
                  let m = f.required("metric", &r) else { return nil }
            metricNode = m
            if let d = f["direction"] {
                let raw = LevelReader.plainScalar(d) ?? ""
                direction = Direction(rawValue: raw)
                if direction == nil {
                    r.report("'direction' of 'objective' must be max or min, got \(LevelReader.describe(d))", at: d)
                    return nil
                }
            }
        }
        guard let raw = LevelReader.plainScalar(metricNode) else {
            r.report("'objective' must be a metric such as 'profit' or {metric: …, direction: max|min}, got "
                     + LevelReader.describe(metricNode), at: metricNode)
            return nil
        }
        guard let metric = Metric(rawValue: raw) else {
            let names = Metric.allCases.map(\.rawValue)
            let hint = LevelReader.suggestion(for: raw, among: names).map { "did you mean '\($0)'?" }
                ?? "metrics: " + names.joined(separator: ", ")
            r.report("unknown metric '\(LevelReader.clip(raw))' (\(hint))", at: metricNode)
            return nil
        }
        return (metric, direction ?? metric.naturalDirection)
    }

    static func readMedals(_ node: Node, objective: (metric: Metric, direction: Direction)?,
                           _ r: inout LevelReader) -> MedalThresholds? {
        guard let f = Fields(node, allowed: ["bronze", "silver", "gold"], label: "'medals'",
                             expected: "a mapping like {bronze: 500, silver: 900, gold: 1200}",
                             place: " in 'medals'", reader: &r) else { return nil }
        func threshold(_ key: String) -> Double? {
            f.required(key, &r).flatMap { r.number($0, "'\(key)' of 'medals'", min: -1e15, max: 1e15) }
        }
        guard let bronze = threshold("bronze"), let silver = threshold("silver"), let gold = threshold("gold")
        else { return nil }
        let medals = MedalThresholds(bronze: bronze, silver: silver, gold: gold)
        guard let objective else { return medals }
        let rising = bronze < silver && silver < gold
        let falling = bronze > silver && silver > gold
        let f3 = [bronze, silver, gold].map(LevelReader.format)
        let got = "got bronze \(f3[0]), silver \(f3[1]), gold \(f3[2])"
        if objective.direction == .max, !rising {
            r.report("medals out of order for 'max \(objective.metric.rawValue)' (higher is better): "
                     + "need bronze < silver < gold, \(got)", at: node)
            return nil
        }
        if objective.direction == .min, !falling {
            r.report("medals out of order for 'min \(objective.metric.rawValue)' (lower is better): "
                     + "need bronze > silver > gold, \(got)", at: node)
            return nil
        }
        return medals
    }
}

/// Caps that keep every number the engine adds or multiplies far from overflow, and its
/// per-tick histograms small.
enum Limits {
    static let ticks = 10_000_000
    static let stepTicks = 1_000_000
    static let cents = 100_000_000
    static let wage = 1_000_000
    static let baristas = 64
    static let slots = 256
    /// A recipe's steps are bits of one 64-bit word: the engine's own limit, defined there once.
    static let steps = ShopConfig.maxSteps
    static let menu = 256
    static let weight = 1_000_000
    static let costTicks = 10_000
    /// Opening to closing ('duration' + 'closing').
    static let shiftTicks = 1_000_000
    /// Customers in one shift (listed, or expected from random arrivals).
    static let customers = 100_000
}
