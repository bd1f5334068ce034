import Foundation
import HTTPTypes
import HummingbirdTesting
import OrgModel
import Testing
@testable import OrgServe

/// docs/openapi.yaml against the server: every route the router has is
/// documented, and every status a request of every kind gets is documented
/// for its route. The document is read with a reader for the small subset of
/// YAML it is written in (paths, methods and quoted status codes at fixed
/// indents).
@Suite struct OpenAPIConformanceTests {
    static let documentPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("../../../../docs/openapi.yaml").standardized.path

    /// "METHOD /path/{param}" → documented statuses.
    static func documented() throws -> [String: Set<Int>] {
        let text = try String(contentsOfFile: documentPath, encoding: .utf8)
        var statuses: [String: Set<Int>] = [:]
        var path: String?
        var operation: String?
        var inPaths = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            if inPaths, !line.hasPrefix(" "), !line.isEmpty { inPaths = false }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":"),
                      ["get", "post", "patch", "put", "delete"].contains(line.trimmingCharacters(in: .whitespaces).dropLast()) {
                operation = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased() + " " + (path ?? "")
                statuses[operation!] = []
            } else if line.hasPrefix("        '"), !line.hasPrefix("         "), let operation,
                      let code = Int(line.trimmingCharacters(in: .whitespaces).dropFirst().prefix(3)) {
                statuses[operation, default: []].insert(code)
            }
        }
        return statuses
    }

    static func template(_ route: String) -> String {
        route.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? "{" + part.dropFirst() + "}" : String(part)
        }.joined(separator: "/")
    }

    @Test func everyRouteIsDocumented() throws {
        let fixture = try ServeFixture()
        let routes = try ServeApplication.router(fixture.configuration, tokens: ServeFixture.tokens).routes
        let documented = try Self.documented()
        #expect(routes.count >= 19)
        for route in routes {
            #expect(documented[Self.template(route)] != nil, "\(route) is not in docs/openapi.yaml")
        }
        for operation in documented.keys {
            #expect(routes.map(Self.template).contains(operation), "docs/openapi.yaml documents \(operation), which the server lacks")
        }
    }

    @Test func everyStatusTheServerGivesIsDocumented() async throws {
        var limits = RequestLimits()
        limits.writesPerSecond = 1_000
        limits.requestsPerSecond = 1_000
        let fixture = try ServeFixture(limits: limits)
        let documented = try Self.documented()
        let long = String(repeating: "k", count: 600)
        let big = #"{"key":""# + String(repeating: "x", count: 70_000) + #""}"#
        // (operation, uri, token, body)
        let requests: [(String, String, String?, String?)] = [
            ("GET /", "/", nil, nil), ("GET /app.js", "/app.js", nil, nil), ("GET /app.css", "/app.css", nil, nil),
            ("GET /api/me", "/api/me", "read-secret", nil), ("GET /api/me", "/api/me", nil, nil),
            ("GET /api/chart", "/api/chart", "read-secret", nil), ("GET /api/chart", "/api/chart?asOf=x", "read-secret", nil),
            ("GET /api/roles/{key}/children", "/api/roles/cio/children", "read-secret", nil),
            ("GET /api/roles/{key}/children", "/api/roles/nobody/children", "read-secret", nil),
            ("GET /api/roles/{key}/children", "/api/roles/cio/children?limit=-1", "read-secret", nil),
            ("GET /api/roles/{key}", "/api/roles/cio", "read-secret", nil),
            ("GET /api/roles/{key}", "/api/roles/\(long)", "read-secret", nil),
            ("GET /api/roles/{key}", "/api/roles/cfo", "cio-read", nil),
            ("GET /api/search", "/api/search?q=pmo", "read-secret", nil), ("GET /api/search", "/api/search", "read-secret", nil),
            ("GET /api/check", "/api/check", "read-secret", nil), ("GET /api/units", "/api/units", "read-secret", nil),
            ("GET /api/units/{key}/type-preview", "/api/units/pmo-it/type-preview?to=controlling", "read-secret", nil),
            ("GET /api/units/{key}/type-preview", "/api/units/pmo-it/type-preview?to=huge", "read-secret", nil),
            ("GET /api/units/{key}/type-preview", "/api/units/it/type-preview?to=directive", "read-secret", nil),
            ("GET /api/units/{key}/type-preview", "/api/units/nothing/type-preview?to=directive", "read-secret", nil),
            ("GET /api/history", "/api/history", "read-secret", nil), ("GET /api/history", "/api/history", "cio-read", nil),
            ("GET /api/diff", "/api/diff?from=2000-01-01&to=today", "read-secret", nil),
            ("GET /api/diff", "/api/diff?from=2000-01-01", "read-secret", nil),
            ("POST /api/roles", "/api/roles", "edit-secret", #"{"key":"new-role","title":"Analyst","reportsTo":"cio"}"#),
            ("POST /api/roles", "/api/roles", "edit-secret", #"{"key":"new-role","title":"Analyst","reportsTo":"cio"}"#),
            ("POST /api/roles", "/api/roles", "edit-secret", #"{"key":"other","title":"Analyst","reportsTo":"nobody"}"#),
            ("POST /api/roles", "/api/roles", "edit-secret", big), ("POST /api/roles", "/api/roles", "edit-secret", "[]"),
            ("POST /api/roles", "/api/roles", "read-secret", #"{"key":"x","title":"X"}"#),
            ("PATCH /api/roles/{key}", "/api/roles/new-role", "edit-secret", #"{"holder":"Ada"}"#),
            ("PATCH /api/roles/{key}", "/api/roles/new-role", "edit-secret", #"{"revision":"1-0000000000000000","holder":"Bo"}"#),
            ("PATCH /api/roles/{key}", "/api/roles/new-role", "edit-secret", #"{"title":""}"#),
            ("PATCH /api/roles/{key}", "/api/roles/nobody", "edit-secret", #"{"title":"X"}"#),
            ("POST /api/roles/{key}/move", "/api/roles/new-role/move", "edit-secret", #"{"to":"cfo","dryRun":true}"#),
            ("POST /api/roles/{key}/move", "/api/roles/new-role/move", "edit-secret", #"{"to":"cfo"}"#),
            ("POST /api/roles/{key}/move", "/api/roles/cio/move", "edit-secret", #"{"to":"pm-payments"}"#),
            ("POST /api/roles/{key}/move", "/api/roles/cio/move", "cio-edit", #"{"to":"cfo"}"#),
            ("POST /api/roles/{key}/dotted", "/api/roles/new-role/dotted", "edit-secret", #"{"to":"cio"}"#),
            ("POST /api/roles/{key}/dotted", "/api/roles/new-role/dotted", "edit-secret", #"{"to":"cio"}"#),
            ("DELETE /api/roles/{key}/dotted/{to}", "/api/roles/new-role/dotted/cio", "edit-secret", nil),
            ("DELETE /api/roles/{key}/dotted/{to}", "/api/roles/new-role/dotted/cio", "edit-secret", nil),
            ("DELETE /api/roles/{key}", "/api/roles/new-role?revision=1-0000000000000000", "edit-secret", nil),
            ("DELETE /api/roles/{key}", "/api/roles/new-role", "edit-secret", nil),
            ("DELETE /api/roles/{key}", "/api/roles/new-role", "edit-secret", nil),
            ("POST /api/undo", "/api/undo", "edit-secret", "{}"), ("POST /api/undo", "/api/undo", "edit-secret", #"{"change":999999}"#),
            ("POST /api/undo", "/api/undo", "cio-edit", "{}"),
        ]
        let seen = try await fixture.test { client in
            var seen: [String: Set<Int>] = [:]
            for (operation, uri, token, body) in requests {
                let method = HTTPRequest.Method(String(operation.split(separator: " ")[0]))!
                let answer = try await client.call(method, uri, token: token, body: body)
                seen[operation, default: []].insert(answer.status.code)
                #expect(documented[operation]?.contains(answer.status.code) == true,
                        "\(operation) (\(uri)) answered \(answer.status.code), which docs/openapi.yaml does not document: \(answer.text)")
            }
            // Not a route: 404 with the error shape.
            #expect(try await client.call(.get, "/nowhere").status == .notFound)
            return seen
        }
        #expect(seen.values.flatMap { $0 }.contains(409))
        #expect(seen.values.flatMap { $0 }.contains(422))
        #expect(seen.values.flatMap { $0 }.contains(413))
    }
}
