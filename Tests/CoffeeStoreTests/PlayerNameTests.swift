import Testing
@testable import CoffeeStore

@Suite struct PlayerNameTests {
    @Test func acceptsPrintableNames() throws {
        for name in ["ada", "Grace Hopper", "zoë", "李小龍", "👩‍💻", String(repeating: "x", count: 32)] {
            #expect(try PlayerName(validating: name).rawValue == name)
            #expect(try PlayerName(validating: name).escaped == name)
        }
    }

    @Test func refusesEmptyLongAndUnprintableNames() {
        #expect(throws: PlayerNameError.empty) { try PlayerName(validating: "") }
        #expect(throws: PlayerNameError.tooLong(count: 33)) { try PlayerName(validating: String(repeating: "x", count: 33)) }
        #expect(throws: PlayerNameError.tooLong(count: 2)) {
            try PlayerName(validating: "a" + String(repeating: "\u{301}", count: 200) + "b")
        }
        #expect(throws: PlayerNameError.unprintable(escaped: "^[[2J^[]0;pwned\\u{7}")) {
            try PlayerName(validating: "\u{1B}[2J\u{1B}]0;pwned\u{07}")
        }
        #expect(throws: PlayerNameError.unprintable(escaped: "a\\u{A}b")) { try PlayerName(validating: "a\nb") }
        #expect(throws: PlayerNameError.unprintable(escaped: "a\\u{9}b")) { try PlayerName(validating: "a\tb") }
        #expect(throws: PlayerNameError.unprintable(escaped: "x\\u{7F}")) { try PlayerName(validating: "x\u{7F}") }
        #expect(throws: PlayerNameError.unprintable(escaped: "\\u{9B}31m")) { try PlayerName(validating: "\u{9B}31m") }
        #expect(throws: PlayerNameError.unprintable(escaped: "evil\\u{202E}gnp.exe")) { try PlayerName(validating: "evil\u{202E}gnp.exe") }
        #expect(throws: PlayerNameError.surroundingSpace) { try PlayerName(validating: " ada") }
    }

    @Test func escapesWhateverReachesTheTerminal() {
        let hostile = "\u{1B}[31mred\u{1B}[0m\r\n\u{9B}2J"
        let shown = PlayerName.escape(hostile)
        #expect(shown == "^[[31mred^[[0m\\u{D}\\u{A}\\u{9B}2J")
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        // A name stored by hand-editing the file is still escaped when shown.
        #expect(PlayerName(stored: "\u{1B}]0;x\u{07}").escaped == "^[]0;x\\u{7}")
        #expect(PlayerName(stored: "\u{1B}x").description == "^[x")
        #expect(StoreError.invalidPlayerName(.unprintable(escaped: PlayerName.escape("\u{1B}"))).description
            == "A player name must be printable; ^[ contains control characters.")
    }

    @Test func resolvesOptionThenSavedThenLogin() throws {
        #expect(try PlayerName.resolve(option: "ada", savedDefault: "bob", login: "carol").rawValue == "ada")
        #expect(try PlayerName.resolve(option: nil, savedDefault: "bob", login: "carol").rawValue == "bob")
        #expect(try PlayerName.resolve(option: nil, savedDefault: nil, login: "carol").rawValue == "carol")
        #expect(try PlayerName.resolve(option: nil, savedDefault: nil, login: "bad\u{1B}login").rawValue == "barista")
        #expect(try PlayerName.resolve(option: nil, savedDefault: nil, login: nil).rawValue == "barista")
        #expect(throws: PlayerNameError.empty) { try PlayerName.resolve(option: "", savedDefault: "bob", login: "carol") }
    }
}

@Suite struct ContentHashTests {
    @Test func matchesTheSHA256TestVectors() {
        #expect(ContentHash.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentHash.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(ContentHash.sha256Hex(String(repeating: "a", count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        #expect(ContentHash.sha256Hex("café") == "850f7dc43910ff890f8879c0ed26fe697c93a067ad93a7d50f466a7028a9bf4e")
    }
}
