import CoffeeGame
import CoffeeStore

/// The leaderboard as text: a ranked table, a histogram with your place marked, a summary.
enum LeaderboardText {
    static func board(_ b: Leaderboard, player: PlayerName) -> String {
        var out = ["\(b.level.title) · best \(b.metric) per player · \(b.playerCount) player\(b.playerCount == 1 ? "" : "s")"]
        if b.entries.isEmpty { out.append("  no finished runs yet") }
        for e in b.entries {
            let you = e.player == player ? "  ← you" : ""
            out.append("  \(ScoreCard.padded("\(e.rank).", 5))\(ScoreCard.padded(e.player.escaped, 20))"
                       + "\(ScoreCard.padded(b.metric.format(e.value), 12))\(ScoreCard.padded(e.medal.description, 8))"
                       + "size \(ScoreCard.padded(String(e.scriptSize), 5))run #\(e.runId)\(you)")
        }
        if let you = b.you, !b.entries.contains(where: { $0.player == player }) {
            out.append("  …")
            out.append("  \(ScoreCard.padded("\(you.rank).", 5))\(ScoreCard.padded(you.player.escaped, 20))"
                       + "\(ScoreCard.padded(b.metric.format(you.value), 12))\(you.medal)  ← you")
        }
        return out.joined(separator: "\n")
    }

    /// Bars of every player's best, with the bucket holding yours marked (as Zachtronics shows it).
    static func histogram(_ h: Histogram) -> String {
        guard h.total > 0 else { return "histogram: no finished runs yet" }
        var out = ["everyone's best \(h.metric):"]
        let most = h.counts.max() ?? 1
        for (i, c) in h.counts.enumerated() {
            let r = h.range(of: i)
            let bar = String(repeating: "█", count: most == 0 ? 0 : (c * 30 + most - 1) / most)
            let mark = h.marked == i ? "  ◀ you" + (h.playerValue.map { " (\(h.metric.format($0)))" } ?? "") : ""
            out.append("  \(ScoreCard.padded(h.metric.format(r.lowerBound) + " – " + h.metric.format(r.upperBound), 24))"
                       + "\(ScoreCard.padded(String(c), 5))\(bar)\(mark)")
        }
        return out.joined(separator: "\n")
    }

    static func summary(_ levels: [LevelSummary], metric: LeaderboardMetric, player: PlayerName) -> String {
        var out = ["every level · best \(metric) · you are \(player.escaped)"]
        if levels.isEmpty { out.append("  no runs recorded yet") }
        for s in levels {
            let leader = s.leader.map { "\($0.player.escaped) \(metric.format($0.value))" } ?? "—"
            let you = s.you.map { "\(metric.format($0.value)), rank \($0.rank) of \(s.playerCount)" } ?? "no finished run"
            out.append("  \(ScoreCard.padded(s.level.number > 0 ? String(s.level.number) : "-", 4))\(ScoreCard.padded(s.level.title, 18))"
                       + "leader \(ScoreCard.padded(leader, 28))you: \(you)")
        }
        return out.joined(separator: "\n")
    }

    static func pareto(_ front: [ParetoRun], level: LevelRef) -> String {
        var out = ["\(level.title) · runs no other run beats on profit, throughput, lead time and size at once"]
        for r in front {
            let v = zip(LeaderboardMetric.paretoDefault, r.values).map { "\($0.0) \($0.0.format($0.1))" }.joined(separator: "  ")
            out.append("  run #\(r.runId)  \(ScoreCard.padded(r.player.escaped, 20))\(v)")
        }
        return out.joined(separator: "\n")
    }
}
