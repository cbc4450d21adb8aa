import BrewScript
import CoffeeEngine

/// A BrewScript program driving the engine: each handler invocation is a task whose fiber runs
/// until it reaches a command that takes game time; the command becomes the engine's `Action`,
/// and its result resumes the fiber.
///
/// A value, and a copy is independent of the original: a copy of a scripted shift (a snapshot
/// `replay --watch` and the play screen seek with, an undo point) goes on from where it was taken
/// and the original never sees it. What it keeps:
/// - `vm`, a value (`VM`): its fibers, stacks and strings are Swift arrays, copied when one side
///   writes to storage the other still shares;
/// - per task (`TaskState`, which the engine keeps in its own task table and copies with the
///   shift): the fiber's id and the line it is on, plain values. A `FiberID` is an index and a
///   generation, so in a copy it names the copy's own fiber;
/// - the last error, the last span and each barista's line: plain values;
/// - the script, its vocabulary and handler lists: immutable, so copies share them.
/// It keeps no `ShopState`: the shop it is handed is read during the call it is handed to (the
/// fiber's attribute and query calls borrow it, `ShopCalls`), never stored.
public struct ScriptStrategy: Strategy {
    public struct TaskState {
        /// `nil` when the fiber could not even be spawned (a sandbox limit): the task fails at once.
        var fiber: FiberID?
        /// The line of the command the task is carrying out (0 before its first).
        var line = 0
    }

    public let script: Script
    /// The script's tasks: a value, so a copy of this strategy has its own (see above).
    public private(set) var vm: VM
    public let crew: [Int]
    public let policy: ReadyPolicy
    public let timers: [Int]
    public let wantsIdleTasks: Bool
    private let vocabulary: ScriptVocabulary
    /// Answers the fibers' attribute and query calls; holds only the (shared, immutable) vocabulary.
    private var shopCalls: ShopCalls
    private let timerHandlers: [Handler]
    private let orderHandlers: [Handler]
    private let customerHandlers: [Handler]
    private let idleHandlers: [Handler]
    /// The script error that ended the shift, if one did.
    public private(set) var runtimeError: RuntimeError?
    /// Where the last command came from: a failure the engine reports is about it.
    public private(set) var lastSpan: SourceSpan?
    /// The line each barista is on, for the script panel.
    public private(set) var currentSpan: [SourceSpan?]

    public init(script: Script, limits: BrewScript.Limits = BrewScript.Limits()) {
        self.script = script
        vm = VM(program: script.program, limits: limits)
        vocabulary = script.vocabulary
        shopCalls = ShopCalls(vocabulary: script.vocabulary)
        crew = script.crew
        policy = script.policy
        let handlers = script.program.handlers
        func on(_ name: String) -> [Handler] {
            handlers.filter { if case .event(_, let n) = $0.trigger { return n == name } else { return false } }
        }
        orderHandlers = on("order")
        customerHandlers = on("customer")
        idleHandlers = on("idle")
        timerHandlers = handlers.filter { if case .every = $0.trigger { return true } else { return false } }
        timers = timerHandlers.map { if case .every(let p) = $0.trigger { return Int(p) } else { return 0 } }
        wantsIdleTasks = !idleHandlers.isEmpty
        currentSpan = Array(repeating: nil, count: script.crew.count)
    }

    /// A task's line and variables, for the step debugger (read-only); `nil` for a finished one.
    public func inspect(_ task: TaskState) -> FiberInspection? { task.fiber.flatMap { vm.inspect($0) } }

    // MARK: Events

    public mutating func orderArrived(_ order: OrderID, shop: ShopState, spawn: inout Spawner<TaskState>) {
        let argument = vocabulary.handle(order)
        for h in customerHandlers { start(h, argument, order: order, priority: .urgent, &spawn) }
        for h in orderHandlers { start(h, argument, order: order, priority: .normal, &spawn) }
    }

    public mutating func timerFired(_ timer: Int, shop: ShopState, spawn: inout Spawner<TaskState>) {
        start(timerHandlers[timer], .none, order: nil, priority: .urgent, &spawn)
    }

