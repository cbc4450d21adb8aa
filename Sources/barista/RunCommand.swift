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

    @OptionGroup var store: StoreOptions

    @Flag(help: "Do not record the run in the database.")
    var noSave = false

    func run() throws {
        let (level, _, spec, runShift) = try shift.shift()
        let db = noSave ? nil : try store.open()
        // Checked before the shift runs: a bad --player must not cost a shift and a card.
        let player = try db.map { try store.resolvePlayer(in: $0) }
        let result = runShift(seed)
        print(json ? try jsonText(result) : ScoreCard.render(result))
        if let db, let player {
            do {
                let id = try db.record(runInput(result, level: level, spec: spec, player: player, keepCard: true))
                if !json { print("saved      run #\(id) for \(player.escaped)") }
            } catch {
                throw CLIError(error.description)
            }
        }
        if result.status != .finished { throw Exit.failedRun }
    }
}
