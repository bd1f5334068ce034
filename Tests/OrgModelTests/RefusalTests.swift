import Testing
@testable import OrgModel

/// One write that must be refused, and how to recognise the refusal.
struct Refusal: Sendable, CustomTestStringConvertible {
    let name: String
    let write: @Sendable (OrgDatabase) throws -> Void
    let expected: @Sendable (OrgError) -> Bool

    var testDescription: String { name }

    static let all: [Refusal] = [
        Refusal("solid cycle", { try $0.move("cio", to: "pm-payments") }) { if case .cycle = $0 { true } else { false } },
        Refusal("dotted cycle", { try $0.addDottedLine(from: "ceo", to: "pm-crm") }) { if case .cycle = $0 { true } else { false } },
        Refusal("cycle through a dotted line", { try $0.move("pm-payments", to: "eng-lead-payments") }) {
            if case .cycle = $0 { true } else { false }
        },
        Refusal("self-report on move", { try $0.move("cio", to: "cio") }) { $0 == .selfReport(key: "cio") },
        Refusal("self-report on dotted line", { try $0.addDottedLine(from: "cpo", to: "cpo") }) { $0 == .selfReport(key: "cpo") },
        Refusal("unknown manager on add", { try $0.addRole(RoleDraft(key: "new", title: "New", reportsTo: "nobody")) }) {
            if case .unknownKey("nobody", _, _) = $0 { true } else { false }
        },
        Refusal("unknown manager on move", { try $0.move("cio", to: "nobody") }) {
            if case .unknownKey("nobody", _, _) = $0 { true } else { false }
        },
        Refusal("unknown unit on update after a valid change", { try $0.updateRole("cfo", RoleChanges(title: "Finance Director", unit: "nowhere")) }) {
            if case .unknownKey("nowhere", .unit, _) = $0 { true } else { false }
        },
        Refusal("duplicate role key", { try $0.addRole(RoleDraft(key: "CEO", title: "Another")) }) { $0 == .duplicateKey(key: "ceo", takenBy: .role) },
        Refusal("duplicate unit key", { try $0.addUnit(UnitDraft(key: "IT", name: "Another", kind: .team)) }) { $0 == .duplicateKey(key: "it", takenBy: .unit) },
        Refusal("role key taken by a unit", { try $0.addRole(RoleDraft(key: "epmo", title: "T")) }) { $0 == .duplicateKey(key: "epmo", takenBy: .unit) },
        Refusal("PMO type on a team", { try $0.addUnit(UnitDraft(key: "t", name: "T", kind: .team, pmoType: .supportive)) }) {
            $0 == .pmoTypeOnNonPMO(unit: "t", kind: .team, type: .supportive)
        },
        Refusal("PMO without a type", { try $0.addUnit(UnitDraft(key: "p", name: "P", kind: .pmo, parent: "it")) }) { $0 == .pmoTypeRequired(unit: "p") },
        Refusal("bad role key", { try $0.addRole(RoleDraft(key: "pm payments", title: "T", reportsTo: "ceo")) }) {
            if case .invalidKey = $0 { true } else { false }
        },
        Refusal("bad unit key", { try $0.addUnit(UnitDraft(key: "ops/2", name: "T", kind: .team)) }) {
            if case .invalidKey = $0 { true } else { false }
        },
        Refusal("orphaning removal", { try $0.removeRole("ceo") }) { $0 == .wouldOrphan(key: "ceo", reports: 5) },
        Refusal("reassignment into the subtree", { try $0.removeRole("cio", reassignTo: "pm-crm") }) {
            $0 == .reassignInsideSubtree(key: "cio", target: "pm-crm")
        },
        Refusal("unit cycle after a rename", { try $0.updateUnit("it", UnitChanges(name: "Tech", parent: "proj-crm")) }) {
            if case .unitCycle = $0 { true } else { false }
        },
        Refusal("non-empty unit", { try $0.removeUnit("pmo-ops") }) { if case .unitNotEmpty = $0 { true } else { false } },
        Refusal("dotted line duplicating the solid one", { try $0.addDottedLine(from: "pm-fleet", to: "ops-director") }) {
            $0 == .lineExists(role: "pm-fleet", manager: "ops-director", solid: true)
        },
        Refusal("missing dotted line", { try $0.removeDottedLine(from: "pm-fleet", to: "cpo") }) { $0 == .noSuchLine(role: "pm-fleet", manager: "cpo") },
        Refusal("control character after a valid change", { try $0.updateRole("cfo", RoleChanges(title: "Finance Director", holder: .holder("Ada\nLovelace"))) }) {
            if case .invalidText("holder", _, _) = $0 { true } else { false }
        },
        Refusal("second initialise", { try $0.initialise(with: .enterprisePMO) }) { if case .databaseNotEmpty = $0 { true } else { false } },
    ]

    init(_ name: String, _ write: @escaping @Sendable (OrgDatabase) throws -> Void,
         _ expected: @escaping @Sendable (OrgError) -> Bool) {
        self.name = name
        self.write = write
        self.expected = expected
    }
}

@Suite("A refused write leaves the database exactly as it was")
struct RefusalTests {
    @Test(arguments: Refusal.all)
    func refusedWritesChangeNothing(_ refused: Refusal) throws {
        let org = try exampleDatabase()
        // Read first, so a stale cache would show up as a difference too.
        let chart = try org.reports(to: "ceo", all: true, includeDotted: true)
        let before = try snapshot(org)
        var error: (any Error)?
        do { try refused.write(org) } catch let caught { error = caught }
        let thrown = try #require(error as? OrgError, "\(refused.name) was not refused with an OrgError: \(String(describing: error))")
        #expect(refused.expected(thrown), "\(refused.name) was refused with \(thrown)")
        #expect(try snapshot(org) == before)
        #expect(try org.reports(to: "ceo", all: true, includeDotted: true) == chart)
        // The database still takes writes afterwards: no transaction was left open.
        try org.addRole(RoleDraft(key: "afterwards", title: "Probe", reportsTo: "ceo"))
        #expect(try org.role("afterwards").depth == 1)
    }
}
