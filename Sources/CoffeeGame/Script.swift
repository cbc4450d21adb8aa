import BrewScript
import CoffeeEngine

/// A BrewScript strategy compiled against one level: the program, the words it was checked
/// against, and the crew it hires.
public struct Script: Sendable {
    public let source: String
    public let file: String
    public let program: Program
    public let vocabulary: ScriptVocabulary
    /// The role of each barista hired.
    public let crew: [Int]
    public let policy: ReadyPolicy

    /// Non-blank, non-comment lines: the "size" a leaderboard can rank.
    public var size: Int { Self.size(of: source) }

    /// Lines that are neither blank nor comments.
    public static func size(of source: String) -> Int {
        source.split(separator: "\n").filter { line in
            let t = line.drop { $0 == " " }
            return !t.isEmpty && !t.hasPrefix("#")
        }.count
    }

    /// Compiles `source` for `level`: the language's diagnostics, then the level's own checks.
    /// Returns the script only when there is no error.
    public static func compile(source: String, file: String, level: Level) -> (script: Script?, diagnostics: [Diagnostic]) {
        let vocabulary = ScriptVocabulary(config: level.config)
        let result = BrewScript.compile(source: source, file: file, host: vocabulary.host)
        guard let program = result.program else { return (nil, result.diagnostics) }
        var diagnostics = result.diagnostics
        let checks = LevelChecks(program: program, vocabulary: vocabulary, config: level.config, file: file)
        diagnostics += checks.diagnostics()
        diagnostics.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        var policy = ReadyPolicy.oldest
        if case .word(let w)? = program.setting("policy"), let p = ReadyPolicy(rawValue: w) { policy = p }
        return (Script(source: source, file: file, program: program, vocabulary: vocabulary,
                       crew: checks.crew, policy: policy), diagnostics)
    }
}

/// What a level adds to the language's checks: the right machine for each step, machine steps
/// started rather than done by hand, and a crew within the level's limit.
struct LevelChecks {
    let program: Program
    let vocabulary: ScriptVocabulary
    let config: ShopConfig
    let file: String

    var crew: [Int] {
        var crew: [Int] = []
        for (i, role) in program.roles.enumerated() {
            var count = role.count ?? config.baristas
            if role.isImplicit, case .int(let n)? = program.setting("workers") { count = Int(n) }
            crew += Array(repeating: i, count: count)
        }
        return crew
    }

    /// How many baristas the script hires, counted without building the crew (a role may ask for
    /// any count the language accepts; the crew is built only once it is within the level's).
    var hired: Int {
        var total = 0
        for role in program.roles {
            var count = role.count ?? config.baristas
            if role.isImplicit, case .int(let n)? = program.setting("workers") { count = Int(clamping: n) }
            total = total.addingReportingOverflow(count).overflow ? Int.max : total + count
        }
        return total
    }

    func diagnostics() -> [Diagnostic] {
        var out: [Diagnostic] = []
        let hired = self.hired
        if hired > config.maxBaristas || hired < 1 {
            let span = program.settings.first { $0.name == "workers" }?.valueSpan
                ?? program.roles.compactMap(\.span).last ?? SourceSpan(line: 1, column: 1)
            out.append(Diagnostic(.error, "this shop can hire 1 to \(config.maxBaristas) barista\(config.maxBaristas == 1 ? "" : "s"), not \(hired)",
                                  file: file, at: span))
        }
        if let workers = program.settings.first(where: { $0.name == "workers" }), !program.roles.contains(where: \.isImplicit) {
            out.append(Diagnostic(.error, "'workers' hires the baristas of a script without roles; with role blocks, each role says how many",
                                  file: file, at: workers.span, hint: "drop this line and give each role its count: role barista 2:"))
        }
        let events = Set(program.handlers.compactMap { h -> String? in
            if case .event(_, let name) = h.trigger { return name }
            return nil
        })
        if !events.contains("order"), !events.contains("customer") {
            out.append(Diagnostic(.warning, "no 'on order' or 'on customer' handler: nobody will serve the customers",
                                  file: file, at: SourceSpan(line: 1, column: 1),
                                  hint: "add 'on order o:' with the steps of a recipe"))
        }
        for command in program.commands {
            guard case .verb(let v) = command.callee else { continue }
            switch vocabulary.verbs[v] {
            case .step(let n) where vocabulary.isMachineStep[n]:
                let machine = machineOf(step: n).map { config.machines[$0].name } ?? "its machine"
                let name = vocabulary.stepNames[n]
                out.append(Diagnostic(.error, "'\(name)' runs on a machine: start it, don't do it by hand", file: file,
                                      at: command.span, hint: "shot = start \(name) o on \(machine)"))
            case .start:
                out += checkStart(command)
            case .sleep, .idle:
                if case .known(.int(let n))? = command.arguments.first, n < 0 {
                    out.append(Diagnostic(.error, "'\(command.name)' takes 0 or more ticks, not \(n)", file: file,
                                          at: command.argumentSpans.first.flatMap { $0 } ?? command.span))
                }
            default:
                break
            }
        }
        return out + comparisonDiagnostics()
    }

    func checkStart(_ command: ResolvedCommand) -> [Diagnostic] {
        guard case .known(let stepValue)? = command.arguments.first,
              let n = vocabulary.constant(stepValue, kind: vocabulary.stepKind) else { return [] }
        let name = vocabulary.stepNames[n]
        let span = command.argumentSpans.first.flatMap { $0 } ?? command.span
        guard let machine = machineOf(step: n) else {
            return [Diagnostic(.error, "'\(name)' is barista work, not a machine step", file: file, at: span,
                               hint: "do it directly: \(name) o")]
        }
        if command.arguments.count > 2, case .known(let m) = command.arguments[2], case .constant = m, vocabulary.machine(m) == nil {
            let at = command.argumentSpans[2] ?? command.span
            return [Diagnostic(.error, "'on' needs a machine: '\(name)' runs on \(config.machines[machine].name)", file: file, at: at)]
        }
        if command.arguments.count > 2, case .known(let m) = command.arguments[2],
           let given = vocabulary.machine(m), given != machine {
            let at = command.argumentSpans[2] ?? command.span
            return [Diagnostic(.error, "'\(name)' runs on \(config.machines[machine].name), not \(config.machines[given].name)",
                               file: file, at: at)]
        }
        return []
    }

    /// The machine a step name runs on (the first recipe that has it as a machine step).
    func machineOf(step n: Int) -> Int? {
        for item in config.menu {
            if let s = item.steps.first(where: { $0.name == vocabulary.stepNames[n] }), let m = s.machine { return m }
        }
        return nil
    }
}
