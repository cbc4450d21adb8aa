import CoffeeEngine

/// What the player tells a free barista to do.
public enum ManualChoice: Sendable, Hashable {
    case act(Action)
    /// Stand idle, without being asked again, until something changes: a customer comes in, a
    /// product is done, another barista finishes a step. Idle ticks are waste, but honest waste.
    case idleUntilNews
}

/// One legal move for a free barista, as the choice panel lists it.
public struct ManualOption: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case work, start, wait, check, collect, idle
    }
    public let kind: Kind
    public let choice: ManualChoice
    /// The move in the game's words: `grind #2 latte`, `wait at espresso for #1's shot`.
    public let label: String
    /// The BrewScript line that makes the same move: `grind o`, `wait shot`, `await shot`.
    public let line: String
    /// The order's running number, if the move is on an order.
    public let order: Int?
    /// Ticks the move keeps the barista busy, when known before it starts (a wait lasts until the
    /// product is done: `product` says which).
    public let ticks: Int?
    /// The running number of the product a wait, check or collect is about.
    public let product: Int?

    public init(kind: Kind, choice: ManualChoice, label: String, line: String = "", order: Int?, ticks: Int? = nil,
                product: Int? = nil) {
        self.kind = kind
        self.choice = choice
        self.label = label
        self.line = line
        self.order = order
        self.ticks = ticks
        self.product = product
    }
}

/// A barista is free and the player must say what it does next.
public struct ManualQuestion: Sendable, Hashable {
    public let barista: Int
    public let tick: Int
    public let options: [ManualOption]
    /// What the barista's last move gave back, in words (`espresso for #2: not ready`).
    public let note: String?
}

/// The player's answers, in the order the questions came. Shared by every copy of the strategy
/// (the engine's strategy can only be changed by the engine): each copy knows how many it has
/// taken, so a copy run again from an earlier state takes the same answers in the same order.
public final class ManualAnswers {
    public internal(set) var list: [(barista: Int, choice: ManualChoice)] = []
    public init() {}
}

/// An answer the shop refused: the move was not among the options the barista had, so no player
/// could have chosen it (a forged or corrupted log). Answers are counted from 0.
public struct ManualRefusal: Sendable, Hashable {
    public let answer: Int
    public let barista: Int
    public let tick: Int
}

/// The strategy of manual play: every barista runs one task of its own (its "attention") that
/// does what the player chose. `Strategy.next` must answer at once, so when no answer is waiting
/// the strategy records a question and answers with a placeholder; `ManualShift` rewinds the step
/// and runs it again once the player has chosen: a decision costs the shop no ticks.
///
/// An answer is taken only if it is one of the options the barista has at that moment (the
/// choice panel offers nothing else); any other is refused and recorded in `refused`, and the
/// barista stands idle: a log is checked move by move, like any input from outside.
///
/// A barista told to idle until something changes (or with nothing to do) lets go of its task and
/// stands free. A timer looks at the shop every tick, after everything else that happened in it,
/// and gives the barista a new task when its options change: it is asked in the same tick as the
/// news, never a tick late.
///
/// Idling until news is this shop's `await`: the player is the one who is notified (the shop
/// stops when there is something new to decide) and who moves the barista to other work
/// meanwhile, which is what `await` lets a script do; the choice panel names it so.
public struct ManualStrategy: Strategy {
    public struct TaskState {
        let barista: Int
    }

    public let crew: [Int]
    public var timers: [Int] { [1] }
    var orders: [OrderID] = []
    var started = false
    public let answers: ManualAnswers
    /// Answers taken so far.
    var taken = 0
    /// How many of the answers the shift has taken so far.
    public var answersTaken: Int { taken }
    /// Per barista: standing free, and the options it had when it let go of its task.
    var quiet: [[ManualChoice]?]
    var lastMove: [Action?]
    /// The first question raised since the step began.
    public private(set) var question: ManualQuestion?
    /// The first answer that was not a legal move, if any.
    public private(set) var refused: ManualRefusal?

    /// Each barista gets a role of its own, so its attention task can only ever run on it.
    public init(baristas: Int, answers: ManualAnswers = ManualAnswers()) {
        crew = Array(0..<max(0, baristas))
        self.answers = answers
        quiet = Array(repeating: nil, count: crew.count)
        lastMove = Array(repeating: nil, count: crew.count)
    }

    public mutating func orderArrived(_ order: OrderID, shop: ShopState, spawn: inout Spawner<TaskState>) {
        orders.append(order)
        // No hook runs at the opening, so the baristas' tasks start with the first customer.
        guard !started else { return }
        started = true
        for b in crew.indices { spawn.spawn(TaskState(barista: b), order: nil, role: b) }
    }

    public mutating func timerFired(_ timer: Int, shop: ShopState, spawn: inout Spawner<TaskState>) {
        orders.removeAll { !shop.isOpen($0) }
        for b in crew.indices {
            guard let before = quiet[b], options(for: b, shop: shop).map(\.choice) != before else { continue }
            quiet[b] = nil
            spawn.spawn(TaskState(barista: b), order: nil, role: b)
        }
    }

