import Testing
@testable import OrgModel

/// Hand-counted chart:
///
///     co (company)                   ceo  [GBP 100.00, filled]
///       cfo  [EUR 50.00, vacant]       ├── cfo
///       dept (department)              └── head [GBP 30.00, filled]
///         head, d1 [EUR 20.00, filled],      ├── d1 ── loose (no unit, filled)
///         d2 [vacant], d3 [GBP 5.00]         ├── d2
///       pmo-s (supportive PMO, empty)        └── d3
///       pmo-d (directive PMO inside dept, empty)
private func statsChart() throws -> OrgDatabase {
    let org = try emptyDatabase()
    try org.addUnit(UnitDraft(key: "co", name: "Company", kind: .company))
    try org.addUnit(UnitDraft(key: "dept", name: "Department", kind: .department, parent: "co"))
    try org.addUnit(UnitDraft(key: "pmo-s", name: "Support PMO", kind: .pmo, pmoType: .supportive, parent: "co"))
    try org.addUnit(UnitDraft(key: "pmo-d", name: "Delivery PMO", kind: .pmo, pmoType: .directive, parent: "dept"))
    try org.addRole(RoleDraft(key: "ceo", title: "CEO", holder: "C", unit: "co", salary: Money(minorUnits: 100_00, currency: "GBP")))
    try org.addRole(RoleDraft(key: "cfo", title: "CFO", reportsTo: "ceo", unit: "co", salary: Money(minorUnits: 50_00, currency: "EUR")))
    try org.addRole(RoleDraft(key: "head", title: "Head", holder: "H", reportsTo: "ceo", unit: "dept",
                              salary: Money(minorUnits: 30_00, currency: "GBP")))
    try org.addRole(RoleDraft(key: "d1", title: "Staff", holder: "One", reportsTo: "head", unit: "dept",
                              salary: Money(minorUnits: 20_00, currency: "EUR")))
    try org.addRole(RoleDraft(key: "d2", title: "Staff", reportsTo: "head", unit: "dept"))
    try org.addRole(RoleDraft(key: "d3", title: "Staff", holder: "Three", reportsTo: "head", unit: "dept",
                              salary: Money(minorUnits: 5_00, currency: "GBP")))
    try org.addRole(RoleDraft(key: "loose", title: "Helper", holder: "L", reportsTo: "d1"))
    return org
}

private func headcount(_ roles: Int, _ filled: Int, _ salary: [Money] = []) -> Headcount {
    Headcount(roles: roles, filled: filled, vacant: roles - filled, salaryCost: salary)
}

@Suite struct StatsTests {
    @Test func perUnitHeadcountAndSalary() throws {
        let stats = try statsChart().stats()
        #expect(stats.unit == nil)
        let byKey = Dictionary(uniqueKeysWithValues: stats.units.map { ($0.unit, $0) })
        #expect(stats.units.map(\.unit) == ["co", "dept", "pmo-d", "pmo-s"])
        #expect(byKey["co"]?.direct == headcount(2, 1, [Money(minorUnits: 50_00, currency: "EUR"), Money(minorUnits: 100_00, currency: "GBP")]))
        #expect(byKey["co"]?.total == headcount(6, 4, [Money(minorUnits: 70_00, currency: "EUR"), Money(minorUnits: 135_00, currency: "GBP")]))
        #expect(byKey["dept"]?.direct == headcount(4, 3, [Money(minorUnits: 20_00, currency: "EUR"), Money(minorUnits: 35_00, currency: "GBP")]))
        #expect(byKey["dept"]?.total == byKey["dept"]?.direct)
        #expect(byKey["pmo-d"]?.total == headcount(0, 0))
        #expect(byKey["co"]?.kind == .company)
        #expect(byKey["dept"]?.name == "Department")
    }

    @Test func overallCountsRolesWithoutAUnitAndNeverMixesCurrencies() throws {
        let stats = try statsChart().stats()
        #expect(stats.headcount == headcount(7, 5, [Money(minorUnits: 70_00, currency: "EUR"), Money(minorUnits: 135_00, currency: "GBP")]))
        #expect(Set(stats.headcount.salaryCost.map(\.currency)).count == stats.headcount.salaryCost.count)
    }

    @Test func spanDepthAndPMOs() throws {
        let org = try statsChart()
        let stats = try org.stats(limits: CheckLimits(maxSpan: 2))
        // Managers: ceo 2 (cfo, head), head 3 (d1, d2, d3), d1 1 (loose).
        #expect(stats.span.managers == 3)
        #expect(stats.span.min == 1)
        #expect(stats.span.median == 2)
        #expect(stats.span.max == 3)
        #expect(stats.span.limit == 2)
        #expect(stats.span.managersOverLimit == 1)
        #expect(stats.maxDepth == 3)
        #expect(stats.pmosByType == ["supportive": 1, "directive": 1])
        #expect(stats.governedManagersByPMOType == [:])

        #expect(try org.stats().span.managersOverLimit == 0)
        #expect(try org.stats().span.limit == 10)
    }

    @Test func evenMedianIsTheMeanOfTheMiddleTwo() throws {
        let org = try orgChart(["a": nil, "b": "a", "c": "b", "d": "b", "e": "b", "f": "a"])
        // Spans: a 2, b 3 → median 2.5.
        #expect(try org.stats().span.median == 2.5)
    }

    @Test func scopedToAUnit() throws {
        let stats = try statsChart().stats(unit: "dept", limits: CheckLimits(maxSpan: 2))
        #expect(stats.unit == "dept")
        #expect(stats.units.map(\.unit) == ["dept", "pmo-d"])
        #expect(stats.headcount == headcount(4, 3, [Money(minorUnits: 20_00, currency: "EUR"), Money(minorUnits: 35_00, currency: "GBP")]))
        // Managers in dept: head 3, d1 1.
        #expect(stats.span.managers == 2)
        #expect(stats.span.min == 1)
        #expect(stats.span.max == 3)
        #expect(stats.span.median == 2)
        #expect(stats.span.managersOverLimit == 1)
        #expect(stats.maxDepth == 2)
        #expect(stats.pmosByType == ["directive": 1])
    }

    @Test func unknownScopeIsRefused() throws {
        let error = refusal { try statsChart().stats(unit: "nope") }
        guard case .unknownKey(let key, _, _)? = error else {
            Issue.record("expected unknownKey, got \(String(describing: error))")
            return
        }
        #expect(key == "nope")
    }

    @Test func example() throws {
        let stats = try exampleDatabase().stats()
        #expect(stats.headcount.roles == 27)
        #expect(stats.pmosByType == ["enterprise": 1, "directive": 1, "controlling": 1, "supportive": 1])
        #expect(stats.governedManagersByPMOType == ["directive": 3, "controlling": 2, "supportive": 1])
        #expect(stats.headcount.salaryCost.map(\.currency) == ["EUR", "GBP"])
        #expect(stats.headcount.salaryCost.first == Money(minorUnits: (105_000 + 78_000 + 71_000) * 100, currency: "EUR"))
        let ops = try exampleDatabase().stats(unit: "ops")
        #expect(ops.pmosByType == ["controlling": 1])
        #expect(ops.governedManagersByPMOType == ["controlling": 2])
        #expect(ops.headcount.roles == 6)
    }
}
