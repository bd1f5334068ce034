import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import OrgModel

/// The server: the page, the JSON API and the event stream, on one router.
public enum ServeApplication {
    /// The application for `configuration`, checking tokens with `tokens`.
    /// `started` is called with the port once the server listens.
    public static func make(
        _ configuration: ServeConfiguration, tokens: any TokenChecking,
        started: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws(OrgError) -> some ApplicationProtocol {
        var logger = Logger(label: "orgctl-serve")
        logger.logLevel = .error
        let built = try router(configuration, tokens: tokens)
        let api = built.api
        return Application(
            router: built.router,
            // Kept answers are written before the router, on the connection's
            // own thread. The handlers are an autoclosure, called once per
            // connection: each connection has a handler of its own (it holds
            // the connection's state and is not Sendable), never a shared one.
            server: .http1(configuration: .init(additionalChannelHandlers: [KeptAnswerHandler(api: api)])),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            services: [built.events],
            onServerRunning: { channel in await started(channel.localAddress?.port ?? configuration.port) },
            logger: logger
        )
    }

    /// The router alone (what the tests drive).
    static func router(_ configuration: ServeConfiguration, tokens: any TokenChecking) throws(OrgError)
        -> (router: Router<BasicRequestContext>, routes: [String], events: EventHub, api: ChartAPI) {
        let api = try ChartAPI(configuration: configuration, tokens: tokens)
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: OriginMiddleware(allowed: configuration.allowedOrigins))
        api.addReadRoutes(to: router)
        api.addWriteRoutes(to: router)
        api.addHistoryRoutes(to: router)
        api.addDottedLineRoutes(to: router)
        api.route(router, .get, "/api/events") { request, _ in
            await api.handle(request) { _ in
                var headers = HTTPFields()
                headers[.contentType] = "text/event-stream; charset=utf-8"
                headers[.cacheControl] = "no-store"
                headers[.xContentTypeOptions] = "nosniff"
                let stream = api.events.subscribe()
                return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: stream))
            }
        }
        for path in StaticAssets.table.keys {
            api.route(router, .get, path) { _, _ in StaticAssets.response(for: path)! }
        }
        api.route(router, .get, "/js/:name") { request, context in
            StaticAssets.response(forModule: context.parameters.get("name") ?? "") ?? Answer.error(.noRoute(request.uri.path))
        }
        // Anything else is not found, as JSON under /api and for every method.
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete, .head] {
            router.on("/**", method: method) { request, _ in Answer.error(.noRoute(request.uri.path)) }
        }
        return (router, api.routes.withLockedValue { $0 }, api.events, api)
    }

    /// The line printed when the server starts.
    public static func startLine(path: String, host: String, port: Int, publicRead: Bool) -> String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let who = publicRead ? "anyone may read; changes need a token: orgctl token add NAME --can edit"
            : "read needs a token: orgctl token add NAME --can read"
        return "Serving \(path) at http://\(shownHost):\(port)/ (\(who))"
    }
}

/// Lets the pages of the allowed origins call the API (CORS), and no others:
/// the API takes no cookies, so this only opens reading to scripts the
/// owner named.
struct OriginMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowed: [String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], allowed.contains(origin) else {
            return try await next(request, context)
        }
        if request.method == .options {
            var headers = HTTPFields()
            headers[.accessControlAllowOrigin] = origin
            headers[.accessControlAllowMethods] = "GET, POST, PATCH, DELETE"
            headers[.accessControlAllowHeaders] = "Authorization, Content-Type"
            headers[.accessControlMaxAge] = "600"
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.vary] = "Origin"
        return response
    }
}
