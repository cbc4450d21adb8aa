import CoffeeEngine
import CoffeeGame
import Crypto
import Foundation
import Hummingbird
import LeagueAPI

extension LeagueSecrets {
    /// The seed of challenge `id` on a level: HMAC-SHA-256 keyed by the server's secret, under its
    /// own domain (`league-challenge`, the evaluation seeds' is `league-eval`), 48 bits. A seed that
    /// happens to be one of `evaluation`'s is skipped (the next attempt is taken), so a challenge
    /// never reveals a hidden evaluation seed.
    public static func challengeSeed(secret: String, levelHash: String, challenge id: Int64, avoiding evaluation: [UInt64]) -> UInt64 {
        let key = SymmetricKey(data: Data(secret.utf8))
        var attempt = 0
        while true {
            let mac = HMAC<SHA256>.authenticationCode(for: Data("\(levelHash)/league-challenge/\(id)/\(attempt)".utf8), using: key)
            let seed = Array(mac).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } >> 16
            if !evaluation.contains(seed) { return seed }
            attempt += 1
        }
    }
}

/// Hand-played shifts in the league: a challenge hands out a fresh seed, the player's log of that
/// shift is played again here, and an abandoned challenge counts as the shift where nobody acts.
enum HandShift {
    /// The shift where nobody acts on `seed`, as a log: the level's usual crew, every barista told
    /// to stand idle until something changes whenever asked, so every customer is lost. It is an
    /// ordinary log: `ShiftRunner.run(level:manualLog:seed:)` plays it again to the same digest.
    static func nobodyActs(level: Level, seed: UInt64) -> (log: String, result: RunResult) {
        let crew = level.config.baristas
        let shift = ManualShift(config: level.config, baristas: crew, seed: seed)
        while !shift.isFinished {
            if let q = shift.question {
                guard let idle = q.options.first(where: { $0.kind == .idle }) else { break }
                shift.answer(idle)
            } else {
                shift.step()
            }
        }
        return (ManualLog.encode(baristas: crew, answers: shift.answersGiven), shift.result(level: level))
    }

    /// A shift as the league keeps it: one seed, scored as an evaluation of one, no script size.
    static func verified(level: Level, log: String, seed: UInt64, result: RunResult) -> VerifiedSubmission {
        VerifiedSubmission(levelHash: level.contentHash, levelLabel: level.label, script: log, scriptSize: 0,
                           evaluation: Evaluation.scored(level: level, seeds: [seed], results: [result]),
                           metrics: Verifier.metrics([result], size: 0))
    }
}

extension League {
    static let raced = LeagueError(status: .conflict, message: "another request on your challenge ran at the same time: ask again")

    /// `POST /v1/levels/{level}/challenges`: a fresh seed for one hand-played shift. An open
    /// challenge on the level is closed first, as abandoned, scored as the shift where nobody acts.
    func openChallenge(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let level = try self.level(context)
        guard let token = bearer(request) else { throw LeagueError.unauthorized("a challenge needs your token: Authorization: Bearer TOKEN") }
        let player = try await takeSubmission(tokenHash: LeagueSecrets.tokenHash(token), token: token)
        let open = try await store.openChallenge(player: player.id, levelHash: level.contentHash)
        var abandoned: VerifiedSubmission?
        if let open {
            let seed = open.seed
            do {
                abandoned = try await pool.run {
                    let (log, result) = HandShift.nobodyActs(level: level, seed: seed)
                    return HandShift.verified(level: level, log: log, seed: seed, result: result)
                }
            } catch {
                throw LeagueError.retryLater(.serviceUnavailable, "every verifier is busy: ask again shortly", after: 5)
            }
        }
        let evaluation = verifier.seeds(for: level)
        let (secret, hash) = (verifier.secret, level.contentHash)
        let issued: (id: Int64, seed: UInt64, abandoned: Int64?)
        do {
            issued = try await store.issueChallenge(player: player, levelHash: hash, abandoning: open, abandoned: abandoned) { id in
                LeagueSecrets.challengeSeed(secret: secret, levelHash: hash, challenge: id, avoiding: evaluation)
            }
        } catch is ChallengeRace { throw Self.raced }
        logger.info("challenge issued", metadata: [
            "challenge": "\(issued.id)", "player": "\(player.name)", "level": "\(level.label)",
            "abandoned": "\(open.map { "\($0.id)" } ?? "none")",
        ])
        return try Self.json(ChallengeGrant(challenge: issued.id, level: level.label, levelHash: hash, seed: issued.seed,
                                            abandoned: issued.abandoned), status: .created)
    }

