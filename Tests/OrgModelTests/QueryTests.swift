import Testing
@testable import OrgModel

@Suite("Queries on the example organisation")
struct QueryTests {
    let org: OrgDatabase

    init() throws { org = try exampleDatabase() }

    private func entryKeys(_ list: ReportList) -> [String] { list.reports.map(\.role.key) }

    // MARK: - reports(to:)

    @Test func directReports() throws {
        let list = try org.reports(to: "cio")
        #expect(list.manager.key == "cio")
        #expect(entryKeys(list) == ["pmo-it-director", "eng-director"])
        #expect(list.reports.allSatisfy { $0.depth == 1 && $0.line == .solid && $0.dottedTo == nil })
    }

    @Test func allReportsAreDepthFirst() throws {
        let list = try org.reports(to: "cio", all: true)
        #expect(entryKeys(list) == ["pmo-it-director", "pmo-it-analyst", "prog-digital-manager", "pm-payments", "pm-crm",
                                    "eng-director", "eng-lead-payments"])
        #expect(list.reports.map(\.depth) == [1, 2, 2, 3, 3, 1, 2])
    }

    @Test func allReportsDownToAMaximumDepth() throws {
        let list = try org.reports(to: "cio", all: true, maxDepth: 2)
        #expect(entryKeys(list) == ["pmo-it-director", "pmo-it-analyst", "prog-digital-manager", "eng-director", "eng-lead-payments"])
        #expect(try entryKeys(org.reports(to: "cio", all: true, maxDepth: 1)) == ["pmo-it-director", "eng-director"])
    }

    @Test func directReportsWithDottedOnes() throws {
        let list = try org.reports(to: "pmo-ops-manager", includeDotted: true)
        let solid = list.reports.filter { $0.line == .solid }
        let dotted = list.reports.filter { $0.line == .dotted }
        #expect(solid.map(\.role.key) == ["pmo-ops-coordinator"])
        #expect(dotted.map(\.role.key) == ["pm-warehouse", "pm-fleet"])
        #expect(dotted.allSatisfy { $0.dottedTo == "pmo-ops-manager" && $0.depth == 1 })
        #expect(list.reports.count == 3)

        let cpo = try org.reports(to: "cpo", includeDotted: true)
        #expect(cpo.reports.filter { $0.line == .dotted }.map(\.role.key) == ["pmo-it-director", "pmo-ops-manager", "pmo-mkt-manager"])
    }

    @Test func allReportsWithDottedOnesBelowTheTop() throws {
        let list = try org.reports(to: "cio", all: true, includeDotted: true)
        let dotted = list.reports.filter { $0.line == .dotted }
        // Adding dotted entries leaves the solid ones as they were, in order.
        #expect(list.reports.filter { $0.line == .solid } == (try org.reports(to: "cio", all: true)).reports)
        // eng-lead-payments reports solid to eng-director and dotted to pm-payments.
        #expect(dotted.map(\.role.key) == ["eng-lead-payments"])
        #expect(dotted.first?.dottedTo == "pm-payments")
        let managerDepth = try #require(list.reports.first { $0.role.key == "pm-payments" }).depth
        #expect(dotted.first?.depth == managerDepth + 1)
        // Dotted lines to the top role itself count too.
        let cpo = try org.reports(to: "cpo", all: true, includeDotted: true)
        #expect(cpo.reports.filter { $0.line == .dotted }.map(\.role.key) == ["pmo-it-director", "pmo-ops-manager", "pmo-mkt-manager"])
        #expect(cpo.reports.filter { $0.line == .dotted }.allSatisfy { $0.dottedTo == "cpo" && $0.depth == 1 })
        // Within the depth limit only: pm-payments is 3 below cio, so its dotted report is 4 below.
        #expect(try org.reports(to: "cio", all: true, maxDepth: 3, includeDotted: true).reports.allSatisfy { $0.line == .solid })
    }

    @Test func aUnitKeyMeansItsHead() throws {
        #expect(try org.reports(to: "pmo-it") == org.reports(to: "pmo-it-director"))
        #expect(try org.reports(to: "ops", all: true) == org.reports(to: "coo", all: true))
        #expect(try org.countReports(to: "epmo", all: true) == 5)
    }

    @Test func aUnitWithoutAHeadStandsForNoRole() throws {
        try org.addUnit(UnitDraft(key: "tiger-team", name: "Tiger Team", kind: .team, parent: "it"))
        #expect(refusal { try org.reports(to: "tiger-team") } == OrgError.unitHasNoHead(key: "tiger-team"))
        #expect(refusal { try org.countReports(to: "Tiger-Team") } == OrgError.unitHasNoHead(key: "tiger-team"))
        #expect(refusal { try org.chain(of: "tiger-team") } == OrgError.unitHasNoHead(key: "tiger-team"))
        #expect(refusal { try org.walkTree(root: "tiger-team") { _ in } } == OrgError.unitHasNoHead(key: "tiger-team"))
    }

    @Test func countsAgreeWithTheLists() throws {
        let everyone = try org.db.statement("SELECT key FROM role ORDER BY id").map { $0.text(0) }
        #expect(everyone.count == 27)
        for key in everyone {
            #expect(try org.countReports(to: key) == org.reports(to: key).reports.count, "direct reports of \(key)")
            #expect(try org.countReports(to: key, all: true) == org.reports(to: key, all: true).reports.count, "all reports of \(key)")
            for depth in 1...3 {
                #expect(try org.countReports(to: key, all: true, maxDepth: depth)
                        == org.reports(to: key, all: true, maxDepth: depth).reports.count, "reports of \(key) to depth \(depth)")
            }
        }
        #expect(try org.countReports(to: "ceo", all: true) == 26)
    }

    // MARK: - chain(of:)

    @Test func aChainRunsFromTheRoleUpToItsRoot() throws {
        #expect(try keys(org.chain(of: "pm-payments")) == ["pm-payments", "prog-digital-manager", "pmo-it-director", "cio", "ceo"])
        #expect(try keys(org.chain(of: "ceo")) == ["ceo"])
        #expect(try keys(org.chain(of: "proj-crm")) == ["pm-crm", "prog-digital-manager", "pmo-it-director", "cio", "ceo"])
        let chain = try org.chain(of: "pm-crm")
        #expect(chain.map(\.depth) == [4, 3, 2, 1, 0])
        #expect(chain.first == (try org.role("pm-crm")))
    }

    // MARK: - walkTree

    private func walk(root: String? = nil, maxDepth: Int? = nil, includeDotted: Bool = false) throws -> [TreeNode] {
        var nodes: [TreeNode] = []
        try org.walkTree(root: root, maxDepth: maxDepth, includeDotted: includeDotted) { nodes.append($0) }
        return nodes
    }

    /// The solid chart as a depth-first list of (key, depth, children), built
    /// from manager_id alone, siblings in the order they were added.
    private func expectedWalk(from top: String? = nil, maxDepth: Int = .max) throws -> [(String, Int, Int)] {
        let rows = try org.db.statement("SELECT r.key, m.key FROM role r LEFT JOIN role m ON m.id = r.manager_id ORDER BY r.id")
            .map { ($0.text(0), $0.optionalText(1)) }
        var children: [String?: [String]] = [:]
        for (key, manager) in rows { children[manager, default: []].append(key) }
        var out: [(String, Int, Int)] = []
        func visit(_ key: String, _ depth: Int) {
            let below = children[key] ?? []
            out.append((key, depth, depth < maxDepth ? below.count : 0))
            if depth < maxDepth { below.forEach { visit($0, depth + 1) } }
        }
        (top.map { [$0] } ?? children[nil] ?? []).forEach { visit($0, 0) }
        return out
    }

    /// Each node's childCount is the number of rows the walk shows directly below it.
    private func expectChildCountsMatchRows(_ nodes: [TreeNode], sourceLocation: SourceLocation = #_sourceLocation) {
        for (index, node) in nodes.enumerated() {
            let below = nodes[(index + 1)...].prefix { $0.depth > node.depth }.filter { $0.depth == node.depth + 1 }
            #expect(below.count == node.childCount, "\(node.role.key) at row \(index)", sourceLocation: sourceLocation)
        }
    }

    @Test func theWholeTreeDepthFirst() throws {
        try org.addRole(RoleDraft(key: "board", title: "Board Secretary"))
        let nodes = try walk()
        let expected = try expectedWalk()
        #expect(nodes.map(\.role.key) == expected.map(\.0))
        #expect(nodes.map(\.depth) == expected.map(\.1))
        #expect(nodes.map(\.childCount) == expected.map(\.2))
        #expect(nodes.allSatisfy { $0.line == .solid })
        #expect(nodes.count == 28)
        #expect(nodes.last?.role.key == "board")
        expectChildCountsMatchRows(nodes)
    }

    @Test func theTreeWithDottedLines() throws {
        let nodes = try walk(includeDotted: true)
        expectChildCountsMatchRows(nodes)
        let dotted = nodes.filter { $0.line == .dotted }
        #expect(dotted.count == 6)
        #expect(dotted.allSatisfy { $0.childCount == 0 })
        // The dotted rows follow their manager's row at once.
        let cpo = try #require(nodes.firstIndex { $0.role.key == "cpo" })
        #expect(nodes[cpo].childCount == 5)
        #expect(nodes[(cpo + 1)...(cpo + 3)].map(\.role.key) == ["pmo-it-director", "pmo-ops-manager", "pmo-mkt-manager"])
        #expect(nodes[(cpo + 1)...(cpo + 3)].allSatisfy { $0.line == .dotted && $0.depth == nodes[cpo].depth + 1 })
        // Without dotted rows the solid walk is unchanged.
        #expect(nodes.filter { $0.line == .solid }.map(\.role.key) == (try walk()).map(\.role.key))
    }

    @Test func aBranchOfTheTree() throws {
        let nodes = try walk(root: "it")
        let expected = try expectedWalk(from: "cio")
        #expect(nodes.map(\.role.key) == expected.map(\.0))
        #expect(nodes.map(\.depth) == expected.map(\.1))
        #expect(nodes.map(\.childCount) == expected.map(\.2))
        #expect(nodes.first?.depth == 0)
    }

    @Test func aTreeCutAtAMaximumDepth() throws {
        let top = try walk(maxDepth: 1)
        #expect(top.map(\.role.key) == ["ceo", "cpo", "cio", "coo", "cmo", "cfo"])
        #expect(top.map(\.childCount) == [5, 0, 0, 0, 0, 0])
        #expect(try walk(maxDepth: 1, includeDotted: true) == top)
        #expect(try walk(maxDepth: 0).map(\.childCount) == [0])

        let branch = try walk(root: "cio", maxDepth: 2)
        let expected = try expectedWalk(from: "cio", maxDepth: 2)
        #expect(branch.map(\.role.key) == expected.map(\.0))
        #expect(branch.map(\.childCount) == expected.map(\.2))
        expectChildCountsMatchRows(branch)

        let ops = try walk(root: "pmo-ops", maxDepth: 1, includeDotted: true)
        #expect(ops.map(\.role.key) == ["pmo-ops-manager", "pm-warehouse", "pm-fleet", "pmo-ops-coordinator"])
        #expect(ops.map(\.line) == [.solid, .dotted, .dotted, .solid])
        #expect(ops.map(\.childCount) == [3, 0, 0, 0])
    }

    // MARK: - details(of:)

    @Test func detailsOfARole() throws {
        guard case .role(let details) = try org.details(of: "pm-payments") else {
            Issue.record("pm-payments is not a role")
            return
        }
        #expect(details.role == (try org.role("pm-payments")))
        #expect(details.role.pmo == PMOPlacement(key: "pmo-it", name: "IT Delivery PMO", type: .directive))
        #expect(details.directReports == 0)
        #expect(details.allReports == 0)
        #expect(details.chain == ["prog-digital-manager", "pmo-it-director", "cio", "ceo"])
        #expect(details.dottedTo == [])
        #expect(details.dottedReports == ["eng-lead-payments"])
        #expect(details.heads == ["proj-payments"])

        guard case .role(let director) = try org.details(of: "pmo-it-director") else { return }
        #expect(director.directReports == 2)
        #expect(director.allReports == 4)
        #expect(director.chain == ["cio", "ceo"])
        #expect(director.dottedTo == ["cpo"])
        #expect(director.heads == ["pmo-it"])
    }

    @Test func detailsOfAUnit() throws {
        guard case .unit(let pmo) = try org.details(of: "pmo-ops") else {
            Issue.record("pmo-ops is not a unit")
            return
        }
        #expect(pmo.unit == (try org.unit("pmo-ops")))
        #expect(pmo.within == ["ops", "acme"])
        #expect(pmo.pmo == PMOPlacement(key: "pmo-ops", name: "Operations PMO", type: .controlling))
        #expect(pmo.subUnits == [])
        #expect(pmo.head == (try org.role("pmo-ops-manager")))
        #expect(pmo.roles == 2)
        #expect(pmo.vacantRoles == 0)
        #expect(pmo.governs == ["proj-fleet", "proj-warehouse"])
        #expect(pmo.governedBy == nil)

        guard case .unit(let fleet) = try org.details(of: "proj-fleet"),
              case .unit(let it) = try org.details(of: "it") else { return }
        #expect(fleet.pmo == nil)
        #expect(fleet.head?.key == "pm-fleet")
        #expect(fleet.roles == 1)
        #expect(fleet.vacantRoles == 1)
        #expect(fleet.governedBy == "pmo-ops")
        #expect(it.subUnits == ["it-eng", "pmo-it"])
        #expect(it.within == ["acme"])
    }

    // MARK: - Unknown keys

    @Test func unknownKeysComeWithSuggestions() throws {
        guard case .unknownKey("pm-paymnts", .role, let forRole)? = refusal({ try org.role("pm-paymnts") }) else {
            Issue.record("pm-paymnts was found")
            return
        }
        #expect(forRole.first == "pm-payments")
        guard case .unknownKey("pmo-opz", .roleOrUnit, let forEither)? = refusal({ try org.details(of: "pmo-opz") }) else {
            Issue.record("pmo-opz was found")
            return
        }
        #expect(forEither.first == "pmo-ops")
        guard case .unknownKey("itt", .unit, let forUnit)? = refusal({ try org.unit("itt") }) else {
            Issue.record("itt was found")
            return
        }
        #expect(forUnit.first == "it")
        #expect(!forUnit.contains { (try? org.kind(of: $0)) != .unit })
        guard case .unknownKey("zzzzzzzzzzzz", .roleOrUnit, let none)? = refusal({ try org.reports(to: "zzzzzzzzzzzz") }) else {
            Issue.record("zzzzzzzzzzzz was found")
            return
        }
        #expect(none.isEmpty)
        guard case .unknownKey("cxo", .roleOrUnit, _)? = refusal({ try org.chain(of: "cxo") }) else {
            Issue.record("cxo was found")
            return
        }
    }
}
