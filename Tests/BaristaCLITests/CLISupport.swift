import Foundation

/// The repository root, found from this file's path.
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `barista` executable built next to the test bundle.
let baristaBinary: URL = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("barista")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return repoRoot.appendingPathComponent(".build/debug/barista")
}()

struct Outcome {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs `barista ARGS` in the repository root, as a player would from a shell.
/// `executable` runs something else instead (`setpriv`, to run the binary as another user).
func barista(_ args: [String], environment: [String: String] = [:], directory: URL = repoRoot,
             executable: URL = baristaBinary) throws -> Outcome {
    let p = Process()
    p.executableURL = executable
    p.arguments = args
    p.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "BARISTA_LEVELS")
    // Never the repository's own saves/: each test process records into a scratch database.
    env["BARISTA_DB"] = scratchDatabase
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Outcome(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// Shell-like splitting of a README command line (no quotes are used there).
func words(_ line: String) -> [String] { line.split(separator: " ").map(String.init) }

/// A database file of this test process's own.
let scratchDatabase: String = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barista-cli-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("saves.sqlite").path
}()

/// A fresh folder for one test.
func scratchFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barista-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}
