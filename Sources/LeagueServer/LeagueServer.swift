import Foundation
import Hummingbird
import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle

/// A league server: the router over one PostgreSQL database, a verification pool and the levels.
/// Stateless: any number of servers may share one database (rate limits included).
public enum LeagueServer {
    /// The application `barista-league` runs and the tests drive. The PostgreSQL client runs as
    /// one of its services; before the server listens, pending migrations are applied (`migrate`)
    /// or refused with a message; the port it listens on is passed to `onListening`.
    public static func application(config: LeagueConfig, logger: Logger,
                                   onListening: @escaping @Sendable (Int) -> Void = { _ in }) throws -> some ApplicationProtocol {
        let levels = LeagueLevels(folder: config.levelsFolder)
        for problem in levels.broken { logger.warning("level not served", metadata: ["problem": "\(problem)"]) }
        guard !levels.all.isEmpty else {
            throw LeagueConfigError("no level loads from '\(config.levelsFolder)': give --levels DIR with the game's Levels folder")
        }
        let client = PostgresClient(configuration: try .league(url: config.databaseURL), backgroundLogger: logger)
        let store = LeagueStore(client: client, logger: logger)
        let league = League(store: store, levels: levels,
                            verifier: Verifier(secret: config.seedSecret, seedCount: config.seeds, timeout: config.verifyTimeout),
                            pool: VerificationPool(workers: config.workers, capacity: config.queue),
                            limiter: RateLimiter(client: client, logger: logger, perMinute: max(1, config.submissionsPerMinute)),
                            publishSeeds: config.publishSeeds, logger: logger)
        let router = Router()
        league.addRoutes(to: router)
        var app = Application(
            router: router,
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "barista-league"),
            services: [client],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? config.port
                logger.info("listening", metadata: ["host": "\(config.host)", "port": "\(port)", "levels": "\(levels.all.count)"])
                onListening(port)
            },
            logger: logger)
        let migrate = config.migrate
        app.beforeServerStarts {
            if migrate {
                let applied = try await LeagueSchema.migrate(client, logger: logger)
                logger.info("migrated", metadata: ["applied": "\(applied.isEmpty ? "none pending" : applied.joined(separator: ", "))"])
            } else {
                let pending = try await LeagueSchema.pending(client, logger: logger)
                guard pending.isEmpty else {
                    throw LeagueConfigError("the database lacks migrations \(pending.joined(separator: ", ")): run with --migrate")
                }
            }
        }
        return app
    }
}
