import Foundation
import Testing
@testable import OrgModel

/// A move's preview: what check would newly find were the move made, with
/// the file left exactly as it was.
@Suite struct MovePreviewTests {
    @Test func thePreviewNamesWhatTheMoveWouldNewlyBreakAndChangesNothing() throws {
        let org = try exampleDatabase()
        let before = try org.check()
        let history = try org.history().count
        let tree = try org.reports(to: "ceo", all: true).reports.map(\.role)
        // Every role moved under the ceo: some moves break rules, some do not;
        // each preview must equal the difference of checks around the real move.
        var somethingNew = false
        for role in tree where role.reportsTo != nil && role.reportsTo != "ceo" {
            let preview = try org.previewMove(role.key, to: "ceo")
            #expect(preview.report.key == role.key)
            #expect(preview.report.to == "ceo")
            #expect(try org.check() == before)
            #expect(try org.history().count == history)
            #expect(try org.role(role.key) == role)

            let copy = try exampleDatabase()
            try copy.move(role.key, to: "ceo")
            let expected = try copy.check().filter { !before.contains($0) }
            #expect(preview.newFindings == expected, "\(role.key)")
            if !expected.isEmpty { somethingNew = true }
        }
        #expect(somethingNew)
    }

    @Test func aMoveTheRulesRefuseIsRefusedByItsPreviewAndChangesNothing() throws {
        let org = try exampleDatabase()
        let history = try org.history().count
        guard case .cycle? = refusal({ try org.previewMove("cio", to: "pm-payments") }) else {
            Issue.record("a loop was not refused"); return
        }
        #expect(refusal { try org.previewMove("nobody", to: "ceo") } != nil)
        #expect(try org.history().count == history)
        #expect(try org.role("cio").reportsTo == "ceo")
    }
}
