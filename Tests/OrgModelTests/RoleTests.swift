import Testing
@testable import OrgModel

@Suite("Roles: adding and changing")
struct RoleTests {
    @Test func aRootRoleWithNothingButATitle() throws {
        let org = try emptyDatabase()
        let role = try org.addRole(RoleDraft(key: "ceo", title: "Chief Executive Officer"))
        #expect(role.key == "ceo")
        #expect(role.title == "Chief Executive Officer")
        #expect(role.holder == nil)
        #expect(role.isVacant)
        #expect(role.reportsTo == nil)
        #expect(role.unit == nil)
        #expect(role.grade == nil)
        #expect(role.salary == nil)
        #expect(role.depth == 0)
        #expect(role.pmo == nil)
        // What addRole returns is what a later read finds.
        #expect(try org.role("ceo") == role)
    }

    @Test func aRoleWithManagerUnitGradeAndSalary() throws {
        let org = try emptyDatabase()
        try org.addUnit(UnitDraft(key: "acme", name: "Acme", kind: .company))
        try org.addRole(RoleDraft(key: "ceo", title: "CEO", holder: "Amara", unit: "acme"))
        try org.addRole(RoleDraft(key: "cfo", title: "CFO", reportsTo: "ceo", unit: "acme"))
        let salary = try Money(amount: "51638.50", currency: "gbp")
        let role = try org.addRole(RoleDraft(key: "controller", title: "Financial Controller", holder: "Ahmed Hassan",
                                             reportsTo: "cfo", unit: "acme", grade: 7, salary: salary))
        #expect(role.holder == "Ahmed Hassan")
        #expect(!role.isVacant)
        #expect(role.reportsTo == "cfo")
        #expect(role.unit == "acme")
        #expect(role.grade == 7)
        #expect(role.salary == Money(minorUnits: 5_163_850, currency: "GBP"))
        #expect(role.depth == 2)
        #expect(try org.role("controller") == role)
    }

    @Test func anUnknownManagerOrUnitIsRefused() throws {
        let org = try orgChart(["ceo": nil])
        let noManager = refusal { try org.addRole(RoleDraft(key: "x", title: "X", reportsTo: "cxo")) }
        guard case .unknownKey(let key, let expected, let suggestions)? = noManager else {
            Issue.record("expected unknownKey, got \(String(describing: noManager))")
            return
        }
        #expect(key == "cxo")
        #expect(expected == .role)
        #expect(suggestions == ["ceo"])

        let noUnit = refusal { try org.addRole(RoleDraft(key: "x", title: "X", unit: "nowhere")) }
        guard case .unknownKey("nowhere", .unit, _)? = noUnit else {
            Issue.record("expected unknownKey for a unit, got \(String(describing: noUnit))")
            return
        }
        #expect(try org.kind(of: "x") == nil)
    }

    @Test func aRolesPMOIsTheNearestPMOAboveItsUnit() throws {
        let org = try emptyDatabase()
        try org.addUnit(UnitDraft(key: "acme", name: "Acme", kind: .company))
        try org.addUnit(UnitDraft(key: "pmo", name: "Delivery PMO", kind: .pmo, pmoType: .directive, parent: "acme"))
        try org.addUnit(UnitDraft(key: "prog", name: "Programme", kind: .programme, parent: "pmo"))
        try org.addUnit(UnitDraft(key: "proj", name: "Project", kind: .project, parent: "prog"))
        try org.addUnit(UnitDraft(key: "inner", name: "Inner PMO", kind: .pmo, pmoType: .supportive, parent: "proj"))
        try org.addUnit(UnitDraft(key: "team", name: "Team", kind: .team, parent: "inner"))

        let atTop = try org.addRole(RoleDraft(key: "ceo", title: "CEO", unit: "acme"))
        #expect(atTop.pmo == nil)
        let inPMO = try org.addRole(RoleDraft(key: "director", title: "PMO Director", reportsTo: "ceo", unit: "pmo"))
        #expect(inPMO.pmo == PMOPlacement(key: "pmo", name: "Delivery PMO", type: .directive))
        let twoBelow = try org.addRole(RoleDraft(key: "pm", title: "Project Manager", reportsTo: "director", unit: "proj"))
        #expect(twoBelow.pmo == PMOPlacement(key: "pmo", name: "Delivery PMO", type: .directive))
        // The nearest PMO wins over one further up.
        let nested = try org.addRole(RoleDraft(key: "dev", title: "Developer", reportsTo: "pm", unit: "team"))
        #expect(nested.pmo == PMOPlacement(key: "inner", name: "Inner PMO", type: .supportive))
        let noUnit = try org.addRole(RoleDraft(key: "free", title: "Consultant", reportsTo: "ceo"))
        #expect(noUnit.pmo == nil)
    }

    // MARK: - Money

