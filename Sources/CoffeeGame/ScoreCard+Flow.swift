import CoffeeEngine

extension ScoreCard {
    /// Little's law, both sides: the mean number of orders in the shop against throughput (served
    /// a tick) × mean lead time. They agree when every customer is served (the shift ends with the
    /// last order); a lost customer's lead time is a penalty, not time in the shop, so they part.
    public static func littlesLaw(_ m: ShiftMetrics) -> String {
        let perTick = m.endTick == 0 ? 0 : Double(m.served) / Double(m.endTick)
        let product = perTick * m.leadTime.mean
        var line = "little's law orders in shop \(fixed(m.wipMean)) ≈ throughput \(fixed(perTick * 100)) per 100 ticks"
            + " × lead time \(fixed(m.leadTime.mean)) = \(fixed(product))"
        if m.lost > 0 { line += "   (lost customers count a penalty lead time, so the sides part)" }
        return line
    }
}
