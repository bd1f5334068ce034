import Foundation
import HTTPTypes
import HummingbirdTesting
import OrgModel
import Testing
@testable import OrgServe

/// A token limited to the CIO's branch sees and changes only that branch.
@Suite struct BranchTokenTests {
    @Test func rolesOutsideTheBranchAreNotFoundExactlyAsMissingOnes() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            let outside = try await client.call(.get, "/api/roles/cfo", token: "cio-read")
            let missing = try await client.call(.get, "/api/roles/no-such-role", token: "cio-read")
            #expect(outside.status == .notFound)
            #expect(outside.text == missing.text.replacingOccurrences(of: "no-such-role", with: "cfo"))
            for uri in ["/api/roles/ceo/children", "/api/roles/coo", "/api/roles/cpo/children"] {
                #expect(try await client.call(.get, uri, token: "cio-read").status == .notFound, "\(uri)")
            }
        }
    }

    @Test func answersHoldOnlyTheBranch() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            let chart = try await client.call(.get, "/api/chart", token: "cio-read").json
            #expect((chart["roots"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["cio"])
            let role = try await client.call(.get, "/api/roles/pm-payments", token: "cio-read")
            #expect(role.json["path"] as? [String] == ["cio", "pmo-it-director", "prog-digital-manager", "pm-payments"])
            #expect(!role.text.contains("\"ceo\""))
            let director = try await client.call(.get, "/api/roles/pmo-it-director", token: "cio-read")
            // Its dotted line to the CPO leads outside the branch.
            #expect((director.json["dottedManagers"] as? [Any])?.isEmpty == true)
            #expect(!director.text.contains("Grace Whitfield"))
            let inside = try await client.call(.get, "/api/search?q=fischer", token: "cio-read").json
            #expect((inside["results"] as? [[String: Any]])?.first?["key"] as? String == "pmo-it-director")
            let outside = try await client.call(.get, "/api/search?q=okafor", token: "cio-read").json
            #expect((outside["results"] as? [Any])?.isEmpty == true)
            let check = try await client.call(.get, "/api/check", token: "cio-read")
            for finding in check.json["findings"] as? [[String: Any]] ?? [] {
                for reference in finding["roles"] as? [[String: Any]] ?? [] {
                    let key = try #require(reference["key"] as? String)
                    #expect(try fixture.database().chain(of: key).contains { $0.key == "cio" })
                }
            }
            let units = try await client.call(.get, "/api/units", token: "cio-read")
            #expect(!units.text.contains("\"fin\""))
            #expect(try await client.call(.get, "/api/history", token: "cio-read").status == .forbidden)
        }
    }

    @Test func writesThatTouchARoleOutsideAreForbiddenAndNothingIsWritten() async throws {
        let fixture = try ServeFixture()
        let before = try WriteRouteTests.state(fixture)
        try await fixture.test { client in
            let refused: [(HTTPRequest.Method, String, String?)] = [
                (.post, "/api/roles/pm-crm/move", #"{"to":"cfo"}"#),          // the new manager is outside
                (.post, "/api/roles/cfo/move", #"{"to":"cio"}"#),             // the mover is outside
                (.post, "/api/roles/cio/move", #"{"to":"cmo"}"#),             // the old manager is outside
                (.delete, "/api/roles/cio", nil),                              // its reports would go outside
                (.post, "/api/roles", #"{"key":"x","title":"X","reportsTo":"ceo"}"#),
                (.post, "/api/roles", #"{"key":"x","title":"X"}"#),           // a new root is outside too
                (.patch, "/api/roles/cfo", #"{"holder":"A"}"#),
                (.post, "/api/roles/pm-crm/dotted", #"{"to":"cpo"}"#),
                (.post, "/api/undo", "{}"),
            ]
            for (method, uri, body) in refused {
                let answer = try await client.call(method, uri, token: "cio-edit", body: body)
                #expect(answer.status == .forbidden, "\(method) \(uri): \(answer.text)")
            }
        }
        #expect(try WriteRouteTests.state(fixture) == before)
        try await fixture.test { client in
            let inside = try await client.call(.post, "/api/roles/pm-crm/move", token: "cio-edit", body: #"{"to":"eng-director"}"#)
            #expect(inside.status == .ok)
        }
    }
}
