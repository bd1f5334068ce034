import Testing
@testable import OrgModel

/// Reporting lines: moving roles (solid lines) and dotted lines, and the cycles
/// both must never close. A cycle path reads as "reports to": each key reports
/// to the next, and the last is the first again.
@Suite("Reporting lines and cycles")
struct LineTests {
    // MARK: - Solid lines

    @Test func aMoveIntoOnesOwnTreeIsACycle() throws {
        let org = try orgChart(["a": nil, "y": "a", "x": "y"])
        let before = try snapshot(org)
        #expect(refusal { try org.move("a", to: "x") } == OrgError.cycle(path: ["a", "x", "y", "a"]))
        #expect(refusal { try org.move("a", to: "y") } == OrgError.cycle(path: ["a", "y", "a"]))
        #expect(refusal { try org.move("y", to: "x") } == OrgError.cycle(path: ["y", "x", "y"]))
        #expect(try snapshot(org) == before)
    }

    @Test func aRoleCannotReportToItself() throws {
        let org = try orgChart(["a": nil, "b": "a"])
        #expect(refusal { try org.move("b", to: "b") } == OrgError.selfReport(key: "b"))
        #expect(refusal { try org.move("a", to: "A") } == OrgError.selfReport(key: "a"))
        #expect(refusal { try org.addDottedLine(from: "b", to: "b") } == OrgError.selfReport(key: "b"))
    }

    @Test func aMoveTakesTheWholeTreeAndReportsIt() throws {
        let org = try orgChart(["ceo": nil, "cio": "ceo", "coo": "ceo", "pm": "cio", "dev": "pm"])
        let report = try org.move("pm", to: "coo")
        #expect(report == MoveReport(key: "pm", from: "cio", to: "coo", movedCount: 2, dottedLineReplaced: false))
        #expect(try org.role("pm").reportsTo == "coo")
        #expect(try keys(org.chain(of: "dev")) == ["dev", "pm", "coo", "ceo"])
        #expect(try org.countReports(to: "cio") == 0)
    }

    @Test func aMoveToNoManagerMakesARoot() throws {
        let org = try orgChart(["ceo": nil, "cio": "ceo", "pm": "cio", "dev": "pm"])
        let report = try org.move("pm", to: nil)
        #expect(report == MoveReport(key: "pm", from: "cio", to: nil, movedCount: 2, dottedLineReplaced: false))
        let pm = try org.role("pm")
        #expect(pm.reportsTo == nil)
        #expect(pm.depth == 0)
        #expect(try org.role("dev").depth == 1)
        #expect(try keys(org.chain(of: "dev")) == ["dev", "pm"])
        // And back under a deeper manager: depths follow.
        try org.move("pm", to: "cio")
        #expect(try org.role("dev").depth == 3)
    }

    @Test func aMoveToTheSameManagerChangesNothing() throws {
        let org = try orgChart(["ceo": nil, "cio": "ceo", "pm": "cio"])
        let before = try snapshot(org)
        #expect(try org.move("pm", to: "cio") == MoveReport(key: "pm", from: "cio", to: "cio", movedCount: 0, dottedLineReplaced: false))
        #expect(try org.move("ceo", to: nil) == MoveReport(key: "ceo", from: nil, to: nil, movedCount: 0, dottedLineReplaced: false))
        #expect(try snapshot(org) == before)
    }

    @Test func aMoveWithUnknownKeysIsRefused() throws {
        let org = try orgChart(["ceo": nil, "cio": "ceo"])
        guard case .unknownKey("cxo", .role, let suggestions)? = refusal({ try org.move("cxo", to: "ceo") }) else {
            Issue.record("an unknown role moved")
            return
        }
        #expect(suggestions.contains("ceo") && suggestions.contains("cio"))
        guard case .unknownKey("boss", .role, _)? = refusal({ try org.move("cio", to: "boss") }) else {
            Issue.record("a role moved under an unknown manager")
            return
        }
    }

    // MARK: - Dotted lines

    @Test func aDottedLineIsAddedAndRemoved() throws {
        let org = try orgChart(["ceo": nil, "cpo": "ceo", "cio": "ceo", "pmo": "cio"])
        try org.addDottedLine(from: "pmo", to: "cpo")
        guard case .role(let pmo) = try org.details(of: "pmo"), case .role(let cpo) = try org.details(of: "cpo") else {
            Issue.record("details of a role were not a role")
            return
        }
        #expect(pmo.dottedTo == ["cpo"])
        #expect(cpo.dottedReports == ["pmo"])
        // The solid line is untouched.
        #expect(pmo.role.reportsTo == "cio")

        try org.removeDottedLine(from: "pmo", to: "cpo")
        guard case .role(let after) = try org.details(of: "pmo") else { return }
        #expect(after.dottedTo.isEmpty)
        #expect(refusal { try org.removeDottedLine(from: "pmo", to: "cpo") } == OrgError.noSuchLine(role: "pmo", manager: "cpo"))
        // A solid line is not a dotted one.
        #expect(refusal { try org.removeDottedLine(from: "pmo", to: "cio") } == OrgError.noSuchLine(role: "pmo", manager: "cio"))
        #expect(try org.role("pmo").reportsTo == "cio")
    }

