import Foundation
import CoffeeStore
import LeagueAPI

/// The few requests `barista` makes of a league, through `HTTPTransport` (libcurl, opened only
/// when a league command runs: no server code and no networking libraries in the game binary). Every failure is a `CLIError` that says what to do; text from the server is
/// escaped before it can reach the terminal.
struct LeagueClient {
    let base: URL
    let token: String?

    /// Accepts `http://` and `https://` URLs with a host, at most 2048 bytes; drops a trailing `/`.
    static func baseURL(_ text: String) throws -> URL {
        var text = text
        while text.hasSuffix("/") { text.removeLast() }
        guard text.utf8.count <= 2048, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty,
              url.query == nil, url.fragment == nil else {
            throw CLIError("'\(escapeServerText(text))' is not a league address: use http://host:port or https://host")
        }
        return url
    }

    func join(name: String) throws -> PlayerToken {
        try send("POST", "/v1/players", body: NewPlayer(name: name), timeout: 30)
    }

    func submit(levelHash: String, _ request: SubmissionRequest, metric: String) throws -> SubmissionReceipt {
        try send("POST", "/v1/levels/\(levelHash)/submissions?metric=\(metric)", body: request, timeout: 600)
    }

    func board(levelHash: String, metric: String, timeout: Double = 30) throws -> LeagueBoard {
        try send("GET", "/v1/levels/\(levelHash)/leaderboard?metric=\(metric)", body: nil as NewPlayer?, timeout: timeout)
    }

    func histogram(levelHash: String, metric: String) throws -> LeagueHistogram {
        try send("GET", "/v1/levels/\(levelHash)/histogram?metric=\(metric)", body: nil as NewPlayer?, timeout: 30)
    }

    func pareto(levelHash: String) throws -> LeaguePareto {
        try send("GET", "/v1/levels/\(levelHash)/pareto", body: nil as NewPlayer?, timeout: 30)
    }

    /// A fresh seed to play one shift on by hand (an open challenge on the level is closed as abandoned).
    func challenge(levelHash: String) throws -> ChallengeGrant {
        try send("POST", "/v1/levels/\(levelHash)/challenges", body: nil as NewPlayer?, timeout: 60)
    }

    /// A hand-played log for the open challenge on its seed (`request.seed`).
    func submitHand(levelHash: String, _ request: SubmissionRequest, metric: String, timeout: Double = 120) throws -> HandReceipt {
        try send("POST", "/v1/levels/\(levelHash)/submissions?metric=\(metric)", body: request, timeout: timeout)
    }

    func handBoard(levelHash: String, metric: String) throws -> HandBoard {
        try send("GET", "/v1/levels/\(levelHash)/leaderboard/hand?metric=\(metric)", body: nil as NewPlayer?, timeout: 30)
    }

    private func send<Body: Encodable, Answer: Decodable>(_ method: String, _ path: String, body: Body?, timeout: Double) throws -> Answer {
        guard let url = URL(string: base.absoluteString + path) else { throw CLIError("cannot form a request to \(base.absoluteString)") }
        var request = HTTPRequest(method: method, url: url.absoluteString, headers: [], body: nil, timeout: timeout)
        if let body {
            request.body = try LeagueAPI.encoder().encode(body)
            request.headers.append("Content-Type: application/json")
        }
        if let token { request.headers.append("Authorization: Bearer \(token)") }
        let response = try exchange(request)
        let status = response.status
        guard (200..<300).contains(status) else {
            let message = (try? LeagueAPI.decoder().decode(LeagueErrorBody.self, from: response.body))?.error
                ?? "HTTP \(status) without an explanation"
            var text = "the league refused: \(escapeServerText(message)) (HTTP \(status))"
            if let wait = response.header("Retry-After") { text += "; try again in \(escapeServerText(wait)) s" }
            throw CLIError(text, code: Exit.failedRun)
        }
        do { return try LeagueAPI.decoder().decode(Answer.self, from: response.body) } catch {
            throw CLIError("the league at \(base.absoluteString) answered something that is not a Barista league (HTTP \(status))",
                           code: Exit.failedRun)
        }
    }

    /// One request, waited for, its failures said in the player's words.
    private func exchange(_ request: HTTPRequest) throws -> HTTPResponse {
        do { return try HTTPTransport.exchange(request) } catch { throw failure(error) }
    }

    /// What the player is told when an exchange with this league gave no answer.
    func failure(_ error: HTTPTransportError) -> CLIError {
        switch error {
        case .noLibcurl(let why):
            return CLIError("\(HTTPTransport.installHint) (\(escapeServerText(why)))", code: Exit.failedRun)
        case .failed(let why):
            let host = base.host ?? "?"
            let port = base.port.map { ":\($0)" } ?? ""
            return CLIError("cannot reach the league at \(escapeServerText(host))\(port): \(escapeServerText(why))", code: Exit.failedRun)
        case .tooLarge(let limit):
            return CLIError("the league at \(base.absoluteString) answered more than \(limit) bytes, the most a league answer may have",
                            code: Exit.failedRun)
        }
    }
}

/// Text that came from a server or a command line, made safe for a terminal.
func escapeServerText(_ text: String) -> String {
    PlayerName.escape(String(text.prefix(500)))
}
