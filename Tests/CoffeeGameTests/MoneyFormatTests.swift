import CoffeeGame
import Testing

/// Money in dollars everywhere, through one formatter; other figures as a player reads them.
@Suite struct MoneyFormatTests {
    @Test func moneyMetricsReadInDollars() {
        #expect(Metric.profit.format(5273) == "$52.73")
        #expect(Metric.profit.format(5100) == "$51.00")
        #expect(Metric.revenue.format(5) == "$0.05")
        #expect(Metric.profit.format(-40) == "-$0.40")
        #expect(Metric.profit.format(5273.4) == "$52.73")
        #expect(Metric.profit.format(.nan) == "–")
        #expect(Metric.dollars(cents: 1205) == "$12.05")
        #expect(ScoreCard.money(-1205) == "-$12.05")
    }

    @Test func otherMetricsReadAsCountsTicksAndPercent() {
        #expect(Metric.served.format(3) == "3")
        #expect(Metric.leadTimeMean.format(31.456) == "31.46")
        #expect(Metric.leadTimeMean.format(31.5) == "31.5")
        #expect(Metric.valueAdded.format(0.62) == "62%")
        #expect(Metric.profit.formatDistance(-320) == "$3.20")
    }

    @Test func theLevelSheetStatesTheMedalsInDollars() throws {
        let level = try LevelCatalog.resolve("2", currentDirectory: repositoryRoot)
        #expect(LevelSheet.render(level).hasSuffix(
            "objective: max profit: bronze $20.00, silver $40.00, gold $51.00 (medals are earned on hidden evaluation seeds: barista eval), and only with at least 90% of the customers served"))
    }
}
