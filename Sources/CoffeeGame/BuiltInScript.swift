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

    /// The line (1-based) of the script whose command the built-in carries out with `action`;
    /// `nil` for an action that holds no barista (`await`: the barista lets go; `finish`), which
    /// keeps the task's line. A product is collected on the line of the step that comes after it
    /// (blocking, polling) or on its own line (event).
    public static func line(for mode: RecipeStrategy.Mode, action: Action) -> Int? {
        switch (mode, action) {
        case (_, .await), (_, .finish), (_, .fail), (_, .sleep), (_, .yield), (_, .send): nil
        case (.blocking, .start): 5
        case (.blocking, .wait): 6
        case (.blocking, _): 8
        case (.polling, .start): 5
        case (.polling, .check), (.polling, .wait): 6
        case (.polling, _): 9
        case (.event, .collect): 5
        case (.event, .start): 8
        case (.event, .wait), (.event, .check): 12
        case (.event, _): 10
        }
    }

    /// The line (1-based) of the script that a barista doing `activity` is on, for the script
    /// panel's marker; `nil` for a barista holding no task (between tasks).
    public static func line(for mode: RecipeStrategy.Mode, activity: BaristaActivity) -> Int? {
        switch (mode, activity) {
        case (_, .free), (_, .idling): nil
        case (.blocking, .loading): 5
        case (.blocking, .waiting): 6
        case (.blocking, _): 8
        case (.polling, .loading): 5
        case (.polling, .checking), (.polling, .waiting): 6
        case (.polling, _): 9
        case (.event, .collecting): 5
        case (.event, .loading): 8
        case (.event, .waiting): 12
        case (.event, _): 10
        }
    }
}
