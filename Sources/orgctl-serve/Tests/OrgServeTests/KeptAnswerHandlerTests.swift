import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import OrgModel
import Testing
@testable import OrgServe

/// Kept answers written before the router (``KeptAnswerHandler``): the same
/// bytes the router writes, for the same callers, counted the same way; any
/// other request reaches the router untouched and in order.
@Suite struct KeptAnswerHandlerTests {
    /// The router, with its answers to `paths` for `token` kept.
    private func warmed(_ fixture: ServeFixture, paths: [String] = ["/api/roles/cio/children"],
                        token: String = "read-secret") async throws -> ChartAPI {
        let built = try ServeApplication.router(fixture.configuration, tokens: ServeFixture.tokens)
        try await Application(router: built.router).test(.router) { client in
            for path in paths {
                let answered = try await client.call(.get, path, token: token)
                #expect(answered.status == .ok)
            }
        }
        return built.api
    }

    /// Runs `body` with a connection whose pipeline ends in the handler, all
    /// on the calling thread (an embedded channel is used where it was made).
    private func onConnection(_ api: ChartAPI, _ body: (EmbeddedChannel) throws -> Void) throws {
        try body(EmbeddedChannel(handler: KeptAnswerHandler(api: api)))
    }

    private func request(_ path: String, token: String? = "read-secret", _ extra: HTTPFields = [:]) -> HTTPRequest {
        var fields = extra
        if let token { fields[.authorization] = "Bearer \(token)" }
        return HTTPRequest(method: .get, scheme: nil, authority: "127.0.0.1", path: path, headerFields: fields)
    }

    private func send(_ request: HTTPRequest, to channel: EmbeddedChannel) throws {
        try channel.writeInbound(HTTPRequestPart.head(request))
        try channel.writeInbound(HTTPRequestPart.end(nil))
    }

