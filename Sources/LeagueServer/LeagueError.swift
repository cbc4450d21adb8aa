import Foundation
import Hummingbird
import LeagueAPI

/// An error answer: a status, one sentence as `{"error": …}`, and the headers that go with it
/// (`Retry-After` for 429 and 503, `WWW-Authenticate` for 401).
struct LeagueError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        let body = (try? LeagueAPI.encoder().encode(LeagueErrorBody(error: message))) ?? Data("{}".utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func badRequest(_ m: String) -> LeagueError { LeagueError(status: .badRequest, message: m) }
    static func notFound(_ m: String) -> LeagueError { LeagueError(status: .notFound, message: m) }
    static func unauthorized(_ m: String) -> LeagueError {
        LeagueError(status: .unauthorized, message: m, headers: [.wwwAuthenticate: "Bearer realm=\"barista-league\""])
    }
    static func refused(_ m: String) -> LeagueError { LeagueError(status: .unprocessableContent, message: m) }
    static func tooLarge(_ m: String) -> LeagueError { LeagueError(status: .contentTooLarge, message: m) }
    static func retryLater(_ status: HTTPResponse.Status, _ m: String, after seconds: Int) -> LeagueError {
        LeagueError(status: status, message: m, headers: [.retryAfter: String(max(1, seconds))])
    }
}
