import Foundation
import Testing
@testable import CoffeeGame

/// The repository root, found from this file's place in `Tests/CoffeeGameTests/`.
let repositoryRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// A fresh empty folder under the system's temporary folder.
func makeTemporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "barista-levels-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A small valid level; the error tests break one thing in it at a time. Line numbers matter.
let validLevel = """
title: Test Shop
idea: testing
briefing: a level for tests
baristas: {hire: 1, max: 2, wage: 1}
machines:
  espresso: {slots: 1, load: 1}
menu:
  espresso:
    price: 300
    steps:
      - take: 2
      - brew: {machine: espresso, ticks: 25}
      - serve: 1
  latte:
    price: 420
    tags: [milk]
    steps:
      - take: 2
      - grind: 3
      - brew: {machine: espresso, ticks: 25}
      - steam: {ticks: 8, after: [grind]}
      - pour: {ticks: 2, after: [brew, steam]}
      - serve: 1
arrivals:
  fixed: [{at: 0, item: espresso}, {at: 10, item: latte}]
duration: 600
objective: {metric: profit, direction: max}
medals: {bronze: 500, silver: 900, gold: 1200}

"""

/// `validLevel` with `old` (which must occur exactly once) replaced by `new`.
func breaking(_ old: String, with new: String) -> String {
    if validLevel.components(separatedBy: old).count != 2 { Issue.record("'\(old)' must occur once in validLevel") }
    return validLevel.replacingOccurrences(of: old, with: new)
}

/// Writes `yaml` to a temporary file and loads it, named as `Levels/<name>` in messages.
/// Returns the error text, or `nil` if the level loaded.
func loadErrors(_ yaml: String, name: String = "09-test.yaml") throws -> String? {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/" + name
    try Data(yaml.utf8).write(to: URL(fileURLWithPath: file))
    do {
        _ = try LevelLoader.load(path: file, displayPath: "Levels/" + name)
        return nil
    } catch {
        return error.description
    }
}
