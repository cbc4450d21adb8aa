/// The play loop: lets time pass, draws when something changed (at most 60 frames a second), and
/// sleeps in between — until the next tick or frame is due, or, while the clock stands still,
/// until a key or a signal comes (no CPU used).
///
/// Frames keep a cadence: each is due one interval after the one before was due (never sooner
/// than half an interval after the last was drawn), so the time it takes to draw one does not
/// slow the rate down; at "max" speed the shift runs until the next frame is due.
public enum PlayLoop {
    public static let frameInterval = 1.0 / 60

    public static func run(_ session: PlaySession, on backend: TerminalBackend) -> PlayExit {
        var last = backend.now()
        var nextFrame = last
        var dirty = true
        while true {
            session.noteSize(backend.size)
            let now = backend.now()
            let deadline = max(now + 0.001, nextFrame)
            if session.update(elapsed: now - last, deadline: deadline, now: backend.now) { dirty = true }
            last = now
            if let exit = session.exit { return exit }
            let drawAt = backend.now()
            if dirty, drawAt >= nextFrame {
                backend.present(session.render(size: backend.size))
                nextFrame = max(nextFrame + frameInterval, drawAt + frameInterval / 2)
                dirty = false
            }
            let events = backend.waitForEvents(timeout: timeout(session.player, dirty: dirty, now: backend.now(),
                                                                nextFrame: nextFrame))
            for event in events {
                switch event {
                case .key(let key):
                    session.handle(key)
                    dirty = true
                case .resize:
                    dirty = true
                case .signal(let s):
                    return .signal(s)
                }
                if let exit = session.exit { return exit }
            }
        }
    }

    /// How long to sleep: until the pending frame may be drawn; while the clock runs, until the
    /// next whole tick is due but never before the next frame (at "max", not at all); otherwise
    /// `nil`, until input comes.
    static func timeout(_ player: ShiftPlayer, dirty: Bool, now: Double, nextFrame: Double) -> Double? {
        let toFrame = max(0, nextFrame - now)
        if dirty { return toFrame }
        guard player.isRunning else { return nil }
        guard let speed = player.speed else { return 0 }
        let rate = ShiftPlayer.ticksPerSecond * Double(speed)
        let toNextTick = (player.clock.rounded(.down) + 1 - player.clock) / rate
        return max(toFrame, toNextTick)
    }
}
