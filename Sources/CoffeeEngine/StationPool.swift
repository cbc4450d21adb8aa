/// Work stations, when a level has fewer than baristas: who is at each, who used it last (a
/// barista taking over another's station pays a switch), and the baristas queued for one, first
/// come first served.
struct StationPool {
    var user: [Int?]
    var lastUser: [Int?]
    /// Baristas queued, from `head` on (a head index instead of removals).
    var waiting: [Int] = []
    var head = 0

    init(count: Int) {
        user = Array(repeating: nil, count: count)
        lastUser = Array(repeating: nil, count: count)
    }

    /// The level has stations at all.
    var exist: Bool { !user.isEmpty }
    var count: Int { user.count }
    var someoneWaits: Bool { head < waiting.count }

    func firstFree() -> Int? { user.firstIndex { $0 == nil } }

    /// Barista `b` takes free station `st`; returns whether that costs a switch.
    mutating func take(_ st: Int, by b: Int) -> Bool {
        user[st] = b
        return lastUser[st].map { $0 != b } ?? false
    }

    /// Barista `b` leaves station `st`.
    mutating func leave(_ st: Int, by b: Int) {
        user[st] = nil
        lastUser[st] = b
    }

    mutating func queue(_ b: Int) { waiting.append(b) }

    /// The barista queued first, taken off the queue.
    mutating func nextWaiting() -> Int? {
        guard head < waiting.count else { return nil }
        head += 1
        return waiting[head - 1]
    }

    /// Barista `b` stops waiting (their customer left).
    mutating func remove(_ b: Int) {
        waiting.removeAll { $0 == b }
        head = min(head, waiting.count)
    }

    /// Drops the part of the queue already served once it is most of it.
    mutating func compact() {
        if head > 256, head * 2 > waiting.count {
            waiting.removeFirst(head)
            head = 0
        }
    }
}
