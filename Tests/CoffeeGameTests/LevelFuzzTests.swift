import CoffeeEngine
import Foundation
import Testing
@testable import CoffeeGame

/// Mutated variants of a real level: loading must throw a `LevelError` or give a level the engine
/// can trust, never trap. Seeded, so a failure names the variant that found it.
@Suite struct LevelFuzzTests {
    /// xorshift64*: small, seeded, the same everywhere.
    struct Dice {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 0x2545_F491_4F6C_DD1D
        }
        mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
        mutating func pick<T>(_ list: [T]) -> T { list[below(list.count)] }
    }

    static let tokens = [":", "-", " ", "\n", "[", "]", "{", "}", ",", "'", "\"", "#", "&a ", "*a", "!!int ", "!!str ",
                         "0", "-1", "65", "99999999999999999999", "1.5", "1e400", "~", "null", "\t", "espresso",
                         "after: [pour]", "machine: steamer", "é", "\u{0}", "? ", "|", ">", "---\n", "...", "%YAML 1.2\n",
                         "after: [serve]", "after: brew", "- ", "  ", "mean-gap: 0.01", "interruptible: maybe"]
    static let numbers = ["0", "-1", "1", "64", "65", "-0", "007", "1_000", "9223372036854775807", "9223372036854775808",
                          "1.0", "nan", ".inf", "0x10", "3"]

    static func mutate(_ text: String, _ dice: inout Dice) -> String {
        var chars = Array(text)
        var lines = text.components(separatedBy: "\n")
        switch dice.below(9) {
        case 0 where !chars.isEmpty:  // delete a run of characters
            let at = dice.below(chars.count)
            chars.removeSubrange(at..<min(chars.count, at + 1 + dice.below(20)))
            return String(chars)
        case 1:  // insert a token
            chars.insert(contentsOf: dice.pick(tokens), at: dice.below(chars.count + 1))
            return String(chars)
        case 2 where !lines.isEmpty:  // duplicate a line
            let at = dice.below(lines.count)
            lines.insert(lines[at], at: at)
        case 3 where !lines.isEmpty:  // drop a line
            lines.remove(at: dice.below(lines.count))
        case 4 where lines.count > 1:  // swap two lines
            lines.swapAt(dice.below(lines.count), dice.below(lines.count))
        case 5:  // replace a number
            let runs = text.ranges(of: /[0-9]+/)
            guard !runs.isEmpty else { return text }
            var t = text
            t.replaceSubrange(dice.pick(runs), with: dice.pick(numbers))
            return t
        case 6:  // cut the file short
            return String(chars.prefix(dice.below(chars.count + 1)))
        case 7 where !lines.isEmpty:  // shift a line's indentation
            let at = dice.below(lines.count)
            lines[at] = dice.below(2) == 0 ? "  " + lines[at] : String(lines[at].drop { $0 == " " }.prefix(9999))
        default:  // replace a word with another word of the level
            let words = text.ranges(of: /[a-z][a-z-]+/)
            guard words.count > 1 else { return text }
            var t = text
            let word = String(text[dice.pick(words)])
            t.replaceSubrange(dice.pick(words), with: word)
            return t
        }
        return lines.joined(separator: "\n")
    }

    /// What the engine relies on, for a level that loaded.
    static func checkInvariants(_ level: Level) {
        let c = level.config
        #expect(!c.menu.isEmpty && c.duration > 0 && c.closing >= 0 && c.coolingLimit > 0)
        #expect(c.baristas >= 1 && c.maxBaristas >= c.baristas)
        for item in c.menu {
            #expect((1...64).contains(item.steps.count))
            for step in item.steps {
                #expect(step.ticks > 0)
                #expect(step.after.allSatisfy { item.steps.indices.contains($0) })
                if let m = step.machine { #expect(c.machines.indices.contains(m)) }
            }
        }
        #expect(c.machines.allSatisfy { $0.slots >= 1 && $0.loadTicks >= 0 })
        switch c.arrivals {
        case .fixed(let list):
            #expect(list.allSatisfy { c.menu.indices.contains($0.item) && $0.tick < c.duration })
            #expect(zip(list, list.dropFirst()).allSatisfy { $0.tick <= $1.tick })
        case .poisson(let gap, let rush):
            #expect(gap > 0 && rush.allSatisfy { $0.meanGap > 0 && $0.from < $0.to })
        }
    }

    @Test func mutatedLevelsNeverTrap() throws {
        var loaded = 0
        var rejected = 0
        for source in ["02-long-brews.yaml", "06-many-hands.yaml"] {
            let original = try String(contentsOfFile: repositoryRoot + "/Levels/" + source, encoding: .utf8)
            var dice = Dice(state: 0x9E37_79B9_7F4A_7C15 ^ UInt64(source.count))
            for _ in 0..<250 {
                var text = original
                for _ in 0...dice.below(3) { text = Self.mutate(text, &dice) }
                do {
                    let level = try LevelLoader.load(yaml: text, path: source)
                    Self.checkInvariants(level)
                    loaded += 1
                } catch {
                    rejected += 1
                    let lines = text.components(separatedBy: "\n").count
                    #expect(!error.description.isEmpty)
                    for d in error.diagnostics {
                        #expect(d.line.map { (1...lines + 1).contains($0) } ?? true, "\(d)")
                    }
                }
            }
        }
        // Both outcomes must be exercised, or the fuzzing is not reaching the checks.
        #expect(loaded > 20 && rejected > 100, "loaded \(loaded), rejected \(rejected)")
    }

    @Test func hostileInputs() {
        let inputs = [
            String(repeating: "[", count: 5000),
            String(repeating: "- ", count: 3000) + "x",
            String(repeating: "{a: ", count: 3000),
            "title: " + String(repeating: "x", count: 200_000),
            "menu: &m\n  a: {price: 1, steps: [take: 1]}\nmachines: *m\n",
            "a: &a [1, 2]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n",
            "\u{FEFF}title: x\n",
            "title: x\r\nidea: y\r\n",
            "%TAG ! tag:example.com,2000:\n--- !foo\ntitle: x\n",
            "? |\n  block key\n: value\n",
            "title: !!binary aGVsbG8=\n",
        ]
        for text in inputs {
            do {
                _ = try LevelLoader.load(yaml: text, path: "hostile.yaml")
                Issue.record("a hostile input loaded: \(text.prefix(40))")
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }
}
