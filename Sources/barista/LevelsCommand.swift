import ArgumentParser
import CoffeeEngine
import CoffeeGame
import CoffeeStore
import Foundation

/// `barista levels`: the curriculum, one line a level.
struct Levels: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the levels, the idea each one teaches, and your best medal.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let catalog: LevelCatalog
        do { catalog = try LevelCatalog.locate() } catch { throw CLIError(error.description) }
        let medals = bestMedals()
        for entry in catalog.entries() {
            do {
                let level = try catalog.level(entry.path.split(separator: "/").last.map(String.init) ?? entry.slug)
                let n = level.number.map { $0 < 10 ? " \($0)" : "\($0)" } ?? " -"
                let medal = medals[level.contentHash].map { "  [\($0)]" } ?? ""
                print("\(n)  \(ScoreCard.padded(level.title, 22))\(level.idea)\(medal)")
            } catch {
                print("  ?  \(entry.label): \(error.description)")
            }
        }
    }
}

extension Levels {
    /// Your best medal per level hash, from your evaluations (none is created here): the medal
    /// `barista eval` printed and `barista leaderboard` shows.
    func bestMedals() -> [String: String] {
        let path = AppDatabase.resolvePath(option: store.db)
        guard FileManager.default.fileExists(atPath: path), let db = try? store.open(readOnly: true),
              let player = try? db.resolvePlayer(option: store.player),
              let best = try? db.bestMedals(player: player) else { return [:] }
        return best.filter { $0.value != .none }.mapValues(\.description)
    }
}

/// `barista level LEVEL`: the briefing and everything a player needs to plan a strategy.
struct LevelInfo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "level", abstract: "Show a level: briefing, menu and recipes, machines, objective, lower bound.")

    @Argument(help: "The level: a number, a name or a path to a .yaml file.")
    var level: String

    func run() throws {
        print(LevelSheet.render(try loadLevel(level)))
    }
}
