import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import CoffeeStore
import LeagueAPI

/// The few requests `barista` makes of a league, over Foundation's URLSession (no server code in
/// the game binary). Every failure is a `CLIError` that says what to do; text from the server is
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
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        if let body {
            request.httpBody = try LeagueAPI.encoder().encode(body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try Self.exchange(request)
        let status = response.statusCode
        guard (200..<300).contains(status) else {
            let message = (try? LeagueAPI.decoder().decode(LeagueErrorBody.self, from: data))?.error
                ?? "HTTP \(status) without an explanation"
            var text = "the league refused: \(escapeServerText(message)) (HTTP \(status))"
            if let wait = response.value(forHTTPHeaderField: "Retry-After") { text += "; try again in \(escapeServerText(wait)) s" }
            throw CLIError(text, code: Exit.failedRun)
        }
        do { return try LeagueAPI.decoder().decode(Answer.self, from: data) } catch {
            throw CLIError("the league at \(base.absoluteString) answered something that is not a Barista league (HTTP \(status))",
                           code: Exit.failedRun)
        }
    }

    /// One request, waited for: URLSession's callback handed back through a semaphore.
    private static func exchange(_ request: URLRequest) throws -> (Data, HTTPURLResponse) {
        final class Box: @unchecked Sendable { var result: Result<(Data, HTTPURLResponse), any Error>? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let session = URLSession(configuration: .ephemeral)
        let task = session.dataTask(with: request) { data, response, error in
            if let error {
                box.result = .failure(error)
            } else if let response = response as? HTTPURLResponse {
                box.result = .success((data ?? Data(), response))
            } else {
                box.result = .failure(URLError(.badServerResponse))
            }
            done.signal()
        }
        task.resume()
        done.wait()
        session.finishTasksAndInvalidate()
        switch box.result {
        case .success(let pair)?: return pair
        case .failure(let error)?:
            let host = request.url?.host ?? "?"
            let port = request.url?.port.map { ":\($0)" } ?? ""
            throw CLIError("cannot reach the league at \(escapeServerText(host))\(port): \(error.localizedDescription)", code: Exit.failedRun)
        case nil: throw CLIError("the request to the league did not finish", code: Exit.failedRun)
        }
    }
}

/// Text that came from a server or a command line, made safe for a terminal.
func escapeServerText(_ text: String) -> String {
    PlayerName.escape(String(text.prefix(500)))
}