    /// The parts the handler wrote back, or nil when it wrote nothing.
    private func written(_ channel: EmbeddedChannel) throws -> (HTTPResponse, String)? {
        guard case .head(let head)? = try channel.readOutbound(as: HTTPResponsePart.self) else { return nil }
        guard case .body(let body)? = try channel.readOutbound(as: HTTPResponsePart.self),
              case .end(nil)? = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("a head without a body and an end")
            return nil
        }
        return (head, String(buffer: body))
    }

    /// The request parts that reached the router.
    private func passedOn(_ channel: EmbeddedChannel) throws -> [String] {
        var parts: [String] = []
        while let part = try channel.readInbound(as: HTTPRequestPart.self) {
            switch part {
            case .head(let head): parts.append("head \(head.path ?? "")")
            case .body: parts.append("body")
            case .end: parts.append("end")
            }
        }
        return parts
    }

    @Test func aKeptAnswerIsWrittenWithTheRoutersHeadersAndBody() async throws {
        let fixture = try ServeFixture()
        let api = try await warmed(fixture)
        try onConnection(api) { channel in
            try send(request("/api/roles/cio/children"), to: channel)
            let answer = try #require(try written(channel))
            let kept = try #require(api.answers.value("/api/roles/cio/children", generation: api.store.generation()))
            #expect(answer.1 == String(buffer: kept))
            #expect(answer.0.status == .ok)
            #expect(answer.0.headerFields.map(\.name.canonicalName)
                == ["content-type", "cache-control", "x-content-type-options", "content-length", "date"])
            #expect(answer.0.headerFields[.contentType] == "application/json; charset=utf-8")
            #expect(answer.0.headerFields[.cacheControl] == "no-store")
            #expect(answer.0.headerFields[.contentLength] == String(kept.readableBytes))
            #expect(try passedOn(channel).isEmpty)
        }
    }

    @Test func everyOtherRequestReachesTheRouterWhole() async throws {
        let fixture = try ServeFixture()
        let api = try await warmed(fixture)
        try onConnection(api) { channel in
            // Not kept; an unknown token; no token on a server that is not public;
            // another origin (the router adds its headers); a connection closing;
            // a method other than GET.
            try send(request("/api/roles/cfo/children"), to: channel)
            try send(request("/api/roles/cio/children", token: "someone-else"), to: channel)
            try send(request("/api/roles/cio/children", token: nil), to: channel)
            try send(request("/api/roles/cio/children", [.origin: "https://example.org"]), to: channel)
            try send(request("/api/roles/cio/children", [.connection: "close"]), to: channel)
            var head = request("/api/roles/cio/children")
            head.method = .head
            try send(head, to: channel)
            #expect(try written(channel) == nil)
            #expect(try passedOn(channel).count == 12)
        }
    }

    @Test func aKeptAnswerWaitsForTheRouterToAnswerTheRequestsBeforeIt() async throws {
        let fixture = try ServeFixture()
        let api = try await warmed(fixture)
        try onConnection(api) { channel in
            try send(request("/api/roles/cfo/children"), to: channel)
            // The router has not answered the first: the second goes to it too, to keep the order.
            try send(request("/api/roles/cio/children"), to: channel)
            #expect(try passedOn(channel) == ["head /api/roles/cfo/children", "end", "head /api/roles/cio/children", "end"])
            #expect(try written(channel) == nil)
            // The router answers both; a third request is answered at once.
            for _ in 0..<2 {
                try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
                try channel.writeOutbound(HTTPResponsePart.end(nil))
            }
            while try channel.readOutbound(as: HTTPResponsePart.self) != nil {}
            try send(request("/api/roles/cio/children"), to: channel)
            #expect(try written(channel) != nil)
        }
    }

    @Test func aGetsBodyIsReadAndDropped() async throws {
        let fixture = try ServeFixture()
        let api = try await warmed(fixture)
        try onConnection(api) { channel in
            try channel.writeInbound(HTTPRequestPart.head(request("/api/roles/cio/children")))
            try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "ignored")))
            #expect(try written(channel) == nil)
            try channel.writeInbound(HTTPRequestPart.end(nil))
            #expect(try written(channel) != nil)
            #expect(try passedOn(channel).isEmpty)
        }
    }

    @Test func aKeptAnswerCountsAgainstTheTokensRateAndPastItTheRouterRefuses() async throws {
        var limits = RequestLimits()
        limits.requestsPerSecond = 3
        let fixture = try ServeFixture(limits: limits)
        // The warm-up's request is the first of the three.
        let api = try await warmed(fixture)
        try onConnection(api) { channel in
            try send(request("/api/roles/cio/children"), to: channel)
            try send(request("/api/roles/cio/children"), to: channel)
            try send(request("/api/roles/cio/children"), to: channel)
            var answered = 0
            while try written(channel) != nil { answered += 1 }
            let passed = try passedOn(channel)
            // Within one second: two kept answers, then the router (which answers 429).
            // Across a second's turn, all three may be answered here.
            #expect(answered == 2 && passed.count == 2 || answered == 3 && passed.isEmpty)
        }
    }

    @Test func anAnswerAsOfAMomentThatMovesWithTheClockIsNeverKept() async throws {
        let fixture = try ServeFixture()
        let built = try ServeApplication.router(fixture.configuration, tokens: ServeFixture.tokens)
        let api = built.api
        try await Application(router: built.router).test(.router) { client in
            for moment in ["now", "today", "%20tomorrow", "Tomorrow"] {
                let answered = try await client.call(.get, "/api/roles/cio/children?asOf=\(moment)")
                #expect(answered.status == .ok)
            }
            #expect(api.answers.count == 0)
            let dated = try await client.call(.get, "/api/roles/cio/children?asOf=2099-01-01")
            #expect(dated.status == .ok)
            #expect(api.answers.count == 1)
        }
    }

    @Test func aBranchTokensKeptAnswersAreItsOwn() async throws {
        let fixture = try ServeFixture()
        let api = try await warmed(fixture, token: "cio-read")
        try onConnection(api) { channel in
            try send(request("/api/roles/cio/children", token: "cio-read"), to: channel)
            #expect(try written(channel) != nil)
            // The same address for a token of the whole chart was not kept.
            try send(request("/api/roles/cio/children"), to: channel)
            #expect(try written(channel) == nil)
            #expect(try passedOn(channel).count == 2)
        }
    }

    @Test func aCommandLineWriteEndsTheKeptAnswerWithinAPoll() async throws {
        let fixture = try ServeFixture()
        let api = try await warmed(fixture)
        let before = api.store.generation()
        _ = try fixture.database().move("pm-crm", to: "cio")
        let changed = Date()
        while api.store.generation() == before, Date().timeIntervalSince(changed) < 2 {
            try await Task.sleep(for: .milliseconds(5))
        }
        try onConnection(api) { channel in
            try send(request("/api/roles/cio/children"), to: channel)
            #expect(try written(channel) == nil)
            #expect(try passedOn(channel).count == 2)
        }
    }
}