    public mutating func baristaIdle(_ barista: Int, role: Int, shop: ShopState, spawn: inout Spawner<TaskState>) {
        for h in idleHandlers where h.role == role { start(h, .none, order: nil, priority: .normal, &spawn) }
    }

    mutating func start(_ h: Handler, _ argument: Value, order: OrderID?, priority: TaskPriority, _ spawn: inout Spawner<TaskState>) {
        do {
            let fiber = try vm.spawn(h.id, argument: argument)
            spawn.spawn(TaskState(fiber: fiber), order: order, role: h.role, priority: priority)
        } catch {
            if runtimeError == nil { runtimeError = error }
            lastSpan = h.span
            spawn.spawn(TaskState(fiber: nil), order: order, role: h.role, priority: priority)
        }
    }

    // MARK: Decisions

    public mutating func next(_ task: inout TaskState, context: TaskContext, result: ActionResult, shop: ShopState) -> Action {
        guard let fiber = task.fiber else { return Self.failure(runtimeError) }
        let value: Value
        switch result {
        case .none: value = .none
        case .job(let j): value = vocabulary.handle(j)
        case .ready(let r): value = .bool(r)
        case .gone:
            vm.cancel(fiber)
            return .finish
        }
        let suspension = vm.resume(fiber, with: value, host: &shopCalls, in: shop)
        switch suspension {
        case .finished:
            currentSpan[context.barista] = nil
            // A limit the engine counts (decisions in a tick) may end the shift on this task's end.
            lastSpan = vm.finishedAt
            return .finish
        case .error(let e):
            runtimeError = e
            lastSpan = e.span
            currentSpan[context.barista] = e.span
            return Self.failure(e)
        case .command(let command):
            lastSpan = command.span
            currentSpan[context.barista] = command.span
            task.line = Int(command.span.line)
            return shopCalls.action(for: command, shop: shop)
        }
    }

    public func line(of task: TaskState) -> Int { task.line }

    static func failure(_ e: RuntimeError?) -> Action {
        .fail(e.map { "\($0.kind.rawValue): \($0.message)" } ?? "the script failed")
    }
}

/// What a fiber asks the shop while it runs: attributes, queries, machine counts. The shop is
/// the `World` each call borrows for its duration, read in place and never copied (a copy would
/// retain every array in it).
struct ShopCalls: HostCalls {
    let vocabulary: ScriptVocabulary

    mutating func call(_ callee: HostCallee, _ arguments: ArgBuffer, fiber: FiberID, in shop: borrowing ShopState,
                       strings: inout StringTable) throws(HostError) -> Value {
        guard case .function(let f) = callee else { throw HostError("unexpected call") }
        switch vocabulary.functions[f] {
        case .free, .queued:
            guard let m = vocabulary.machine(arguments[0]) else { throw HostError("expected a machine") }
            return .int(Int64(vocabulary.functions[f] == .free ? shop.freeSlots(m) : shop.machineQueue(m)))
        case .done, .has:
            guard let o = vocabulary.order(arguments[0]), shop.isOpen(o) else { throw HostError("the customer of this order has left") }
            guard let n = vocabulary.constant(arguments[1], kind: vocabulary.stepKind) else { throw HostError("expected a step") }
            let step = vocabulary.step(n, ofItem: shop.item(of: o))
            if vocabulary.functions[f] == .has { return .bool(step >= 0) }
            return .bool(step >= 0 && shop.isDone(o, step: step))
        case .nextCustomer:
            return shop.oldestUnacknowledged().map { vocabulary.handle($0) } ?? .none
        case .ready:
            throw HostError("ready takes time and cannot be called here")
        }
    }

    mutating func attribute(_ id: Int, of handle: Handle, fiber: FiberID, in shop: borrowing ShopState,
                            strings: inout StringTable) throws(HostError) -> Value {
        guard let o = vocabulary.order(.handle(handle)), shop.isOpen(o) else { throw HostError("the customer of this order has left") }
        switch vocabulary.attributes[id] {
        case .number: return .int(Int64(shop.number(of: o)))
        case .item: return vocabulary.itemValue(shop.item(of: o))
        case .age: return .int(Int64(shop.age(of: o)))
        case .price: return .int(Int64(shop.config.menu[shop.item(of: o)].price))
        case .deadline: return shop.deadline(of: o).map { .int(Int64($0)) } ?? .none
        case .acknowledged: return .bool(shop.isAcknowledged(o))
        case .tag(let t): return .bool(vocabulary.itemHasTag[shop.item(of: o)][t])
        }
    }

