import Foundation

/// Submissions per token: a bucket of `perMinute` that refills evenly over a minute. Each server
/// process counts its own (two servers behind one address allow twice the rate).
final class RateLimiter: @unchecked Sendable {
    private let perMinute: Double
    private var buckets: [Int64: (tokens: Double, at: Date)] = [:]
    private let lock = NSLock()

    init(perMinute: Int) { self.perMinute = Double(max(1, perMinute)) }

    /// Takes one submission from the player's bucket; nil when allowed, else seconds to wait.
    func take(_ player: Int64, now: Date = Date()) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        var bucket = buckets[player] ?? (perMinute, now)
        bucket.tokens = min(perMinute, bucket.tokens + now.timeIntervalSince(bucket.at) * perMinute / 60)
        bucket.at = now
        defer { buckets[player] = bucket }
        guard bucket.tokens >= 1 else { return Int(((1 - bucket.tokens) * 60 / perMinute).rounded(.up)) }
        bucket.tokens -= 1
        return nil
    }
}
