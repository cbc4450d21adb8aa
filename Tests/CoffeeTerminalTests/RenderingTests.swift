import CoffeeGame
@testable import CoffeeTerminal
import Testing

/// The grid, and the ANSI renderer that writes only what changed.
@Suite struct RenderingTests {
    @Test func textIsClippedAtTheLimitAndTheEdge() {
        var g = Grid(width: 10, height: 2)
        #expect(g.put("hello world", x: 2, y: 0) == 8)
        #expect(g.put("abcdef", x: 0, y: 1, limit: 3) == 3)
        #expect(g.lines == ["  hello wo", "abc"])
    }

    @Test func wideAndControlCharactersTakeOneCell() {
        var g = Grid(width: 6, height: 1)
        g.put("a\u{7}b☕c", x: 0, y: 0)
        #expect(g.lines == ["a b?c"])
    }

    /// A level title or script line drawn full screen: escapes, bells and bidirectional overrides
    /// become blank cells (TerminalSafe decides what is printable), so the frame carries only ours.
    @Test func textFromOutsideCannotReachTheTerminal() {
        var g = Grid(width: 16, height: 1)
        g.put("a\u{1B}]0;x\u{7}b\u{202E}c\u{9B}d", x: 0, y: 0)
        #expect(g.lines == ["a ]0;x b c d"])
        let out = ANSIRenderer(color: false).frame(from: nil, to: g)
        #expect(!out.unicodeScalars.contains { $0 == "\u{7}" || $0 == "\u{202E}" || $0 == "\u{9B}" })
        #expect(out.components(separatedBy: "\u{1B}]").count == 1)
    }

    @Test func firstFrameClearsAndDrawsEverything() {
        var g = Grid(width: 3, height: 2)
        g.put("ab", x: 0, y: 0)
        let out = ANSIRenderer(color: true).frame(from: nil, to: g)
        #expect(out.hasPrefix("\u{1B}[0m\u{1B}[2J"))
        #expect(out.contains("\u{1B}[1;1H"))
        #expect(out.contains("\u{1B}[2;1H"))
    }

    @Test func laterFramesWriteOnlyChangedCells() {
        var a = Grid(width: 20, height: 5)
        a.put("tick 41", x: 0, y: 0)
        var b = a
        b.put("2", x: 6, y: 0)
        let out = ANSIRenderer(color: true).frame(from: a, to: b)
        #expect(out == "\u{1B}[1;7H\u{1B}[0m2\u{1B}[0m")
        #expect(ANSIRenderer(color: true).frame(from: b, to: b).isEmpty)
    }

    @Test func contiguousChangesNeedOneCursorMove() {
        let a = Grid(width: 10, height: 1)
        var b = a
        b.put("abc", x: 4, y: 0)
        let out = ANSIRenderer(color: false).frame(from: a, to: b)
        #expect(out == "\u{1B}[1;5H\u{1B}[0mabc\u{1B}[0m")
    }

    @Test func noColorDropsColoursButKeepsAttributes() {
        var g = Grid(width: 4, height: 1)
        g.put("w", x: 0, y: 0, Style(fg: .brightWhite, bg: .red, bold: true))
        let colour = ANSIRenderer(color: true).frame(from: Grid(width: 4, height: 1), to: g)
        let plain = ANSIRenderer(color: false).frame(from: Grid(width: 4, height: 1), to: g)
        #expect(colour.contains("\u{1B}[0;1;97;41m"))
        #expect(plain.contains("\u{1B}[0;1m"))
        #expect(!plain.contains("97") && !plain.contains("41m"))
    }

    @Test func aResizedFrameIsDrawnWhole() {
        let out = ANSIRenderer(color: true).frame(from: Grid(width: 3, height: 3), to: Grid(width: 4, height: 3))
        #expect(out.contains("\u{1B}[2J"))
    }

    @Test func memoryTerminalCountsChangedCells() {
        let t = MemoryTerminal(size: TerminalSize(columns: 10, rows: 2))
        var g = Grid(width: 10, height: 2)
        t.present(g)
        g.put("ab", x: 0, y: 1)
        t.present(g)
        #expect(t.changedCells == [20, 2])
    }

    @Test func wrapKeepsParagraphsAndBreaksLongWords() {
        #expect(Text.wrap("one two three\n\nfour", width: 7) == ["one two", "three", "", "four"])
        #expect(Text.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(Text.reflow("a b\nc\n\nd", width: 20) == ["a b c", "", "d"])
    }

    @Test func histogramPutsWholeNumbersInTheirOwnBuckets() {
        let h = Histogram(scores: [1, 3, 3, 6], buckets: 30, mine: 3)
        #expect(h.counts == [1, 0, 2, 0, 0, 1])
        #expect(h.mine == 2)
        let spread = Histogram(scores: [0.5, 1.5, 2.5], buckets: 3, mine: nil)
        #expect(spread.counts == [1, 1, 1])
    }
}

/// Raw-mode bytes to keys.
@Suite struct KeyDecoderTests {
    @Test func plainKeys() {
        #expect(KeyDecoder.decode(Array(" .+-qR?".utf8)) == [" ", ".", "+", "-", "q", "R", "?"].map { .char($0) })
        #expect(KeyDecoder.decode([0x09, 0x0D, 0x7F, 0x03]) == [.tab, .enter, .backspace, .ctrl("c")])
    }

    @Test func escapeSequences() {
        let bytes: [UInt8] = Array("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D\u{1B}[5~\u{1B}[6~\u{1B}[H\u{1B}[F\u{1B}[Z\u{1B}OA".utf8)
        #expect(KeyDecoder.decode(bytes) == [.up, .down, .right, .left, .pageUp, .pageDown, .home, .end, .backTab, .up])
    }

    @Test func aLoneEscapeIsTheEscapeKey() {
        #expect(KeyDecoder.decode([0x1B]) == [.escape])
        #expect(KeyDecoder.decode([0x1B, UInt8(ascii: "q")]) == [.escape, .char("q")])
    }

    @Test func utf8Characters() {
        #expect(KeyDecoder.decode(Array("é".utf8)) == [.char("é")])
    }
}

/// The live objective line of the play screen follows the service floor.
@Suite struct LiveObjectiveTests {
    @Test func losingMoreThanTheFloorAllowsSaysNoMedalIsLeft() throws {
        let level = try Fixture.level()
        var m = ShiftRunner.run(level: level, mode: .event).metrics
        #expect(PlayScreen.objectiveText(level, m) == "goal max served: 6 (gold)")
        // Six arrived, one lost: at most five can still be served, under 90 % of six.
        m.served = 4
        m.lost = 1
        #expect(PlayScreen.objectiveText(level, m) == "goal max served: 4 · 1 lost: below the 90% service floor, no medal")
        // Six arrived, none lost, four served so far: the others may still be served.
        m.lost = 0
        #expect(PlayScreen.objectiveText(level, m) == "goal max served: 4 → silver 5")
    }
}
