import Foundation
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import OrgModel

/// The JSON API: authentication, limits and the mapping of failures, shared
/// by every route; the routes themselves are in the extensions.
final class ChartAPI: Sendable {
    let configuration: ServeConfiguration
    let store: ChartStore
    let tokens: any TokenChecking
    let limiter: RateLimiter
    let events: EventHub
    /// Every route added, as `METHOD /path/:param`, for the API document's check.
    let routes = NIOLockedValueBox<[String]>([])
    /// The chart's role and vacancy counts, by version, date and branch.
    let chartCounts = CountCache()
    /// Who each `Authorization` header seen stands for, with its token's rate
    /// counter, for one generation of the file: a token revoked from the
    /// command line is a commit, so it stops working within one poll of the
    /// file (``ChartStore/generation()``). Kept by the header's whole text,
    /// so that a known caller costs no parsing and no new string.
    let callers = AnswerCache<KnownCaller>(maxEntries: 4_096, maxBytes: 1 << 20, size: { $0.caller.name.utf8.count + 64 })
    /// The anonymous reader of a server that reads the chart to the public.
    private let anonymous: KnownCaller
    /// Answers of the routes read most (a branch, a search), for one
    /// generation of the file: a commit from elsewhere empties it, one of the
    /// server's own drops only the answers showing what it changed.
    let answers = AnswerCache<ByteBuffer>(maxEntries: 8_192, maxBytes: 64 << 20, size: { $0.readableBytes })

    init(configuration: ServeConfiguration, tokens: any TokenChecking) throws(OrgError) {
        self.configuration = configuration
        self.tokens = tokens
        store = try ChartStore(path: configuration.databasePath,
                               pollMilliseconds: configuration.generationPollMilliseconds)
        limiter = RateLimiter(limits: configuration.limits)
        anonymous = KnownCaller(caller: .anonymous, counter: limiter.counter(for: Caller.anonymous.name))
        events = EventHub(path: configuration.databasePath, pollMilliseconds: configuration.pollMilliseconds,
                          keepAliveSeconds: configuration.keepAliveSeconds)
    }

    /// Runs a route: checks the request's size, its token and its rate, then
    /// answers with `body`'s JSON or the refusal.
    /// ``keptAnswer(for:)`` makes the same checks for a kept answer before
    /// the router: a check added here (or a middleware) must be added there.
    func handle(_ request: Request, writing: Bool = false,
                _ body: @escaping @Sendable (Caller) async throws -> Response) async -> Response {
        do {
            // The whole address within the limit holds its query within it, without taking the query apart.
            if request.uri.string.utf8.count > configuration.limits.textBytes, let query = request.uri.query,
               query.utf8.count > configuration.limits.textBytes {
                throw APIError.invalid("The query string is longer than \(configuration.limits.textBytes) bytes.", value: nil)
            }
            let known = try await authenticate(request)
            guard limiter.admit(known.counter, writing: writing) else { throw APIError.rateLimited() }
            if writing && known.caller.level != .edit { throw APIError.readOnly() }
            return try await body(known.caller)
        } catch let error as APIError {
            return Answer.error(error)
        } catch let error as OrgError {
            return Answer.error(APIError(error))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return Answer.error(.tooLarge(limit: configuration.limits.bodyBytes))
        } catch {
            return Answer.error(APIError(.internalError(detail: "\(error)")))
        }
    }