    /// A hand-played log for the player's open challenge on `level` with the log's seed: played
    /// again here, kept, the challenge closed. Anything else is refused with the reason.
    func submitHand(_ log: String, seed: UInt64?, level: Level, player: LeaguePlayer, metric: LeagueMetric) async throws -> Response {
        let ask = "ask for one with barista play \(level.number.map(String.init) ?? level.slug) --league"
        guard let seed else {
            throw LeagueError.refused("a hand-played log needs the seed it was played on (the field 'seed'): the league ranks hand-played shifts only on the seeds of its challenges")
        }
        let challenge: Challenge
        switch try await store.challenge(levelHash: level.contentHash, seed: seed) {
        case let c? where c.playerId != player.id:
            throw LeagueError(status: .forbidden, message: "seed \(seed) is another player's challenge: \(ask)")
        case let c? where c.outcome != nil:
            let how = c.outcome == .played ? "played (submission #\(c.submission ?? 0))" : "abandoned when you asked for a new one"
            throw LeagueError(status: .conflict, message: "your challenge #\(c.id) on seed \(seed) is closed: it was \(how); \(ask)")
        case let c?:
            challenge = c
        case nil:
            if let open = try await store.openChallenge(player: player.id, levelHash: level.contentHash) {
                throw LeagueError.refused("this log was played on seed \(seed), but your open challenge #\(open.id) on \(level.label) is seed \(open.seed): play that seed")
            }
            throw LeagueError.refused("you have no open challenge on \(level.label) with seed \(seed): \(ask)")
        }
        let outcome: Result<VerifiedSubmission, ManualLogError>
        do {
            outcome = try await pool.run {
                Result { () throws(ManualLogError) -> VerifiedSubmission in
                    let result = try ShiftRunner.run(level: level, manualLog: log, seed: seed)
                    return HandShift.verified(level: level, log: log, seed: seed, result: result)
                }
            }
        } catch {
            throw LeagueError.retryLater(.serviceUnavailable, "every verifier is busy: submit again shortly", after: 5)
        }
        let shift: VerifiedSubmission
        switch outcome {
        case .success(let s): shift = s
        case .failure(let error):
            throw LeagueError.refused("the log does not play on challenge #\(challenge.id)'s seed: \(error.description); the challenge stays open")
        }
        let id: Int64
        do { id = try await store.recordHand(player: player, challenge: challenge, shift) } catch is ChallengeRace { throw Self.raced }
        let board = try await store.handBoard(levelHash: level.contentHash, level: level.label, metric: metric, limit: 0, playerId: player.id)
        guard let standing = board.you, let result = shift.evaluation.results.first else {
            throw LeagueStoreError("the hand-played board lacks the shift just kept")
        }
        logger.info("hand-played shift verified", metadata: [
            "submission": "\(id)", "challenge": "\(challenge.id)", "player": "\(player.name)", "level": "\(level.label)",
        ])
        let receipt = HandReceipt(
            submission: id, challenge: challenge.id, player: player.name, level: level.label, levelHash: level.contentHash,
            seed: seed, digest: result.digest, objective: shift.evaluation.objective, value: shift.evaluation.mean,
            served: result.metrics.served, lost: result.metrics.lost, metric: metric, standing: standing, playerCount: board.playerCount)
        return try Self.json(receipt, status: .created)
    }

    /// `GET /v1/levels/{level}/leaderboard/hand`.
    func handBoard(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (level, metric) = try boardQuery(request, context)
        guard metric != .size else {
            throw LeagueError.badRequest("a hand-played shift has no script, so there is no size board: use another metric")
        }
        let limit = try intParameter(request, "limit", default: 20, in: 1...100)
        let you = try await optionalPlayer(request)?.id
        return try Self.json(try await store.handBoard(levelHash: level.contentHash, level: level.label, metric: metric,
                                                       limit: limit, playerId: you))
    }
}