@Test func theDateIsTheRoutersFormat() {
    #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    #expect(HTTPDate.format(1_796_601_600) == "Mon, 07 Dec 2026 00:00:00 GMT")
}

/// The built program: the router's answer and the kept one, byte for byte.
@Suite(.serialized) struct KeptAnswerLiveTests {
    @Test func theSecondAnswerOnAConnectionIsTheFirstByteForByte() throws {
        let fixture = try ServeFixture()
        let secret = try fixture.database().addToken(name: "alice", level: .read, branch: nil)
        let server = try ServerProcess(arguments: ["--db", fixture.path])
        defer { server.kill(SIGTERM) }
        let connection = try RawConnection(port: server.port)
        let ask = "GET /api/roles/cio/children HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(secret)\r\n\r\n"
        func answer() -> String {
            connection.send(ask)
            let text = connection.receive { text in
                guard let split = text.range(of: "\r\n\r\n"),
                      let length = text[..<split.lowerBound].split(separator: "\r\n")
                        .first(where: { $0.lowercased().hasPrefix("content-length:") })
                        .flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }) else { return false }
                return text.utf8.count - text[..<split.upperBound].utf8.count >= length
            }
            // The date is the second's: equal apart from it.
            return text.replacing(#/Date: [^\r]*/#, with: "Date: -")
        }
        let first = answer()
        let second = answer()
        let third = answer()
        #expect(first.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(first.contains(#""parent":{"key":"cio""#))
        #expect(second == first)
        #expect(third == first)
    }
    @Test func pipelinedRequestsAreAnsweredInTheOrderTheyCame() throws {
        let fixture = try ServeFixture()
        let secret = try fixture.database().addToken(name: "alice", level: .read, branch: nil)
        let server = try ServerProcess(arguments: ["--db", fixture.path])
        defer { server.kill(SIGTERM) }
        func ask(_ path: String) -> String {
            "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(secret)\r\n\r\n"
        }
        // cio's branch is kept; cfo's and the chart are not: in one write, the
        // kept answer waits for the router's answers to the requests before it.
        _ = try RawConnection.request(port: server.port, "GET", "/api/roles/cio/children", token: secret)
        let connection = try RawConnection(port: server.port)
        connection.send(ask("/api/roles/cfo/children") + ask("/api/chart") + ask("/api/roles/cio/children"))
        let text = connection.receive { $0.components(separatedBy: "HTTP/1.1 200 OK").count == 4 && $0.hasSuffix("}\n") }
        let answers = text.components(separatedBy: "HTTP/1.1 200 OK").dropFirst()
        #expect(answers.count == 3)
        let order = answers.map { answer -> String in
            if answer.contains(#""parent":{"key":"cfo""#) { return "cfo" }
            if answer.contains(#""roots":"#) { return "chart" }
            if answer.contains(#""parent":{"key":"cio""#) { return "cio" }
            return "?"
        }
        #expect(order == ["cfo", "chart", "cio"])
    }
}
