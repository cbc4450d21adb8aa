import Foundation
import PostgresNIO

/// How one league server runs: where it listens, its database, its levels and its secret.
/// Filled from flags and the environment by `barista-league`; every bound is checked there.
public struct LeagueConfig: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port (printed once listening).
    public var port = 8080
    public var databaseURL: String
    public var levelsFolder: String
    /// Only the server knows it: the hidden evaluation seeds are derived from it.
    public var seedSecret: String
    /// Evaluation seeds per submission.
    public var seeds = 32
    /// Verification threads (default: one per core).
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// Submissions waiting for a worker before the server answers 503.
    public var queue = 16
    /// Submissions one token may make per minute.
    public var submissionsPerMinute = 30
    /// Wall-clock seconds one submission's verification may take (checked between seeds).
    public var verifyTimeout: Double = 60
    /// Whether `GET /v1/submissions/{id}` shows the seeds themselves (e.g. at the end of a season).
    public var publishSeeds = false
    /// Apply pending migrations before serving.
    public var migrate = false

    public init(databaseURL: String, levelsFolder: String, seedSecret: String) {
        (self.databaseURL, self.levelsFolder, self.seedSecret) = (databaseURL, levelsFolder, seedSecret)
    }
}

/// A refused configuration: said once, at start, before anything listens.
public struct LeagueConfigError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension PostgresClient.Configuration {
    /// Reads `postgres://user:password@host:port/database[?sslmode=disable|require]`.
    /// TLS is off unless `sslmode=require` (a league's database is usually on loopback or a private network).
    public static func league(url: String) throws(LeagueConfigError) -> PostgresClient.Configuration {
        guard let c = URLComponents(string: url), let scheme = c.scheme, scheme == "postgres" || scheme == "postgresql" else {
            throw LeagueConfigError("the database URL must look like postgres://user@host:port/database")
        }
        guard let host = c.host, !host.isEmpty else { throw LeagueConfigError("the database URL names no host") }
        let database = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        let user = c.user ?? "postgres"
        let sslmode = c.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresClient.Configuration.TLS
        switch sslmode {
        case "disable", "allow", "prefer": tls = .disable
        case "require": tls = .require(.makeClientConfiguration())
        default: throw LeagueConfigError("unknown sslmode '\(sslmode)': use disable or require")
        }
        var config = PostgresClient.Configuration(host: host, port: c.port ?? 5432, username: user, password: c.password,
                                                  database: database.isEmpty ? nil : database, tls: tls)
        config.options.maximumConnections = 8
        // Plan each prepared statement once per connection, not on every execution: the board read
        // is written so that its plan without the values is the good one (`BoardRead`), and every
        // other statement looks rows up by key. PostgreSQL would otherwise re-plan the board read on
        // every read (0.6 ms of its CPU at 10⁵ evaluations, more than executing it).
        config.options.additionalStartupParameters = [("plan_cache_mode", "force_generic_plan")]
        return config
    }
}
