import Foundation
import Testing
@testable import CoffeeGame

/// A LEVEL argument given as a number, a slug, a file name or a path, and where the folder is found.
@Suite struct LevelCatalogTests {
    let levels = repositoryRoot + "/Levels"
    /// The shipped levels, as `barista levels` labels them.
    let shipped = ["01 first-shot", "02 long-brews", "03 watched-pot", "04 ring-the-bell", "05 juggler", "06 many-hands",
                   "07 at-the-counter", "08 no-shelf", "09 rush-hour", "10 two-stations", "11 hand-offs", "12 full-day"]

    @Test func byNumberSlugAndFileName() throws {
        let catalog = LevelCatalog(folder: "Levels")
        for argument in ["2", "02", "long-brews", "Long-Brews", "02-long-brews", "02-long-brews.yaml"] {
            let level = try catalog.level(argument, currentDirectory: repositoryRoot)
            #expect(level.title == "Long Brews", "\(argument)")
            #expect(level.sourcePath == "Levels/02-long-brews.yaml")
        }
    }

    @Test func byPath() throws {
        let relative = try LevelCatalog.resolve("Levels/06-many-hands.yaml", environment: [:],
                                                currentDirectory: repositoryRoot, executablePath: nil)
        #expect(relative.title == "Many Hands")
        #expect(relative.sourcePath == "Levels/06-many-hands.yaml")
        let absolute = try LevelCatalog.resolve(levels + "/01-first-shot.yaml", environment: [:],
                                                currentDirectory: "/", executablePath: nil)
        #expect(absolute.number == 1)
        #expect(absolute.sourcePath == levels + "/01-first-shot.yaml")
    }

    @Test func aLevelOutsideTheFolderByPath() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(validLevel.utf8).write(to: URL(fileURLWithPath: folder + "/mine.yaml"))
        let level = try LevelCatalog.resolve("mine.yaml", environment: [:], currentDirectory: folder, executablePath: nil)
        #expect(level.title == "Test Shop")
        #expect(level.number == nil)
        #expect(level.slug == "mine")
        #expect(level.sourcePath == "mine.yaml")
    }

    @Test func unknownLevelListsWhatExists() {
        let catalog = LevelCatalog(folder: "Levels")
        #expect(throws: LevelError.unknownLevel("espresso-bar", folder: "Levels",
                                                available: shipped)) {
            try catalog.level("espresso-bar", currentDirectory: repositoryRoot)
        }
        #expect(throws: LevelError.unknownLevel("99", folder: "Levels",
                                                available: shipped)) {
            try catalog.level("99", currentDirectory: repositoryRoot)
        }
        let text = LevelError.unknownLevel("9", folder: "Levels", available: ["01 first-shot", "02 long-brews"]).description
        #expect(text == "no level '9' in Levels; there are: 01 first-shot, 02 long-brews")
    }

    @Test func missingPath() {
        #expect(throws: LevelError.unreadable(path: "Levels/99-nope.yaml", reason: "no such level file")) {
            try LevelCatalog.resolve("Levels/99-nope.yaml", environment: [:], currentDirectory: repositoryRoot,
                                     executablePath: nil)
        }
    }

    @Test func ambiguousNumber() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["01-a.yaml", "01-b.yaml"] {
            try Data(validLevel.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        #expect(throws: LevelError.ambiguousLevel("1", matches: [folder + "/01-a.yaml", folder + "/01-b.yaml"])) {
            try LevelCatalog(folder: folder).level("1")
        }
    }

    @Test func foundInTheCurrentDirectory() throws {
        let catalog = try LevelCatalog.locate(environment: [:], currentDirectory: repositoryRoot, executablePath: nil)
        #expect(catalog.folder == "Levels")
        #expect(catalog.entries(currentDirectory: repositoryRoot).map(\.path)
                == shipped.map { "Levels/" + $0.replacingOccurrences(of: " ", with: "-") + ".yaml" })
    }

    @Test func foundFromTheExecutable() throws {
        let elsewhere = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let catalog = try LevelCatalog.locate(environment: [:], currentDirectory: elsewhere,
                                              executablePath: repositoryRoot + "/.build/debug/barista")
        #expect(catalog.folder == levels)
        let level = try LevelCatalog.resolve("6", environment: [:], currentDirectory: elsewhere,
                                             executablePath: repositoryRoot + "/.build/debug/barista")
        #expect(level.title == "Many Hands")
    }

    @Test func foundFromTheEnvironment() throws {
        let elsewhere = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let level = try LevelCatalog.resolve("first-shot", environment: ["BARISTA_LEVELS": levels],
                                             currentDirectory: elsewhere, executablePath: nil)
        #expect(level.title == "First Shot")
        #expect(throws: LevelError.noLevelsFolder(searched: [elsewhere + "/none"])) {
            try LevelCatalog.locate(environment: ["BARISTA_LEVELS": elsewhere + "/none"],
                                    currentDirectory: repositoryRoot, executablePath: nil)
        }
    }

    @Test func noFolderAnywhere() throws {
        let elsewhere = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        #expect(throws: LevelError.noLevelsFolder(searched: ["Levels"])) {
            try LevelCatalog.locate(environment: [:], currentDirectory: elsewhere, executablePath: nil)
        }
        let text = LevelError.noLevelsFolder(searched: ["Levels", "/opt/Levels"]).description
        #expect(text == "no Levels folder found (looked in Levels, /opt/Levels); "
                + "set BARISTA_LEVELS or give the level as a path to a .yaml file")
    }

    @Test func searchPathWalksUpFromTheExecutable() {
        let paths = LevelCatalog.searchPaths(environment: [:], executablePath: "/a/b/.build/debug/barista")
        #expect(paths == ["Levels", "/a/b/.build/debug/Levels", "/a/b/.build/Levels", "/a/b/Levels", "/a/Levels", "/Levels"])
        #expect(LevelCatalog.searchPaths(environment: ["BARISTA_LEVELS": "/x"], executablePath: "/a/b") == ["/x"])
    }
}
