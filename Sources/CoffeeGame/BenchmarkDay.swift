import CoffeeEngine

/// The day the engine benchmark runs: 4 baristas, 5 espresso slots, a customer every 6 ticks on
/// average, half of them lattes. take 2 → grind 3 → brew 25 on the machine ‖ steam 8 → serve 3.
public enum BenchmarkDay {
    public static let meanGap = 6.0

    public static func config(orders: Int) -> ShopConfig {
        ShopConfig(
            menu: [
                MenuItem(name: "espresso", price: 250, steps: [
                    .work("take", 2, after: []), .work("grind", 3, after: [0]),
                    .machine("brew", on: 0, 25, after: [1]), .work("serve", 3, after: [2]),
                ]),
                MenuItem(name: "latte", price: 380, tags: ["milk"], steps: [
                    .work("take", 2, after: []), .work("grind", 3, after: [0]),
                    .machine("brew", on: 0, 25, after: [1]), .work("steam", 8, after: [1]),
                    .work("serve", 3, after: [2, 3]),
                ]),
            ],
            machines: [MachineKind(name: "espresso", slots: 5, loadTicks: 0)],
            baristas: 4, wage: 1, costs: Costs(switchTicks: 1, checkTicks: 1, collectTicks: 0),
            arrivals: .poisson(meanGap: meanGap, rush: []),
            duration: Int(Double(orders) * meanGap), closing: 10_000)
    }
}

extension BenchmarkDay {
    /// The benchmark day as a level, so a script can be compiled against it.
    public static func level(orders: Int) -> Level {
        Level(number: nil, slug: "benchmark-day", title: "Benchmark Day", idea: "speed", briefing: "",
              objective: Objective(metric: .served, medals: MedalThresholds(bronze: 1, silver: 2, gold: 3)),
              practiceSeed: 1, boundRatio: nil, sourcePath: "", contentHash: "benchmark", config: config(orders: orders))
    }
}
