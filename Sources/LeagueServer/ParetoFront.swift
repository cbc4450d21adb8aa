/// The Pareto front of candidates already in the order PostgreSQL sorts them: distinct score
/// vectors (smaller is better on every metric), lexicographically ascending. In that order a
/// candidate's dominators all come before it, and a candidate dominated by anything is dominated
/// by a member of the front found so far, so one sweep decides each candidate against that front.
///
/// Cost after the sort (O(n log n), in the database): with two metrics O(1) per candidate (the
/// front so far is a staircase and only its best second score matters: a running minimum); with
/// more, one comparison per member of the front so far, O(n·f) for a front of f.
public enum ParetoFront {
    /// The indices of `sorted` on the front, in order. `sorted` must be lexicographically ascending
    /// with no two vectors equal (the database keeps the earliest submission of equal ones).
    public static func indices(sorted: [[Double]]) -> [Int] {
        guard let width = sorted.first?.count, width > 0 else { return [] }
        if width == 1 { return [0] }
        var front: [Int] = []
        if width == 2 {
            // Every earlier candidate is no worse on the first score; one is a dominator exactly
            // when it is also no worse on the second, i.e. when the smallest second score so far is.
            var best = Double.infinity
            for (i, v) in sorted.enumerated() where v[1] < best {
                best = v[1]
                front.append(i)
            }
            return front
        }
        for (i, v) in sorted.enumerated() where !front.contains(where: { dominates(sorted[$0], v) }) {
            front.append(i)
        }
        return front
    }

    /// `a` no worse than `b` on every score (then, as they are distinct, better on one).
    static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
        zip(a, b).allSatisfy { $0 <= $1 }
    }
}
