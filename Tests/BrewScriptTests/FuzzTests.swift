import BrewScript
import Testing

/// SplitMix64: a small seeded generator of our own, so the fuzz corpus is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Makes random scripts: mutations of the fixtures, and scripts grown from the grammar.
struct ScriptFuzzer {
    var rng: SplitMix64
    let corpus: [String]

    static let words = [
        "on", "every", "role", "def", "if", "elif", "else", "while", "for", "in", "range", "break", "continue",
        "return", "pass", "and", "or", "not", "true", "false", "none", "order", "idle", "o", "x", "y", "f", "g",
        "take", "grind", "steam", "pour", "serve", "brew", "start", "wait", "await", "check", "collect", "sleep",
        "yield", "send", "to", "say", "ready", "free", "espresso", "grinder", "queue.length", "now", "o.milk",
        "o.size", "workers", "policy", "oldest", "(", ")", ":", ",", ".", "+", "-", "*", "/", "%", "==", "<",
        "=", "\"s\"", "0", "1", "7", "-1", "9223372036854775807", "\n", "\n    ", "\n        ", "\t", "#", "\\", "é", "\u{0}", "\r",
    ]

    mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }
    mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }

    mutating func mutated() -> String {
        var bytes = Array(pick(corpus).utf8)
        for _ in 0..<int(1..<6) {
            let at = bytes.isEmpty ? 0 : int(0..<bytes.count)
            switch int(0..<6) {
            case 0: bytes.removeSubrange(at..<min(bytes.count, at + int(1..<20)))
            case 1: bytes.insert(contentsOf: Array((" " + pick(ScriptFuzzer.words) + " ").utf8), at: at)
            case 2: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
            case 3:
                let end = min(bytes.count, at + int(1..<40))
                bytes.insert(contentsOf: Array(bytes[at..<end]), at: at)
            case 4: bytes = Array(bytes.prefix(at))
            default: bytes.insert(contentsOf: Array(repeating: UInt8(ascii: " "), count: int(1..<5)), at: at)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func generated() -> String {
        var lines: [String] = []
        let prelude = ["    x = 0", "    y = 1", "    i = 0"]
        if chance(50) { lines.append("workers \(int(1..<9))") }
        if chance(30) { lines += ["def f(a, b):"] + prelude; block(into: &lines, indent: 1, depth: 0, loop: false, order: false) }
        if chance(30) { lines += ["def g(n):", "    return g(n + 1)"] }
        for _ in 0..<int(1..<4) {
            let header = pick(["on order o:", "on order o:", "on customer o:", "on idle:", "every \(int(1..<20)):"])
            lines.append(header)
            lines += prelude
            let order = header.hasSuffix("o:")
            if order { lines.append("    s = start brew o on espresso") }
            block(into: &lines, indent: 1, depth: 0, loop: false, order: order)
        }
        if !lines.contains("def f(a, b):") { lines += ["def f(a, b):", "    return a"] }
        if !lines.contains("def g(n):") { lines += ["def g(n):", "    return n"] }
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func block(into lines: inout [String], indent: Int, depth: Int, loop: Bool, order: Bool) {
        let pad = String(repeating: "    ", count: indent)
        for _ in 0..<int(1..<5) {
            switch depth > 3 ? int(0..<5) : int(0..<9) {
            case 0: lines.append(pad + "x = " + number(depth: 0))
            case 1:
                if order {
                    lines.append(pad + pick(["take o", "grind o", "serve o", "await s", "wait s", "r = check s", "say ready(s)",
                                             "s = start steam o", "say o.size"]))
                } else {
                    lines.append(pad + pick(["sleep 1", "yield", "idle 2", "sleep x", "say (\"n\" + x)"]))
                }
            case 2: lines.append(pad + (loop ? pick(["break", "continue", "pass"]) : pick(["return", "pass"])))
            case 3: lines.append(pad + "say " + pick(["x", "now", "queue.length", "f(1, 2)", "g(0)", "(x + y)"]))
            case 4: lines.append(pad + "y = " + number(depth: 0))
            case 5:
                lines.append(pad + "if " + condition(depth: 0) + ":")
                block(into: &lines, indent: indent + 1, depth: depth + 1, loop: loop, order: order)
                if chance(40) {
                    lines.append(pad + "else:")
                    block(into: &lines, indent: indent + 1, depth: depth + 1, loop: loop, order: order)
                }
            case 6:
                lines.append(pad + "while " + condition(depth: 0) + ":")
                block(into: &lines, indent: indent + 1, depth: depth + 1, loop: true, order: order)
            case 7:
                lines.append(pad + "for i in range(\(number(depth: 1))):")
                block(into: &lines, indent: indent + 1, depth: depth + 1, loop: true, order: order)
            default:
                lines.append(pad + "t = \"ab\" + x")
            }
        }
    }

    private mutating func number(depth: Int) -> String {
        if depth > 3 || chance(35) {
            return pick(["0", "1", "3", "-2", "x", "y", "i", "now", "queue.length", "9223372036854775807", chance(10) ? "true" : "2"])
        }
        return "(" + number(depth: depth + 1) + " " + pick(["+", "-", "*", "/", "%"]) + " " + number(depth: depth + 1) + ")"
    }

    private mutating func condition(depth: Int) -> String {
        switch depth > 2 ? 0 : int(0..<4) {
        case 0: return number(depth: 2) + " " + pick(["==", "!=", "<", ">=", "<="]) + " " + number(depth: 2)
        case 1: return "not " + condition(depth: depth + 1)
        case 2: return pick(["true", "false", "x", "(x == none)"])
        default: return "(" + condition(depth: depth + 1) + " " + pick(["and", "or"]) + " " + condition(depth: depth + 1) + ")"
        }
    }
}

@Suite struct FuzzTests {
    /// 300 random and mutated scripts through compile, render and a bounded run: no crash, no hang.
    @Test func randomScriptsNeverCrashOrHang() throws {
        let corpus = try Fixture.all.map { try Fixture(named: $0).source }
        var fuzzer = ScriptFuzzer(rng: SplitMix64(seed: 0xC0FFEE), corpus: corpus)
        var limits = Limits()
        limits.stepsPerDecision = 2_000
        limits.shiftBudget = 40_000
        limits.tasks = 50
        var compiled = 0
        var ran = 0
        for n in 0..<300 {
            let source = n % 2 == 0 ? fuzzer.mutated() : fuzzer.generated()
            let result = compile(source: source, file: "fuzz\(n).brew", host: TestInterface.host)
            _ = result.rendered(source: source)
            guard let program = result.program else {
                #expect(!result.errors.isEmpty)
                continue
            }
            compiled += 1
            let runner = TestRunner(program: program, limits: limits)
            runner.run(tasks: 2, maxCommands: 300)
            ran += runner.output.isEmpty ? 0 : 1
        }
        // The corpus must exercise both paths, not only the error one.
        #expect(compiled > 60, "\(compiled) compiled")
        #expect(ran > 40, "\(ran) ran")
    }
}
