import CoffeeEngine

/// A strategy written as one closure per task, for tests that state exact timelines.
struct ClosureStrategy: Strategy {
    struct TaskState {
        var stage = 0
        var job: JobID?
        var order: OrderID?
        var timer = -1
    }
    var crew: [Int] = [0]
    var policy: ReadyPolicy = .oldest
    var timers: [Int] = []
    var onArrival: (OrderID, ShopState, inout Spawner<TaskState>) -> Void = { order, _, spawn in
        spawn.spawn(TaskState(order: order), order: order)
    }
    var onTimer: (Int, ShopState, inout Spawner<TaskState>) -> Void = { _, _, _ in }
    var step: (inout TaskState, TaskContext, ActionResult, ShopState) -> Action

    mutating func orderArrived(_ order: OrderID, shop: ShopState, spawn: inout Spawner<TaskState>) {
        onArrival(order, shop, &spawn)
    }
    mutating func timerFired(_ timer: Int, shop: ShopState, spawn: inout Spawner<TaskState>) {
        onTimer(timer, shop, &spawn)
    }
    mutating func next(_ task: inout TaskState, context: TaskContext, result: ActionResult, shop: ShopState) -> Action {
        step(&task, context, result, shop)
    }
}

/// Runs a shift and returns its log as `tick: event` lines (barista state changes left out unless asked).
func timeline<S: Strategy>(_ config: ShopConfig, _ strategy: S, seed: UInt64 = 1, states: Bool = false) -> (log: [String], sim: Simulation<S>) {
    var log: [String] = []
    var sim = Simulation(config: config, strategy: strategy, seed: seed)
    sim.observer = { tick, event in
        if case .baristaState = event, !states { return }
        log.append("\(tick): \(event)")
    }
    sim.run()
    return (log, sim)
}

/// One espresso machine, one recipe: take 2 → brew 10 on the machine (load 1) → serve 1.
func smallShop(arrivals: [Int], slots: Int = 1, cooling: Int = 1_000, patience: Patience = Patience(),
               costs: Costs = Costs(switchTicks: 2, checkTicks: 1, collectTicks: 0)) -> ShopConfig {
    ShopConfig(
        menu: [MenuItem(name: "espresso", price: 300, cost: 40, steps: [
            .work("take", 2, after: []),
            .machine("brew", on: 0, 10, after: [0]),
            .work("serve", 1, after: [1]),
        ])],
        machines: [MachineKind(name: "espresso", slots: slots, loadTicks: 1)],
        wage: 1, costs: costs, coolingLimit: cooling, patience: patience,
        arrivals: .fixed(arrivals.map { Arrival(tick: $0, item: 0) }), duration: 1_000, closing: 500)
}

/// Walks the small recipe: take, start brew, then `sync` on the product, then serve.
func recipeStrategy(sync: @escaping (JobID) -> Action) -> ClosureStrategy {
    ClosureStrategy { task, _, result, _ in
        guard let order = task.order else { return .finish }
        task.stage += 1
        switch task.stage {
        case 1: return .work(order, step: 0)
        case 2: return .start(order, step: 1)
        case 3:
            if case .job(let j) = result { task.job = j }
            return sync(task.job!)
        case 4: return .work(order, step: 2)
        default: return .finish
        }
    }
}
