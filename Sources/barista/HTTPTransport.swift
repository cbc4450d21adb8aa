import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP request of the league client: a GET, or a POST with a body.
struct HTTPRequest {
    var method: String
    var url: String
    var headers: [String]
    var body: Data?
    /// Seconds for the whole exchange, connecting included.
    var timeout: Double
}

/// What a server answered: the status, the header lines of the final answer, and the body.
struct HTTPResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: Data

    /// The value of the first header called `name` (ignoring case), as Foundation's
    /// `value(forHTTPHeaderField:)` looks it up.
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Why an exchange gave no answer.
enum HTTPTransportError: Error, Equatable {
    /// libcurl could not be loaded (its message from `dlerror`).
    case noLibcurl(String)
    /// The exchange failed: no connection, a timeout, a broken answer (libcurl's words).
    case failed(String)
    /// The answer, headers and body, went past `limit` bytes; what came was dropped.
    case tooLarge(limit: Int)
}

/// The league client's HTTP, without linking FoundationNetworking (and libcurl with its dozen TLS,
/// Kerberos and LDAP libraries) into the game binary: on Linux, libcurl is opened with `dlopen`
/// only when a league command runs, and its easy interface is called through `dlsym`.
///
/// Every exchange is bounded: http and https only, no redirects followed, no signals (timeouts
/// without SIGALRM), a connect and a total timeout, no compressed answers, and at most `limit`
/// bytes of answer (headers and body), counted as they arrive: a hostile server cannot make us
/// keep more.
enum HTTPTransport {
    /// The most a league answer may have, headers and body (in the limits table of docs/brewscript.md).
    static let maxAnswerBytes = 8 * 1024 * 1024

    /// What to say when libcurl is missing.
    static let installHint = "the league client needs libcurl: apt install libcurl4"

    static func exchange(_ request: HTTPRequest, limit: Int = maxAnswerBytes) throws(HTTPTransportError) -> HTTPResponse {
        #if canImport(Glibc)
        return try Curl.loaded.get().exchange(request, limit: limit)
        #else
        return try foundationExchange(request, limit: limit)
        #endif
    }
}

#if canImport(Glibc)
/// The parts of libcurl's easy interface the client uses, found with `dlsym`. Values of
/// `curl_easy_setopt` and `curl_easy_getinfo` (C variadic functions) are passed as fixed
/// arguments: on the ELF ABIs of x86-64 and AArch64 a long or a pointer travels in the same
/// register either way.
struct Curl: @unchecked Sendable {
    typealias Handle = OpaquePointer
    typealias Callback = @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int

    let easyInit: @convention(c) () -> Handle?
    let setLong: @convention(c) (Handle?, Int32, Int) -> Int32
    let setPointer: @convention(c) (Handle?, Int32, UnsafeRawPointer?) -> Int32
    let setCallback: @convention(c) (Handle?, Int32, Callback?) -> Int32
    let perform: @convention(c) (Handle?) -> Int32
    let getLong: @convention(c) (Handle?, Int32, UnsafeMutablePointer<Int>?) -> Int32
    let strerror: @convention(c) (Int32) -> UnsafePointer<CChar>?
    let cleanup: @convention(c) (Handle?) -> Void
    let slistAppend: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
    let slistFree: @convention(c) (OpaquePointer?) -> Void

    // From curl.h (stable since curl 7.x): option numbers are a type base plus an index.
    static let url: Int32 = 10002, errorBuffer: Int32 = 10010, userAgent: Int32 = 10018
    static let httpHeader: Int32 = 10023, customRequest: Int32 = 10036, copyPostFields: Int32 = 10165
    static let writeData: Int32 = 10001, headerData: Int32 = 10029
    static let writeFunction: Int32 = 20011, headerFunction: Int32 = 20079
    static let followLocation: Int32 = 52, postFieldSize: Int32 = 60, noSignal: Int32 = 99
    static let maxFileSize: Int32 = 114, timeoutMS: Int32 = 155, connectTimeoutMS: Int32 = 156, protocols: Int32 = 181
    static let protoHTTP = 1, protoHTTPS = 2
    static let responseCode: Int32 = 0x200002
    static let writeError: Int32 = 23, fileSizeExceeded: Int32 = 63
    static let errorSize = 256

