@testable import BrewScript
import Testing

/// Every limit of the language (docs/limits.md), each at the limit and one past it, with the
/// exact message. The shift budget's runtime side is in SandboxTests.
@Suite struct LimitsTests {
    func errors(_ source: String) -> [String] {
        compile(source: source, file: "t.brew", host: TestInterface.host).errors.map(\.description)
    }

    /// `x = f(f(…f(1)…))` with `calls` calls inside an `on idle:` handler.
    func nestedCalls(_ calls: Int) -> String {
        "def f(x):\n    return x\non idle:\n    x = " + String(repeating: "f(", count: calls) + "1"
            + String(repeating: ")", count: calls) + "\n"
    }

    @Test func nestedCallArgumentsCountTowardsTheNestingLimit() {
        // The handler's block is one level; 63 calls fill the other 63.
        #expect(errors(nestedCalls(63)) == [])
        let column = 9 + 2 * 63  // after "    x = " and 63 "f(": the 64th call's argument
        #expect(errors(nestedCalls(64)) == [
            "t.brew:4:\(column + 2): error: too deeply nested (the limit is 64 levels of blocks, parentheses and operators)",
        ])
        // 10 000 deep used to overflow the parser's stack; now it is the same one error.
        #expect(errors(nestedCalls(10_000)).count == 1)
    }

    @Test func everyTakesOneToABillionTicks() {
        #expect(errors("every 1000000000:\n    pass\n") == [])
        #expect(errors("every 1000000001:\n    pass\n") == ["t.brew:1:7: error: 'every' takes a number of ticks from 1 to 1000000000"])
        #expect(errors("every 4294967296:\n    pass\n") == ["t.brew:1:7: error: 'every' takes a number of ticks from 1 to 1000000000"])
    }

    @Test func aRoleTakesOneToTenThousandWorkers() {
        #expect(errors("role a 10000:\n    on idle:\n        pass\n") == [])
        #expect(errors("role a 10001:\n    on idle:\n        pass\n") == ["t.brew:1:8: error: role 'a' takes 1 to 10000 workers, not 10001"])
        #expect(errors("role a 9223372036854775807:\n    on idle:\n        pass\n")
                == ["t.brew:1:8: error: role 'a' takes 1 to 10000 workers, not 9223372036854775807"])
    }

    @Test func aScriptHasAtMostOneMebibyte() {
        let atLimit = "on idle:\n    pass\n#" + String(repeating: " ", count: maxSourceBytes - 19)
        #expect(atLimit.utf8.count == maxSourceBytes)
        #expect(errors(atLimit) == [])
        #expect(errors(atLimit + " ") == ["t.brew:1:1: error: the script is larger than 1 MiB (1048577 bytes)"])
    }

    /// `n` lines each with one error (an unknown name).
    func brokenLines(_ n: Int) -> String {
        "on idle:\n" + (1...n).map { "    x\($0) = nope\($0)\n" }.joined()
    }

    @Test func atMostFiftyErrorsAreShown() {
        let fifty = compile(source: brokenLines(50), file: "t.brew", host: TestInterface.host)
        #expect(fifty.errors.count == 50)
        #expect(fifty.errors.last?.description == "t.brew:51:11: error: unknown name 'nope50'")
        let more = compile(source: brokenLines(51), file: "t.brew", host: TestInterface.host)
        #expect(more.errors.count == 51)
        #expect(more.errors[49].description == "t.brew:51:11: error: unknown name 'nope50'")
        #expect(more.errors[50].description == "t.brew:52:11: error: too many errors: stopped after the first 50")
        #expect(more.errors[50].hint == "fix these first; a check shows at most 50 errors")
        // Past the cap the rest is counted, never kept.
        #expect(compile(source: brokenLines(2_000), file: "t.brew", host: TestInterface.host).errors.count == 51)
    }

    @Test func aDiagnosticQuotesAtMostAWindowOfItsLine() {
        // 16 000 bad escapes on one line: 51 diagnostics, each quoting 160 bytes of the line.
        let line = "    say \"" + String(repeating: "\\q", count: 16_000) + "\""
        let source = "on idle:\n" + line + "\n"
        let result = compile(source: source, file: "t.brew", host: TestInterface.host)
        #expect(result.errors.count == 51)
        let text = result.rendered(source: source)
        #expect(text.utf8.count < 51 * 500)
        let first = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(4).map(String.init)
        #expect(first[0] == "t.brew:2:10: error: unknown escape in string")
        #expect(first[1] == String(line.prefix(160)) + "...")
        #expect(first[2] == String(repeating: " ", count: 9) + "^~")
        #expect(result.errors[30].column == 10 + 2 * 30)
        // Far along the line the window moves with the caret, which stays under its byte.
        let quoted = Diagnostic.window(of: Substring(line), column: 10_000)
        #expect(quoted.text.hasPrefix("...") && quoted.text.hasSuffix("..."))
        #expect(quoted.text.utf8.count == 160 + 6)
        #expect(quoted.column == 80 + 1 + 3)
        #expect(Array(quoted.text.utf8)[quoted.column - 1] == Array(line.utf8)[10_000 - 1])
    }

    @Test func atMostFiftyWarningsAreShown() {
        let source = (1...60).map { _ in "on idle:\n    return\n    pass\n" }.joined()
        let warnings = compile(source: source, file: "t.brew", host: TestInterface.host).warnings
        #expect(warnings.count == 51)
        #expect(warnings.last?.message == "too many warnings: only the first 50 are shown")
    }

    @Test func theShiftBudgetIsExactlyItsInstructions() throws {
        let source = "on idle:\n    i = 0\n    while i < 1000:\n        i = i + 1\n"
        func run(budget: Int) throws -> (Suspension, Int) {
            var limits = Limits()
            limits.shiftBudget = budget
            var vm = VM(program: try program(source), limits: limits)
            var commands: [String] = []
            return (try runToEnd(&vm, spawning: HandlerID(0), commands: &commands), vm.instructionsExecuted)
        }
        let (free, used) = try run(budget: Limits().shiftBudget)
        #expect(free == .finished)
        #expect(Limits().shiftBudget == 20_000_000)
        let (atLimit, _) = try run(budget: used)
        #expect(atLimit == .finished)
        let (past, _) = try run(budget: used - 1)
        #expect(runtimeError(past)?.description == "3:5: shift-budget: the script ran more than \(used - 1) instructions in this shift")
    }
}
