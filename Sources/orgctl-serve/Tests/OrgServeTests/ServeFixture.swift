import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OrgModel
import Testing
@testable import OrgServe

/// Tokens held in the test, standing for the library's.
struct StubTokens: TokenChecking {
    var callers: [String: Caller]

    func caller(forSecret secret: String, in database: OrgDatabase) throws -> Caller? { callers[secret] }
}

/// A database file with the example organisation, and a server on it.
final class ServeFixture: Sendable {
    let folder: String
    let path: String
    let configuration: ServeConfiguration

    static let tokens = StubTokens(callers: [
        "read-secret": Caller(name: "reader", level: .read, branch: nil),
        "edit-secret": Caller(name: "editor", level: .edit, branch: nil),
        "cio-read": Caller(name: "cio-reader", level: .read, branch: "cio"),
        "cio-edit": Caller(name: "cio-editor", level: .edit, branch: "cio"),
    ])

    init(publicRead: Bool = false, limits: RequestLimits = RequestLimits(), setUp: (OrgDatabase) throws -> Void = { _ in }) throws {
        folder = NSTemporaryDirectory() + "orgserve-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/org.db"
        let database = try OrgDatabase(path: path, access: .write)
        try database.initialise(with: .enterprisePMO)
        try setUp(database)
        var configuration = ServeConfiguration(databasePath: path)
        configuration.publicRead = publicRead
        configuration.limits = limits
        self.configuration = configuration
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Another connection to the file, as the command line would open it.
    func database() throws -> OrgDatabase { try OrgDatabase(path: path, access: .write) }

    func application() throws -> some ApplicationProtocol {
        Application(router: try ServeApplication.router(configuration, tokens: Self.tokens).router)
    }

    /// Runs `body` with a client of the router.
    func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await application().test(.router) { client in try await body(client) }
    }
}

/// A parsed JSON answer, for looking into.
struct Answered: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
}

extension TestClientProtocol {
    /// Asks `uri` again until its answer satisfies `seen`, for at most
    /// `bound`: a commit of another program reaches kept answers and tokens
    /// within one poll of the file (25 ms), so a second is far more than
    /// enough. Returns the last answer and how long it took.
    func callUntil(_ method: HTTPRequest.Method, _ uri: String, token: String? = "read-secret",
                   within bound: Duration = .seconds(1), _ seen: (Answered) -> Bool) async throws -> (Answered, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        while true {
            let answered = try await call(method, uri, token: token)
            if seen(answered) || clock.now - start > bound { return (answered, clock.now - start) }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = "read-secret", body: String? = nil,
              headers extra: HTTPFields = [:]) async throws -> Answered {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        let answered = try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            Answered(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
        #expect(answered.status != .internalServerError, "\(method) \(uri) answered 500: \(answered.text)")
        return answered
    }
}
