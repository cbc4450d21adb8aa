import CoffeeEngine
import Foundation
import Testing
@testable import CoffeeGame

/// Binding problems found while writing the curriculum. Each test fails until the binding is fixed.
@Suite struct CurriculumBugTests {
    /// A menu item named like a step of another item ('drip' the item, 'drip' the pour-over's step):
    /// the script's word `drip` is the step, the item is unreachable, and `o.item == drip` is quietly
    /// false for every drip order. The loader, the checker or the vocabulary should say so (or the
    /// comparison should hold); today the script compiles clean and fails at run time with
    /// "#1 (drip) has no step 'grind'".
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
        let level = try LevelLoader.load(path: path, displayPath: "shadow.yaml")
        let source = """
        on order o:
            take o
            if o.item == drip:
                pour o
                return
            g = start grind o on grinder
            await g
            drip o

        """
        let (script, diagnostics) = Script.compile(source: source, file: "shadow.brew", level: level)
        let compiled = try #require(script)
        let result = ShiftRunner.run(level: level, script: compiled)
        // Either the checker warns about the ambiguous name, or the drip order takes the drip branch.
        // Marked as a known issue so the suite stays green; when the binding is fixed this reports
        // "known issue was not recorded": then drop the `withKnownIssue` wrapper.
        withKnownIssue("an item named like a step is shadowed by the step") {
            #expect(!diagnostics.isEmpty || result.status == .finished, "\(result.failure?.message ?? "")")
        }
    }
}
