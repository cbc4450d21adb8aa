/// A key the player pressed, decoded from the bytes a terminal sends in raw mode.
public enum Key: Sendable, Hashable {
    case char(Character)
    case tab, backTab, enter, escape, backspace
    case up, down, left, right, home, end, pageUp, pageDown
    /// Ctrl and a letter, lower case: Ctrl-C is `.ctrl("c")`.
    case ctrl(Character)
}

/// Decodes raw-mode input. A read holds whole escape sequences in practice (terminals send them
/// in one write), so a lone ESC at the end of a read is the Escape key.
public enum KeyDecoder {
    public static func decode(_ bytes: [UInt8]) -> [Key] {
        var keys: [Key] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x1B:
                let (key, used) = escape(bytes, at: i)
                keys.append(key)
                i += used
                continue
            case 0x09: keys.append(.tab)
            case 0x0D, 0x0A: keys.append(.enter)
            case 0x7F, 0x08: keys.append(.backspace)
            case 0x01...0x1A: keys.append(.ctrl(Character(Unicode.Scalar(b + 0x60))))
            case 0x00...0x1F: break
            case 0x20...0x7E: keys.append(.char(Character(Unicode.Scalar(b))))
            default:
                // UTF-8: the lead byte says how many follow.
                let n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                let end = min(bytes.count, i + n)
                if let s = String(validating: bytes[i..<end], as: UTF8.self), let c = s.first { keys.append(.char(c)) }
                i = end
                continue
            }
            i += 1
        }
        return keys
    }

    /// An escape sequence starting at `i`: the key and the bytes it used.
    static func escape(_ bytes: [UInt8], at i: Int) -> (Key, Int) {
        guard i + 1 < bytes.count else { return (.escape, 1) }
        let next = bytes[i + 1]
        if next == UInt8(ascii: "[") || next == UInt8(ascii: "O") {
            // CSI / SS3: parameters, then a final byte in @…~.
            var j = i + 2
            var params = ""
            while j < bytes.count, !(0x40...0x7E).contains(bytes[j]) {
                params.unicodeScalars.append(Unicode.Scalar(bytes[j]))
                j += 1
            }
            guard j < bytes.count else { return (.escape, bytes.count - i) }
            let final = Character(Unicode.Scalar(bytes[j]))
            let used = j - i + 1
            switch final {
            case "A": return (.up, used)
            case "B": return (.down, used)
            case "C": return (.right, used)
            case "D": return (.left, used)
            case "H": return (.home, used)
            case "F": return (.end, used)
            case "Z": return (.backTab, used)
            case "~":
                switch params.split(separator: ";").first {
                case "1", "7": return (.home, used)
                case "4", "8": return (.end, used)
                case "5": return (.pageUp, used)
                case "6": return (.pageDown, used)
                default: return (.escape, used)
                }
            default: return (.escape, used)
            }
        }
        if next == 0x1B { return (.escape, 1) }
        // Alt-key: ESC then the key. Read as the key alone.
        return (.escape, 1)
    }
}
