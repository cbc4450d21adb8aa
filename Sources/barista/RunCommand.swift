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

    @Flag(help: "Annotate the script (a built-in strategy's pseudo-script) line by line with the ticks spent on each (value-adding, waiting, polling, switching, idle).")
    var profile = false

    func run() throws {
        let (level, spec, runShift) = try shift.coachedShift()
        let db = noSave ? nil : try store.open()
        // Checked before the shift runs: a bad --player must not cost a shift and a card.
        let player = try db.map { try store.resolvePlayer(in: $0) }
        let outcome = runShift(seed)
        let result = outcome.result
        if json {
            if profile, let p = outcome.profile {
                print(try jsonText(ProfiledRun(run: result, profile: p, coaching: outcome.coaching)))
            } else {
                print(try jsonText(result))
            }
        } else {
            print(ScoreCard.render(result))
            if let coaching = Suggestion.text(outcome.coaching) { print("\n" + coaching) }
            if profile, let p = outcome.profile { print("\n" + p.text) }
        }
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
