import Testing
@testable import OrgModel

@Suite struct CompareTests {
    @Test func ancestorIsHigherByLevels() throws {
        let org = try orgChart(["a": nil, "b": "a", "c": "b"])
        let result = try org.compare("a", "c")
        #expect(result.higher == .first)
        #expect(result.basis == .chain)
        #expect(result.levels == 2)
        #expect(result.commonManager == "a")
        #expect(result.firstDistance == 0)
        #expect(result.secondDistance == 2)
        #expect(result.explanation.contains("2 levels below"))
    }

    @Test func descendantIsLowerByLevels() throws {
        let org = try orgChart(["a": nil, "b": "a", "c": "b"])
        let result = try org.compare("c", "b")
        #expect(result.higher == .second)
        #expect(result.basis == .chain)
        #expect(result.levels == 1)
        #expect(result.commonManager == "b")
        #expect(result.firstDistance == 1)
        #expect(result.secondDistance == 0)
    }

    @Test func cousinsCompareByDistanceBelowLowestCommonManager() throws {
        let org = try orgChart(["r": nil, "top": "r", "x": "top", "x1": "x", "y": "top", "y1": "y", "y2": "y1"])
        let result = try org.compare("x1", "y2")
        #expect(result.higher == .first)
        #expect(result.basis == .distanceBelowCommonManager)
        #expect(result.commonManager == "top")
        #expect(result.firstDistance == 2)
        #expect(result.secondDistance == 3)
        #expect(result.levels == 1)
        #expect(result.explanation.contains("lowest common manager is top"))

        let reversed = try org.compare("y2", "x1")
        #expect(reversed.higher == .second)
        #expect(reversed.firstDistance == 3)
        #expect(reversed.secondDistance == 2)
    }

    @Test func equalDistanceBrokenByLadderRungBeforeGrade() throws {
        let org = try emptyDatabase()
        try org.addRole(RoleDraft(key: "boss", title: "Director"))
        // The grades point the other way: the rung decides first.
        try org.addRole(RoleDraft(key: "manager", title: "PMO Manager", reportsTo: "boss", grade: 1))
        try org.addRole(RoleDraft(key: "analyst", title: "PMO Analyst", reportsTo: "boss", grade: 9))
        let result = try org.compare("analyst", "manager")
        #expect(result.higher == .second)
        #expect(result.basis == .ladder)
        #expect(result.commonManager == "boss")
        #expect(result.firstDistance == 1)
        #expect(result.secondDistance == 1)
        #expect(result.levels == 0)
    }

    @Test func rungsOnDifferentLaddersFallBackToGrade() throws {
        let org = try emptyDatabase()
        try org.addRole(RoleDraft(key: "boss", title: "Director"))
        try org.addRole(RoleDraft(key: "pmo-man", title: "PMO Manager", reportsTo: "boss", grade: 5))
        try org.addRole(RoleDraft(key: "pm", title: "Project Manager", reportsTo: "boss", grade: 7))
        let result = try org.compare("pmo-man", "pm")
        #expect(result.higher == .second)
        #expect(result.basis == .grade)
    }

    @Test func equalDistanceBrokenByGrade() throws {
        let org = try emptyDatabase()
        try org.addRole(RoleDraft(key: "boss", title: "Director"))
        try org.addRole(RoleDraft(key: "a", title: "Analyst", reportsTo: "boss", grade: 7))
        try org.addRole(RoleDraft(key: "b", title: "Analyst", reportsTo: "boss", grade: 5))
        let result = try org.compare("a", "b")
        #expect(result.higher == .first)
        #expect(result.basis == .grade)
        #expect(result.commonManager == "boss")
    }

    @Test func levelWhenNothingSeparates() throws {
        let org = try orgChart(["boss": nil, "a": "boss", "b": "boss"])
        let result = try org.compare("a", "b")
        #expect(result.higher == nil)
        #expect(result.basis == .level)
        #expect(result.commonManager == "boss")
        #expect(result.firstDistance == 1)
        #expect(result.secondDistance == 1)
        #expect(result.levels == 0)
        #expect(result.explanation.contains("level"))
    }

    @Test func differentRootsAreUnrelated() throws {
        let org = try orgChart(["a": nil, "a1": "a", "b": nil])
        let result = try org.compare("a1", "b")
        #expect(result.higher == nil)
        #expect(result.basis == .unrelated)
        #expect(result.levels == nil)
        #expect(result.commonManager == nil)
        #expect(result.firstDistance == nil)
        #expect(result.secondDistance == nil)
        #expect(result.explanation.contains("unrelated"))
    }

    @Test func unrelatedButSeparatedByGrade() throws {
        let org = try emptyDatabase()
        try org.addRole(RoleDraft(key: "a", title: "Analyst", grade: 3))
        try org.addRole(RoleDraft(key: "b", title: "Analyst", grade: 4))
        let result = try org.compare("a", "b")
        #expect(result.higher == .second)
        #expect(result.basis == .grade)
        #expect(result.commonManager == nil)
    }

    @Test func sameRole() throws {
        let org = try orgChart(["a": nil, "b": "a"])
        let result = try org.compare("b", "b")
        #expect(result.higher == nil)
        #expect(result.basis == .sameRole)
        #expect(result.levels == 0)
    }

    @Test func unitMeansItsHead() throws {
        let org = try exampleDatabase()
        let result = try org.compare("pmo-it", "pm-payments")
        #expect(result.first.key == "pmo-it-director")
        #expect(result.first.unit == "pmo-it")
        #expect(result.second.key == "pm-payments")
        #expect(result.second.unit == nil)
        #expect(result.higher == .first)
        #expect(result.basis == .chain)
        #expect(result.levels == 2)
        #expect(result.explanation.hasPrefix("pmo-it (through its head pmo-it-director (Lena Fischer)) is higher"))

        // A unit and its own head are the same role.
        #expect(try org.compare("pmo-it", "pmo-it-director").basis == .sameRole)
    }

    @Test func unitWithoutHeadIsRefused() throws {
        let org = try orgChart(["a": nil])
        try org.addUnit(UnitDraft(key: "team", name: "Team", kind: .team))
        #expect(refusal { try org.compare("team", "a") } == .unitHasNoHead(key: "team"))
    }
}
