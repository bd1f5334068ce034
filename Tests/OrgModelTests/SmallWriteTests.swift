import OrgSQLite
import Testing
@testable import OrgModel

/// A one-role write is mostly statements to prepare, so the usual one (no
/// change takes effect after it) leaves out the work that only plans and
/// backdated changes need; with either present, that work is still done.
@Suite struct SmallWriteTests {
    static let plan = Timestamp.parse("2999-01-01", day: .start)!

    /// The distinct statements `write` runs on `org`'s connection.
    private func statements(_ org: OrgDatabase, _ write: () throws -> Void) rethrows -> Set<String> {
        var seen = Set<String>()
        org.db.traceStatements { seen.insert($0) }
        defer { org.db.traceStatements(nil) }
        try write()
        return seen
    }

    private func looksForPlans(_ run: Set<String>) -> Bool {
        run.contains { $0.contains("pending(id)") || $0.contains("WHERE id <> ? AND effective_at > ?") }
    }

    @Test func addingARoleWithNothingPlannedRunsNoPlanCheckAndFewStatements() throws {
        let org = try exampleDatabase()
        let run = try statements(org) {
            _ = try org.addRole(RoleDraft(key: "new-analyst", title: "Analyst", holder: "Ada Byron", reportsTo: "cio"))
        }
        #expect(!looksForPlans(run), "\(run.sorted())")
        // 13 once the role, its summary and its manager's names were no
        // longer read back (18 before, about 30 before that): each statement
        // added is tens of thousands of instructions to prepare on every `add role`.
        #expect(run.count <= 13, "\(run.count) statements: \(run.sorted())")
        #expect(try org.find("byron").map(\.key) == ["new-analyst"])
        #expect(try org.history()[0].summary.count == 1)
    }

    @Test func editingAndMovingWithNothingPlannedRunNoPlanCheck() throws {
        let org = try exampleDatabase()
        _ = try org.addRole(RoleDraft(key: "new-analyst", title: "Analyst", holder: "Ada Byron", reportsTo: "cio"))
        let edit = try statements(org) {
            _ = try org.updateRole("new-analyst", RoleChanges(holder: .holder("Grace Hopper")))
        }
        let move = try statements(org) { try org.move("new-analyst", to: "cfo") }
        #expect(!looksForPlans(edit) && !looksForPlans(move), "\(edit.sorted()) \(move.sorted())")
        // The old name's words leave the index with the edit.
        #expect(try org.find("byron").isEmpty)
        #expect(try org.find("hopper").map(\.key) == ["new-analyst"])
    }

    @Test func withAChangePlannedLaterAWriteIsStillWorkedOutAtItsMoment() throws {
        let org = try exampleDatabase()
        org.intent = ChangeIntent(command: "planned", effective: Self.plan)
        _ = try org.removeRole("pm-crm")
        org.intent = ChangeIntent(command: "today")
        let before = try snapshot(org)
        var error: OrgError?
        let run = statements(org) {
            error = refusal { try org.addRole(RoleDraft(key: "new-analyst", title: "Analyst", reportsTo: "pm-crm")) }
        }
        #expect(looksForPlans(run))
        #expect(error?.description.contains("2999-01-01") == true, "\(String(describing: error))")
        #expect(try snapshot(org) == before)
        // Under a role the plan leaves alone, the same write is accepted.
        _ = try org.addRole(RoleDraft(key: "new-analyst", title: "Analyst", reportsTo: "cio"))
        #expect(try org.asOf(Self.plan).role("new-analyst").reportsTo == "cio")
    }

    @Test func aBackdatedWriteIsStillCheckedAtItsMoment() throws {
        let org = try exampleDatabase()
        org.intent = ChangeIntent(command: "backdated", effective: Timestamp.parse("2001-01-01", day: .start)!)
        let before = try snapshot(org)
        // The example's roles were recorded today: in 2001 there was no cio.
        #expect(refusal { try org.addRole(RoleDraft(key: "new-analyst", title: "Analyst", reportsTo: "cio")) } != nil)
        #expect(try snapshot(org) == before)
    }
}

extension SmallWriteTests {
    /// References kept in arrays while few move to a dictionary past the
    /// limit, and answer the same either way.
    @Test func referencesAnswerTheSameBelowAndPastTheArrayLimit() throws {
        var few = KeyedByFoldedKey<Int>()
        let count = KeyedByFoldedKey<Int>.arrayLimit * 2
        for index in 0..<count {
            few.set("k\(index)", index)
            #expect(few["k0"] == 0 && few["k\(index)"] == index)
        }
        let copy = few
        few.set("k3", 33)
        few.set("new", -2)
        #expect(few["k3"] == 33 && few["new"] == -2 && few["k\(count - 1)"] == count - 1 && few["none"] == nil)
        // A copy keeps its own values and keys.
        #expect(copy["k3"] == 3 && copy["new"] == nil)
        var other = KeyedByFoldedKey<Int>()
        other.set("k3", -1)
        other.set("extra", 7)
        other.fill(from: few)
        #expect(other["k3"] == -1 && other["extra"] == 7 && other["k5"] == 5 && other["new"] == -2)
        #expect(ChangeLog.lines([]) == "" && ChangeLog.lines(["a"]) == "a" && ChangeLog.lines(["a", "b", "c"]) == "a\nb\nc")

        let org = try exampleDatabase()
        let keys = try org.db.statement("SELECT key FROM role ORDER BY id LIMIT 40").map { $0.text(0) }
        let names = try org.references(for: keys)
        for key in keys { #expect(names.role(key.uppercased())?.key == key) }
        #expect(keys.count > KeyedByFoldedKey<RoleReference>.arrayLimit)
    }
}