    @Test func aDottedLineIsNotDuplicated() throws {
        let org = try orgChart(["ceo": nil, "cpo": "ceo", "cio": "ceo", "pmo": "cio"])
        try org.addDottedLine(from: "pmo", to: "cpo")
        #expect(refusal { try org.addDottedLine(from: "pmo", to: "CPO") } == OrgError.lineExists(role: "pmo", manager: "cpo", solid: false))
        #expect(refusal { try org.addDottedLine(from: "pmo", to: "cio") } == OrgError.lineExists(role: "pmo", manager: "cio", solid: true))
        #expect(try org.db.integer("SELECT count(*) FROM dotted_line") == 1)
    }

    @Test func aDottedLineUpToOnesOwnReportIsACycle() throws {
        let org = try orgChart(["a": nil, "b": "a", "c": "b"])
        let before = try snapshot(org)
        #expect(refusal { try org.addDottedLine(from: "a", to: "b") } == OrgError.cycle(path: ["a", "b", "a"]))
        #expect(refusal { try org.addDottedLine(from: "a", to: "c") } == OrgError.cycle(path: ["a", "c", "b", "a"]))
        #expect(try snapshot(org) == before)
        // A dotted line up the chain, to a skip-level manager, closes no loop.
        try org.addDottedLine(from: "c", to: "a")
    }

    @Test func cyclesMixingDottedAndSolidLinesAcrossSeveralHops() throws {
        // Two separate trees, joined only by dotted lines.
        let org = try orgChart(["r1": nil, "a": "r1", "r2": nil, "b": "r2"])
        try org.addDottedLine(from: "r2", to: "a")
        let before = try snapshot(org)
        #expect(refusal { try org.addDottedLine(from: "r1", to: "b") } == OrgError.cycle(path: ["r1", "b", "r2", "a", "r1"]))
        #expect(refusal { try org.move("r1", to: "b") } == OrgError.cycle(path: ["r1", "b", "r2", "a", "r1"]))
        // The loop may end at the role itself rather than below it.
        #expect(refusal { try org.addDottedLine(from: "r1", to: "r2") } == OrgError.cycle(path: ["r1", "r2", "a", "r1"]))
        #expect(try snapshot(org) == before)
    }

    @Test func aCycleThroughADottedLineDeepInTheTree() throws {
        let org = try orgChart(["top": nil, "p": "top", "q": "p", "s": nil, "t": "s", "u": "t"])
        try org.addDottedLine(from: "q", to: "u")
        #expect(refusal { try org.move("s", to: "q") } == OrgError.cycle(path: ["s", "q", "u", "t", "s"]))
        // The loop ends at u, below t: the path climbs back up the solid line to t.
        #expect(refusal { try org.addDottedLine(from: "t", to: "q") } == OrgError.cycle(path: ["t", "q", "u", "t"]))
        // p is above q, not below it: a line from s or t up to p closes no loop.
        try org.addDottedLine(from: "t", to: "p")
        // ...but now p under u would: u reports to t, which has a dotted line to p.
        #expect(refusal { try org.move("p", to: "u") } == OrgError.cycle(path: ["p", "u", "t", "p"]))
        // Without that dotted line the same move closes no loop.
        try org.removeDottedLine(from: "t", to: "p")
        try org.move("p", to: "u")
        #expect(try keys(org.chain(of: "q")) == ["q", "p", "u", "t", "s"])
    }

    @Test func aRootMovesUnderAManagerWithItsTree() throws {
        let org = try orgChart(["ceo": nil, "cio": "ceo", "acquired": nil, "team": "acquired", "dev": "team"])
        let report = try org.move("acquired", to: "cio")
        #expect(report == MoveReport(key: "acquired", from: nil, to: "cio", movedCount: 3, dottedLineReplaced: false))
        #expect(try org.role("acquired").depth == 2)
        #expect(try keys(org.chain(of: "dev")) == ["dev", "team", "acquired", "cio", "ceo"])
        #expect(try org.countReports(to: "ceo", all: true) == 4)
    }

    @Test func movingOntoADottedManagerReplacesTheDottedLine() throws {
        let org = try orgChart(["ceo": nil, "cpo": "ceo", "cio": "ceo", "pm": "cio", "dev": "pm"])
        try org.addDottedLine(from: "pm", to: "cpo")
        try org.addDottedLine(from: "dev", to: "cpo")
        let report = try org.move("pm", to: "cpo")
        #expect(report == MoveReport(key: "pm", from: "cio", to: "cpo", movedCount: 2, dottedLineReplaced: true))
        guard case .role(let pm) = try org.details(of: "pm") else { return }
        #expect(pm.role.reportsTo == "cpo")
        #expect(pm.dottedTo.isEmpty)
        // Only the moved role's own dotted line goes.
        guard case .role(let dev) = try org.details(of: "dev") else { return }
        #expect(dev.dottedTo == ["cpo"])
    }
}
