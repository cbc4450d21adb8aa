import ArgumentParser
import CoffeeEngine
import CoffeeGame

/// `barista levels`: the curriculum, one line a level.
struct Levels: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the levels and the idea each one teaches.")

    func run() throws {
        let catalog: LevelCatalog
        do { catalog = try LevelCatalog.locate() } catch { throw CLIError(error.description) }
        for entry in catalog.entries() {
            do {
                let level = try catalog.level(entry.path.split(separator: "/").last.map(String.init) ?? entry.slug)
                let n = level.number.map { $0 < 10 ? " \($0)" : "\($0)" } ?? " -"
                print("\(n)  \(ScoreCard.padded(level.title, 22))\(level.idea)")
            } catch {
                print("  ?  \(entry.label): \(error.description)")
            }
        }
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
