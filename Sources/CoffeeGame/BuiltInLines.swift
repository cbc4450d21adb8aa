import CoffeeEngine

/// A built-in strategy that keeps, in each task's state, the line of its pseudo-script
/// (`BuiltInScript`) that the action it chose last stands on, and answers `line(of:)` with it: so
/// a built-in plays `LineProfiled` like a script, and the engine attributes its ticks itself. The
/// decisions are `RecipeStrategy`'s, unchanged: the same shift, the same digest.
public struct BuiltInLines: Strategy {
    public struct TaskState {
        var base: RecipeStrategy.TaskState
        /// The pseudo-script line of the last action; 0 before the first.
        var line: Int
    }

    public var base: RecipeStrategy

    public init(_ base: RecipeStrategy) { self.base = base }

    public var crew: [Int] { base.crew }
    public var policy: ReadyPolicy { base.policy }
    public var timers: [Int] { base.timers }
    public var wantsIdleTasks: Bool { base.wantsIdleTasks }

    public mutating func orderArrived(_ order: OrderID, shop: ShopState, spawn: inout Spawner<TaskState>) {
        var inner = Spawner<RecipeStrategy.TaskState>()
        base.orderArrived(order, shop: shop, spawn: &inner)
        forward(inner, to: &spawn)
    }

    public mutating func timerFired(_ timer: Int, shop: ShopState, spawn: inout Spawner<TaskState>) {
        var inner = Spawner<RecipeStrategy.TaskState>()
        base.timerFired(timer, shop: shop, spawn: &inner)
        forward(inner, to: &spawn)
    }

    public mutating func baristaIdle(_ barista: Int, role: Int, shop: ShopState, spawn: inout Spawner<TaskState>) {
        var inner = Spawner<RecipeStrategy.TaskState>()
        base.baristaIdle(barista, role: role, shop: shop, spawn: &inner)
        forward(inner, to: &spawn)
    }

    public mutating func next(_ task: inout TaskState, context: TaskContext, result: ActionResult, shop: ShopState) -> Action {
        let action = base.next(&task.base, context: context, result: result, shop: shop)
        if let line = BuiltInScript.line(for: base.mode, action: action) { task.line = line }
        return action
    }

    public func line(of task: TaskState) -> Int { task.line }

    /// Spawns what the built-in spawned, each with line 0.
    private func forward(_ inner: Spawner<RecipeStrategy.TaskState>, to spawn: inout Spawner<TaskState>) {
        inner.forward(into: &spawn) { TaskState(base: $0, line: 0) }
    }
}

extension ShiftRunner {
    /// Runs a built-in strategy with every barista tick attributed by the engine to the line of
    /// its pseudo-script (`BuiltInScript`) whose command the barista is carrying out
    /// (`LineProfiled<BuiltInLines>`): the same decisions, so the same shift and digest as
    /// `run(level:mode:baristas:seed:)`, and its profile.
    public static func profile(level: Level, mode: RecipeStrategy.Mode, baristas: Int? = nil,
                               seed: UInt64? = nil) -> (result: RunResult, profile: ScriptProfile) {
        let crew = baristas ?? level.config.baristas
        var sim = Simulation(config: level.config, strategy: LineProfiled(BuiltInLines(RecipeStrategy(mode: mode, baristas: crew))),
                             seed: seed ?? level.practiceSeed)
        sim.run()
        let result = result(of: sim, level: level, strategy: mode.rawValue, baristas: crew)
        return (result, ScriptProfile(file: "built-in \(mode.rawValue)", source: BuiltInScript.text(for: mode),
                                      attribution: sim.lineProfile))
    }
}