    /// Loaded once, the first time a league command asks.
    static let loaded: Result<Curl, HTTPTransportError> = Result { () throws(HTTPTransportError) in try load() }

    /// Opens `library` (tests name one that is not there) and finds the functions in it.
    static func load(_ library: String = "libcurl.so.4") throws(HTTPTransportError) -> Curl {
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            throw .noLibcurl(dlerror().map { String(cString: $0) } ?? "\(library) not found")
        }
        func symbol<F>(_ name: String, as type: F.Type) throws(HTTPTransportError) -> F {
            guard let address = dlsym(handle, name) else { throw .noLibcurl("\(library) has no \(name)") }
            return unsafeBitCast(address, to: type)
        }
        return Curl(
            easyInit: try symbol("curl_easy_init", as: (@convention(c) () -> Handle?).self),
            setLong: try symbol("curl_easy_setopt", as: (@convention(c) (Handle?, Int32, Int) -> Int32).self),
            setPointer: try symbol("curl_easy_setopt", as: (@convention(c) (Handle?, Int32, UnsafeRawPointer?) -> Int32).self),
            setCallback: try symbol("curl_easy_setopt", as: (@convention(c) (Handle?, Int32, Callback?) -> Int32).self),
            perform: try symbol("curl_easy_perform", as: (@convention(c) (Handle?) -> Int32).self),
            getLong: try symbol("curl_easy_getinfo", as: (@convention(c) (Handle?, Int32, UnsafeMutablePointer<Int>?) -> Int32).self),
            strerror: try symbol("curl_easy_strerror", as: (@convention(c) (Int32) -> UnsafePointer<CChar>?).self),
            cleanup: try symbol("curl_easy_cleanup", as: (@convention(c) (Handle?) -> Void).self),
            slistAppend: try symbol("curl_slist_append", as: (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?).self),
            slistFree: try symbol("curl_slist_free_all", as: (@convention(c) (OpaquePointer?) -> Void).self))
    }

    /// What has arrived so far, and how much more may.
    private final class Arrival {
        var left: Int
        var overflowed = false
        var body = Data()
        var headerLines: [String] = []
        init(limit: Int) { left = limit }

        /// Counts `n` more bytes against the limit; false (and nothing kept) once past it.
        func admit(_ n: Int) -> Bool {
            guard n <= left else { overflowed = true; return false }
            left -= n
            return true
        }
    }

    /// The bytes libcurl hands a callback and the answer they belong to, once counted against its
    /// limit; nil when past it (the callback then returns 0, fewer bytes than were handed over,
    /// which makes libcurl stop with CURLE_WRITE_ERROR).
    private static func admitted(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                                 _ context: UnsafeMutableRawPointer?) -> (Arrival, UnsafeBufferPointer<UInt8>)? {
        guard let data, let context else { return nil }
        let arrival = Unmanaged<Arrival>.fromOpaque(context).takeUnretainedValue()
        let (n, over) = size.multipliedReportingOverflow(by: count)
        guard !over, arrival.admit(n) else { return nil }
        return (arrival, UnsafeBufferPointer(start: UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: n))
    }

    private static let onBody: Callback = { data, size, count, context in
        guard let (arrival, bytes) = admitted(data, size, count, context) else { return 0 }
        arrival.body.append(bytes)
        return bytes.count
    }

    // One whole header line a call; a status line starts a new answer (after `100 Continue`).
    private static let onHeader: Callback = { data, size, count, context in
        guard let (arrival, bytes) = admitted(data, size, count, context) else { return 0 }
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") { arrival.headerLines = [] } else { arrival.headerLines.append(line) }
        return bytes.count
    }

    func exchange(_ request: HTTPRequest, limit: Int) throws(HTTPTransportError) -> HTTPResponse {
        guard let easy = easyInit() else { throw .failed("libcurl could not start a transfer") }
        defer { cleanup(easy) }
        var headers: OpaquePointer?
        defer { slistFree(headers) }
        // "Expect:" turns off `Expect: 100-continue`, which would hold a large POST back a second.
        for line in request.headers + ["Accept: application/json", "Expect:"] {
            guard let longer = slistAppend(headers, line) else { throw .failed("libcurl could not add a header") }
            headers = longer
        }
        let arrival = Arrival(limit: limit)
        let errorText = UnsafeMutablePointer<CChar>.allocate(capacity: Self.errorSize)
        errorText.initialize(repeating: 0, count: Self.errorSize)
        defer { errorText.deallocate() }
        let millis = Int(max(0.001, request.timeout) * 1000)

        var failed = false
        func long(_ option: Int32, _ value: Int) { failed = failed || setLong(easy, option, value) != 0 }
        func pointer(_ option: Int32, _ value: UnsafeRawPointer?) { failed = failed || setPointer(easy, option, value) != 0 }
        func text(_ option: Int32, _ value: String) { value.withCString { pointer(option, $0) } }  // libcurl copies strings
        text(Self.url, request.url)
        long(Self.protocols, Self.protoHTTP | Self.protoHTTPS)
        long(Self.followLocation, 0)
        long(Self.noSignal, 1)
        long(Self.timeoutMS, millis)
        long(Self.connectTimeoutMS, min(millis, 30_000))
        long(Self.maxFileSize, limit)
        pointer(Self.errorBuffer, errorText)
        pointer(Self.httpHeader, UnsafeRawPointer(headers))
        text(Self.userAgent, "barista")
        if request.method != "GET" && request.method != "POST" { text(Self.customRequest, request.method) }
        // A POST without a body (a challenge) is still a POST: libcurl sends a GET unless told of one.
        if let body = request.body ?? (request.method == "GET" ? nil : Data()) {
            long(Self.postFieldSize, body.count)
            // libcurl copies the body; an empty one still needs a pointer that is not null.
            body.withUnsafeBytes { pointer(Self.copyPostFields, $0.baseAddress ?? UnsafeRawPointer(errorText)) }
        }
        let context = Unmanaged.passUnretained(arrival).toOpaque()
        failed = failed || setCallback(easy, Self.writeFunction, Self.onBody) != 0 || setCallback(easy, Self.headerFunction, Self.onHeader) != 0
        pointer(Self.writeData, context)
        pointer(Self.headerData, context)
        guard !failed else { throw .failed("this libcurl refused an option the league client needs") }

        let code = withExtendedLifetime(arrival) { perform(easy) }
        if arrival.overflowed || code == Self.fileSizeExceeded { throw .tooLarge(limit: limit) }
        guard code == 0 else {
            let detail = String(cString: errorText)
            throw .failed(detail.isEmpty ? strerror(code).map { String(cString: $0) } ?? "libcurl error \(code)" : detail)
        }
        var status = 0
        _ = getLong(easy, Self.responseCode, &status)
        let fields = arrival.headerLines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return HTTPResponse(status: status, headers: fields, body: arrival.body)
    }
}
#else
extension HTTPTransport {
    /// Elsewhere (macOS) URLSession is part of Foundation itself and costs no extra libraries.
    /// The limit is checked once the answer is in.
    static func foundationExchange(_ request: HTTPRequest, limit: Int) throws(HTTPTransportError) -> HTTPResponse {
        guard let url = URL(string: request.url) else { throw .failed("not a URL: \(request.url)") }
        var urlRequest = URLRequest(url: url, timeoutInterval: request.timeout)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        for line in request.headers {
            guard let colon = line.firstIndex(of: ":") else { continue }
            urlRequest.setValue(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces),
                                forHTTPHeaderField: String(line[..<colon]))
        }
        final class Box: @unchecked Sendable { var result: Result<(Data, HTTPURLResponse), any Error>? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let session = URLSession(configuration: .ephemeral)
        session.dataTask(with: urlRequest) { data, response, error in
            if let error { box.result = .failure(error) } else if let response = response as? HTTPURLResponse {
                box.result = .success((data ?? Data(), response))
            }
            done.signal()
        }.resume()
        done.wait()
        session.finishTasksAndInvalidate()
        switch box.result {
        case .success(let (data, response))?:
            guard data.count <= limit else { throw .tooLarge(limit: limit) }
            let fields = response.allHeaderFields.map { (name: "\($0.key)", value: "\($0.value)") }
            return HTTPResponse(status: response.statusCode, headers: fields, body: data)
        case .failure(let error)?: throw .failed(error.localizedDescription)
        case nil: throw .failed("the server's answer was not HTTP")
        }
    }
}
#endif
