import CoffeeEngine

/// What ran a shift, in a form that can be kept and run again: a script's text, or a built-in
/// strategy with its crew. A replay is a level, a `StrategySpec` and a seed.
public enum StrategySpec: Sendable, Hashable {
    case script(text: String, file: String)
    case builtin(RecipeStrategy.Mode, baristas: Int)

    /// `event/2` for a built-in; the form a store keeps.
    public var builtinName: String? {
        if case .builtin(let mode, let n) = self { return "\(mode.rawValue)/\(n)" }
        return nil
    }

    /// Reads `event/2` (or `event`, with the level's crew).
    public static func builtin(named name: String, level: Level) -> StrategySpec? {
        let parts = name.split(separator: "/")
        guard let first = parts.first, let mode = RecipeStrategy.Mode(rawValue: String(first)) else { return nil }
        let crew = parts.count > 1 ? Int(parts[1]) : level.config.baristas
        guard let n = crew, (1...level.config.maxBaristas).contains(n) else { return nil }
        return .builtin(mode, baristas: n)
    }
}

/// Why a kept strategy cannot run again.
public struct StrategySpecError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension ShiftRunner {
    /// Runs a kept strategy again on its level: the heart of verifying a replay.
    public static func run(level: Level, spec: StrategySpec, seed: UInt64,
                           observer: ((Int, ShopEvent) -> Void)? = nil) throws(StrategySpecError) -> RunResult {
        switch spec {
        case .builtin(let mode, let n):
            return run(level: level, mode: mode, baristas: n, seed: seed, observer: observer)
        case .script(let text, let file):
            let (script, diagnostics) = Script.compile(source: text, file: file, level: level)
            guard let script else {
                let first = diagnostics.first { $0.severity == .error }.map(\.description) ?? "it does not compile"
                throw StrategySpecError(description: "the script no longer compiles for this level: \(first)")
            }
            return run(level: level, script: script, seed: seed, observer: observer)
        }
    }
}

extension LevelCatalog {
    /// The level with this content hash among the catalog's files, if any.
    public func level(withHash hash: String) -> Level? {
        for (_, result) in loadAll() {
            if case .success(let level) = result, level.contentHash == hash { return level }
        }
        return nil
    }
}
