import CoffeeGame
import Foundation
import Testing

/// What a whole shift may ask for (docs/brewscript.md#limits): at the limit and one past it.
@Suite struct LevelLimitsTests {
    /// `validLevel` with random arrivals every `gap` ticks and the given duration and closing.
    func level(gap: String, duration: Int, closing: Int, rush: String = "") -> String {
        breaking("""
            arrivals:
              fixed: [{at: 0, item: espresso}, {at: 10, item: latte}]
            duration: 600
            """, with: """
            arrivals:
              poisson:
                mean-gap: \(gap)\(rush)
            duration: \(duration)
            closing: \(closing)
            """)
    }

    @Test func aShiftIsAtMostAMillionTicks() throws {
        #expect(try loadErrors(level(gap: "1000", duration: 999_000, closing: 1_000)) == nil)
        #expect(try loadErrors(level(gap: "1000", duration: 999_000, closing: 1_001))
                == "Levels/09-test.yaml:25: the shift is 1000001 ticks ('duration' 999000 + 'closing' 1001); a shift may be at most 1000000 ticks")
    }

    @Test func aShiftBringsAtMostAHundredThousandCustomers() throws {
        #expect(try loadErrors(level(gap: "1", duration: 100_000, closing: 0)) == nil)
        #expect(try loadErrors(level(gap: "1", duration: 100_001, closing: 0))
                == "Levels/09-test.yaml:25: these arrivals bring about 100001 customers in 100001 ticks; a shift may have at most 100000 (raise 'mean-gap' or shorten 'duration')")
        // A rush counts with its own gap: 99 000 ticks at 1, then 1 000 at 0.5 is 101 000.
        let rush = "\n    rush: [{from: 99000, to: 100000, mean-gap: 0.5}]"
        #expect(try loadErrors(level(gap: "1", duration: 100_000, closing: 0, rush: rush))
                == "Levels/09-test.yaml:25: these arrivals bring about 101000 customers in 100000 ticks; a shift may have at most 100000 (raise 'mean-gap' or shorten 'duration')")
    }

    @Test func aHugeLevelFileIsRefusedWithoutReadingIt() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/huge.yaml"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 200 << 20)  // 200 MB, sparse: nothing to read but zeros
        try handle.close()
        #expect(throws: LevelError.unreadable(path: path, reason: "is more than 1048576 bytes; a level file may have at most 1048576")) {
            try LevelLoader.load(path: path)
        }
    }
}
