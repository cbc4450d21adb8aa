import ArgumentParser
import CoffeeEngine
import CoffeeGame
import CoffeeTerminal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `barista play LEVEL [SCRIPT]`: the shift full screen, animated. Without a script and without
/// `--strategy`, manual play: the shop stops whenever a barista is free and the player picks.
struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a shift full screen: by hand, with a built-in strategy, or with your script.",
        discussion: "Keys: space pause, . step, + - speed, Tab timeline frame, s script, r restart, R reload the script, "
            + "u undo a move (by hand), ? help (every key and mark), q quit; after the shift n plays the next level. "
            + "Needs a terminal of at least 80×24; for plain output use 'barista run'. NO_COLOR turns colours off. "
            + "Keys and marks in full: docs/play.md.")

    @Argument(help: "The level: a number (2), a name (long-brews) or a path to a .yaml file.")
    var level: String

    @Argument(help: "A BrewScript file (.brew). Without one you play by hand.")
    var script: String?

    @OptionGroup var crew: CrewOptions

    @Option(help: "Starting speed: 1, 2, 4, 8, 16, 32, 64 or max.")
    var speed: String = "1"

    @Option(name: .customLong("break"), help: "A breakpoint on this script line (again for more): the shift pauses when a barista reaches it.")
    var breaks: [Int] = []

    @Flag(help: "Start at once instead of on the briefing.")
    var noBriefing = false

    @Flag(help: "Play as a replay: seekable with ← →, nothing recorded.")
    var replay = false

    @Flag(help: ArgumentHelp("Print frames drawn and CPU used on exit (for docs/performance.md).", visibility: .hidden))
    var stats = false

    @OptionGroup var store: StoreOptions

    @Flag(help: "Do not record the shift in the database.")
    var noSave = false

    @Flag(help: "Play by hand on a seed the league you joined issues, and submit the shift when it ends (docs/league.md).")
    var league = false

    /// How many hidden seeds `barista eval` judges on unless told otherwise (its `--seeds`).
    static let evaluationSeeds = Evaluation.defaultSeedCount

    func run() throws {
        var play = self
        while true {
            let exit = try play.playOnce()
            switch exit {
            case .signal(let s): throw ExitCode(128 + s.rawValue)
            case .quit: return
            case .nextLevel:
                guard let next = try Self.nextLevel(after: loadLevel(play.level)) else { return }
                // A script belongs to its level: the next one is played the same way, or by hand.
                play.level = next.argument
                play.script = nil
                play.crew.seed = nil
                play.crew.baristas = nil
                play.noBriefing = false
            }
        }
    }

    /// The level after this one in the levels folder (by number), if there is one.
    static func nextLevel(after level: Level) -> (argument: String, label: String)? {
        guard let n = level.number, let catalog = try? LevelCatalog.locate() else { return nil }
        guard let next = catalog.entries().first(where: { ($0.number ?? 0) > n }), let number = next.number else { return nil }
        return (String(number), next.label)
    }

    /// One session on the screen, then what was and was not recorded, in words.
    func playOnce() throws -> PlayExit {
        let level = try loadLevel(self.level)
        if let n = crew.baristas, n < 1 || n > level.config.maxBaristas {
            throw CLIError("\(level.label) allows 1 to \(level.config.maxBaristas) baristas, not \(n)")
        }
        guard let speedIndex = ShiftPlayer.speeds.firstIndex(where: { ($0.map(String.init) ?? "max") == speed }) else {
            throw CLIError("unknown speed '\(speed)': use 1, 2, 4, 8, 16, 32, 64 or max")
        }
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            throw CLIError("'barista play' draws a full screen and needs a terminal; "
                           + "for plain output use 'barista run \(self.level)\(script.map { " " + $0 } ?? "")'")
        }
        let challenge = league ? try LeagueChallenge.ask(for: level, play: self) : nil
        let source = try challenge.map { ManualSource(level: level, baristas: crew.baristas, seed: $0.grant.seed) } ?? makeSource(level)
        let player: ShiftPlayer
        do {
            player = try ShiftPlayer(source: source, seekable: true, speedIndex: speedIndex)
        } catch {
            throw CLIError(error.description)
        }
        try Self.setBreakpoints(breaks, on: player)
        let saver = try (noSave || replay) ? nil : ShiftSaver(options: store, level: level, source: source)
        saver?.screen = player
        if let saver { challenge?.submitOnRecord(saver) }
        let next = challenge == nil ? Self.nextLevel(after: level) : nil
        let how = script != nil || crew.strategy == nil || crew.strategy == "manual" ? "by hand" : "with \(crew.strategy ?? "")"
        let options = PlayOptions(mode: replay ? .replay : .play, showBriefing: !noBriefing, speedIndex: speedIndex,
                                  nextLevel: next.map { "\($0.label), \(how)" }, evalCommand: evalCommand(level),
                                  evaluationSeeds: Self.evaluationSeeds,
                                  onFinish: saver.map { r in { result in r.record(result) } })
        let exit = try Self.show(player: player, options: options, stats: stats)
        if exit != .nextLevel { print(Self.recordedSummary(player: player, saver: saver, replay: replay)) }
        try challenge?.report(finished: player.isFinished, saver: saver)
        return exit
    }

    /// `--break LINE`s checked against the script and handed to the player.
    static func setBreakpoints(_ lines: [Int], on player: ShiftPlayer) throws {
        guard !lines.isEmpty else { return }
        guard let text = player.source.scriptText, player.shift.canDebug else {
            throw CLIError("--break is for scripts: give a SCRIPT")
        }
        var all = text.split(separator: "\n", omittingEmptySubsequences: false)
        if all.last?.isEmpty == true { all.removeLast() }
        let count = all.count
        for line in lines where line < 1 || line > count {
            throw CLIError("--break \(line): the script has lines 1 to \(count)")
        }
        player.breakpoints = Set(lines)
    }

    /// `barista eval 1 rush.brew`: what earns the medal for what is being played.
    func evalCommand(_ level: Level) -> String {
        if let script { return "barista eval \(self.level) \(script) (the mean of \(Self.evaluationSeeds) hidden seeds)" }
        if let strategy = crew.strategy, strategy != "manual" { return "barista eval \(self.level) --strategy \(strategy)" }
        return "by hand is practice: medals come from a script, barista eval \(self.level) YOUR.brew"
    }

    /// What the session left in the database, said on the way out: finished shifts are recorded,
    /// an unfinished one never is.
    static func recordedSummary(player: ShiftPlayer, saver: ShiftSaver?, replay: Bool) -> String {
        var lines: [String] = []
        if replay {
            lines.append("a replay: nothing was recorded")
        } else if let saver {
            lines.append(saver.saved.isEmpty ? "nothing was recorded"
                         : "recorded: " + saver.saved.map { "run #\($0)" }.joined(separator: ", "))
        } else {
            lines.append("nothing was recorded (--no-save)")
        }
        if !player.isFinished {
            lines.append("the shift in play was stopped at tick \(player.shift.now): an unfinished shift is not recorded")
        }
        return lines.joined(separator: "\n")
    }

    /// Runs the full-screen loop on the real terminal, restoring it on every way out; prints the
    /// score card after a quit.
    static func show(player: ShiftPlayer, options: PlayOptions, stats: Bool) throws -> PlayExit {
        let session = PlaySession(player: player, options: options)
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let terminal: ANSITerminal
        do {
            terminal = try ANSITerminal(color: !noColor)
        } catch {
            throw CLIError(error.description)
        }
        let started = terminal.now()
        let cpuBefore = ANSITerminal.cpuSeconds()
        let exit: PlayExit
        do {
            defer { terminal.restore() }
            exit = PlayLoop.run(session, on: terminal)
        }
        if let result = player.result, exit == .quit {
            print(ScoreCard.render(result))
        }
        if stats {
            let seconds = terminal.now() - started
            let cpu = ANSITerminal.cpuSeconds() - cpuBefore
            printError("stats: \(terminal.framesPresented) frames in \(String(format: "%.1f", seconds)) s "
                       + "(\(String(format: "%.1f", Double(terminal.framesPresented) / max(seconds, 0.001))) per second), "
                       + "\(terminal.bytesWritten) bytes, CPU \(String(format: "%.2f", cpu)) s "
                       + "(\(String(format: "%.1f", cpu / max(seconds, 0.001) * 100))% of one core), "
                       + "shift at tick \(player.shift.now)")
        }
        return exit
    }

    /// Where the shifts come from: a script, a built-in strategy, or the player's hands.
    func makeSource(_ level: Level) throws -> any ShiftSource {
        if let script {
            if crew.strategy != nil { throw CLIError("give a SCRIPT or --strategy, not both") }
            return try makeScriptSource(level: level, path: script, baristas: crew.baristas, seed: crew.seed)
        }
        switch crew.strategy ?? "manual" {
        case "manual":
            return ManualSource(level: level, baristas: crew.baristas, seed: crew.seed)
        case let name:
            guard let mode = RecipeStrategy.Mode(rawValue: name) else {
                throw CLIError("unknown strategy '\(name)': use blocking, polling, event or manual")
            }
            return BuiltInSource(level: level, mode: mode, baristas: crew.baristas, seed: crew.seed)
        }
    }
}
