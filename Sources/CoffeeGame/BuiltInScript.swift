import CoffeeEngine

/// The built-in strategies written out as scripts: the real ones are Swift (`RecipeStrategy`), so
/// these are their reading, line for line with what a barista is doing. The play screen's script
/// panel shows them, and a built-in's profile (`ShiftRunner.profile(level:mode:)`) and heat
/// column put its ticks on their lines (`BuiltInLines`, through `line(for:action:)`).
public enum BuiltInScript {
    static let blocking = """
        # built-in 'blocking' strategy (Swift), read as a script
        on order o:
            while o has a step to do:
                if the step runs on a machine:
                    p = start it on the machine
                    wait p        # stand at the machine until done
                else:
                    do it         # hands-on work
        """
    static let polling = """
        # built-in 'polling' strategy (Swift), read as a script
        on order o:
            while o has a step to do:
                if the step runs on a machine:
                    p = start it on the machine
                    while not check p:   # look again, and again
                        pass
                else:
                    do it         # hands-on work
        """
    static let event = """
        # built-in 'event' strategy (Swift), read as a script
        on order o:
            while o is not served:
                if a product of o is done:
                    collect it
                elif o has a step to do:
                    if it runs on a machine:
                        p = start it on the machine
                    else:
                        do it     # steam while the shot brews
                else:
                    await p       # sleep; the barista serves others
        """

    public static func text(for mode: RecipeStrategy.Mode) -> String {
        switch mode {
        case .blocking: blocking
        case .polling: polling
        case .event: event
        }
    }

    /// What a barista does, as the pseudo-scripts' lines tell it apart.
    enum Stage { case start, wait, check, collect, work }

    /// The line (1-based) of `mode`'s script that `stage` stands on. A product is collected on the
    /// line of the step that comes after it (blocking, polling) or on its own line (event).
    static func line(for mode: RecipeStrategy.Mode, _ stage: Stage) -> Int {
        switch (mode, stage) {
        case (.blocking, .start): 5
        case (.blocking, .wait): 6
        case (.blocking, _): 8
        case (.polling, .start): 5
        case (.polling, .check), (.polling, .wait): 6
        case (.polling, _): 9
        case (.event, .collect): 5
        case (.event, .start): 8
        case (.event, .wait), (.event, .check): 12
        case (.event, .work): 10
        }
    }

    /// The line of the script whose command the built-in carries out with `action`; `nil` for an
    /// action that holds no barista (`await`: the barista lets go; `finish`), which keeps the task's line.
    public static func line(for mode: RecipeStrategy.Mode, action: Action) -> Int? {
        let stage: Stage
        switch action {
        case .start: stage = .start
        case .wait: stage = .wait
        case .check: stage = .check
        case .collect: stage = .collect
        case .work, .idle: stage = .work  // a task idling stands on its working line
        case .await, .finish, .fail, .sleep, .yield, .send: return nil
        }
        return line(for: mode, stage)
    }

    /// The line of the script that a barista doing `activity` is on, for the script panel's
    /// marker; `nil` for a barista holding no task (between tasks).
    public static func line(for mode: RecipeStrategy.Mode, activity: BaristaActivity) -> Int? {
        let stage: Stage
        switch activity {
        case .free, .idling: return nil
        case .loading: stage = .start
        case .waiting: stage = .wait
        case .checking: stage = .check
        case .collecting: stage = .collect
        case .working, .switching, .queuedForStation: stage = .work
        }
        return line(for: mode, stage)
    }
}
