import CoffeeEngine
import Foundation
import Testing
@testable import CoffeeGame

/// A plain recipe-following strategy: each order is a task that does its next ready step; a
/// machine step is started and then either waited for at the machine (blocking) or awaited.
struct RecipeFollower: Strategy {
    struct TaskState {
        var order: OrderID
        var pending: [JobID] = []
    }
    var crew: [Int]
    var blocking: Bool

    init(baristas: Int, blocking: Bool) {
        crew = Array(repeating: 0, count: baristas)
        self.blocking = blocking
    }

    mutating func orderArrived(_ order: OrderID, shop: ShopState, spawn: inout Spawner<TaskState>) {
        spawn.spawn(TaskState(order: order), order: order)
    }

    mutating func next(_ task: inout TaskState, context: TaskContext, result: ActionResult, shop: ShopState) -> Action {
        switch result {
        case .gone: return .finish
        case .job(let job):
            if blocking { return .wait(job) }
            task.pending.append(job)
        default: break
        }
        guard shop.isOpen(task.order) else { return .finish }
        if let step = shop.nextStep(of: task.order) {
            let item = shop.config.menu[shop.item(of: task.order)]
            return item.steps[step].machine == nil ? .work(task.order, step: step) : .start(task.order, step: step)
        }
        if !task.pending.isEmpty { return .await(task.pending.removeFirst()) }
        return .finish
    }
}

/// What one shift of a shipped level gave, counted from its events.
struct ShiftTally {
    var served = 0
    var cold = 0
    var lost = 0
    var revenue = 0
    var endTick = 0
    var failed: String?

    init(level: Level, baristas: Int, blocking: Bool) {
        var sim = Simulation(config: level.config, strategy: RecipeFollower(baristas: baristas, blocking: blocking),
                             seed: level.practiceSeed)
        var items: [Int: Int] = [:]
        var tally = (served: 0, cold: 0, lost: 0, revenue: 0)
        let menu = level.config.menu
        sim.observer = { _, event in
            switch event {
            case let .orderArrived(o, i): items[o] = i
            case let .orderServed(o, _, cold):
                tally.served += 1
                if cold { tally.cold += 1 } else { tally.revenue += menu[items[o] ?? 0].price }
            case .customerLeft: tally.lost += 1
            default: break
            }
        }
        sim.run()
        served = tally.served
        cold = tally.cold
        lost = tally.lost
        revenue = tally.revenue
        endTick = sim.shop.now
        if case .failed(let f) = sim.status { failed = f.message }
    }

    /// Revenue less wages (ingredients of lost drinks not counted).
    func profit(_ level: Level, baristas: Int) -> Int { revenue - level.config.wage * baristas * endTick }
}

/// The shipped levels run in the engine, and each level's idea shows in its medals: a plain
/// strategy that uses the idea earns gold, a naive one falls short. (Stand-ins until the
/// BrewScript reference solutions exist; profit here leaves out ingredient waste.)
@Suite struct LevelPlayabilityTests {
    let catalog = LevelCatalog(folder: repositoryRoot + "/Levels")

    func medal(_ n: String, baristas: Int, blocking: Bool) throws -> Medal? {
        let level = try catalog.level(n)
        let t = ShiftTally(level: level, baristas: baristas, blocking: blocking)
        #expect(t.failed == nil, "level \(n): \(t.failed ?? "")")
        let value: Double = switch level.objective.metric {
        case .served: Double(t.served)
        case .profit: Double(t.profit(level, baristas: baristas))
        default: .nan
        }
        return level.objective.medal(for: value)
    }

    @Test func firstShotRewardsSteamingWhileTheShotBrews() throws {
        #expect(try medal("1", baristas: 1, blocking: false) == .gold)
        #expect(try medal("1", baristas: 1, blocking: true) == .bronze)
    }

    @Test func longBrewsRewardsAwaitingTheMachine() throws {
        #expect(try medal("2", baristas: 1, blocking: false) == .gold)
        #expect(try medal("2", baristas: 1, blocking: true) == nil)
    }

    @Test func manyHandsRewardsJustEnoughBaristas() throws {
        #expect(try medal("6", baristas: 2, blocking: false) == .gold)
        #expect(try medal("6", baristas: 1, blocking: false) == .bronze)   // too few for the rush
        #expect(try medal("6", baristas: 4, blocking: false) == .silver)   // two wages too many
        #expect(try medal("6", baristas: 5, blocking: true) == nil)        // hiring instead of awaiting
    }
}
