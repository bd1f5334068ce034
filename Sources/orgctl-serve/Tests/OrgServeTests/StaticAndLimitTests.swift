import Foundation
import HTTPTypes
import HummingbirdTesting
import OrgModel
import Testing
@testable import OrgServe

@Suite struct StaticAndLimitTests {
    @Test func thePageIsServedWithItsSecurityHeaders() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            for (path, type) in [("/", "text/html; charset=utf-8"), ("/app.js", "text/javascript; charset=utf-8"),
                                 ("/app.css", "text/css; charset=utf-8")] {
                let answer = try await client.call(.get, path, token: nil)
                #expect(answer.status == .ok)
                #expect(answer.headers[.contentType] == type)
                #expect(answer.headers[.contentSecurityPolicy] == StaticAssets.contentSecurityPolicy)
                #expect(answer.headers[.xContentTypeOptions] == "nosniff")
                #expect(answer.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                #expect(answer.headers[.setCookie] == nil)
            }
        }
    }

    @Test func nothingOutsideTheAssetsCanBeRead() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            for path in ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/app.js/../../etc/passwd", "/etc/passwd",
                         "/..%2f..%2fetc%2fpasswd", "/index.html", "/Assets/app.js", "/api/../../etc/passwd", "/api/nothing"] {
                let answer = try await client.call(.get, path, token: "read-secret")
                #expect(answer.status == .notFound, "\(path)")
                #expect(!answer.text.contains("root:"))
            }
        }
    }

    @Test func bodiesOverTheLimitAre413AndNothingIsWritten() async throws {
        let fixture = try ServeFixture()
        let big = #"{"key":"big","title":""# + String(repeating: "x", count: 70 * 1024) + #""}"#
        try await fixture.test { client in
            let answer = try await client.call(.post, "/api/roles", token: "edit-secret", body: big)
            #expect(answer.status == .contentTooLarge)
            #expect(answer.errorCode == "too_large")
        }
        #expect(throws: OrgError.self) { try fixture.database().role("big") }
    }

    @Test func longQueriesAndKeysAre400() async throws {
        let fixture = try ServeFixture()
        let long = String(repeating: "a", count: 600)
        try await fixture.test { client in
            let query = try await client.call(.get, "/api/search?q=\(long)")
            #expect(query.status == .badRequest)
            let key = try await client.call(.get, "/api/roles/\(long)")
            #expect(key.status == .badRequest)
            #expect(key.errorCode == "invalid")
            let badBody = try await client.call(.post, "/api/roles/pm-crm/move", token: "edit-secret", body: "not json")
            #expect(badBody.status == .badRequest)
        }
    }

    @Test func tooManyRequestsAre429WithRetryAfter() async throws {
        var limits = RequestLimits()
        limits.requestsPerSecond = 2
        let fixture = try ServeFixture(limits: limits)
        try await fixture.test { client in
            // Eight requests span two windows at most, so one of them holds more than two.
            var limited: [Answered] = []
            for _ in 0..<8 {
                let answer = try await client.call(.get, "/api/me")
                if answer.status == .tooManyRequests { limited.append(answer) }
            }
            let first = try #require(limited.first)
            #expect(first.headers[.retryAfter] == "1")
            #expect(first.errorCode == "rate_limited")
        }
    }

    /// Counted per token and per second, without the clock: the limits as documented.
    @Test func aTokensRequestsAndWritesAreCountedInItsOwnSecond() {
        var limits = RequestLimits()
        limits.requestsPerSecond = 3
        limits.writesPerSecond = 1
        let limiter = RateLimiter(limits: limits)
        let second = Date(timeIntervalSince1970: 1_800_000_000.2)
        #expect(limiter.admit("a", writing: true, now: second))
        #expect(!limiter.admit("a", writing: true, now: second))
        #expect(limiter.admit("a", writing: false, now: second))
        #expect(limiter.admit("a", writing: false, now: second))
        #expect(!limiter.admit("a", writing: false, now: second))
        // Another token has its own counts; the next second starts again.
        #expect(limiter.admit("b", writing: true, now: second))
        let next = second.addingTimeInterval(1)
        #expect(limiter.admit("a", writing: true, now: next))
        #expect(!limiter.admit("a", writing: true, now: next))
        #expect(limiter.counter(for: "a") === limiter.counter(for: "a"))
    }

    @Test func writesHaveTheirOwnLowerLimit() async throws {
        var limits = RequestLimits()
        limits.writesPerSecond = 1
        let fixture = try ServeFixture(limits: limits)
        try await fixture.test { client in
            var statuses: [Int] = []
            for holder in ["A", "B", "C"] {
                statuses.append(try await client.call(.patch, "/api/roles/cfo", token: "edit-secret", body: #"{"holder":"\#(holder)"}"#).status.code)
            }
            #expect(statuses.contains(429))
            #expect(try await client.call(.get, "/api/me", token: "edit-secret").status == .ok)
        }
    }
}
