import Foundation
import GRDB

/// One figure of a score card (`Card`: a run's `RunMetrics`, an evaluation's `EvaluationMeans`),
/// named once for everything that keeps it: its key in a file (`lead-mean: 12.75`), its column in
/// the database (`leadMean`) and its place in the card. Writing a row, reading it back, rendering
/// and parsing a replay file, checking a replay and comparing two cards all walk the card's
/// `fields`, so a new figure is one line there (and a migration that adds its column).
struct MetricField<Card>: Sendable {
    enum Value: Sendable {
        case int(WritableKeyPath<Card, Int> & Sendable)
        case double(WritableKeyPath<Card, Double> & Sendable)
    }

    /// The header key in a replay or evaluation file.
    var key: String
    /// The column in the card's table.
    var column: Column
    var value: Value

    static func int(_ key: String, _ column: String, _ path: WritableKeyPath<Card, Int> & Sendable) -> MetricField {
        MetricField(key: key, column: Column(column), value: .int(path))
    }

    static func double(_ key: String, _ column: String, _ path: WritableKeyPath<Card, Double> & Sendable) -> MetricField {
        MetricField(key: key, column: Column(column), value: .double(path))
    }

    /// The value as a file writes it. A double in Swift's shortest round-trip form, so
    /// `set(get())` gives the same bits back.
    func get(_ m: Card) -> String {
        switch value {
        case let .int(path): String(m[keyPath: path])
        case let .double(path): m[keyPath: path].description
        }
    }

    /// Parses and stores the value; false if it is not a (finite) number of the right kind.
    func set(_ m: inout Card, _ text: String) -> Bool {
        switch value {
        case let .int(path):
            guard let v = Int(text) else { return false }
            m[keyPath: path] = v
        case let .double(path):
            guard let v = Double(text), v.isFinite else { return false }
            m[keyPath: path] = v
        }
        return true
    }

    /// False for a double that is infinite or not a number (SQLite and the replay file refuse them).
    func isFinite(_ m: Card) -> Bool {
        switch value {
        case .int: true
        case let .double(path): m[keyPath: path].isFinite
        }
    }

    func databaseValue(_ m: Card) -> DatabaseValue {
        switch value {
        case let .int(path): m[keyPath: path].databaseValue
        case let .double(path): m[keyPath: path].databaseValue
        }
    }

    /// The value as a number, for ranking.
    func number(_ m: Card) -> Double {
        switch value {
        case let .int(path): Double(m[keyPath: path])
        case let .double(path): m[keyPath: path]
        }
    }

    /// Reads this field's column of a row into `m`.
    func decode(_ m: inout Card, from row: Row) throws {
        switch value {
        case let .int(path): m[keyPath: path] = try row.decode(forColumn: column)
        case let .double(path): m[keyPath: path] = try row.decode(forColumn: column)
        }
    }
}

extension RunMetrics {
    /// Every figure of a run's card: its replay-file key, its column in `run`, its place here.
    static let fields: [MetricField<RunMetrics>] = [
        .int("served", "served", \.served),
        .int("lost", "lost", \.lost),
        .double("throughput", "throughput", \.throughput),
        .double("lead-mean", "leadMean", \.leadMean),
        .int("lead-p50", "leadP50", \.leadP50),
        .int("lead-p95", "leadP95", \.leadP95),
        .int("lead-max", "leadMax", \.leadMax),
        .int("counter-wait-p95", "counterWaitP95", \.counterWaitP95),
        .double("value-added", "valueAddedRatio", \.valueAddedRatio),
        .int("revenue", "revenue", \.revenue),
        .int("wages", "wages", \.wages),
        .int("waste", "waste", \.waste),
        .int("profit", "profit", \.profit),
        .int("end-tick", "endTick", \.endTick),
        .int("script-size", "scriptSize", \.scriptSize),
    ]

    /// Reads every figure from a row of `run` (or a query that selects its columns by name).
    init(row: Row) throws {
        self.init()
        for field in Self.fields { try field.decode(&self, from: row) }
    }

    /// The figures that differ between two cards: the replay file's key (dashes as spaces), this
    /// card's value and the other's.
    public func differences(from other: RunMetrics) -> [(name: String, this: String, other: String)] {
        Self.fields.compactMap { field in
            let (a, b) = (field.get(self), field.get(other))
            return a == b ? nil : (field.key.replacingOccurrences(of: "-", with: " "), a, b)
        }
    }
}

extension EvaluationMeans {
    /// Every mean an evaluation keeps, each with the leaderboard metric that ranks it (the
    /// objective's mean is the evaluation's own `mean`): its key in an evaluation file, its column
    /// in `evaluation`, its place here. The evaluation's record, the file and the replay check walk it.
    static let fields: [(metric: LeaderboardMetric, field: MetricField<EvaluationMeans>)] = [
        (.served, .double("mean-served", "served", \.served)),
        (.throughput, .double("mean-throughput", "throughput", \.throughput)),
        (.leadTime, .double("mean-lead-time", "leadMean", \.leadMean)),
        (.valueAdded, .double("mean-value-added", "valueAddedRatio", \.valueAddedRatio)),
        (.profit, .double("mean-profit", "profit", \.profit)),
        (.waste, .double("mean-waste", "waste", \.waste)),
        (.size, .int("script-size", "scriptSize", \.scriptSize)),
    ]

    /// Reads every mean from a row of `evaluation`.
    init(row: Row) throws {
        self.init()
        for (_, field) in Self.fields { try field.decode(&self, from: row) }
    }
}
