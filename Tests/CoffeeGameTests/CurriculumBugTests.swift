import CoffeeEngine
import Foundation
import Testing
@testable import CoffeeGame

/// Binding problems found while writing the curriculum, and how they are now caught.
@Suite struct CurriculumBugTests {
    /// A menu item named like a step of another item ('drip' the item, 'drip' the pour-over's step)
    /// would make the script's word `drip` ambiguous: the level is refused with the reason.
    @Test
    func anItemNamedLikeAStepIsReachable() throws {
        let yaml = """
        title: Shadow
        idea: an item and a step share a name
        briefing: a test level
        machines:
          grinder: {slots: 1, load: 1}
        menu:
          drip:
            price: 250
            steps:
              - take: 2
              - pour: 2
          pourover:
            price: 500
            steps:
              - take: 2
              - grind: {machine: grinder, ticks: 4}
              - drip: 10
        arrivals:
          fixed: [{at: 0, item: drip}]
        duration: 100
        objective: served
        medals: {bronze: 0, silver: 0.5, gold: 1}

        """
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/shadow.yaml"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        // The loader refuses the level: a script's word must mean one thing.
        #expect(throws: LevelError.self) { try LevelLoader.load(path: path, displayPath: "shadow.yaml") }
        do {
            _ = try LevelLoader.load(path: path, displayPath: "shadow.yaml")
        } catch {
            #expect(error.description == "shadow.yaml:7: 'drip' names both a menu item and a recipe step; a script could not tell them apart: rename one")
        }
    }
}
