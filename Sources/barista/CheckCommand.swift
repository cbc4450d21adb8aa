import ArgumentParser
import BrewScript
import CoffeeGame
import Foundation

/// `barista check FILE…`: every diagnostic of each script, as a compiler prints them.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scripts without running them: exit 0 clean, 1 errors, 2 unreadable.")

    @Argument(help: "BrewScript files (.brew).")
    var files: [String]

    @Option(help: "The level the scripts are for (default: a '# level: NAME' line in each script).")
    var level: String?

    func run() throws {
        guard !files.isEmpty else { throw CLIError("name at least one script to check") }
        var errors = 0, unreadable = 0
        for file in files {
            do {
                let source = try readScript(file)
                guard let name = level ?? Self.declaredLevel(in: source) else {
                    throw CLIError("\(file): which level is it for? add '# level: NAME' to it or pass --level")
                }
                let level = try loadLevel(name)
                let (_, diagnostics) = Script.compile(source: source, file: file, level: level)
                if !diagnostics.isEmpty { print(BrewScript.render(diagnostics, source: source)) }
                let e = diagnostics.filter { $0.severity == .error }.count
                let w = diagnostics.count - e
                print("\(file): \(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s") (\(level.label))")
                errors += e
            } catch let error as CLIError {
                printError("barista: \(error.description)")
                unreadable += 1
            }
        }
        if unreadable > 0 { throw Exit.badInput }
        if errors > 0 { throw Exit.failedRun }
    }

    /// `# level: long-brews` (or a number) on a comment line of the script.
    static func declaredLevel(in source: String) -> String? {
        for line in source.split(separator: "\n").prefix(20) {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("#") else { continue }
            let body = t.dropFirst().trimmingCharacters(in: .whitespaces)
            if body.hasPrefix("level:") {
                let name = body.dropFirst("level:".count).trimmingCharacters(in: .whitespaces)
                if !name.isEmpty { return name }
            }
        }
        return nil
    }
}
