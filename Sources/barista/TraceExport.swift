import CoffeeEngine
import CoffeeGame
import CoffeeStore
import CoffeeTerminal
import Foundation

/// `barista export RUN --trace`: the stored run played again, as a Chrome trace (JSON).
enum TraceExport {
    static func text(runId: Int64, db: AppDatabase, levelPath: String?) throws -> String {
        let stored: StoredRun
        do { stored = try db.run(id: runId) } catch { throw CLIError(error.description) }
        if stored.fromEvaluation { throw CLIError(StoreError.hiddenSeedRun(runId).description) }
        let level = try levelForReplay(stored.level, path: levelPath)
        let spec: StrategySpec
        switch stored.script {
        case .text(let text) where ManualLog.isLog(text):
            return try manualText(text, level: level, seed: stored.seed, digest: stored.digest)
        case .text(let text):
            spec = .script(text: text, file: stored.scriptName ?? "run #\(runId)")
        case .builtin(let name):
            guard let s = StrategySpec.builtin(named: name, level: level) else { throw CLIError("unknown built-in strategy '\(name)'") }
            spec = s
        }
        return try text(level: level, spec: spec, seed: stored.seed, digest: stored.digest)
    }

    /// The trace of one shift, checked to be the stored one (same digest) before it is written.
    static func text(level: Level, spec: StrategySpec, seed: UInt64, digest: String?) throws -> String {
        var log: [(Int, ShopEvent)] = []
        let result: RunResult
        do { result = try ShiftRunner.run(level: level, spec: spec, seed: seed, observer: { log.append(($0, $1)) }) } catch {
            throw CLIError(error.description)
        }
        if let digest, result.digest != digest {
            throw CLIError("the run does not replay to its stored digest (\(digest), now \(result.digest)): barista replay says what differs",
                           code: Exit.failedRun)
        }
        return try encode(ChromeTrace(config: level.config, baristas: result.metrics.baristas.count, log: log))
    }

    /// The trace of a hand-played shift, played again from the log of the player's answers.
    static func manualText(_ text: String, level: Level, seed: UInt64, digest: String) throws -> String {
        var log: [(Int, ShopEvent)] = []
        let result = try replayManual(text, level: level, seed: seed, observer: { log.append(($0, $1)) })
        if result.digest != digest {
            throw CLIError("the run does not replay to its stored digest (\(digest), now \(result.digest)): barista replay says what differs",
                           code: Exit.failedRun)
        }
        return try encode(ChromeTrace(config: level.config, baristas: result.metrics.baristas.count, log: log))
    }

    static func encode(_ trace: ChromeTrace) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return jsonEscapingUnprintable(String(decoding: try encoder.encode(trace), as: UTF8.self)) + "\n"
    }
}
