/// The engine's version: part of every replay and of what makes a shift repeatable (level +
/// script + seed + engine version give the same events). Raised whenever a change alters the
/// events of any shift; a change that keeps every shift's digest (`Benchmarks/same-shifts.sh`)
/// keeps it.
public enum EngineInfo {
    public static let version = "1.2.1"
}
