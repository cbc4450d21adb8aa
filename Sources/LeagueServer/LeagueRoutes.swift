import CoffeeEngine
import CoffeeGame
import Foundation
import Hummingbird
import LeagueAPI
import Logging

/// The HTTP surface of a league, every route under `/v1` except the two probes. `routes` lists
/// them as docs/league.md's OpenAPI description names them; a test checks the two agree.
public enum LeagueRoutes {
    public static let all: [(method: String, path: String)] = [
        ("GET", "/health"),
        ("GET", "/ready"),
        ("POST", "/v1/players"),
        ("POST", "/v1/levels/{level}/submissions"),
        ("POST", "/v1/levels/{level}/challenges"),
        ("GET", "/v1/levels/{level}/leaderboard/hand"),
        ("GET", "/v1/levels/{level}/leaderboard"),
        ("GET", "/v1/levels/{level}/histogram"),
        ("GET", "/v1/levels/{level}/pareto"),
        ("GET", "/v1/submissions/{id}"),
    ]
}

/// What every request handler shares.
struct League: Sendable {
    let store: LeagueStore
    let levels: LeagueLevels
    let verifier: Verifier
    let pool: VerificationPool
    let limiter: RateLimiter
    let publishSeeds: Bool
    let logger: Logger

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/health") { _, _ in try Self.json(["status": "ok"]) }
        router.get("/ready") { _, _ in try await ready() }
        router.post("/v1/players") { request, _ in try await join(request) }
        router.post("/v1/levels/:level/submissions") { request, context in try await submit(request, context) }
        router.post("/v1/levels/:level/challenges") { request, context in try await openChallenge(request, context) }
        router.get("/v1/levels/:level/leaderboard/hand") { request, context in try await handBoard(request, context) }
        router.get("/v1/levels/:level/leaderboard") { request, context in
            let (level, metric) = try boardQuery(request, context)
            let limit = try intParameter(request, "limit", default: 20, in: 1...100)
            // One round trip: the token is checked in the board's own statement.
            let tokenHash = try optionalTokenHash(request)
            guard let board = try await store.board(levelHash: level.contentHash, level: level.label, metric: metric,
                                                    limit: limit, tokenHash: tokenHash) else { throw Self.unknownToken }
            return try Self.json(board)
        }
        router.get("/v1/levels/:level/histogram") { request, context in
            let (level, metric) = try boardQuery(request, context)
            let buckets = try intParameter(request, "buckets", default: 10, in: 1...50)
            let you = try await optionalPlayer(request)?.id
            return try Self.json(try await store.histogram(levelHash: level.contentHash, metric: metric, buckets: buckets, playerId: you))
        }
        router.get("/v1/levels/:level/pareto") { request, context in
            let level = try self.level(context)
            var metrics = LeagueMetric.paretoDefault
            if let list = request.uri.queryParameters.get("metrics") {
                metrics = try list.split(separator: ",").map { try metric(String($0)) }
                guard !metrics.isEmpty, Set(metrics).count == metrics.count else {
                    throw LeagueError.badRequest("metrics must name each metric once, separated by commas")
                }
            }
            return try Self.json(try await store.pareto(levelHash: level.contentHash, level: level.label, metrics: metrics))
        }
        router.get("/v1/submissions/:id") { _, context in
            guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
                throw LeagueError.badRequest("a submission id is a positive whole number")
            }
            guard let detail = try await store.detail(id: id, publishSeeds: publishSeeds) else {
                throw LeagueError.notFound("there is no submission \(id)")
            }
            return try Self.json(detail)
        }
    }

    // MARK: Handlers

    func ready() async throws -> Response {
        do {
            let pending = try await LeagueSchema.pending(store.client, logger: logger)
            guard pending.isEmpty else {
                throw LeagueError(status: .serviceUnavailable, message: "the database lacks migrations \(pending.joined(separator: ", ")): start a server with --migrate")
            }
        } catch let error as LeagueError {
            throw error
        } catch {
            throw LeagueError(status: .serviceUnavailable, message: "the database does not answer")
        }
        return try Self.json(["status": "ready"])
    }

    func join(_ request: Request) async throws -> Response {
        let new: NewPlayer = try await decode(request)
        if let problem = NameRule.problem(in: new.name) { throw LeagueError.badRequest(problem.message) }
        let token = LeagueSecrets.newToken()
        guard try await store.createPlayer(name: new.name, tokenHash: LeagueSecrets.tokenHash(token)) != nil else {
            throw LeagueError(status: .conflict, message: "the name '\(new.name)' is taken in this league: choose another")
        }
        logger.info("player joined", metadata: ["player": "\(new.name)"])
        return try Self.json(PlayerToken(player: new.name, token: token), status: .created)
    }

    func submit(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let level = try self.level(context)
        guard let token = bearer(request) else { throw LeagueError.unauthorized("a submission needs your token: Authorization: Bearer TOKEN") }
        let body: SubmissionRequest = try await decode(request)
        guard body.script.utf8.count <= LeagueAPI.maxScriptBytes else {
            throw LeagueError.tooLarge("the script has \(body.script.utf8.count) bytes; a submission carries at most \(LeagueAPI.maxScriptBytes)")
        }
        guard body.engineVersion == EngineInfo.version else {
            throw LeagueError.refused("this league runs engine \(EngineInfo.version), not \(body.engineVersion): update barista and submit again")
        }
        guard body.levelHash == level.contentHash else {
            throw LeagueError.refused("your copy of \(level.label) differs from the league's (content hash \(body.levelHash.prefix(16)), the league's \(level.contentHash)): update your levels")
        }
        let tokenHash = LeagueSecrets.tokenHash(token)
        let player = try await takeSubmission(tokenHash: tokenHash, token: token)
        let metric = try self.metric(request.uri.queryParameters.get("metric") ?? LeagueMetric.profit.rawValue)
        // A hand-played log is what `ManualLog` reads; it goes to the player's open challenge (Challenges.swift).
        if ManualLog.decode(body.script) != nil {
            return try await submitHand(body.script, seed: body.seed, level: level, player: player, metric: metric)
        }
        let script: Script
        do { script = try verifier.compile(body.script, for: level) } catch { throw LeagueError.refused(error.message) }
        let started = Date()
        let outcome: Result<VerifiedSubmission, Verifier.Refusal>
        do {
            let verifier = self.verifier
            outcome = try await pool.run { verifier.evaluate(script, on: level) }
        } catch {
            throw LeagueError.retryLater(.serviceUnavailable, "every verifier is busy: submit again shortly", after: 5)
        }
        let verified: VerifiedSubmission
        switch outcome {
        case .success(let v): verified = v
        case .failure(let refusal): throw LeagueError.refused(refusal.message)
        }
        let (id, _) = try await store.record(player: player, verified)
        let e = verified.evaluation
        logger.info("submission verified", metadata: [
            "submission": "\(id)", "player": "\(player.name)", "level": "\(level.label)", "seeds": "\(e.seeds.count)",
            "failures": "\(e.failures)", "medal": "\(e.medal?.description ?? "none")",
            "ms": "\(Int(Date().timeIntervalSince(started) * 1000))",
        ])
        // The player's rank and the board's size: a board read of no entries.
        let standing = try await store.board(levelHash: level.contentHash, level: level.label, metric: metric, limit: 0,
                                             tokenHash: tokenHash)
        let (mine, count) = (standing?.you, standing?.playerCount ?? 0)
        let histogram = try await store.histogram(levelHash: level.contentHash, metric: metric, buckets: 10, playerId: player.id)
        let receipt = SubmissionReceipt(
            submission: id, player: player.name, level: level.label, levelHash: level.contentHash, objective: e.objective,
            seeds: e.seeds.count, failures: e.failures, firstFailure: e.firstFailure, mean: e.mean, median: e.median, p95: e.p95,
            medal: e.medal?.description, rank: mine?.rank, metric: metric, playerCount: count, histogram: histogram)
        return try Self.json(receipt, status: .created)
    }

    // MARK: Reading requests

    func level(_ context: BasicRequestContext) throws -> Level {
        let name = context.parameters.get("level") ?? ""
        guard let level = levels.level(name) else {
            throw LeagueError.notFound("this league has no level '\(name.prefix(40))'")
        }
        return level
    }

    func metric(_ name: String) throws -> LeagueMetric {
        guard let m = LeagueMetric(rawValue: name), m != .objective else {
            throw LeagueError.badRequest("unknown metric '\(name.prefix(40))': use \(LeagueMetric.figures.map(\.rawValue).joined(separator: ", "))")
        }
        return m
    }

    func boardQuery(_ request: Request, _ context: BasicRequestContext) throws -> (Level, LeagueMetric) {
        (try level(context), try metric(request.uri.queryParameters.get("metric") ?? LeagueMetric.profit.rawValue))
    }

    func intParameter(_ request: Request, _ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = request.uri.queryParameters.get(name) else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw LeagueError.badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return nil }
        return String(header.dropFirst(7))
    }

    static let unknownToken = LeagueError.unauthorized("that token belongs to no player of this league")

    /// The caller, with one submission taken from their bucket (the rate limiter's statement finds
    /// them): 401 for a token that is no player's, 429 with `Retry-After` when the bucket is empty.
    func takeSubmission(tokenHash: String, token: String) async throws -> LeaguePlayer {
        guard LeagueAPI.isWellFormedToken(token), let (player, wait) = try await limiter.take(tokenHash: tokenHash) else {
            throw Self.unknownToken
        }
        if let wait {
            throw LeagueError.retryLater(.tooManyRequests, "too many submissions: wait \(wait) s", after: wait)
        }
        return player
    }

    /// The caller on a board read: none without a token, 401 for a wrong one.
    func optionalPlayer(_ request: Request) async throws -> LeaguePlayer? {
        guard let hash = try optionalTokenHash(request) else { return nil }
        guard let player = try await store.player(tokenHash: hash) else { throw Self.unknownToken }
        return player
    }

    /// The hash of the caller's token: nil without one, 401 for one no league hands out.
    func optionalTokenHash(_ request: Request) throws -> String? {
        guard request.headers[.authorization] != nil else { return nil }
        guard let token = bearer(request), LeagueAPI.isWellFormedToken(token) else { throw Self.unknownToken }
        return LeagueSecrets.tokenHash(token)
    }

    func decode<T: Decodable>(_ request: Request) async throws -> T {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: LeagueAPI.maxBodyBytes) } catch {
            throw LeagueError.tooLarge("the request body is larger than \(LeagueAPI.maxBodyBytes) bytes")
        }
        do {
            return try LeagueAPI.decoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let DecodingError.keyNotFound(key, _) {
            throw LeagueError.badRequest("malformed JSON: the field '\(key.stringValue)' is missing")
        } catch let DecodingError.typeMismatch(_, c), let DecodingError.valueNotFound(_, c) {
            throw LeagueError.badRequest("malformed JSON: '\(c.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type")
        } catch {
            throw LeagueError.badRequest("malformed JSON: the body is not a JSON object of the expected shape")
        }
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try LeagueAPI.encoder().encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
