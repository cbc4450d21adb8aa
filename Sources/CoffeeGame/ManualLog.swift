import CoffeeEngine

/// A manual shift written down: the player's answers, in order, as plain text. It is what the
/// store keeps as the "script" of a manual run, so the run can be replayed and verified like any
/// other: the same answers on the same level and seed give the same shift.
///
/// ```
/// # barista manual play
/// baristas 1
/// 0 work 3.1 1
/// 0 idle
/// ```
public enum ManualLog {
    public static let header = "# barista manual play"

    public static func isLog(_ text: String) -> Bool { text.hasPrefix(header + "\n") }

    public static func encode(baristas: Int, answers: [(barista: Int, choice: ManualChoice)]) -> String {
        var lines = [header, "baristas \(baristas)"]
        for (b, choice) in answers { lines.append("\(b) " + word(choice)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The crew and answers of a log, or `nil` if it is not one this version can read.
    public static func decode(_ text: String) -> (baristas: Int, answers: [(barista: Int, choice: ManualChoice)])? {
        var lines = text.split(separator: "\n").map(String.init)
        guard lines.first == header, lines.count >= 2 else { return nil }
        lines.removeFirst()
        let crew = lines.removeFirst().split(separator: " ")
        guard crew.count == 2, crew[0] == "baristas", let n = Int(crew[1]), n > 0 else { return nil }
        var answers: [(barista: Int, choice: ManualChoice)] = []
        for line in lines {
            let f = line.split(separator: " ").map(String.init)
            guard f.count >= 2, let b = Int(f[0]), let choice = choice(Array(f.dropFirst())) else { return nil }
            answers.append((b, choice))
        }
        return (n, answers)
    }

    static func word(_ choice: ManualChoice) -> String {
        func o(_ id: OrderID) -> String { "\(id.slot).\(id.generation)" }
        func j(_ id: JobID) -> String { "\(id.slot).\(id.generation)" }
        switch choice {
        case .idleUntilNews: return "news"
        case .act(let a):
            switch a {
            case .work(let id, let s): return "work \(o(id)) \(s)"
            case .start(let id, let s): return "start \(o(id)) \(s)"
            case .wait(let id): return "wait \(j(id))"
            case .await(let id): return "await \(j(id))"
            case .check(let id): return "check \(j(id))"
            case .collect(let id): return "collect \(j(id))"
            case .sleep(let n): return "sleep \(n)"
            case .idle(let n): return "idle \(n)"
            case .yield: return "yield"
            case .send(let r): return "send \(r)"
            case .finish: return "finish"
            case .fail: return "finish"
            }
        }
    }

    static func choice(_ f: [String]) -> ManualChoice? {
        func pair(_ s: String) -> (Int32, UInt32)? {
            let p = s.split(separator: ".")
            guard p.count == 2, let a = Int32(p[0]), let b = UInt32(p[1]) else { return nil }
            return (a, b)
        }
        func order(_ s: String) -> OrderID? { pair(s).map { OrderID(slot: $0.0, generation: $0.1) } }
        func job(_ s: String) -> JobID? { pair(s).map { JobID(slot: $0.0, generation: $0.1) } }
        switch (f[0], f.count) {
        case ("news", 1): return .idleUntilNews
        case ("work", 3): return order(f[1]).flatMap { o in Int(f[2]).map { .act(.work(o, step: $0)) } }
        case ("start", 3): return order(f[1]).flatMap { o in Int(f[2]).map { .act(.start(o, step: $0)) } }
        case ("wait", 2): return job(f[1]).map { .act(.wait($0)) }
        case ("await", 2): return job(f[1]).map { .act(.await($0)) }
        case ("check", 2): return job(f[1]).map { .act(.check($0)) }
        case ("collect", 2): return job(f[1]).map { .act(.collect($0)) }
        case ("sleep", 2): return Int(f[1]).map { .act(.sleep($0)) }
        case ("idle", 2): return Int(f[1]).map { .act(.idle($0)) }
        case ("yield", 1): return .act(.yield)
        case ("send", 2): return Int(f[1]).map { .act(.send(role: $0)) }
        case ("finish", 1): return .act(.finish)
        default: return nil
        }
    }
}