    @Test(arguments: [("51638", Int64(5_163_800)), ("51638.5", 5_163_850), ("51638.50", 5_163_850),
                      ("0", 0), ("0.07", 7), ("3485", 348_500)])
    func amountsParse(_ amount: String, _ minorUnits: Int64) throws {
        let money = try Money(amount: amount, currency: "GBP")
        #expect(money == Money(minorUnits: minorUnits, currency: "GBP"))
    }

    @Test(arguments: ["-1", "1.234", "abc", "", ".5", "1.2.3", "1,5", " 5", "5 ", "+5", "1e3", "١٢"])
    func badAmountsAreRefused(_ amount: String) {
        let error = refusal { try Money(amount: amount, currency: "GBP") }
        guard case .invalidValue(let field, let value, _)? = error else {
            Issue.record("'\(amount)' gave \(String(describing: error))")
            return
        }
        #expect(field == "salary")
        #expect(value == amount)
    }

    @Test(arguments: ["GB", "GBPX", "G1P", "", "€UR", "£"])
    func badCurrenciesAreRefused(_ currency: String) {
        let error = refusal { try Money(amount: "100", currency: currency) }
        guard case .invalidValue(let field, let value, _)? = error else {
            Issue.record("'\(currency)' gave \(String(describing: error))")
            return
        }
        #expect(field == "currency")
        #expect(value == currency)
    }

    @Test func aLowerCaseCurrencyIsStoredInCapitals() throws {
        #expect(try Money(amount: "1", currency: "gbp").currency == "GBP")
        #expect(try Money(amount: "1", currency: "eUr").currency == "EUR")
    }

    @Test func amountsPrintWithTwoDecimalsOnlyWhenNeeded() {
        #expect(Money(minorUnits: 5_163_800, currency: "GBP").amount == "51638")
        #expect(Money(minorUnits: 5_163_850, currency: "GBP").amount == "51638.50")
        #expect(Money(minorUnits: 5_163_805, currency: "GBP").amount == "51638.05")
        #expect(Money(minorUnits: 7, currency: "GBP").amount == "0.07")
    }

    // MARK: - Updates

    @Test func updatingEachFieldChangesOnlyThatField() throws {
        let org = try exampleDatabase()
        let before = try org.role("pm-crm")

        let retitled = try org.updateRole("pm-crm", RoleChanges(title: "Senior Project Manager"))
        #expect(retitled.title == "Senior Project Manager")
        #expect(retitled.holder == before.holder && retitled.unit == before.unit && retitled.grade == before.grade)

        let held = try org.updateRole("pm-crm", RoleChanges(holder: .holder("Jane Roe")))
        #expect(held.holder == "Jane Roe")
        #expect(held.title == "Senior Project Manager")

        let vacated = try org.updateRole("pm-crm", RoleChanges(holder: .vacate))
        #expect(vacated.holder == nil)
        #expect(vacated.isVacant)

        let moved = try org.updateRole("pm-crm", RoleChanges(unit: "it-eng"))
        #expect(moved.unit == "it-eng")
        // it-eng sits in IT but not in its PMO, so the placement goes with the unit.
        #expect(moved.pmo == nil)
        #expect(before.pmo?.key == "pmo-it")

        let graded = try org.updateRole("pm-crm", RoleChanges(grade: 7))
        #expect(graded.grade == 7)

        let paid = try org.updateRole("pm-crm", RoleChanges(salary: Money(minorUnits: 7_000_000, currency: "EUR")))
        #expect(paid.salary == Money(minorUnits: 7_000_000, currency: "EUR"))

        // Field changes never touch the reporting lines.
        #expect(paid.reportsTo == before.reportsTo)
        #expect(paid.depth == before.depth)
        #expect(try org.role("pm-crm") == paid)
    }

    @Test func updatingSeveralFieldsAtOnce() throws {
        let org = try exampleDatabase()
        let role = try org.updateRole("cfo", RoleChanges(title: "Finance Director", holder: .holder("Ada"), grade: 8))
        #expect(role.title == "Finance Director")
        #expect(role.holder == "Ada")
        #expect(role.grade == 8)
        #expect(role.reportsTo == "ceo")
    }

    @Test func updatingAnUnknownRoleOrUnitIsRefused() throws {
        let org = try exampleDatabase()
        guard case .unknownKey("nobody", .role, _)? = refusal({ try org.updateRole("nobody", RoleChanges(grade: 1)) }) else {
            Issue.record("an unknown role was updated")
            return
        }
        guard case .unknownKey("nowhere", .unit, _)? = refusal({ try org.updateRole("cfo", RoleChanges(unit: "nowhere")) }) else {
            Issue.record("a role was moved into an unknown unit")
            return
        }
        #expect(try org.role("cfo").unit == "fin")
    }
}
