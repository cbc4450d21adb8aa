import ArgumentParser
import CoffeeEngine
import CoffeeGame

/// `barista run LEVEL [--strategy …]`: one shift, headless, and its score card.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one shift without the animated screen and print its score card.")

    @OptionGroup var shift: ShiftOptions

    @Option(help: "Seed of the customer stream (default: the level's practice seed).")
    var seed: UInt64?

    @Flag(help: "Print one JSON object instead of the score card.")
    var json = false

    func run() throws {
        let result = try shift.shift().run(seed)
        print(json ? try jsonText(result) : ScoreCard.render(result))
        if result.status != .finished { throw Exit.failedRun }
    }
}
