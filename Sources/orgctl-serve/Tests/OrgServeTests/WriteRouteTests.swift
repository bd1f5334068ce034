import Foundation
import HTTPTypes
import HummingbirdTesting
import OrgModel
import Testing
@testable import OrgServe

@Suite struct WriteRouteTests {
    /// The file's recorded changes and roles, to prove a refusal wrote nothing.
    static func state(_ fixture: ServeFixture) throws -> String {
        let database = try fixture.database()
        var rows: [String] = ["changes: \(try database.history().count)"]
        try database.walkTree { node in rows.append("\(node.role.key)>\(node.role.reportsTo ?? "-")|\(node.role.holder ?? "-")|\(node.role.title)") }
        return rows.joined(separator: "\n")
    }

    @Test func addEditMoveRemoveEachRecordOneChange() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            let added = try await client.call(.post, "/api/roles", token: "edit-secret",
                                              body: #"{"key":"pm-new","title":"Project Manager","holder":"Zoë Ng","reportsTo":"cio"}"#)
            #expect(added.status == .created)
            let change = try #require(added.json["change"] as? [String: Any])
            #expect(change["command"] as? String == "serve: add pm-new (editor)")
            #expect(added.json["version"] as? String == String(change["id"] as? Int ?? -1))

            let revision = try #require(try await client.call(.get, "/api/roles/pm-new").json["revision"] as? String)
            let edited = try await client.call(.patch, "/api/roles/pm-new", token: "edit-secret",
                                               body: #"{"revision":"\#(revision)","title":"Senior Project Manager"}"#)
            #expect(edited.status == .ok)
            let vacated = try await client.call(.patch, "/api/roles/pm-new", token: "edit-secret", body: #"{"vacant":true}"#)
            #expect(vacated.status == .ok)
            let moved = try await client.call(.post, "/api/roles/pm-new/move", token: "edit-secret", body: #"{"to":"coo"}"#)
            #expect(moved.status == .ok)
            #expect((moved.json["change"] as? [String: Any])?["command"] as? String == "serve: move pm-new to coo (editor)")
            let dotted = try await client.call(.post, "/api/roles/pm-new/dotted", token: "edit-secret", body: #"{"to":"cpo"}"#)
            #expect(dotted.status == .created)
            let undotted = try await client.call(.delete, "/api/roles/pm-new/dotted/cpo", token: "edit-secret")
            #expect(undotted.status == .ok)
            let removed = try await client.call(.delete, "/api/roles/pm-new", token: "edit-secret")
            #expect(removed.status == .ok)
        }
        let database = try fixture.database()
        let commands = try database.history().prefix(7).map(\.command)
        #expect(commands == [
            "serve: remove pm-new (editor)", "serve: remove dotted line pm-new to cpo (editor)",
            "serve: add dotted line pm-new to cpo (editor)", "serve: move pm-new to coo (editor)",
            "serve: set pm-new (editor)", "serve: set pm-new (editor)", "serve: add pm-new (editor)",
        ])
    }

    @Test func aReadTokenCannotWriteAndNothingIsWritten() async throws {
        let fixture = try ServeFixture()
        let before = try Self.state(fixture)
        try await fixture.test { client in
            for (method, uri, body) in [(HTTPRequest.Method.post, "/api/roles", #"{"key":"x","title":"X","reportsTo":"ceo"}"#),
                                        (.patch, "/api/roles/cfo", #"{"holder":"A"}"#),
                                        (.post, "/api/roles/pm-crm/move", #"{"to":"cfo"}"#),
                                        (.delete, "/api/roles/pm-crm", nil),
                                        (.post, "/api/roles/pm-crm/dotted", #"{"to":"cfo"}"#),
                                        (.post, "/api/undo", "{}")] as [(HTTPRequest.Method, String, String?)] {
                let answer = try await client.call(method, uri, token: "read-secret", body: body)
                #expect(answer.status == .forbidden, "\(method) \(uri)")
                #expect(answer.errorCode == "forbidden")
            }
        }
        #expect(try Self.state(fixture) == before)
    }

    @Test func aCycleIsRefused422AndNothingIsWritten() async throws {
        let fixture = try ServeFixture()
        let before = try Self.state(fixture)
        try await fixture.test { client in
            let answer = try await client.call(.post, "/api/roles/cio/move", token: "edit-secret", body: #"{"to":"pm-payments"}"#)
            #expect(answer.status == .unprocessableContent)
            #expect(answer.errorCode == "refused")
            let error = try #require(answer.json["error"] as? [String: Any])
            #expect((error["message"] as? String)?.contains("cio") == true)
            #expect(!((error["fix"] as? String) ?? "").contains("--"))
            let duplicate = try await client.call(.post, "/api/roles", token: "edit-secret", body: #"{"key":"cio","title":"X","reportsTo":"ceo"}"#)
            #expect(duplicate.status == .unprocessableContent)
            let unknown = try await client.call(.post, "/api/roles/cio/move", token: "edit-secret", body: #"{"to":"nobody"}"#)
            #expect(unknown.status == .notFound)
        }
        #expect(try Self.state(fixture) == before)
    }

    @Test func aDryRunMoveAnswersAndWritesNothing() async throws {
        let fixture = try ServeFixture()
        let before = try Self.state(fixture)
        try await fixture.test { client in
            let fine = try await client.call(.post, "/api/roles/pm-crm/move", token: "edit-secret", body: #"{"to":"cfo","dryRun":true}"#)
            #expect(fine.text.hasPrefix(#"{"ok":true,"error":null,"newFindings":["#))
            let expected = try fixture.database().previewMove("pm-crm", to: "cfo").newFindings
            #expect((fine.json["newFindings"] as? [[String: Any]])?.compactMap { $0["message"] as? String } == expected.map(\.message))
            let loop = try await client.call(.post, "/api/roles/cio/move", token: "edit-secret", body: #"{"to":"pm-payments","dryRun":true}"#)
            #expect(loop.json["ok"] as? Bool == false)
            #expect(((loop.json["error"] as? [String: Any])?["error"] as? [String: Any])?["code"] as? String == "refused")
        }
        #expect(try Self.state(fixture) == before)
    }

    @Test func aStaleRevisionIsAConflictWithWhatChangedAndNothingIsWritten() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            let revision = try #require(try await client.call(.get, "/api/roles/pm-crm").json["revision"] as? String)
            // Someone else moves the role meanwhile, from the command line.
            let other = try fixture.database()
            other.intent = ChangeIntent(command: "orgctl move pm-crm --to cfo")
            _ = try other.move("pm-crm", to: "cfo")
            let before = try Self.state(fixture)
            let answer = try await client.call(.patch, "/api/roles/pm-crm", token: "edit-secret",
                                               body: #"{"revision":"\#(revision)","title":"Lead Project Manager"}"#)
            #expect(answer.status == .conflict)
            #expect(answer.errorCode == "conflict")
            let error = try #require(answer.json["error"] as? [String: Any])
            let message = try #require(error["message"] as? String)
            #expect(message.hasPrefix("pm-crm (Ravi Patel) was changed by change "))
            #expect(message.hasSuffix(" (orgctl move pm-crm --to cfo) after you loaded it."))
            #expect((error["changes"] as? [[String: Any]])?.first?["command"] as? String == "orgctl move pm-crm --to cfo")
            #expect(try Self.state(fixture) == before)
            // An unrelated write does not make the revision stale.
            let fresh = try #require(try await client.call(.get, "/api/roles/pm-crm").json["revision"] as? String)
            _ = try other.updateRole("cfo", RoleChanges(holder: .holder("Someone")))
            let saved = try await client.call(.patch, "/api/roles/pm-crm", token: "edit-secret",
                                              body: #"{"revision":"\#(fresh)","title":"Lead Project Manager"}"#)
            #expect(saved.status == .ok)
        }
    }

    @Test func undoRevertsTheLastChangeOrTheOneNamed() async throws {
        let fixture = try ServeFixture()
        try await fixture.test { client in
            let moved = try await client.call(.post, "/api/roles/pm-crm/move", token: "edit-secret", body: #"{"to":"cfo"}"#)
            let id = try #require((moved.json["change"] as? [String: Any])?["id"] as? Int)
            let undone = try await client.call(.post, "/api/undo", token: "edit-secret", body: #"{"change":\#(id)}"#)
            #expect(undone.status == .ok)
            #expect((undone.json["change"] as? [String: Any])?["undoes"] as? Int == id)
            #expect(try fixture.database().role("pm-crm").reportsTo != "cfo")
            _ = try await client.call(.post, "/api/roles/pm-crm/move", token: "edit-secret", body: #"{"to":"cfo"}"#)
            let last = try await client.call(.post, "/api/undo", token: "edit-secret", body: "{}")
            #expect(last.status == .ok)
            #expect(try fixture.database().role("pm-crm").reportsTo != "cfo")
        }
    }

    @Test func aDryRunMoveNamesWhatCheckWouldNewlyFind() async throws {
        let fixture = try ServeFixture()
        let database = try fixture.database()
        // A move in the example that breaks a rule: the first whose preview finds something.
        var found: (key: String, to: String, findings: [Finding])?
        for entry in try database.reports(to: "ceo", all: true).reports where found == nil {
            for manager in ["ceo", "cfo", "cio"] where entry.role.reportsTo != manager && entry.role.key != manager {
                guard let preview = try? database.previewMove(entry.role.key, to: manager), !preview.newFindings.isEmpty else { continue }
                found = (entry.role.key, manager, preview.newFindings)
                break
            }
        }
        let move = try #require(found)
        let before = try Self.state(fixture)
        try await fixture.test { client in
            let answer = try await client.call(.post, "/api/roles/\(move.key)/move", token: "edit-secret",
                                               body: #"{"to":"\#(move.to)","dryRun":true}"#)
            #expect(answer.json["ok"] as? Bool == true)
            let listed = try #require(answer.json["newFindings"] as? [[String: Any]])
            #expect(listed.compactMap { $0["rule"] as? String } == move.findings.map(\.rule.rawValue))
            #expect(listed.compactMap { $0["message"] as? String } == move.findings.map(\.message))
            #expect(listed.allSatisfy { $0["roles"] is [Any] && $0["severity"] is String })
        }
        #expect(try Self.state(fixture) == before)
    }
}