    public mutating func next(_ task: inout TaskState, context: TaskContext, result: ActionResult, shop: ShopState) -> Action {
        let b = task.barista
        let note = Self.describe(result, after: lastMove[b], shop: shop)
        orders.removeAll { !shop.isOpen($0) }
        let legal = options(for: b, shop: shop)
        // Nothing but idling is possible: no need to ask. This comes before any answer is taken,
        // so a shift played again takes each answer at the question it answered, never earlier.
        if legal.count == 1 {
            quiet[b] = legal.map(\.choice)
            return .finish
        }
        if taken < answers.list.count, answers.list[taken].barista == b {
            let choice = answers.list[taken].choice
            guard legal.contains(where: { $0.choice == choice }) else {
                refused = refused ?? ManualRefusal(answer: taken, barista: b, tick: shop.now)
                return .idle(1)
            }
            taken += 1
            switch choice {
            case .act(let action):
                lastMove[b] = action
                return action
            case .idleUntilNews:
                lastMove[b] = nil
                quiet[b] = legal.map(\.choice)
                return .finish
            }
        }
        if question == nil {
            question = ManualQuestion(barista: b, tick: shop.now, options: legal, note: note)
        }
        // A placeholder: this step is run again once the player has answered.
        return .idle(1)
    }

    /// Every legal move for a free barista, order by order (oldest first), then idling. Each is
    /// named by the BrewScript line that does the same. A finished product is offered for
    /// collecting only when no step that needs it can begin: that step collects it by itself.
    public func options(for barista: Int, shop: ShopState) -> [ManualOption] {
        var list: [ManualOption] = []
        var awaited: String?
        let costs = shop.config.costs
        for order in orders where shop.isOpen(order) {
            let item = shop.config.menu[shop.item(of: order)]
            let n = shop.number(of: order)
            var ready: [(step: Int, job: JobID)] = []
            var begun: Set<Int> = []
            for (s, step) in item.steps.enumerated() where !shop.isDone(order, step: s) {
                if let m = step.machine {
                    let machine = shop.config.machines[m].name
                    let handle = Self.handle(step.name)
                    if let job = shop.job(of: order, step: s) {
                        let p = shop.number(of: job)
                        if shop.isReady(job) {
                            ready.append((s, job))
                        } else {
                            awaited = awaited ?? handle
                            list.append(ManualOption(kind: .wait, choice: .act(.wait(job)),
                                                     label: "wait \(handle) — #\(n) at \(machine) (blocks)", line: "wait \(handle)",
                                                     order: n, product: p))
                            list.append(ManualOption(kind: .check, choice: .act(.check(job)),
                                                     label: "check \(handle) — #\(n) at \(machine) (polls)", line: "check \(handle)",
                                                     order: n, ticks: costs.checkTicks, product: p))
                        }
                    } else if !shop.isStarted(order, step: s), canBegin(order, step, shop), shop.freeSlots(m) > 0 {
                        begun.formUnion(step.after)
                        list.append(ManualOption(kind: .start, choice: .act(.start(order, step: s)),
                                                 label: "\(handle) = start \(step.name) o — #\(n) on \(machine)",
                                                 line: "\(handle) = start \(step.name) o on \(machine)", order: n,
                                                 ticks: shop.config.machines[m].loadTicks))
                    }
                } else if !shop.isStarted(order, step: s), canBegin(order, step, shop) {
                    begun.formUnion(step.after)
                    list.append(ManualOption(kind: .work, choice: .act(.work(order, step: s)),
                                             label: "\(step.name) o — #\(n) \(item.name)", line: "\(step.name) o", order: n,
                                             ticks: step.ticks))
                }
            }
            for (s, job) in ready where !begun.contains(s) {
                let step = item.steps[s]
                let machine = step.machine.map { shop.config.machines[$0].name } ?? "its machine"
                list.append(ManualOption(kind: .collect, choice: .act(.collect(job)),
                                         label: "collect \(Self.handle(step.name)) — #\(n) from \(machine)", line: "collect \(Self.handle(step.name))",
                                         order: n, ticks: costs.collectTicks, product: shop.number(of: job)))
            }
        }
        // Idling until news is what `await` does for a script: the barista is told when a product
        // is done (or a customer comes) instead of standing at the machine or looking again.
        list.append(ManualOption(kind: .idle, choice: .idleUntilNews,
                                 label: awaited.map { "await \($0) — free until it is done, or other news" }
                                     ?? "idle — until something changes",
                                 line: awaited.map { "await \($0)" } ?? "idle", order: nil, ticks: 0))
        return list
    }

    /// What a script would call a machine step's product: a brew gives a `shot`, any other its step's name.
    static func handle(_ step: String) -> String { step == "brew" ? "shot" : step }

    /// Whether every step a step comes after is done, or is a finished product to collect on the way.
    func canBegin(_ order: OrderID, _ step: Step, _ shop: ShopState) -> Bool {
        step.after.allSatisfy { d in
            shop.isDone(order, step: d) || (shop.job(of: order, step: d).map { shop.isReady($0) } ?? false)
        }
    }

    static func describe(_ result: ActionResult, after move: Action?, shop: ShopState) -> String? {
        switch (result, move) {
        case (.ready(let done), .check(let job)?):
            return "product \(shop.number(of: job)) is \(done ? "done" : "not done yet")"
        case (.job(let job), _):
            return "product \(shop.number(of: job)) is brewing"
        case (.gone, _):
            return "that customer has left"
        default:
            return nil
        }
    }
}
