import ArgumentParser
import CoffeeGame
import Foundation
import Hummingbird
import LeagueServer
import Logging

/// `barista-league`: a league's HTTP server, and its load generator.
@main
struct BaristaLeague: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "barista-league",
        abstract: "A shared leaderboard for Barista that re-simulates every submission (HTTP over PostgreSQL).",
        subcommands: [Serve.self, Load.self], defaultSubcommand: Serve.self)
}

/// `barista-league [serve]`: listen until SIGTERM or SIGINT, then finish the requests in flight.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a league server (the default command).")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port, printed once listening).") var port = 8080
    @Option(help: "postgres://user@host:port/database (default: $DATABASE_URL).") var databaseURL: String?
    @Option(help: "The levels folder (default: the game's Levels).") var levels: String?
    @Option(help: "The secret the hidden evaluation seeds are derived from (default: $LEAGUE_SEED_SECRET).") var seedSecret: String?
    @Option(help: "Evaluation seeds per submission (1 to 1000).") var seeds = 32
    @Option(help: "Verification threads (default: one per core; 1 to 64).") var workers = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Submissions that may wait for a verifier before the server answers 503 (1 to 10000).") var queue = 16
    @Option(help: "Submissions per token per minute (1 to 10000).") var rateLimit = 30
    @Option(help: "Wall-clock seconds one verification may take (1 to 3600).") var verifyTimeout = 60.0
    @Flag(help: "Show the seeds in GET /v1/submissions/{id} (e.g. when a season ends).") var publishSeeds = false
    @Flag(help: "Apply pending database migrations before serving.") var migrate = false
    @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel = "info"

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        guard let url = databaseURL ?? env["DATABASE_URL"], !url.isEmpty else {
            throw ValidationError("no database: give --database-url or set DATABASE_URL (postgres://user@host:port/database)")
        }
        guard let secret = seedSecret ?? env["LEAGUE_SEED_SECRET"], secret.utf8.count >= 16 else {
            throw ValidationError("the seed secret (--seed-secret or LEAGUE_SEED_SECRET) must have at least 16 characters")
        }
        try check(seeds, 1...1000, "--seeds")
        try check(workers, 1...64, "--workers")
        try check(queue, 1...10_000, "--queue")
        try check(rateLimit, 1...10_000, "--rate-limit")
        guard (1...3600).contains(verifyTimeout) else { throw ValidationError("--verify-timeout must be 1 to 3600 seconds") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard let level = Logger.Level(rawValue: logLevel) else { throw ValidationError("unknown --log-level '\(logLevel)'") }
        var config = LeagueConfig(databaseURL: url, levelsFolder: try levelsFolder(), seedSecret: secret)
        (config.host, config.port, config.seeds, config.workers, config.queue) = (host, port, seeds, workers, queue)
        (config.submissionsPerMinute, config.verifyTimeout, config.publishSeeds, config.migrate) = (rateLimit, verifyTimeout, publishSeeds, migrate)
        var logger = Logger(label: "barista-league")
        logger.logLevel = level
        do {
            let host = config.host
            let app = try LeagueServer.application(config: config, logger: logger) { port in
                FileHandle.standardOutput.write(Data("barista-league listening on http://\(host):\(port)\n".utf8))
            }
            try await app.runService()
        } catch let error as LeagueConfigError {
            printError("barista-league: \(error.description)")
            throw ExitCode(2)
        } catch {
            printError("barista-league: cannot start: \(String(reflecting: error))")
            throw ExitCode(1)
        }
    }

    func levelsFolder() throws -> String {
        if let levels { return levels }
        do { return try LevelCatalog.locate().folder } catch { throw ValidationError(error.description) }
    }

    func check(_ value: Int, _ range: ClosedRange<Int>, _ name: String) throws {
        guard range.contains(value) else { throw ValidationError("\(name) must be \(range.lowerBound) to \(range.upperBound), not \(value)") }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
