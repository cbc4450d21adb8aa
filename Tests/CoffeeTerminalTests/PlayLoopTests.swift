import CoffeeEngine
import CoffeeGame
@testable import CoffeeTerminal
import Testing

/// The loop on the in-memory terminal, with its virtual clock.
@Suite struct PlayLoopTests {
    @Test func noCPUWhilePaused() throws {
        let s = try Fixture.session(briefing: true)
        let t = MemoryTerminal(inputs: [])
        let exit = PlayLoop.run(s, on: t)
        // One frame, then a wait without a timeout: the process sleeps until input comes.
        #expect(t.waits == [nil])
        #expect(t.frames.count == 1)
        #expect(exit == .signal(.hangup))
    }

    @Test func oneTimesSpeedIsFourTicksASecondAndDrawsOncePerTick() throws {
        let s = try Fixture.session()
        let t = MemoryTerminal(inputs: [.wait(5), .events([.key(.char("q"))])])
        #expect(PlayLoop.run(s, on: t) == .quit)
        #expect(s.player.shift.now == 20)
        #expect(t.frames.count <= 22)
        // Between ticks only what changed is written: far less than the screen.
        let later = t.changedCells.dropFirst()
        #expect(later.allSatisfy { $0 < 80 * 24 / 4 })
        // The loop sleeps until the next tick is due, not in short polls.
        #expect(t.waits.compactMap { $0 }.allSatisfy { $0 >= 0.2 || $0 == 0 })
    }

    @Test func atMostSixtyFramesASecond() throws {
        let s = try Fixture.session()
        let faster = Array(repeating: TerminalEvent.key(.char("+")), count: 6)
        let t = MemoryTerminal(inputs: [.events(faster), .wait(1), .events([.key(.char("q"))])])
        _ = PlayLoop.run(s, on: t)
        #expect(s.player.speedLabel == "64×")
        let times = t.frameTimes.filter { $0 > 0 }
        #expect(times.count <= 61)
        expectAtMostSixtyASecond(t.frameTimes)
        // At 64× the fixture's shift (it ends at tick 89) runs to its end within the second.
        #expect(s.player.shift.now == 89)
        #expect(s.player.isFinished)
    }

    @Test func maxSpeedRunsTheShiftToTheEnd() throws {
        let s = try Fixture.session()
        let max = Array(repeating: TerminalEvent.key(.char("+")), count: 7)
        let t = MemoryTerminal(inputs: [.events(max), .wait(1), .events([.key(.char("q"))])])
        _ = PlayLoop.run(s, on: t)
        #expect(s.player.isFinished)
        #expect(t.lastFrame?.text.contains("SHIFT OVER") == true)
    }

    @Test func resizeRedrawsAndTooSmallSaysSo() throws {
        let s = try Fixture.session()
        let t = MemoryTerminal(inputs: [
            .events([.key(.char(" "))]), .wait(0.05),
            .events([.resize(TerminalSize(columns: 100, rows: 30))]), .wait(0.05),
            .events([.resize(TerminalSize(columns: 70, rows: 20))]), .wait(0.05),
            .events([.key(.char("q"))]),
        ])
        _ = PlayLoop.run(s, on: t)
        let sizes = t.frames.map { "\($0.width)×\($0.height)" }
        #expect(sizes.suffix(2) == ["100×30", "70×20"])
        #expect(t.lastFrame?.text.contains("needs a window of at least 80×24") == true)
    }

    @Test func signalsEndTheLoop() throws {
        for signal in [TerminalSignal.terminate, .hangup, .interrupt] {
            let s = try Fixture.session()
            let t = MemoryTerminal(inputs: [.events([.signal(signal)])])
            #expect(PlayLoop.run(s, on: t) == .signal(signal))
        }
    }

    @Test func keysFasterThanFramesAreDrawnTogether() throws {
        let s = try Fixture.session()
        let t = MemoryTerminal(inputs: [.events([.key(.char(" "))]), .wait(0.001), .events([.key(.char("+"))]),
                                        .wait(0.001), .events([.key(.char("+"))]), .wait(0.1), .events([.key(.char("q"))])])
        _ = PlayLoop.run(s, on: t)
        expectAtMostSixtyASecond(t.frameTimes)
        #expect(t.frames.count <= 3)
        #expect(t.lastFrame?.text.contains("paused 4×") == true)
    }

    @Test func aManualQuestionStopsTheClock() throws {
        let s = try Fixture.session(mode: nil)
        let t = MemoryTerminal(inputs: [.wait(3), .events([.key(.char("q"))])])
        _ = PlayLoop.run(s, on: t)
        #expect(s.player.shift.now == 0)
        #expect(t.waits.contains { $0 == nil })
    }
}

