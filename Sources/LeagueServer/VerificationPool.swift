import Foundation

/// Re-simulation off the event loop: a fixed set of threads (one per core by default), each with
/// the deep stack a script's VM needs, fed from a bounded queue. A full queue refuses at once,
/// so a flood of submissions gets 503 and `Retry-After`, never a hang.
final class VerificationPool: @unchecked Sendable {
    /// The queue was full.
    struct Full: Error {}

    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private let capacity: Int
    /// Jobs waiting for a worker.
    var waiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobs.count
    }

    init(workers: Int, capacity: Int) {
        self.capacity = capacity
        for i in 0..<max(1, workers) {
            let thread = Thread { self.work() }
            thread.name = "verify-\(i)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Runs `job` on a worker thread and returns its result; throws `Full` when `capacity` jobs already wait.
    func run<T: Sendable>(_ job: @escaping @Sendable () -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            condition.lock()
            defer { condition.unlock() }
            guard jobs.count < capacity else {
                continuation.resume(throwing: Full())
                return
            }
            jobs.append { continuation.resume(returning: job()) }
            condition.signal()
        }
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
