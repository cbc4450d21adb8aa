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
