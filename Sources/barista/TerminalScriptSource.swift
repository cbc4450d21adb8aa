import CoffeeGame
import CoffeeTerminal

/// The play screen's source for a BrewScript file. To be wired by the lead once scripts are bound
/// to the engine: conform a type to `ShiftSource` whose `makeShift()` returns
/// `SimulationShift(sim, currentLine: { sim, b in … }, result: { … })`, whose `reloaded()` reads
/// and compiles the file again (compile errors as `ShiftSourceError.script`), and whose
/// `scriptText`/`scriptPath` feed the script panel.
func makeScriptSource(level: Level, path: String, baristas: Int?, seed: UInt64?) throws -> any ShiftSource {
    throw CLIError("scripts are not wired into 'barista play' yet; play by hand (no SCRIPT) or with --strategy event")
}