    mutating func query(_ index: Int, fiber: FiberID, in shop: borrowing ShopState, strings: inout StringTable) throws(HostError) -> Value {
        switch vocabulary.queries[index] {
        case .now: return .int(Int64(shop.now))
        case .queueLength: return .int(Int64(shop.unacknowledged))
        case .openOrders: return .int(Int64(shop.openOrders))
        }
    }
}

// MARK: Actions

/// The engine action for a suspending command: a method of `ShopCalls` (which holds only the
/// vocabulary) rather than of the strategy, so calling it copies one reference, not the strategy.
extension ShopCalls {
    /// The index in the order's recipe of the step named `n`, if the recipe has it.
    func step(_ n: Int, of order: OrderID, shop: ShopState) -> Int? {
        let i = vocabulary.step(n, ofItem: shop.item(of: order))
        return i >= 0 ? i : nil
    }

    func noStep(_ n: Int, _ order: OrderID, _ shop: ShopState) -> Action {
        .fail("#\(shop.number(of: order)) (\(shop.config.menu[shop.item(of: order)].name)) has no step '\(vocabulary.stepNames[n])'")
    }

    /// The engine action for a suspending command.
    func action(for command: HostCommand, shop: ShopState) -> Action {
        let args = command.arguments
        switch command.callee {
        case .function:
            // `ready(shot)`: the only suspending function, a look at the machine.
            guard let job = vocabulary.job(args[0]) else { return .fail("ready needs a product from 'start'") }
            return .check(job)
        case .verb(let v):
            switch vocabulary.verbs[v] {
            case .step(let n):
                guard let order = vocabulary.order(args[0]) else { return .fail("'\(vocabulary.stepNames[n])' needs an order") }
                guard shop.isOpen(order) else { return .orderGone(order) }
                return step(n, of: order, shop: shop).map { .work(order, step: $0) } ?? noStep(n, order, shop)
            case .start:
                guard let n = vocabulary.constant(args[0], kind: vocabulary.stepKind), let order = vocabulary.order(args[1]) else {
                    return .fail("start needs a step and an order: start brew o on espresso")
                }
                guard shop.isOpen(order) else { return .orderGone(order) }
                guard let step = step(n, of: order, shop: shop) else { return noStep(n, order, shop) }
                if case .constant = args[2], vocabulary.machine(args[2]) == nil {
                    return .fail("'on' needs a machine")
                }
                if let m = vocabulary.machine(args[2]), let actual = shop.machine(of: order, step: step), m != actual {
                    return .fail("'\(vocabulary.stepNames[n])' runs on \(shop.config.machines[actual].name), not \(shop.config.machines[m].name)")
                }
                return .start(order, step: step)
            case .wait, .await, .check, .collect:
                guard let job = vocabulary.job(args[0]) else { return .fail("expected a product from 'start'") }
                switch vocabulary.verbs[v] {
                case .wait: return .wait(job)
                case .await: return .await(job)
                case .check: return .check(job)
                default: return .collect(job)
                }
            case .sleep:
                guard case .int(let n) = args[0] else { return .fail("sleep needs a number of ticks") }
                guard n >= 0 else { return .fail("sleep takes 0 or more ticks, not \(n)") }
                return n == 0 ? .yield : .sleep(Int(min(n, 1 << 40)))
            case .idle:
                guard case .int(let n) = args[0] else { return .fail("idle needs a number of ticks") }
                guard n >= 0 else { return .fail("idle takes 0 or more ticks, not \(n)") }
                return .idle(Int(min(n, 1 << 40)))
            case .yield:
                return .yield
            case .send:
                guard case .role(let r) = args[1] else { return .fail("send needs a role: send o to barista") }
                return .send(role: Int(r))
            }
        }
    }
}
