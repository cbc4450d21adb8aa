import CoffeeGame
import Foundation

/// The league's wire format: what a `barista` client and a `barista-league` server send each other,
/// as JSON under `/v1`. Foundation and CoffeeGame only, so the game binary that speaks it links no
/// server code.
/// Every type here is described in docs/league.md (OpenAPI), and a test keeps the two in step.
public enum LeagueAPI {
    /// The path prefix of every endpoint.
    public static let version = "v1"
    /// Bytes of script text one submission may carry.
    public static let maxScriptBytes = 64 * 1024
    /// Bytes of request body the server reads at most (a script of `maxScriptBytes` escaped in JSON fits).
    public static let maxBodyBytes = 6 * maxScriptBytes + 4096

    /// A token as a league hands them out: exactly 64 lower-case hex digits (256 bits).
    public static func isWellFormedToken(_ token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// JSON with ISO 8601 dates and sorted keys, the same on both sides.
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}

/// A figure a league board ranks by: one of `BoardMetric.figures` (the local leaderboard's
/// metrics but the objective), the mean over the evaluation seeds of one score-card number.
public typealias LeagueMetric = BoardMetric

/// `POST /v1/players`: the name to play under.
public struct NewPlayer: Codable, Sendable, Hashable {
    public var name: String
    public init(name: String) { self.name = name }
}

/// The answer to `POST /v1/players`: the bearer token, shown this once (the server keeps only its hash).
public struct PlayerToken: Codable, Sendable, Hashable {
    public var player: String
    public var token: String
    public init(player: String, token: String) { (self.player, self.token) = (player, token) }
}

/// `POST /v1/levels/{level}/submissions`: a script, and what it was written against.
public struct SubmissionRequest: Codable, Sendable, Hashable {
    public var script: String
    /// The engine version the client runs (`EngineInfo.version`); another version is refused.
    public var engineVersion: String
    /// The level's content hash as the client has it; another hash (a changed file) is refused.
    public var levelHash: String
    /// A hand-played log's seed: that of the player's open challenge (`ChallengeGrant`). Scripts leave it out.
    public var seed: UInt64?
    public init(script: String, engineVersion: String, levelHash: String, seed: UInt64? = nil) {
        (self.script, self.engineVersion, self.levelHash, self.seed) = (script, engineVersion, levelHash, seed)
    }
}

/// One player's best evaluation on a board.
public struct LeagueEntry: Codable, Sendable, Hashable {
    /// 1-based; equal values rank by submission id, the earlier first.
    public var rank: Int
    public var player: String
    public var value: Double
    public var submission: Int64
    public var medal: String?
    public var scriptSize: Int
    public var submittedAt: Date
    public init(rank: Int, player: String, value: Double, submission: Int64, medal: String?, scriptSize: Int, submittedAt: Date) {
        (self.rank, self.player, self.value, self.submission) = (rank, player, value, submission)
        (self.medal, self.scriptSize, self.submittedAt) = (medal, scriptSize, submittedAt)
    }
}

/// `GET /v1/levels/{level}/leaderboard`: best evaluation per player, best first.
public struct LeagueBoard: Codable, Sendable, Hashable {
    public var level: String
    public var levelHash: String
    public var metric: LeagueMetric
    /// Players with an evaluation that finished on every seed.
    public var playerCount: Int
    public var entries: [LeagueEntry]
    /// The caller's entry wherever it ranks, when the request carried their token.
    public var you: LeagueEntry?
    public init(level: String, levelHash: String, metric: LeagueMetric, playerCount: Int, entries: [LeagueEntry], you: LeagueEntry?) {
        (self.level, self.levelHash, self.metric, self.playerCount, self.entries, self.you) = (level, levelHash, metric, playerCount, entries, you)
    }
}

/// `GET /v1/levels/{level}/histogram`: every player's best in equal-width buckets from `lower` to
/// `upper` (ascending value); the last bucket includes `upper`.
public struct LeagueHistogram: Codable, Sendable, Hashable {
    public var metric: LeagueMetric
    public var lower: Double
    public var upper: Double
    public var counts: [Int]
    /// The bucket holding the caller's best, when the request carried their token.
    public var marked: Int?
    public var playerValue: Double?
    public init(metric: LeagueMetric, lower: Double, upper: Double, counts: [Int], marked: Int?, playerValue: Double?) {
        (self.metric, self.lower, self.upper, self.counts, self.marked, self.playerValue) = (metric, lower, upper, counts, marked, playerValue)
    }
}

/// An evaluation no other beats on every metric at once.
public struct LeagueParetoEntry: Codable, Sendable, Hashable {
    public var submission: Int64
    public var player: String
    public var medal: String?
    /// One value per metric of the front, in its order.
    public var values: [Double]
    public init(submission: Int64, player: String, medal: String?, values: [Double]) {
        (self.submission, self.player, self.medal, self.values) = (submission, player, medal, values)
    }
}

/// `GET /v1/levels/{level}/pareto`.
public struct LeaguePareto: Codable, Sendable, Hashable {
    public var level: String
    public var metrics: [LeagueMetric]
    public var entries: [LeagueParetoEntry]
    public init(level: String, metrics: [LeagueMetric], entries: [LeagueParetoEntry]) {
        (self.level, self.metrics, self.entries) = (level, metrics, entries)
    }
}

/// The answer to a submission: the server's own evaluation, where it ranks, and the histogram.
public struct SubmissionReceipt: Codable, Sendable, Hashable {
    public var submission: Int64
    public var player: String
    public var level: String
    public var levelHash: String
    public var objective: String
    public var seeds: Int
    /// Seeds on which the script failed (then there is no medal and no rank), with the first message.
    public var failures: Int
    public var firstFailure: String?
    public var mean: Double
    public var median: Double
    public var p95: Double
    public var medal: String?
    /// The player's rank on the board of `metric` after this submission (their best, which may be an earlier one).
    public var rank: Int?
    public var metric: LeagueMetric
    public var playerCount: Int
    public var histogram: LeagueHistogram
    public init(submission: Int64, player: String, level: String, levelHash: String, objective: String, seeds: Int,
                failures: Int, firstFailure: String?, mean: Double, median: Double, p95: Double, medal: String?,
                rank: Int?, metric: LeagueMetric, playerCount: Int, histogram: LeagueHistogram) {
        (self.submission, self.player, self.level, self.levelHash, self.objective) = (submission, player, level, levelHash, objective)
        (self.seeds, self.failures, self.firstFailure, self.mean, self.median, self.p95) = (seeds, failures, firstFailure, mean, median, p95)
        (self.medal, self.rank, self.metric, self.playerCount, self.histogram) = (medal, rank, metric, playerCount, histogram)
    }
}

/// One evaluation seed of a stored submission: enough to re-simulate it and compare.
public struct SeedOutcome: Codable, Sendable, Hashable {
    public var index: Int
    /// The seed itself, published only by a server run with `--publish-seeds` (else the seeds stay hidden).
    public var seed: UInt64?
    /// The digest of the shift's event stream.
    public var digest: String
    public var value: Double
    public var finished: Bool
    public init(index: Int, seed: UInt64?, digest: String, value: Double, finished: Bool) {
        (self.index, self.seed, self.digest, self.value, self.finished) = (index, seed, digest, value, finished)
    }
}

/// `GET /v1/submissions/{id}`: the script and its per-seed digests, so anyone can re-verify it.
public struct SubmissionDetail: Codable, Sendable, Hashable {
    public var submission: Int64
    public var player: String
    public var level: String
    public var levelHash: String
    public var engineVersion: String
    public var script: String
    public var objective: String
    public var mean: Double
    public var failures: Int
    public var medal: String?
    public var submittedAt: Date
    public var seeds: [SeedOutcome]
    public init(submission: Int64, player: String, level: String, levelHash: String, engineVersion: String, script: String,
                objective: String, mean: Double, failures: Int, medal: String?, submittedAt: Date, seeds: [SeedOutcome]) {
        (self.submission, self.player, self.level, self.levelHash, self.engineVersion) = (submission, player, level, levelHash, engineVersion)
        (self.script, self.objective, self.mean, self.failures, self.medal, self.submittedAt, self.seeds)
            = (script, objective, mean, failures, medal, submittedAt, seeds)
    }
}

/// Every error answer: one sentence a player can act on.
public struct LeagueErrorBody: Codable, Sendable, Hashable {
    public var error: String
    public init(error: String) { self.error = error }
}
