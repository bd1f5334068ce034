import Foundation
import HTTPTypes
import HummingbirdTesting
import OrgModel
import Testing
@testable import OrgServe

@Suite struct ReadRouteTests {
    @Test func meNamesTheTokenAndItsBranch() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            let me = try await client.call(.get, "/api/me")
            #expect(me.text == #"{"name":"reader","level":"read","branch":null,"publicRead":false}"# + "\n")
            #expect(me.headers[.contentType] == "application/json; charset=utf-8")
            #expect(me.headers[.cacheControl] == "no-store")
            let branch = try await client.call(.get, "/api/me", token: "cio-edit")
            #expect(branch.text == #"{"name":"cio-editor","level":"edit","branch":{"key":"cio","title":"Chief Information Officer","holder":"Henrik Lund"},"publicRead":false}"# + "\n")
        }
    }

    @Test func withoutAValidTokenEveryRouteIsUnauthorized() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            for uri in ["/api/me", "/api/chart", "/api/roles/ceo", "/api/search?q=jane", "/api/events"] {
                let none = try await client.call(.get, uri, token: nil)
                #expect(none.status == .unauthorized)
                #expect(none.errorCode == "unauthorized")
                let wrong = try await client.call(.get, uri, token: "not-a-secret")
                #expect(wrong.status == .unauthorized)
            }
            let write = try await client.call(.post, "/api/roles", token: nil, body: #"{"key":"x","title":"X"}"#)
            #expect(write.status == .unauthorized)
        }
    }

    @Test func publicReadLetsAnonymousReadButNotWrite() async throws {
        let fixture = try ServeFixture(publicRead: true)
        try await fixture.test { client in
            let me = try await client.call(.get, "/api/me", token: nil)
            #expect(me.text == #"{"name":"anonymous","level":"read","branch":null,"publicRead":true}"# + "\n")
            let write = try await client.call(.post, "/api/roles/pm-crm/move", token: nil, body: #"{"to":"cfo"}"#)
            #expect(write.status == .forbidden)
            #expect(write.errorCode == "forbidden")
        }
    }

    @Test func chartOpensOnItsTop() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            let chart = try await client.call(.get, "/api/chart").json
            let roots = try #require(chart["roots"] as? [[String: Any]])
            #expect(roots.map { $0["key"] as? String } == ["ceo"])
            #expect(roots[0]["directReports"] as? Int == 5)
            #expect(roots[0]["vacant"] as? Bool == false)
            #expect(chart["roles"] as? Int == 27)
            #expect((chart["vacancies"] as? Int ?? 0) > 0)
            #expect(chart["version"] as? String != nil)
        }
    }

    @Test func childrenArePagedInTreeOrder() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            let all = try await client.call(.get, "/api/roles/ceo/children").json
            let keys = try #require(all["children"] as? [[String: Any]]).compactMap { $0["key"] as? String }
            #expect(keys == ["cpo", "cio", "coo", "cmo", "cfo"])
            #expect(all["total"] as? Int == 5)
            let page = try await client.call(.get, "/api/roles/ceo/children?offset=1&limit=2").json
            #expect(try #require(page["children"] as? [[String: Any]]).compactMap { $0["key"] as? String } == ["cio", "coo"])
            let cio = try #require((all["children"] as? [[String: Any]])?[1])
            #expect(cio["directReports"] as? Int == 2)
            #expect((cio["unit"] as? [String: Any])?["key"] != nil)
        }
    }

    @Test func aRoleAnswersWithItsChainPathRollupAndRevision() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            let answer = try await client.call(.get, "/api/roles/pm-payments")
            #expect(answer.status == .ok)
            let json = answer.json
            let role = try #require(json["role"] as? [String: Any])
            #expect(role["holder"] as? String == "Jane Doe")
            #expect(json["path"] as? [String] == ["ceo", "cio", "pmo-it-director", "prog-digital-manager", "pm-payments"])
            #expect((json["chain"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["prog-digital-manager", "pmo-it-director", "cio", "ceo"])
            #expect((json["rollup"] as? [String: Any])?["headcount"] as? Int == 1)
            #expect((json["revision"] as? String)?.isEmpty == false)
            let missing = try await client.call(.get, "/api/roles/nobody")
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "not_found")
        }
    }

    @Test func searchFindsPeopleIgnoringAccentsAndGivesThePath() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            let json = try await client.call(.get, "/api/search?q=chloe").json
            let first = try #require((json["results"] as? [[String: Any]])?.first)
            #expect(first["key"] as? String == "cmo")
            #expect(first["path"] as? [String] == ["ceo", "cmo"])
            #expect((first["chainTop"] as? [String: Any])?["key"] as? String == "ceo")
            let empty = try await client.call(.get, "/api/search")
            #expect(empty.status == .badRequest)
        }
    }

    @Test func checkUnitsHistoryDiffAndTypePreviewAnswer() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            let check = try await client.call(.get, "/api/check").json
            #expect(check["findings"] is [Any])
            let units = try await client.call(.get, "/api/units").json
            #expect(((units["units"] as? [[String: Any]])?.count ?? 0) > 3)
            let history = try await client.call(.get, "/api/history?limit=5").json
            #expect(((history["changes"] as? [[String: Any]])?.count ?? 0) >= 1)
            let diff = try await client.call(.get, "/api/diff?from=2000-01-01&to=today")
            #expect(diff.status == .ok)
            #expect(((diff.json["changes"] as? [Any])?.count ?? 0) > 20)
            let badDate = try await client.call(.get, "/api/diff?from=yesterdayish&to=today")
            #expect(badDate.status == .badRequest)
            #expect(badDate.errorCode == "invalid")
            let asOf = try await client.call(.get, "/api/chart?asOf=not-a-date")
            #expect(asOf.status == .badRequest)
        }
    }

    @Test func hostileNamesComeBackAsEscapedJSONStrings() async throws {
        let hostile = "<script>alert(\"x\")</script> \u{202E}evil' &"
        let fixture = try ServeFixture { database in
            _ = try database.addRole(RoleDraft(key: "hostile", title: "Title \"quoted\" </script>", holder: hostile, reportsTo: "ceo"))
        }
        try await fixture.test { client in
            let answer = try await client.call(.get, "/api/roles/hostile")
            #expect(!answer.text.contains("<script>"))
            #expect(answer.text.contains(#"\u003cscript\u003ealert(\"x\")\u003c/script\u003e \#u{202E}evil' \u0026"#))
            let role = try #require(answer.json["role"] as? [String: Any])
            #expect(role["holder"] as? String == hostile)
            #expect(role["title"] as? String == "Title \"quoted\" </script>")
        }
    }
}
