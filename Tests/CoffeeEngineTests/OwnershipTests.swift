import Foundation
import Testing

/// Each part of the engine changes its own records: the rules (`Simulation*.swift`) call the
/// parts and emit what they return, and assign to none of the parts' state themselves. Read from
/// the source, so a rule that writes a barista's, order's, task's or product's record, or a part's
/// counter, fails here with its file and line.
@Suite("Who owns what")
struct OwnershipTests {
    /// The core's own: the clock, and the token that tells whether storage is shared.
    static let coreWrites: Set<String> = ["shop.now", "shop.copyToken"]

    @Test func theRulesWriteNoPartsState() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/CoffeeEngine")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("Simulation") && $0.hasSuffix(".swift") }.sorted()
        #expect(files.count == 10, "the rules' files: \(files)")
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            found += Self.partWrites(in: text).map { "\(file):\($0.line): \($0.code)" }
        }
        #expect(found == [])
    }

    @Test func theCheckFindsEveryKindOfWrite() {
        let code = """
            shop.orders[o].busy = 0
            crew.members[b].activity = .none
            tasks[slot].pending = .ask(result)
            shop.bank.jobs[j].waiter = task
            ready.yieldsBeforeEvent = ready.yields
            shop.openOrders -= 1
            shop.orders[o].done |= 1 << s
            let paused = modify(&shop.orders[o]) { r in r.busy |= bit }
            if crew.members[b].task == slot, tasks[t].state != .free, shop.now >= 3 { x = 1 }
            let r = shop.orders[o] // shop.orders[o].busy = 0 in a comment
            shop.now = e.time
            let action = strategy.next(&tasks.states[slot.int], context: context)
            tally.served += 1
            crew = Crew(roles: roles, stations: 0)
            """
        #expect(Self.partWrites(in: code).map(\.line) == [1, 2, 3, 4, 5, 6, 7, 8])
    }

    /// Lines that assign to a part's state (`crew`, `tasks`, `ready`, `door`, `shop` but the
    /// core's own: a part's record, field or counter; making a whole part, in `init`, is the
    /// core's) or pass it to `modify`. Comments are left out; the strategy's own state of a
    /// task (`&tasks.states[…]`) is the strategy's to change.
    static func partWrites(in text: String) -> [(line: Int, code: String)] {
        let assignment = try! NSRegularExpression(pattern: #"^\s*((?:crew|tasks|ready|door|shop)[.\[][^=!<>]*?)\s*(?:[-+|&^]?=)(?!=)"#)
        let modified = try! NSRegularExpression(pattern: #"modify\(&(?:crew|tasks|ready|door|shop)\b"#)
        var found: [(Int, String)] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let code = String(raw.components(separatedBy: "//")[0])
            let range = NSRange(code.startIndex..., in: code)
            if let m = assignment.firstMatch(in: code, range: range), let lhs = Range(m.range(at: 1), in: code),
               !coreWrites.contains(String(code[lhs])) {
                found.append((i + 1, code.trimmingCharacters(in: .whitespaces)))
            } else if modified.firstMatch(in: code, range: range) != nil {
                found.append((i + 1, code.trimmingCharacters(in: .whitespaces)))
            }
        }
        return found
    }
}
