@testable import barista
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LeagueAPI
import Testing

/// The league client's transport against a hostile server played by the test: a loopback socket
/// that reads one request and answers with whatever bytes the test wants.
@Suite struct LeagueTransportTests {
    static let cap = HTTPTransport.maxAnswerBytes

    func client(_ server: ScriptedServer, token: String? = nil) throws -> LeagueClient {
        LeagueClient(base: try LeagueClient.baseURL("http://127.0.0.1:\(server.port)"), token: token)
    }

    /// The CLIError text of `work`, or nil when it did not fail.
    func failure(_ work: () throws -> Void) -> String? {
        do { try work(); return nil } catch { return "\(error)" }
    }

    /// A 200 answer with `body`, sent with its Content-Length.
    static func answer(_ body: [UInt8], status: String = "200 OK", headers: [String] = []) -> [UInt8] {
        Array(("HTTP/1.1 \(status)\r\n" + (headers + ["Content-Length: \(body.count)"]).map { $0 + "\r\n" }.joined() + "\r\n").utf8) + body
    }

    /// A join answer padded with spaces (still JSON) so the whole answer, headers and body, is `total` bytes.
    static func joinAnswer(totalling total: Int) -> [UInt8] {
        let json = Array(#"{"player":"ada","token":"t"}"#.utf8)
        var padding = 0
        while true {
            let whole = answer(json + [UInt8](repeating: 0x20, count: padding))
            if whole.count == total { return whole }
            padding += total - whole.count
        }
    }

    @Test func anAnswerOfExactlyTheCapIsReadAndTheRequestIsWhatTheClientMeant() throws {
        let server = try ScriptedServer(.bytes(Self.joinAnswer(totalling: Self.cap)))
        let token = try client(server).join(name: "ada")
        #expect(token == PlayerToken(player: "ada", token: "t"))
        let request = server.request()
        #expect(request.hasPrefix("POST /v1/players HTTP/1.1\r\n"))
        #expect(request.contains("\r\nContent-Type: application/json\r\n"))
        #expect(request.contains("\r\nContent-Length: 14\r\n"))
        #expect(!request.contains("Expect:"))
        #expect(!request.contains("Authorization"))
        #expect(request.hasSuffix("\r\n\r\n{\"name\":\"ada\"}"))
    }

    @Test func aPostWithoutABodyIsSentAsAnEmptyPost() throws {
        let grant = ChallengeGrant(challenge: 7, level: "01-first-order", levelHash: "abc", seed: 42, abandoned: nil)
        let server = try ScriptedServer(.bytes(Self.answer(Array(try LeagueAPI.encoder().encode(grant)), status: "201 Created")))
        #expect(try client(server, token: "tok").challenge(levelHash: "abc") == grant)
        let request = server.request()
        #expect(request.hasPrefix("POST /v1/levels/abc/challenges HTTP/1.1\r\n"))
        #expect(request.contains("\r\nContent-Length: 0\r\n"))
        #expect(request.contains("\r\nAuthorization: Bearer tok\r\n"))
        #expect(request.hasSuffix("\r\n\r\n"))
    }

    @Test func oneByteOverTheCapIsRefusedWithTheLimit() throws {
        let server = try ScriptedServer(.bytes(Self.joinAnswer(totalling: Self.cap + 1)))
        let message = failure { _ = try client(server).join(name: "ada") }
        #expect(message == "the league at http://127.0.0.1:\(server.port) answered more than 8388608 bytes, the most a league answer may have")
    }

    @Test func aBodyDeclaredOverTheCapIsRefusedBeforeItIsRead() throws {
        let head = Array("HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n".utf8)
        let server = try ScriptedServer(.bytes(head))
        let message = failure { _ = try client(server).join(name: "ada") }
        #expect(message == "the league at http://127.0.0.1:\(server.port) answered more than 8388608 bytes, the most a league answer may have")
    }

    @Test func anEndlessChunkedAnswerIsCutOffAtTheCap() throws {
        let server = try ScriptedServer(.endlessChunks(upTo: 64 << 20))
        let message = failure { _ = try client(server).join(name: "ada") }
        #expect(message == "the league at http://127.0.0.1:\(server.port) answered more than 8388608 bytes, the most a league answer may have")
        // The client hung up: the server could not send its 64 MiB.
        #expect(server.sent() < 64 << 20)
    }

    @Test func anAnswerThatIsNotJSONIsNotALeague() throws {
        let server = try ScriptedServer(.bytes(Self.answer(Array("<html>hello</html>".utf8))))
        let message = failure { _ = try client(server).board(levelHash: "abc", metric: "profit") }
        #expect(message == "the league at http://127.0.0.1:\(server.port) answered something that is not a Barista league (HTTP 200)")
        let request = server.request()
        #expect(request.hasPrefix("GET /v1/levels/abc/leaderboard?metric=profit HTTP/1.1\r\n"))
    }

    @Test func aRefusalGivesTheServersReasonEscapedAndItsRetryAfter() throws {
        let body = Array(#"{"error":"queue full \u001b[2J"}"#.utf8)
        let server = try ScriptedServer(.bytes(Self.answer(body, status: "503 Service Unavailable", headers: ["retry-after:  7 "])))
        let message = failure { _ = try client(server, token: "secret").histogram(levelHash: "abc", metric: "profit") }
        #expect(message == "the league refused: queue full ^[[2J (HTTP 503); try again in 7 s")
        #expect(server.request().contains("\r\nAuthorization: Bearer secret\r\n"))
    }

    @Test func aRedirectIsNotFollowed() throws {
        let server = try ScriptedServer(.bytes(Self.answer([], status: "302 Found", headers: ["Location: http://127.0.0.1:9/v1/players"])))
        let message = failure { _ = try client(server).join(name: "ada") }
        #expect(message == "the league refused: HTTP 302 without an explanation (HTTP 302)")
    }

    /// Without libcurl a league command says what to install (the library named is one that is not there).
    @Test func withoutLibcurlTheMessageSaysWhatToInstall() throws {
        #expect(throws: HTTPTransportError.noLibcurl("libcurl-absent.so.9: cannot open shared object file: No such file or directory")) {
            _ = try Curl.load("libcurl-absent.so.9")
        }
        let client = LeagueClient(base: try LeagueClient.baseURL("http://127.0.0.1:9"), token: nil)
        let message = client.failure(.noLibcurl("libcurl.so.4: cannot open shared object file: No such file or directory"))
        #expect(message.description == "the league client needs libcurl: apt install libcurl4 (libcurl.so.4: cannot open shared object file: No such file or directory)")
        #expect(message.code == Exit.failedRun)
        // The real one is there on this machine, with every function the transport calls.
        let curl = try Curl.load()
        let easy = curl.easyInit()
        #expect(easy != nil)
        curl.cleanup(easy)
    }

    @Test func aServerThatNeverAnswersTimesOut() throws {
        let server = try ScriptedServer(.silence)
        let message = failure { _ = try client(server).board(levelHash: "abc", metric: "profit", timeout: 0.3) } ?? ""
        #expect(message.hasPrefix("cannot reach the league at 127.0.0.1:\(server.port): Operation timed out after "), "\(message)")
    }
}

/// One connection on a loopback port: reads a whole request (headers and Content-Length body),
/// then answers as told, on its own thread.
final class ScriptedServer: @unchecked Sendable {
    enum Answer {
        case bytes([UInt8])
        /// 64 KiB chunks of `x` until the client hangs up or `upTo` bytes are sent.
        case endlessChunks(upTo: Int)
        /// Says nothing until the client gives up.
        case silence
    }

