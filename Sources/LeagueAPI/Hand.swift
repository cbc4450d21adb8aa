import Foundation

/// The answer to `POST /v1/levels/{level}/challenges`: a fresh seed to play one shift on by hand.
/// Asking again while a challenge is open closes that one as abandoned (`abandoned` names the
/// shift it was scored as): seeing a seed and asking for another does not help.
public struct ChallengeGrant: Codable, Sendable, Hashable {
    public var challenge: Int64
    public var level: String
    public var levelHash: String
    /// The seed to play on (never one of the league's hidden evaluation seeds).
    public var seed: UInt64
    /// The submission that closed the challenge this one replaces, scored as the shift where nobody acts.
    public var abandoned: Int64?
    public init(challenge: Int64, level: String, levelHash: String, seed: UInt64, abandoned: Int64?) {
        (self.challenge, self.level, self.levelHash, self.seed, self.abandoned) = (challenge, level, levelHash, seed, abandoned)
    }
}

/// One player on a level's hand-played board: the mean of a metric over every challenge they closed.
public struct HandEntry: Codable, Sendable, Hashable {
    /// 1-based; equal means rank by the last closed shift's submission id, the earlier first.
    public var rank: Int
    public var player: String
    public var value: Double
    /// Challenges closed (played and abandoned); `abandoned` of them were abandoned.
    public var shifts: Int
    public var abandoned: Int
    /// The submission of the player's last closed challenge.
    public var lastSubmission: Int64
    public init(rank: Int, player: String, value: Double, shifts: Int, abandoned: Int, lastSubmission: Int64) {
        (self.rank, self.player, self.value, self.shifts, self.abandoned, self.lastSubmission) = (rank, player, value, shifts, abandoned, lastSubmission)
    }
}

/// `GET /v1/levels/{level}/leaderboard/hand`: hand-played standings, best mean first. Their own
/// board: one fresh seed per shift is not comparable with an evaluation on the hidden seeds.
public struct HandBoard: Codable, Sendable, Hashable {
    public var level: String
    public var levelHash: String
    public var metric: LeagueMetric
    public var playerCount: Int
    public var entries: [HandEntry]
    /// The caller's entry wherever it ranks, when the request carried their token.
    public var you: HandEntry?
    public init(level: String, levelHash: String, metric: LeagueMetric, playerCount: Int, entries: [HandEntry], you: HandEntry?) {
        (self.level, self.levelHash, self.metric, self.playerCount, self.entries, self.you) = (level, levelHash, metric, playerCount, entries, you)
    }
}

/// The answer to a hand-played log: the shift the server played again on the challenge's seed,
/// and the player's standing on the hand-played board after it.
public struct HandReceipt: Codable, Sendable, Hashable {
    public var submission: Int64
    public var challenge: Int64
    public var player: String
    public var level: String
    public var levelHash: String
    public var seed: UInt64
    /// The digest of the shift's event stream: the same log on the same seed gives it anywhere.
    public var digest: String
    public var objective: String
    /// The objective's value on this shift.
    public var value: Double
    public var served: Int
    public var lost: Int
    public var metric: LeagueMetric
    /// The player's mean of `metric` over their closed challenges on the level, their number and rank.
    public var standing: HandEntry
    public var playerCount: Int
    public init(submission: Int64, challenge: Int64, player: String, level: String, levelHash: String, seed: UInt64, digest: String,
                objective: String, value: Double, served: Int, lost: Int, metric: LeagueMetric, standing: HandEntry, playerCount: Int) {
        (self.submission, self.challenge, self.player, self.level, self.levelHash, self.seed) = (submission, challenge, player, level, levelHash, seed)
        (self.digest, self.objective, self.value, self.served, self.lost) = (digest, objective, value, served, lost)
        (self.metric, self.standing, self.playerCount) = (metric, standing, playerCount)
    }
}
