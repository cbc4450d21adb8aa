import BrewScript
import Foundation
import Testing

/// Golden scripts, Crafting Interpreters style: each `.brew` file in Fixtures/ carries its
/// expectations in comments, and this one runner checks them all.
///
/// - `# expect error: L:C: message` / `# expect warning: L:C: message`: a diagnostic, in order;
///   `# expect hint: text` right after one of them: its hint. Every diagnostic must be listed.
/// - `# expect: text`: a line of output (a suspending command as `verb args`, or what `say` says);
///   `# expect runtime error: L:C: name: message`. Run only if the script compiles; all output must be listed.
/// - `# resume NAME: v v v`: values to resume a verb or function with (numbers, true, false, none).
/// - `# tasks: N`: spawn N tasks of each handler that takes an order.
/// - `# limit NAME: N`: a sandbox limit (steps-per-decision, shift-budget, call-depth, string-size, tasks).
struct Fixture {
    var name: String
    var source: String
    var diagnostics: [String] = []
    var output: [String] = []
    var resume: [String: [Value]] = [:]
    var tasks = 1
    var limits = Limits()

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static var all: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".brew") }.sorted()
    }

    init(named name: String) throws {
        self.name = name
        source = try String(contentsOf: Fixture.directory.appendingPathComponent(name), encoding: .utf8)
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let hash = line.firstIndex(of: "#") else { continue }
            let comment = line[line.index(after: hash)...].trimmingCharacters(in: .whitespaces)
            func after(_ prefix: String) -> String? {
                comment.hasPrefix(prefix) ? String(comment.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) : nil
            }
            if let text = after("expect error:") {
                diagnostics.append("error: \(text)")
            } else if let text = after("expect warning:") {
                diagnostics.append("warning: \(text)")
            } else if let text = after("expect hint:") {
                diagnostics.append("hint: \(text)")
            } else if let text = after("expect runtime error:") {
                output.append("runtime error: \(text)")
            } else if let text = after("expect:") {
                output.append(text)
            } else if let text = after("tasks:") {
                tasks = Int(text) ?? 1
            } else if let text = after("resume ") {
                let parts = text.split(separator: ":", maxSplits: 1)
                let values = parts.count == 2 ? parts[1].split(separator: " ").map { word -> Value in
                    switch word {
                    case "true": return .bool(true)
                    case "false": return .bool(false)
                    case "none": return .none
                    default: return .int(Int64(word) ?? 0)
                    }
                } : []
                resume[String(parts[0])] = values
            } else if let text = after("limit ") {
                let parts = text.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
                let value = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
                switch parts.first {
                case "steps-per-decision": limits.stepsPerDecision = value
                case "shift-budget": limits.shiftBudget = value
                case "call-depth": limits.callDepth = value
                case "string-size": limits.stringSize = value
                case "tasks": limits.tasks = value
                default: break
                }
            }
        }
    }
}

/// Diagnostics as the fixtures write them: `error: L:C: message`, then `hint: text`.
func diagnosticLines(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.flatMap { d -> [String] in
        ["\(d.severity.rawValue): \(d.line):\(d.column): \(d.message)"] + (d.hint.map { ["hint: \($0)"] } ?? [])
    }
}

@Suite struct FixtureTests {
    @Test func thereAreFixtures() {
        #expect(Fixture.all.count >= 40)
    }

    @Test(arguments: Fixture.all)
    func fixture(_ name: String) throws {
        let fixture = try Fixture(named: name)
        let result = compile(source: fixture.source, file: name, host: TestInterface.host)
        #expect(diagnosticLines(result.diagnostics) == fixture.diagnostics, "\(name):\n\(result.rendered(source: fixture.source))")
        guard let program = result.program else {
            #expect(fixture.output.isEmpty, "\(name) expects output but does not compile")
            return
        }
        let runner = TestRunner(program: program, limits: fixture.limits)
        runner.scripted = fixture.resume
        runner.run(tasks: fixture.tasks)
        #expect(runner.output == fixture.output, "\(name)")
    }
}
