/// Evaluations on seeds the caller chose: a league server derives its own hidden seeds and runs
/// shifts on its own pool of threads, then scores them exactly as `Evaluation.run` does.
extension Evaluation {
    /// Scores `results`, the shifts run on `seeds` (same order, same count), as `run` scores its own.
    public static func scored(level: Level, seeds: [UInt64], results: [RunResult]) -> Evaluation {
        precondition(seeds.count == results.count, "one result per seed")
        return summarize(level: level, seeds: seeds, results: results)
    }
}
