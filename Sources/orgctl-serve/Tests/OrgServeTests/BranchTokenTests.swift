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
            // The example's load wrote units: nothing of it lies inside the branch.
            let history = try await client.call(.get, "/api/history", token: "cio-read")
            #expect(history.status == .ok)
            #expect((history.json["changes"] as? [Any])?.isEmpty == true, "\(history.text)")
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

    /// Writes inside the branch, outside it, and across its edge; the change
    /// numbers as (inside, outside).
    private static func writeAround(_ client: any TestClientProtocol) async throws -> (inside: [Int], outside: [Int]) {
        func id(_ answer: Answered) throws -> Int {
            try #require((answer.json["change"] as? [String: Any])?["id"] as? Int, "\(answer.text)")
        }
        var inside: [Int] = []
        var outside: [Int] = []
        inside.append(try id(try await client.call(.patch, "/api/roles/pm-crm", token: "cio-edit", body: #"{"holder":"Ines Duarte"}"#)))
        outside.append(try id(try await client.call(.patch, "/api/roles/cfo", token: "edit-secret", body: #"{"holder":"Omar Reyes"}"#)))
        outside.append(try id(try await client.call(.post, "/api/roles/pm-crm/dotted", token: "edit-secret", body: #"{"to":"cpo"}"#)))
        inside.append(try id(try await client.call(.post, "/api/roles/pm-crm/move", token: "cio-edit", body: #"{"to":"eng-director"}"#)))
        return (inside.reversed(), outside.reversed())
    }

    @Test func aBranchTokenSeesTheHistoryOfItsBranchOnly() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            let (inside, outside) = try await Self.writeAround(client)
            let branch = try await client.call(.get, "/api/history", token: "cio-read")
            #expect(branch.status == .ok)
            #expect((branch.json["changes"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == inside)
            for word in ["cfo", "cpo", "Omar Reyes"] { #expect(!branch.text.contains(word), "\(word)") }
            let page = try await client.call(.get, "/api/history?limit=1&before=\(inside[0])", token: "cio-read")
            #expect((page.json["changes"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [inside[1]])
            let whole = try await client.call(.get, "/api/history?limit=4", token: "read-secret")
            #expect(Set((whole.json["changes"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []) == Set(inside + outside))
        }
    }

    @Test func aBranchTokenUndoesOnlyChangesInsideItsBranch() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            let (inside, outside) = try await Self.writeAround(client)
            let before = try WriteRouteTests.state(fixture)
            for change in outside + [99_999] {
                let refused = try await client.call(.post, "/api/undo", token: "cio-edit", body: #"{"change":\#(change)}"#)
                #expect(refused.status == .forbidden, "\(refused.text)")
                let error = refused.json["error"] as? [String: Any]
                #expect(error?["value"] as? String == String(change))
                #expect(error?["message"] as? String
                        == "Change \(change) changed the chart outside the branch this access token may change.")
                #expect(try WriteRouteTests.state(fixture) == before)
            }
            for (token, body) in [("cio-edit", "{}"), ("cio-read", #"{"change":\#(inside[0])}"#)] {
                #expect(try await client.call(.post, "/api/undo", token: token, body: body).status == .forbidden, "\(token) \(body)")
                #expect(try WriteRouteTests.state(fixture) == before)
            }
            let undone = try await client.call(.post, "/api/undo", token: "cio-edit", body: #"{"change":\#(inside[0])}"#)
            #expect(undone.status == .ok, "\(undone.text)")
            #expect(try fixture.database().role("pm-crm").reportsTo != "eng-director")
        }
    }

    @Test func dottedLinesAreDrawnOnlyBetweenRolesTheTokenSees() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            let drawn = try await client.call(.post, "/api/roles/pm-crm/dotted", token: "edit-secret", body: #"{"to":"pmo-it-director"}"#)
            #expect(drawn.status == .created)
            let body = #"{"keys":["pmo-it-director","cpo","cio","pm-crm","cfo"]}"#
            let whole = try await client.call(.post, "/api/dotted-lines", token: "read-secret", body: body)
            #expect(whole.text.trimmingCharacters(in: .newlines) == #"{"lines":[{"role":"pm-crm","manager":"pmo-it-director"},{"role":"pmo-it-director","manager":"cpo"}]}"#)
            let branch = try await client.call(.post, "/api/dotted-lines", token: "cio-read", body: body)
            #expect(branch.text.trimmingCharacters(in: .newlines) == #"{"lines":[{"role":"pm-crm","manager":"pmo-it-director"}]}"#)
            let refused = try await client.call(.post, "/api/dotted-lines", token: "cio-read", body: #"{"keys":"cio"}"#)
            #expect(refused.status == .badRequest)
        }
    }
}