/// No one-second window holds more than 60 frames, and no two frames come closer than half an interval.
func expectAtMostSixtyASecond(_ times: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
    for (i, t) in times.enumerated() {
        let inWindow = times[i...].prefix { $0 < t + 1 - 1e-9 }.count
        #expect(inWindow <= 60, "\(inWindow) frames in the second from \(t)", sourceLocation: sourceLocation)
    }
    for (a, b) in zip(times, times.dropFirst()) {
        #expect(b - a >= PlayLoop.frameInterval / 2 - 1e-9, sourceLocation: sourceLocation)
    }
}

/// Seeking through a shift with snapshots.
@Suite struct SeekTests {
    @Test func seekingBackAndForthGivesTheSameShiftAsPlayingStraight() throws {
        let straight = try Fixture.session(replay: true)
        straight.player.advance(to: 70)
        let s = try Fixture.session(replay: true)
        s.player.advance(to: 90)
        s.player.seek(to: 12)
        #expect(s.player.shift.now == 12)
        s.player.seek(to: 70)
        #expect(s.player.shift.now == 70)
        #expect(s.player.shift.digest == straight.player.shift.digest)
        #expect(s.player.history.lanes == straight.player.history.lanes)
        #expect(s.player.history.log == straight.player.history.log)
        #expect(s.render(size: Fixture.size) == straight.render(size: Fixture.size))
    }

    @Test func seekingBackFromTheEnd() throws {
        let s = try Fixture.session(replay: true)
        s.player.advance(to: 10_000)
        #expect(s.player.isFinished)
        s.handle(.home)
        #expect(s.player.shift.now == 0 && !s.player.isFinished && s.player.paused)
        s.handle(.right)
        #expect(s.player.shift.now == 10)
        // A page is 100 ticks; from tick 10 that is past the end of the shift (tick 89), so it stops there.
        s.handle(.pageDown)
        #expect(s.player.shift.now == 89)
        #expect(s.player.isFinished)
        s.handle(.pageUp)
        s.handle(.pageUp)
        #expect(s.player.shift.now == 0)
    }

    @Test func snapshotsAreKeptAsTheShiftRuns() throws {
        let s = try Fixture.session(replay: true)
        s.player.advance(to: 10_000)
        let ticks = s.player.snapshots.map(\.tick)
        #expect(ticks.first == -1)
        #expect(ticks.count >= 3)
        for (a, b) in zip(ticks.dropFirst(), ticks.dropFirst(2)) { #expect(b - a >= s.player.snapshotSpacing) }
    }

    @Test func aLongDayKeepsABoundedNumberOfSnapshots() throws {
        let level = try LevelLoader.load(yaml: Fixture.longDay(duration: 40_000), path: "08-long.yaml")
        let player = try ShiftPlayer(source: BuiltInSource(level: level, mode: .event))
        player.advance(to: 30_000)
        #expect(player.snapshots.count <= ShiftPlayer.maxSnapshots)
        #expect(player.snapshotSpacing > ShiftPlayer.snapshotEvery)
        player.seek(to: 123)
        #expect(player.shift.now == 123)
    }

    @Test func aRunIsRecordedOnceEvenIfSeenTwice() throws {
        var recorded = 0
        let s = try Fixture.session(onFinish: { _ in
            recorded += 1
            return nil
        })
        s.player.advance(to: 10_000)
        s.player.seek(to: 0)
        s.player.advance(to: 10_000)
        #expect(recorded == 1)
    }

    @Test func aReplayIsCheckedAgainstItsDigest() throws {
        let level = try Fixture.level()
        var result: RunResult?
        let s = try Fixture.session(onFinish: { result = $0; return nil })
        s.player.advance(to: 10_000)
        let digest = try #require(result?.digest)
        #expect(try ReplayCheck.verify(BuiltInSource(level: level, mode: .event), digest: digest))
        #expect(try !ReplayCheck.verify(BuiltInSource(level: level, mode: .blocking), digest: digest))
    }

    @Test func aManualRunReplaysFromItsAnswers() throws {
        let s = try Fixture.session(mode: nil)
        ManualPlayTests.playGreedily(s)
        let manual = try #require(s.player.shift as? ManualShift)
        let source = ManualSource(level: try Fixture.level(), answers: manual.answersGiven)
        #expect(try ReplayCheck.verify(source, digest: s.player.shift.digest))
        let short = ManualSource(level: try Fixture.level(), answers: Array(manual.answersGiven.prefix(3)))
        #expect(throws: ShiftSourceError.self) { try ReplayCheck.digest(of: short) }
    }

    @Test func aReplayIsNeverRecorded() throws {
        var recorded = 0
        let s = try Fixture.session(replay: true, onFinish: { _ in
            recorded += 1
            return nil
        })
        s.player.advance(to: 10_000)
        #expect(recorded == 0)
        #expect(s.frame().card?.mode == .replay)
    }
}
