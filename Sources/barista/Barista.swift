import ArgumentParser
import Foundation

@main
struct Barista: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A coffee shop that teaches concurrency versus parallelism.",
        subcommands: [Play.self, Run.self, Check.self, Eval.self, Levels.self, LevelInfo.self, History.self, LeaderboardCommand.self,
                      Replay.self, Export.self, Import.self, ExplainCommand.self, Bench.self,
                      LeagueCommand.self, Submit.self])

    /// Runs the command, turning every error into a message and the exit codes of `Exit`:
    /// usage mistakes and bad input exit 2, never with a stack trace.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            printError("barista: \(error.description)")
            Foundation.exit(error.code.rawValue)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            printError(fullMessage(for: error))
            Foundation.exit(Exit.badInput.rawValue)
        }
    }
}
