@testable import BrewScript
import Testing

/// Compiles a script with the test host, failing the test on errors.
func program(_ source: String, file: String = "test.brew") throws -> Program {
    let result = compile(source: source, file: file, host: TestInterface.host)
    return try #require(result.program, "\(result.rendered(source: source))")
}

/// Spawns a fiber of `handler` and runs it to its end (see below).
func runToEnd(_ vm: inout VM, spawning handler: HandlerID, commands: inout [String]) throws -> Suspension {
    let fiber = try vm.spawn(handler)
    return runToEnd(&vm, fiber, commands: &commands)
}

/// Resumes one fiber until it ends, answering every command with `none`; returns how it ended.
func runToEnd(_ vm: inout VM, _ fiber: FiberID, commands: inout [String]) -> Suspension {
    var host = NoHost()
    var value = Value.none
    while true {
        let suspension = vm.resume(fiber, with: value, host: &host)
        guard case .command(let command) = suspension else { return suspension }
        commands.append("\(command.callee)")
        value = .none
    }
}

/// A host whose synchronous calls all answer none (and `now` with 0).
struct NoHost: HostCalls {
    mutating func call(_ callee: HostCallee, _ arguments: ArgBuffer, fiber: FiberID, in world: borrowing Void,
                       strings: inout StringTable) throws(HostError) -> Value { .none }
    mutating func attribute(_ id: Int, of handle: Handle, fiber: FiberID, in world: borrowing Void,
                            strings: inout StringTable) throws(HostError) -> Value { .int(1) }
    mutating func query(_ index: Int, fiber: FiberID, in world: borrowing Void, strings: inout StringTable) throws(HostError) -> Value { .int(0) }
}

func runtimeError(_ suspension: Suspension) -> RuntimeError? {
    if case .error(let error) = suspension { return error }
    return nil
}

@Suite struct SandboxTests {
    @Test func endlessLoopEndsWithStepsPerDecision() throws {
        var vm = VM(program: try program("on idle:\n    while true:\n        pass\n"))
        var commands: [String] = []
        let error = runtimeError(try runToEnd(&vm, spawning: HandlerID(0), commands: &commands))
        #expect(error?.kind == .stepsPerDecision)
        #expect(error?.line == 2)
        #expect(vm.instructionsExecuted == Limits().stepsPerDecision)
        #expect(vm.liveFibers == 0)
    }

    @Test func unboundedRecursionEndsWithCallDepth() throws {
        var vm = VM(program: try program("def f(n):\n    return f(n + 1) + 1\n\non idle:\n    f(0)\n"))
        var commands: [String] = []
        let error = runtimeError(try runToEnd(&vm, spawning: HandlerID(0), commands: &commands))
        #expect(error?.kind == .callDepth)
        #expect(error?.description == "2:12: call-depth: calls nested more than 64 deep")
    }

    @Test func runawaySpawningEndsWithTasks() throws {
        var limits = Limits()
        limits.tasks = 500
        var vm = VM(program: try program("on order o:\n    sleep 1\n"), limits: limits)
        var spawned = 0
        var failure: RuntimeError?
        while failure == nil, spawned < 1000 {
            do {
                _ = try vm.spawn(HandlerID(0), argument: .handle(Handle(kind: 0, id: Int64(spawned))))
                spawned += 1
            } catch {
                failure = error
            }
        }
        #expect(spawned == 500)
        #expect(failure?.kind == .tasks)
        #expect(failure?.description == "1:1: tasks: more than 500 tasks at once")
    }

    @Test func hugeStringEndsWithStringSize() throws {
        var vm = VM(program: try program("on idle:\n    s = \"x\"\n    while true:\n        s = s + s\n"))
        var commands: [String] = []
        let error = runtimeError(try runToEnd(&vm, spawning: HandlerID(0), commands: &commands))
        #expect(error?.kind == .stringSize)
        #expect(error?.message == "a string of 1024 bytes is longer than 1000")
    }

    @Test func manyStringsEndWithStringMemory() throws {
        var limits = Limits()
        limits.stringMemory = 10_000
        var vm = VM(program: try program("on idle:\n    for i in range(100000):\n        s = \"order \" + i\n"), limits: limits)
        var commands: [String] = []
        let error = runtimeError(try runToEnd(&vm, spawning: HandlerID(0), commands: &commands))
        #expect(error?.kind == .stringMemory)
    }

    @Test func shiftBudgetBoundsTheWholeLife() throws {
        var limits = Limits()
        limits.shiftBudget = 10_000
        var vm = VM(program: try program("on idle:\n    while true:\n        sleep 1\n"), limits: limits)
        var commands: [String] = []
        let error = runtimeError(try runToEnd(&vm, spawning: HandlerID(0), commands: &commands))
        #expect(error?.kind == .shiftBudget)
        #expect(vm.instructionsExecuted == 10_000)
        #expect(commands.count > 1000)
    }

    @Test func staleAndCancelledFibersAreRefused() throws {
        var vm = VM(program: try program("on order o:\n    take o\n"))
        var host = NoHost()
        let fiber = try vm.spawn(HandlerID(0), argument: .handle(Handle(kind: 0, id: 1)))
        guard case .command = vm.resume(fiber, with: .none, host: &host) else {
            Issue.record("expected a command")
            return
        }
        vm.cancel(fiber)
        #expect(!vm.isLive(fiber))
        #expect(runtimeError(vm.resume(fiber, with: .none, host: &host))?.kind == .noTask)
        let again = try vm.spawn(HandlerID(0), argument: .handle(Handle(kind: 0, id: 2)))
        #expect(again.index == fiber.index)
        #expect(again.generation != fiber.generation)
        #expect(runtimeError(vm.resume(fiber, with: .none, host: &host))?.kind == .noTask)
    }

    /// Not timed: a long resume loop of a simple handler leaves the VM's pools, its string table and
    /// its fiber memory (slots, stack regions) as they were. The run loop itself only touches the
    /// stack's buffer and trivial values, so it has nothing to allocate per instruction.
    @Test func resumeLoopDoesNotGrowAnything() throws {
        let source = """
        on order o:
            total = 0
            for i in range(1000):
                if i % 3 == 0 and o.size > 0:
                    total = total + i * 2
            take o
            serve o
        """
        var vm = VM(program: try program(source))
        var host = NoHost()
        func cycle(_ n: Int) throws {
            let fiber = try vm.spawn(HandlerID(0), argument: .handle(Handle(kind: 0, id: Int64(n))))
            var value = Value.none
            while case .command = vm.resume(fiber, with: value, host: &host) { value = .none }
        }
        try cycle(0)
        let fibers = vm.fibers.count
        let capacity = vm.fibers[0].capacity
        let strings = vm.strings.count
        let values = vm.values.count
        let before = vm.instructionsExecuted
        for n in 1...200 { try cycle(n) }
        #expect(vm.instructionsExecuted - before > 1_000_000)
        #expect(vm.fibers.count == fibers)
        #expect(vm.fibers[0].capacity == capacity)
        #expect(vm.strings.count == strings)
        #expect(vm.values.count == values)
        #expect(vm.liveFibers == 0)
    }

    @Test func valuesAreSmallAndTrivial() {
        #expect(MemoryLayout<Value>.size <= 16)
        #expect(_isPOD(Value.self))
        #expect(_isPOD(Instruction.self))
        #expect(MemoryLayout<Instruction>.stride <= 12)
    }
}
