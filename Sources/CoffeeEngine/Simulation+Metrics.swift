extension Simulation {
    /// The score card so far (final once the shift is over).
    public var metrics: ShiftMetrics {
        let end = isFinished ? tally.endTick : shop.now
        let m = tally
        let team = crew.members.enumerated().map { b, state -> BaristaMetrics in
            var t = state.ticks
            if !isFinished { t.add(state.tickClass, shop.now - state.since) }
            let c = t.counts
            return BaristaMetrics(role: state.role, valueAdding: c.0, waiting: c.1, polling: c.2, switching: c.3, idle: c.4)
        }
        let machines = shop.bank.machines.enumerated().map { i, state -> MachineMetrics in
            var s = state
            if !isFinished { s.account(to: shop.now) }
            let total = s.slots * end
            return MachineMetrics(name: shop.config.machines[i].name, slots: s.slots, busy: s.busyTicks,
                                  holding: s.holdingTicks, idle: max(0, total - s.busyTicks - s.holdingTicks))
        }
        let valueAdding = team.reduce(0) { $0 + $1.valueAdding }
        let total = team.reduce(0) { $0 + $1.total }
        let wages = shop.config.wage * crew.count * end
        let lost = m.lost.reduce(0, +)
        return ShiftMetrics(
            endTick: end, arrived: shop.ordersArrived, served: m.served, lost: lost,
            lostNotAcknowledged: m.lost[0], lostNotServed: m.lost[1], lostAtClosing: m.lost[2], cold: m.cold,
            throughput: end == 0 ? 0 : (Double(m.served) * 10_000 / Double(end)).rounded() / 100,
            leadTime: m.lead.summary, counterWait: m.counterWait.summary,
            wipMean: end == 0 ? 0 : (Double(m.wipIntegral) * 100 / Double(end)).rounded() / 100,
            wipMax: m.wipMax, wipSeries: m.wipSeries,
            baristas: team, machines: machines,
            valueAddedRatio: total == 0 ? 0 : (Double(valueAdding) * 10_000 / Double(total)).rounded() / 10_000,
            checks: m.checks, preemptions: m.preemptions,
            revenue: m.revenue, wages: wages, waste: m.waste, profit: m.revenue - wages - m.waste)
    }
}
