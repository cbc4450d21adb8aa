import CoffeeEngine
import CoffeeGame
import Foundation

/// What libFuzzer runs on each input: one level file. It is loaded; if it loads, its sheet is rendered (that
/// computes the engine's lower bound) and, when the shift is small, one shift of the built-in
/// event strategy runs. Big shifts (within the limits, up to a second of release time each) are
/// skipped here only so that each input stays fast under the sanitizer: a starved process must
/// not pass libFuzzer's wall-clock timeout.
public func fuzzLevel(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let level = try? LevelLoader.load(bytes: bytes, path: "Levels/99-fuzz.yaml") else { return 0 }
    _ = LevelSheet.render(level)
    let config = level.config
    if config.duration + config.closing <= 20_000, expectedCustomers(config.arrivals, duration: config.duration) <= 2_000 {
        _ = ShiftRunner.run(level: level, mode: .event, seed: 7)
    }
    return 0
}

/// About how many customers a shift brings (the loader bounds this at 100 000; the fuzzer runs
/// only small shifts, so that each input stays fast under the sanitizer).
func expectedCustomers(_ arrivals: Arrivals, duration: Int) -> Double {
    switch arrivals {
    case .fixed(let list): return Double(list.count)
    case .poisson(let gap, let rush):
        return Double(duration) / gap + rush.reduce(0) { $0 + Double($1.to - $1.from) / $1.meanGap }
    }
}
