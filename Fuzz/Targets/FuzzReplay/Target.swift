import CoffeeStore
import Foundation

/// What libFuzzer runs on each input: one replay file. It is parsed; if it parses, the file it renders must parse
/// again to the same inputs and claims (a replay written by `export` is always readable by
/// `import`): anything else stops the fuzzer.
public func fuzzReplay(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let replay = try? ReplayFile.parse(text) else { return 0 }
    let again: ReplayFile
    do {
        again = try ReplayFile.parse(replay.render())
    } catch {
        fatalError("a rendered replay does not parse: \(error)")
    }
    guard again.seed == replay.seed, again.digest == replay.digest, again.metrics == replay.metrics,
          again.script == replay.script, again.medal == replay.medal, again.level.hash == replay.level.hash else {
        fatalError("a rendered replay parses to other values")
    }
    return 0
}
