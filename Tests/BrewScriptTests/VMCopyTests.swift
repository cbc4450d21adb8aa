@testable import BrewScript
import Testing

/// A VM is a value: a copy (what a snapshot of a scripted shift holds) shares nothing it changes.
@Suite struct VMCopyTests {
    static let source = """
    on order o:
        n = 1
        s = "cup " + n
        take o
        n = n + 10
        s = s + "!"
        serve o
    """

    /// Run a copy on (its fiber resumes, makes strings, finishes; another is spawned in the slot
    /// it freed), and the original is exactly where it was: same line, locals, strings, counts,
    /// and its next commands are the ones it would have made.
    @Test func aCopyThatMovesOnLeavesTheOriginalAlone() throws {
        var vm = VM(program: try program(Self.source))
        var host = NoHost()
        let order = Value.handle(Handle(kind: 0, id: 1))
        let fiber = try vm.spawn(HandlerID(0), argument: order)
        guard case .command(let take) = vm.resume(fiber, host: &host) else {
            Issue.record("expected take")
            return
        }
        #expect(take.span.line == 4)
        let stopped = FiberInspection(function: "on order", line: 4, locals: [
            .init(name: "o", value: "order#1"), .init(name: "n", value: "1"), .init(name: "s", value: "cup 1"),
        ])
        #expect(vm.inspect(fiber) == stopped)
        let instructions = vm.instructionsExecuted
        let strings = vm.strings.count
        #expect((instructions, strings) == (8, 4))

        var copy = vm
        guard case .command(let copyServe) = copy.resume(fiber, host: &host) else {
            Issue.record("expected serve")
            return
        }
        #expect(copyServe.span.line == 7)
        #expect(copy.inspect(fiber)?.locals.map(\.value) == ["order#1", "11", "cup 1!"])
        #expect(copy.resume(fiber, host: &host) == .finished)
        #expect(!copy.isLive(fiber))
        let other = try copy.spawn(HandlerID(0), argument: .handle(Handle(kind: 0, id: 2)))
        #expect(other.index == fiber.index)
        _ = copy.resume(other, host: &host)
        #expect(copy.strings.count == 5)
        #expect(copy.instructionsExecuted == 29)

        #expect(vm.isLive(fiber))
        #expect(!vm.isLive(other))
        #expect(vm.inspect(fiber) == stopped)
        #expect(vm.instructionsExecuted == instructions)
        #expect(vm.strings.count == strings)
        #expect(vm.liveFibers == 1)
        guard case .command(let serve) = vm.resume(fiber, host: &host) else {
            Issue.record("expected serve")
            return
        }
        #expect(serve.span.line == 7)
        #expect(serve.arguments.values == [order])
        #expect(vm.inspect(fiber)?.locals.map(\.value) == ["order#1", "11", "cup 1!"])
        #expect(vm.resume(fiber, host: &host) == .finished)
        #expect(vm.instructionsExecuted == 21)
        #expect(vm.strings.count == 5)
    }

    /// A deep call moves its fiber's stack to a bigger region; the fiber beside it, and a copy
    /// taken before, keep their values.
    @Test func aGrownStackLeavesOtherFibersAndCopiesAlone() throws {
        let source = """
        def depth(n):
            if n == 0:
                return 0
            return depth(n - 1) + 1

        on order o:
            k = 7
            take o
            d = depth(40)
            serve o
        """
        var vm = VM(program: try program(source))
        var host = NoHost()
        let first = try vm.spawn(HandlerID(0), argument: .handle(Handle(kind: 0, id: 1)))
        let second = try vm.spawn(HandlerID(0), argument: .handle(Handle(kind: 0, id: 2)))
        _ = vm.resume(first, host: &host)
        _ = vm.resume(second, host: &host)
        let before = vm
        let capacity = vm.fibers[Int(first.index)].capacity
        guard case .command(let serve) = vm.resume(first, host: &host) else {
            Issue.record("expected serve")
            return
        }
        #expect(serve.span.line == 10)
        #expect(vm.fibers[Int(first.index)].capacity > capacity)
        #expect(vm.inspect(first)?.locals.map(\.value) == ["order#1", "7", "40"])
        #expect(vm.inspect(second)?.locals.map(\.value) == ["order#2", "7", "none"])
        #expect(before.fibers[Int(first.index)].capacity == capacity)
        #expect(before.inspect(first)?.locals.map(\.value) == ["order#1", "7", "none"])
        #expect(before.inspect(first)?.line == 8)
    }
}
