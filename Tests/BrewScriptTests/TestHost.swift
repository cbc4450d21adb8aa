import BrewScript

/// A small coffee-flavoured host for tests: suspending verbs only log `verb args` and resume with
/// a scripted value (or a default by result kind).
enum TestInterface {
    static let order = ValueKind.handle("order")
    static let job = ValueKind.handle("job")
    static let step = ValueKind.constant("step")
    static let machine = ValueKind.constant("machine")

    static let host: HostInterface = {
        var verbs: [VerbDecl] = ["take", "grind", "steam", "pour", "serve", "brew"].map { VerbDecl($0, [order]) }
        verbs += [
            VerbDecl("start", [step, order], keywords: [KeywordParameter("on", machine)], result: job),
            VerbDecl("wait", [job], blocks: Blocking(alternative: "await", hint: "'await' frees the barista; 'wait' blocks it")),
            VerbDecl("await", [job]),
            VerbDecl("check", [job], result: .bool, polls: true),
            VerbDecl("collect", [job]),
            VerbDecl("sleep", [.int]),
            VerbDecl("idle", [.int]),
            VerbDecl("yield"),
            VerbDecl("send", [order], keywords: [KeywordParameter("to", .role, required: true)]),
            VerbDecl("say", [.any], suspends: false),
            VerbDecl("ask", [.any], result: .any),
        ]
        return HostInterface(
            settings: [
                SettingDecl("workers", .int(1...8)),
                SettingDecl("policy", .word(["oldest", "shortest", "deadline"])),
            ],
            events: [
                EventDecl("order", parameter: order),
                EventDecl("customer", parameter: order),
                EventDecl("idle", parameter: nil),
            ],
            handleKinds: [
                HandleKindDecl("order", attributes: [
                    AttributeDecl("milk", id: 0, kind: .bool),
                    AttributeDecl("size", id: 1, kind: .int),
                    AttributeDecl("age", id: 2, kind: .int),
                    AttributeDecl("drink", id: 3, kind: .string),
                ]),
                HandleKindDecl("job"),
            ],
            constantKinds: ["step", "machine"],
            constants: [
                ConstantDecl("take", kind: "step", payload: 0),
                ConstantDecl("grind", kind: "step", payload: 1),
                ConstantDecl("brew", kind: "step", payload: 2),
                ConstantDecl("steam", kind: "step", payload: 3),
                ConstantDecl("pour", kind: "step", payload: 4),
                ConstantDecl("serve", kind: "step", payload: 5),
                ConstantDecl("espresso", kind: "machine", payload: 0),
                ConstantDecl("grinder", kind: "machine", payload: 1),
                ConstantDecl("steamer", kind: "machine", payload: 2),
            ],
            verbs: verbs,
            functions: [
                FunctionDecl("ready", [job], result: .bool, suspends: true, polls: true),
                FunctionDecl("free", [machine], result: .int),
                FunctionDecl("boom", [], result: .none),
            ],
            queries: [
                QueryDecl("queue.length", kind: .int),
                QueryDecl("now", kind: .int),
            ]
        )
    }()
}

/// Runs a program's handlers round-robin, logging every suspending call and what `say` prints.
final class TestRunner: HostCalls {
    /// Read while a fiber runs; `vm` is busy then, and its calls are lent `strings` instead.
    let program: Program
    var vm: VM
    var output: [String] = []
    /// Values to resume each verb or function with, by name, consumed in order.
    var scripted: [String: [Value]] = [:]
    var now: Int64 = 0
    var queueLength: Int64 = 3
    var jobs: Int64 = 0

    init(program: Program, limits: Limits = Limits()) {
        self.program = program
        vm = VM(program: program, limits: limits)
    }

    // MARK: HostCalls

    func call(_ callee: HostCallee, _ arguments: ArgBuffer, fiber: FiberID, in world: borrowing Void,
              strings: inout StringTable) throws(HostError) -> Value {
        let name = self.name(callee)
        switch name {
        case "say":
            output.append(program.describe(arguments[0], strings: strings))
            return .none
        case "free":
            return .int(1)
        case "boom":
            throw HostError("the host refused")
        default:
            return .none
        }
    }

    func attribute(_ id: Int, of handle: Handle, fiber: FiberID, in world: borrowing Void,
                   strings: inout StringTable) throws(HostError) -> Value {
        switch id {
        case 0: return .bool(handle.id % 2 == 1)
        case 1: return .int(handle.id)
        case 2: return .int(now - handle.id)
        default: return strings.value("latte")
        }
    }

    func query(_ index: Int, fiber: FiberID, in world: borrowing Void, strings: inout StringTable) throws(HostError) -> Value {
        program.host.queries[index].name == "now" ? .int(now) : .int(queueLength)
    }

    // MARK: Running

    func name(_ callee: HostCallee) -> String {
        switch callee {
        case .verb(let v): return program.host.verbs[v].name
        case .function(let f): return program.host.functions[f].name
        }
    }

    /// The line logged for a suspending command: `start brew order#1 on espresso`, `ready(job#1)`.
    func line(_ command: HostCommand) -> String {
        let args = command.arguments.values
        switch command.callee {
        case .function:
            return "\(name(command.callee))(\(args.map(vm.describe).joined(separator: ", ")))"
        case .verb(let v):
            let decl = vm.program.host.verbs[v]
            var parts = [decl.name]
            parts += args.prefix(decl.parameters.count).map(vm.describe)
            for (keyword, value) in zip(decl.keywords, args.dropFirst(decl.parameters.count)) where value != .none {
                parts.append("\(keyword.name) \(vm.describe(value))")
            }
            return parts.joined(separator: " ")
        }
    }

    func result(for command: HostCommand) -> Value {
        let name = self.name(command.callee)
        if var values = scripted[name], !values.isEmpty {
            let value = values.removeFirst()
            scripted[name] = values
            return value
        }
        let kind: ValueKind
        switch command.callee {
        case .verb(let v): kind = vm.program.host.verbs[v].result
        case .function(let f): kind = vm.program.host.functions[f].result
        }
        switch kind {
        case .handle("job"):
            jobs += 1
            return .handle(Handle(kind: 1, id: jobs))
        case .bool: return .bool(true)
        case .int: return .int(0)
        default: return .none
        }
    }

    /// Spawns `tasks` tasks of each handler that takes an order (order#1...), one of each other
    /// handler, then resumes them round-robin, one command at a time, until all end.
    func run(tasks: Int = 1, maxCommands: Int = 10_000) {
        var queue: [(FiberID, Value)] = []
        for handler in vm.program.handlers {
            let count = handler.takesArgument ? tasks : 1
            for n in 0..<count {
                do {
                    let fiber = try vm.spawn(handler.id, argument: .handle(Handle(kind: 0, id: Int64(n + 1))))
                    queue.append((fiber, .none))
                } catch {
                    output.append("runtime error: \(error)")
                }
            }
        }
        var commands = 0
        while !queue.isEmpty, commands < maxCommands {
            let (fiber, value) = queue.removeFirst()
            var host = self
            switch vm.resume(fiber, with: value, host: &host) {
            case .command(let command):
                commands += 1
                now += 1
                output.append(line(command))
                queue.append((fiber, result(for: command)))
            case .finished:
                break
            case .error(let error):
                output.append("runtime error: \(error)")
            }
        }
    }
}
