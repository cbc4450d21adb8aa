import CoffeeGame
import CoffeeStore
import CoffeeTerminal
import Foundation

/// `barista replay RUN --cast FILE`: the verified run as a terminal recording (asciicast v2).
enum CastExport {
    /// Refuses a FILE that cannot be written, before any work: a cast never overwrites a file.
    static func checkTarget(_ path: String) throws {
        let shown = TerminalSafe.line(path)
        guard !path.isEmpty else { throw CLIError("'--cast' needs a file name") }
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
            throw CLIError(isFolder.boolValue ? "\(shown) is a folder: name a new file for the cast"
                                              : "\(shown) already exists: a cast never overwrites a file; remove it or name another")
        }
        let folder = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CLIError("cannot write the cast to \(shown): the folder \(TerminalSafe.line(folder.path)) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw CLIError("cannot write the cast to \(shown): the folder \(TerminalSafe.line(folder.path)) is not writable")
        }
    }

    /// Records the verified run and writes it to `path`; says what was written.
    static func write(_ stored: StoredRun, result: RunResult, level: Level, to path: String) throws -> String {
        let source = try replaySource(stored, level: level)
        let strategy: String
        switch stored.script {
        case .builtin(let name): strategy = name
        case .text(let text): strategy = ManualLog.isLog(text) ? "by hand" : stored.scriptName ?? "a script"
        }
        let header = Cast.Header(title: "Barista · \(level.label) · run #\(stored.id) · \(strategy), seed \(stored.seed)",
                                 timestamp: Int(stored.recordedAt.timeIntervalSince1970))
        let text: String
        do { text = try Cast.record(source: source, result: result, level: level, header: header) } catch {
            throw CLIError(error.description, code: Exit.failedRun)
        }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting) } catch {
            throw CLIError("cannot write the cast to \(TerminalSafe.line(path)): \(error.localizedDescription)")
        }
        let events = text.split(separator: "\n").count - 1
        return "\(events) events, \(text.utf8.count) bytes"
    }
}
