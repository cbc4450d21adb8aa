import Foundation
@testable import LeagueServer
import XCTest

/// The verification pool refuses at once when its queue is full, rather than making anyone wait.
final class PoolTests: XCTestCase {
    func testAFullQueueRefusesAtOnce() async throws {
        let pool = VerificationPool(workers: 1, capacity: 1)
        let gate = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let first = Task { try await pool.run { started.signal(); gate.wait(); return 1 } }
        started.wait()                                   // the only worker is busy
        let second = Task { try await pool.run { 2 } }   // waits in the queue (capacity 1)
        while pool.waiting < 1 { try await Task.sleep(for: .milliseconds(5)) }
        do {
            _ = try await pool.run { 3 }
            XCTFail("a third job found room")
        } catch is VerificationPool.Full {}
        gate.signal()
        let a = try await first.value, b = try await second.value
        XCTAssertEqual([a, b], [1, 2])
        let room = try await pool.run { 4 }
        XCTAssertEqual(room, 4)      // room again
    }
}
