@testable import CoffeeEngine
import Testing

/// The crew on its own: the baristas' time, who is woken, and the stations they use.
@Suite("The crew")
struct CrewTests {
    @Test func aBaristasTimeIsCountedByClassAndOnlyAChangeIsTold() {
        var crew = Crew(roles: [0, 1], stations: 0)
        // Everyone starts idle: idle again is no news.
        #expect(crew.setClass(0, .idle, at: 3, profiling: false) == nil)
        #expect(crew.setClass(0, .valueAdding, at: 4, profiling: false) == .baristaState(barista: 0, state: .valueAdding))
        #expect(crew.setClass(0, .valueAdding, at: 6, profiling: false) == nil)
        #expect(crew.setClass(0, .waiting, at: 9, profiling: false) == .baristaState(barista: 0, state: .waiting))
        crew.close(at: 12, profiling: false)
        // Idle 0–4, value-adding 4–9, waiting 9–12; the other barista idle all along.
        #expect(crew.members[0].ticks.counts == (5, 3, 0, 0, 4))
        #expect(crew.members[1].ticks.counts == (0, 0, 0, 0, 12))
    }

    @Test func whileProfilingEachLineGetsTheTicksSpentOnIt() {
        var crew = Crew(roles: [0], stations: 0)
        crew.attribute(0, to: 7, at: 0)
        _ = crew.setClass(0, .valueAdding, at: 2, profiling: true)
        crew.attribute(0, to: 9, at: 5)
        crew.close(at: 8, profiling: true)
        #expect(crew.profile.lineTicks == [
            LineTicks(barista: 0, line: 7, valueAdding: 3, waiting: 0, polling: 0, switching: 0, idle: 2),
            LineTicks(barista: 0, line: 9, valueAdding: 3, waiting: 0, polling: 0, switching: 0, idle: 0),
        ])
    }

    @Test func decisionsAreCountedPerTickUpToTheLimit() {
        var crew = Crew(roles: [0, 0], stations: 0)
        let three = [crew.countDecision(0, at: 5, limit: 2), crew.countDecision(0, at: 5, limit: 2),
                     crew.countDecision(0, at: 5, limit: 2)]
        #expect(three == [true, true, false])
        // Another barista, or the same one at the next tick, starts again from none.
        let other = crew.countDecision(1, at: 5, limit: 2), later = crew.countDecision(0, at: 6, limit: 2)
        #expect(other && later)
        #expect(crew.members[0].decisions == 1)
    }

    @Test func theStrategyHearsABaristaIsIdleOnceATick() {
        var crew = Crew(roles: [0], stations: 0)
        let told = [crew.firstIdle(0, at: 4), crew.firstIdle(0, at: 4), crew.firstIdle(0, at: 5)]
        #expect(told == [true, false, true])
    }

    @Test func aBaristaTakesPutsDownAndBlocksOnItsTask() {
        var crew = Crew(roles: [0], stations: 0)
        crew.take(Slot(2), by: 0)
        crew.block(0, on: Slot(5))
        #expect((crew.members[0].task, crew.members[0].activity) == (Slot(2), .blocked(job: Slot(5))))
        crew.endActivity(0)
        crew.putDown(0)
        #expect((crew.members[0].task, crew.members[0].activity) == (.none, .none))
    }

    @Test func anActivityEndsWithTheTokenItBeganWithUnlessCutShort() {
        var crew = Crew(roles: [0], stations: 0)
        let first = crew.begin(0, .idling, at: 10, ticks: 5)
        #expect((crew.members[0].until, crew.members[0].busySince, crew.members[0].activity) == (15, 10, .idling))
        crew.interrupt(0)
        #expect(crew.members[0].activity == .none)
        let second = crew.begin(0, .idling, at: 11, ticks: 1)
        #expect(first == 0 && second == 1)
    }

    @Test func aBaristaIsWokenOnceAnEventAndParkedOnesWithTheNext() {
        var crew = Crew(roles: [0, 0, 1], stations: 0)
        crew.queueWake(2)
        crew.queueWake(0)
        crew.queueWake(2)
        #expect(crew.wakeCount == 2)
        #expect(Array(crew.wakeList.prefix(crew.wakeCount)) == [2, 0])
        crew.park(1)
        crew.park(1)
        #expect(crew.parked == [1] && crew.members[1].parked)
        crew.wakeParked()
        #expect(crew.parked == [] && !crew.members[1].parked)
        #expect(crew.wakeCount == 3 && crew.wakeList[2] == 1)
        // Letting go of its task wakes a barista, once per event.
        crew.clearWakeList()
        crew.members[2].wakeQueued = false
        crew.members[2].task = Slot(Int32(5))
        crew.letGo(2)
        crew.letGo(2)
        #expect(crew.members[2].task.isNone && crew.members[2].activity == .none && crew.wakeCount == 1 && crew.wakeList[0] == 2)
        #expect(crew.firstFree(role: 0) == 0)
        crew.members[0].task = Slot(Int32(4))
        #expect(crew.firstFree(role: 0) == 1)
        #expect(crew.firstFree(role: 1) == 2)
        #expect((crew.has(role: 1), crew.has(role: 2), crew.has(role: -1), crew.roleCount) == (true, false, false, 2))
    }

    @Test func aStationLeftGoesToTheFirstBaristaStillQueuedForOne() {
        let order = Slot<OrderRecord>(Int32(3))
        var crew = Crew(roles: [0, 0, 0], stations: 1)
        #expect(crew.stations.firstFree() == 0)
        #expect(crew.takeStation(0, by: 0) == false)
        crew.queueForStation(1, order: order, step: 2)
        crew.queueForStation(2, order: order, step: 4)
        // Barista 1's customer left: it stops waiting, so barista 2 is next.
        crew.leaveStationQueue(1)
        crew.members[1].activity = .none
        #expect(crew.stations.waiting == [2])
        let next = crew.handOver(0, from: 0)
        #expect(next?.barista == 2 && next?.order == order && next?.step == 4)
        // Barista 0 used the station last: barista 2 pays a switch.
        #expect(next?.switches == true)
        #expect((crew.members[0].station, crew.members[2].station, crew.stations.user) == (nil, 0, [2]))
        #expect(crew.invariantViolations() == [])
        // Nobody queued: the station stays free.
        #expect(crew.handOver(0, from: 2) == nil)
        #expect(crew.stations.user == [nil] && crew.stations.lastUser == [2])
    }
}
