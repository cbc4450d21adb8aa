import CoffeeEngine
import CoffeeGame

/// What the screen needs of manual play: the question a free barista raises, and the answer.
public protocol ManualControl: AnyObject {
    /// The decision the shop waits for; the clock stands still until it is answered.
    var question: ManualQuestion? { get }
    func answer(_ option: ManualOption)
    /// Every answer given so far, in order.
    var answersGiven: [(barista: Int, choice: ManualChoice)] { get }
    /// The same shift at tick 0, to be played again with these answers (undo keeps all but the last).
    func replaying(answers: [(barista: Int, choice: ManualChoice)]) -> any PlayableShift
}

/// A hand-played shift (its rules are the game's, `CoffeeGame.ManualShift`) as the play screen
/// sees it: the screen shows its question and passes the chosen option back.
extension ManualShift: PlayableShift, ManualControl {
    public var manual: ManualControl? { self }

    public func replaying(answers: [(barista: Int, choice: ManualChoice)]) -> any PlayableShift {
        ManualShift(config: config, baristas: baristas, seed: sim.seed, answers: answers)
    }

    public func snapshot() -> ShiftSnapshot { ShiftSnapshot(tick: now, payload: state) }

    public func restore(_ snapshot: ShiftSnapshot) {
        guard let saved = snapshot.payload as? Simulation<ManualStrategy> else { return }
        restore(saved)
    }
}
