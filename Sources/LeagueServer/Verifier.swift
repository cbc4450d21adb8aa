import BrewScript
import CoffeeGame
import Crypto
import Foundation
import LeagueAPI

/// Runs a submitted script on a level's hidden seeds, as `barista eval` runs it on the local ones:
/// the same compilation, the same shifts under the script sandbox's limits, the same scoring.
struct Verifier: Sendable {
    let secret: String
    let seedCount: Int
    /// Wall-clock seconds for one submission, checked after each seed (one seed is bounded by the
    /// sandbox's instruction budget).
    let timeout: Double
    /// Scripts compiled lately, by level and source: a script submitted again (as a player does,
    /// and as a load test does) is not compiled again.
    let compiled = ScriptCache(capacity: 64)

    init(secret: String, seedCount: Int, timeout: Double) {
        (self.secret, self.seedCount, self.timeout) = (secret, seedCount, timeout)
    }

    /// Why a submission is refused before or during verification.
    enum Refusal: Error, Equatable {
        case doesNotCompile(String)
        case tooSlow(seconds: Double, seedsDone: Int, of: Int)

        var message: String {
            switch self {
            case .doesNotCompile(let first): "the script does not compile for this level: \(first)"
            case .tooSlow(let s, let done, let of):
                "verification stopped after \(Int(s)) s (\(done) of \(of) seeds): the league's limit is per submission, make the script faster"
            }
        }
    }

    /// The hidden seeds of a level.
    func seeds(for level: Level) -> [UInt64] {
        LeagueSecrets.seeds(secret: secret, levelHash: level.contentHash, count: seedCount)
    }

    /// Compiles on the calling thread (cheap, and a compile error needs no worker), or finds the
    /// same source compiled for the same level in the cache.
    func compile(_ source: String, for level: Level) throws(Refusal) -> Script {
        let key = ScriptCache.key(source: source, levelHash: level.contentHash)
        if let script = compiled[key] { return script }
        let (script, diagnostics) = Script.compile(source: source, file: "submission.brew", level: level)
        guard let script else {
            let first = diagnostics.first { $0.severity == .error }?.description ?? "it does not compile"
            throw .doesNotCompile(first)
        }
        compiled[key] = script
        return script
    }

    /// Every hidden seed, in order, then scored. Runs on a pool thread.
    func evaluate(_ script: Script, on level: Level) -> Result<VerifiedSubmission, Refusal> {
        let seeds = seeds(for: level)
        let start = Date()
        var results: [RunResult] = []
        results.reserveCapacity(seeds.count)
        for seed in seeds {
            results.append(ShiftRunner.run(level: level, script: script, seed: seed))
            let elapsed = Date().timeIntervalSince(start)
            if elapsed > timeout, results.count < seeds.count {
                return .failure(.tooSlow(seconds: elapsed, seedsDone: results.count, of: seeds.count))
            }
        }
        let evaluation = Evaluation.scored(level: level, seeds: seeds, results: results)
        let size = Script.size(of: script.source)
        return .success(VerifiedSubmission(levelHash: level.contentHash, levelLabel: level.label, script: script.source,
                                           scriptSize: size, evaluation: evaluation, metrics: Self.metrics(results, size: size)))
    }

    /// Each board metric's mean over the shifts (`size` is the script's, the same on every shift).
    static func metrics(_ results: [RunResult], size: Int) -> [LeagueMetric: Double] {
        var metrics: [LeagueMetric: Double] = [:]
        for metric in LeagueMetric.figures {
            let values = results.map { r -> Double in
                let m = r.metrics
                switch metric {
                case .objective: return 0   // not a figure: never reached
                case .profit: return Double(m.profit)
                case .throughput: return m.throughput
                case .served: return Double(m.served)
                case .leadTime: return m.leadTime.mean
                case .valueAdded: return m.valueAddedRatio
                case .waste: return Double(m.waste)
                case .size: return Double(size)
                }
            }
            metrics[metric] = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        }
        return metrics
    }
}

/// The last `capacity` scripts compiled, by SHA-256 of the level's content hash and the source
/// (a compiled script is immutable and `Sendable`, so one copy serves every worker). The oldest
/// goes first when full, so it holds at most `capacity` scripts of at most 64 KB of source each.
final class ScriptCache: @unchecked Sendable {
    private var scripts: [String: Script] = [:]
    private var order: [String] = []
    private let lock = NSLock()
    let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    static func key(source: String, levelHash: String) -> String {
        var hash = SHA256()
        hash.update(data: Data(levelHash.utf8))
        hash.update(data: Data([0]))
        hash.update(data: Data(source.utf8))
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return scripts.count
    }

    subscript(key: String) -> Script? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return scripts[key]
        }
        set {
            guard let newValue else { return }
            lock.lock()
            defer { lock.unlock() }
            if scripts.updateValue(newValue, forKey: key) == nil { order.append(key) }
            while order.count > capacity { scripts[order.removeFirst()] = nil }
        }
    }
}