    let port: Int
    private let listener: Int32
    private let finished = DispatchSemaphore(value: 0)
    private var received: [UInt8] = []
    private var sentBytes = 0

    init(_ answer: Answer) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { close(fd); throw CLIError("the test server could not listen") }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in serve(answer) }
    }

    private func serve(_ answer: Answer) {
        defer { close(listener); finished.signal() }
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return }
        defer { close(connection) }
        readRequest(connection)
        switch answer {
        case .bytes(let bytes): _ = send(connection, bytes)
        case .endlessChunks(let total):
            let chunk = Array("10000\r\n".utf8) + [UInt8](repeating: 0x78, count: 0x10000) + Array("\r\n".utf8)
            guard send(connection, Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)) else { return }
            while sentBytes < total, send(connection, chunk) {}
        case .silence:
            var byte: UInt8 = 0
            _ = recv(connection, &byte, 1, 0)  // returns when the client closes
        }
    }

    private func readRequest(_ connection: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let text = String(decoding: received, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                let head = text[..<end.lowerBound].lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if received.count >= text.utf8.distance(from: text.startIndex, to: end.upperBound) + length { return }
            }
            let n = recv(connection, &buffer, buffer.count, 0)
            guard n > 0 else { return }
            received += buffer[..<n]
        }
    }

    /// Sends all of `bytes`; false once the client has gone (no SIGPIPE).
    private func send(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return false }
            offset += n
            sentBytes += n
        }
        return true
    }

    /// The request as it arrived, once the exchange is over.
    func request() -> String {
        finished.wait()
        finished.signal()
        return String(decoding: received, as: UTF8.self)
    }

    /// How many bytes of the answer got out, once the exchange is over.
    func sent() -> Int {
        finished.wait()
        finished.signal()
        return sentBytes
    }
}
