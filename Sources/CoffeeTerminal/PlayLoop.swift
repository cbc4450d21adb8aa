/// The play loop: lets time pass, draws when something changed, and sleeps in between —
/// until the next tick is due, or, while paused, until a key or a signal comes (no CPU used).
public enum PlayLoop {
    /// At most 60 frames a second.
    public static let frameInterval = 1.0 / 60
    /// At "max" speed the shift runs this long per frame, leaving the rest of the frame to drawing.
    public static let simulationBudget = 0.012

    public static func run(_ session: PlaySession, on backend: TerminalBackend) -> PlayExit {
        var last = backend.now()
        var lastFrame = -Double.infinity
        var dirty = true
        while true {
            let now = backend.now()
            if session.update(elapsed: now - last, deadline: now + simulationBudget, now: backend.now) { dirty = true }
            last = now
            if let exit = session.exit { return exit }
            if dirty {
                backend.present(session.render(size: backend.size))
                lastFrame = backend.now()
                dirty = false
            }
            let events = backend.waitForEvents(timeout: timeout(session.player, now: backend.now(), lastFrame: lastFrame))
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

    /// How long to sleep: `nil` (until input) when the clock is stopped, otherwise until the next
    /// whole tick is due, but never sooner than the next frame.
    static func timeout(_ player: ShiftPlayer, now: Double, lastFrame: Double) -> Double? {
        guard player.isRunning else { return nil }
        let nextFrame = max(0, lastFrame + frameInterval - now)
        guard let speed = player.speed else { return nextFrame }
        let rate = ShiftPlayer.ticksPerSecond * Double(speed)
        let toNextTick = (player.clock.rounded(.down) + 1 - player.clock) / rate
        return max(nextFrame, toNextTick)
    }
}