    /// The caller the request's `Authorization` header stands for.
    private func authenticate(_ request: Request) async throws -> KnownCaller {
        let generation = store.generation()
        let header = request.headers[.authorization]
        if let known = knownCaller(header, generation: generation) { return known }
        guard let header else { throw APIError.unauthorized() }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", parts[1].utf8.count <= configuration.limits.textBytes else {
            throw APIError.unauthorized()
        }
        let secret = String(parts[1]).trimmingCharacters(in: .whitespaces)
        let tokens = tokens
        guard let caller = try await store.read({ try tokens.caller(forSecret: secret, in: $0) }) else {
            throw APIError.unauthorized()
        }
        let known = KnownCaller(caller: caller, counter: limiter.counter(for: caller.name))
        callers.keep(known, for: header, generation: generation, shown: .nothing)
        return known
    }

    /// The caller an `Authorization` header stands for, when that is known
    /// without reading the file: the anonymous reader of a public server
    /// when there is no header, or the caller kept for it in `generation`.
    private func knownCaller(_ header: String?, generation: Int64) -> KnownCaller? {
        guard let header else { return configuration.publicRead ? anonymous : nil }
        return callers.value(header, generation: generation)
    }

    /// The key of a kept answer: the address as the client sent it, in the caller's scope.
    private func answerKey(_ caller: Caller, _ address: String) -> String {
        guard let branch = caller.branch else { return address }
        return branch.lowercased() + "\u{0}" + address
    }

    /// The answer kept for this request in the file's current generation
    /// (or a later one, see ``AnswerCache/value(_:generation:)``), if any:
    /// asked before the route reads its parameters, since only an answer to
    /// valid ones is ever kept.
    func keptAnswer(_ caller: Caller, _ request: Request) -> Response? {
        answers.value(answerKey(caller, request.uri.string), generation: store.generation()).map { Answer.json(body: $0) }
    }

    /// The kept answer to `request`, when the router would answer it with
    /// exactly that and nothing else: a GET within the length limit, from a
    /// caller known in this generation (or anyone, when the chart is public)
    /// whose rate allows one more request, counted here. Nil leaves the
    /// request to the router, uncounted: a request from another origin (which
    /// adds headers), one that closes the connection, an unknown token, an
    /// answer not kept. What ``KeptAnswerHandler`` asks before the router.
    func keptAnswer(for request: HTTPRequest) -> ByteBuffer? {
        guard request.method == .get, let address = request.path, address.utf8.count <= configuration.limits.textBytes,
              request.headerFields[.origin] == nil, request.headerFields[.connection] == nil else { return nil }
        let generation = store.generation()
        guard let known = knownCaller(request.headerFields[.authorization], generation: generation),
              let body = answers.value(answerKey(known.caller, address), generation: generation),
              limiter.admit(known.counter, writing: false) else { return nil }
        return body
    }

    /// The answer `compute` gives on a reader connection, or the one it gave
    /// for the same scope, address and query in this generation of the file.
    /// An answer for now is kept only while no change is planned: one
    /// taking effect would change it without a commit.
    func cachedAnswer(_ caller: Caller, _ request: Request,
                      _ compute: @escaping @Sendable (OrgDatabase) throws -> (JSON, Shown)) async throws -> Response {
        let generation = store.generation()
        let key = answerKey(caller, request.uri.string)
        if let body = answers.value(key, generation: generation) { return Answer.json(body: body) }
        let asOf = request.uri.queryParameters.get("asOf")
        let forNow = asOf == nil
        // `now`, `today`, `yesterday`, `tomorrow`: a moment that moves with
        // the clock, so its answer changes without a commit: never kept.
        let moving = asOf.map { $0.trimmingCharacters(in: .whitespaces).first?.isLetter == true } ?? false
        let (body, shown, keep) = try await store.read { database in
            // No later than the moment the answer is read as of.
            let started = Timestamp.now()
            let (json, shown) = try compute(database)
            let planned = forNow ? try database.hasPlannedChanges(after: started) : false
            return (Answer.body(json), shown, !planned && !moving)
        }
        if keep { answers.keep(body, for: key, generation: generation, shown: shown) }
        return Answer.json(body: body)
    }

    /// Adds a route to `router` and to ``routes``.
    func route(_ router: Router<BasicRequestContext>, _ method: HTTPRequest.Method, _ path: String,
               _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
        routes.withLockedValue { $0.append("\(method.rawValue) \(path)") }
        router.on(RouterPath(path), method: method, use: handler)
    }

    // MARK: - Request parts

    /// A key from the path, held to the length limit.
    func key(_ context: some RequestContext, _ name: String = "key") throws -> String {
        guard let key = context.parameters.get(name), !key.isEmpty else { throw APIError.invalid("A key is missing.", value: nil) }
        guard key.utf8.count <= configuration.limits.textBytes else {
            throw APIError.invalid("The key is longer than \(configuration.limits.textBytes) bytes.", value: nil)
        }
        return key
    }

    /// The moment `?asOf=` asks for; nil for now, which is read when the
    /// answer is (``snapshot(_:asOf:)``).
    static func moment(_ request: Request, _ name: String = "asOf") throws -> Timestamp? {
        guard let text = request.uri.queryParameters.get(name) else { return nil }
        return try date(text, name)
    }

    /// The chart as of `moment`, or as it is when the read starts. "Now" is
    /// not the moment the request arrived: a write committed while the
    /// request waited would then lie after it, and the chart would be
    /// rebuilt without it, at great cost, to answer for a moment already past.
    static func snapshot(_ database: OrgDatabase, asOf moment: Timestamp?) throws -> ChartSnapshot {
        try moment.map { try database.snapshot(asOf: $0) } ?? database.snapshotNow()
    }

    static func date(_ text: String, _ name: String) throws -> Timestamp {
        guard let moment = Timestamp.parse(text, day: .end) else {
            throw APIError.invalid("\(name) must be a date such as 2027-01-31.", value: text)
        }
        return moment
    }

    /// A whole number from the query, within bounds.
    static func number(_ request: Request, _ name: String, default value: Int, max: Int) throws -> Int {
        guard let text = request.uri.queryParameters.get(name) else { return value }
        guard let number = Int(text), number >= 0, number <= max else {
            throw APIError.invalid("\(name) must be a whole number from 0 to \(max).", value: text)
        }
        return number
    }

    /// The request's JSON body, decoded; 413 past the size limit, 400 when it is not the expected JSON.
    func body<T: Decodable>(_ request: Request, as type: T.Type) async throws -> T {
        var request = request
        if let length = request.headers[.contentLength].flatMap(Int.init), length > configuration.limits.bodyBytes {
            throw APIError.tooLarge(limit: configuration.limits.bodyBytes)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: configuration.limits.bodyBytes)
        } catch {
            throw APIError.tooLarge(limit: configuration.limits.bodyBytes)
        }
        let data = Data(buffer.readableBytesView)
        do {
            return try JSONDecoder().decode(T.self, from: data.isEmpty ? Data("{}".utf8) : data)
        } catch {
            throw APIError.invalid("The request body is not the JSON this route expects.", value: nil,
                                   fix: "See the API's documentation for the fields.")
        }
    }

    /// The chart as `caller` may see it, as of `moment`, on a reader connection.
    func view<T: Sendable>(_ caller: Caller, asOf moment: Timestamp?,
                           _ body: @escaping @Sendable (ChartView) throws -> T) async throws -> T {
        try await store.read { database in
            try body(ChartView(chart: try Self.snapshot(database, asOf: moment), caller: caller))
        }
    }

    /// The version the page compares to know that the chart changed.
    static func version(_ database: OrgDatabase) throws -> String {
        String(try database.newestChangeID() ?? 0)
    }
}

/// Answers that take a pass over the chart, kept until the file's version
/// changes (the version is part of the key); a few dozen at most.
final class CountCache: Sendable {
    private let entries = NIOLockedValueBox<[String: (Int, Int)]>([:])

    func cached(_ key: String, _ compute: () throws -> (Int, Int)) rethrows -> (Int, Int) {
        if let found = entries.withLockedValue({ $0[key] }) { return found }
        let value = try compute()
        entries.withLockedValue { entries in
            if entries.count >= 64 { entries.removeAll() }
            entries[key] = value
        }
        return value
    }
}
