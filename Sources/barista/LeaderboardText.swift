import CoffeeGame
import CoffeeStore

/// The leaderboard as text: a ranked table of evaluations, a histogram with your place marked, a summary.
enum LeaderboardText {
    /// `objective (max profit)` or `profit`.
    static func metricName(_ metric: LeaderboardMetric, objective: String?) -> String {
        guard metric == .objective else { return "mean \(metric)" }
        return objective.map { "objective (\($0))" } ?? "objective"
    }

    static func board(_ b: Leaderboard, player: PlayerName) -> String {
        let objective = (b.entries.first ?? b.you)?.objective
        var out = ["\(PlayerName.escape(b.level.title)) · best evaluation per player by \(metricName(b.metric, objective: objective))"
                   + " · \(b.playerCount) player\(b.playerCount == 1 ? "" : "s")"]
        if b.entries.isEmpty { out.append("  no finished evaluations yet: barista eval LEVEL [SCRIPT]") }
        for e in b.entries {
            let you = e.player == player ? "  ← you" : ""
            out.append("  \(ScoreCard.padded("\(e.rank).", 5))\(ScoreCard.padded(e.player.escaped, 20))"
                       + "\(ScoreCard.padded(e.formatted(b.metric), 12))\(ScoreCard.padded(e.medal.description, 8))"
                       + "size \(ScoreCard.padded(String(e.scriptSize), 5))\(ScoreCard.padded("\(e.seedCount) seeds", 10))e\(e.evaluationId)\(you)")
        }
        if let you = b.you, !b.entries.contains(where: { $0.player == player }) {
            out.append("  …")
            out.append("  \(ScoreCard.padded("\(you.rank).", 5))\(ScoreCard.padded(you.player.escaped, 20))"
                       + "\(ScoreCard.padded(you.formatted(b.metric), 12))\(you.medal)  ← you")
        }
        return out.joined(separator: "\n")
    }

    /// Bars of every player's best, with the bucket holding yours marked (as Zachtronics shows it).
    /// When every best is the same value, one bar labelled with that value.
    static func histogram(_ h: Histogram) -> String {
        guard h.total > 0 else { return "histogram: no finished evaluations yet" }
        func format(_ v: Double) -> String { h.metric.format(v, objective: h.objective) }
        var out = ["everyone's best \(metricName(h.metric, objective: h.objective.isEmpty ? nil : h.objective)):"]
        let most = h.counts.max() ?? 1
        for (i, c) in h.counts.enumerated() {
            let r = h.range(of: i)
            let bar = String(repeating: "█", count: most == 0 ? 0 : (c * 30 + most - 1) / most)
            let mark = h.marked == i ? "  ◀ you" + (h.playerValue.map { " (\(format($0)))" } ?? "") : ""
            let label = r.lowerBound == r.upperBound ? format(r.lowerBound) : format(r.lowerBound) + " – " + format(r.upperBound)
            var line = "  \(ScoreCard.padded(label, 24))\(ScoreCard.padded(String(c), 5))\(bar)\(mark)"
            while line.last == " " { line.removeLast() }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    static func summary(_ levels: [LevelSummary], metric: LeaderboardMetric, player: PlayerName) -> String {
        var out = ["every level · best evaluation by \(metricName(metric, objective: nil)) · you are \(player.escaped)"]
        if levels.isEmpty { out.append("  nothing recorded yet") }
        for s in levels {
            let leader = s.leader.map { "\($0.player.escaped) \($0.formatted(metric)) \($0.medal)" } ?? "—"
            let you = s.you.map { "\($0.formatted(metric)) \($0.medal), rank \($0.rank) of \(s.playerCount)" } ?? "no finished evaluation"
            out.append("  \(ScoreCard.padded(s.level.number > 0 ? String(s.level.number) : "-", 4))\(ScoreCard.padded(PlayerName.escape(s.level.title), 18))"
                       + "leader \(ScoreCard.padded(leader, 34))you: \(you)")
        }
        return out.joined(separator: "\n")
    }

    static func pareto(_ front: [ParetoEntry], level: LevelRef) -> String {
        var out = ["\(PlayerName.escape(level.title)) · evaluations no other beats on mean profit, throughput, lead time and size at once"]
        for r in front {
            let v = zip(LeaderboardMetric.paretoDefault, r.values).map { "\($0.0) \($0.0.format($0.1))" }.joined(separator: "  ")
            out.append("  e\(r.evaluationId)  \(ScoreCard.padded(r.player.escaped, 20))\(v)")
        }
        return out.joined(separator: "\n")
    }
}
