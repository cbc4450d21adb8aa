import CoffeeGame
import Crypto
import Foundation
import LeagueAPI

/// The secrets a league keeps: the hidden evaluation seeds, and bearer tokens (kept only as hashes).
public enum LeagueSecrets {
    /// The level's hidden evaluation seeds: HMAC-SHA-256 keyed by the server's secret over the level's
    /// content hash and the seed's index. Without the secret they cannot be guessed, so a script
    /// cannot be tuned to them; every server sharing the secret derives the same ones.
    public static func seeds(secret: String, levelHash: String, count: Int) -> [UInt64] {
        let key = SymmetricKey(data: Data(secret.utf8))
        return (0..<count).map { i in
            let mac = HMAC<SHA256>.authenticationCode(for: Data("\(levelHash)/league-eval/\(i)".utf8), using: key)
            let bytes = Array(mac)
            let word = bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            // 48 bits, as the local evaluation seeds: exact in JSON numbers and in every store.
            return word >> 16
        }
    }

    /// A new bearer token: 256 random bits from the system's generator, as 64 hex digits.
    public static func newToken() -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<4).map { _ in hex64(rng.next()) }.joined()
    }

    /// What the database keeps of a token: its SHA-256, as hex.
    public static func tokenHash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { byte in
            let s = String(byte, radix: 16)
            return byte < 16 ? "0" + s : s
        }.joined()
    }

    private static func hex64(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
