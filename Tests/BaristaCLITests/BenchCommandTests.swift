@testable import barista
import Foundation
import Testing

/// `barista bench --script`: the shift budget grows with the benchmark day, so a long day is
/// measured whole rather than ending on the budget.
@Suite struct BenchCommandTests {
    @Test func theShiftBudgetGrowsWithTheDay() {
        #expect(Bench.scriptLimits(orders: 1_000_000).shiftBudget == 200_000_000)
        #expect(Bench.scriptLimits(orders: 100_000).shiftBudget == 20_000_000)
        #expect(Bench.scriptLimits(orders: 100_001).shiftBudget == 20_000_200)
        #expect(Bench.scriptLimits(orders: 1_000).shiftBudget == 20_000_000)
        #expect(Bench.scriptLimits(orders: -5).shiftBudget == 20_000_000)
        #expect(Bench.scriptLimits(orders: Int.max).shiftBudget == Int.max)
    }
}
