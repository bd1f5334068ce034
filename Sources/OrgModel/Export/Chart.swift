/// A whole chart, or one branch, held in memory for the exporters that lay
/// it out as a picture. Nodes come depth first, each after its manager.
struct Chart: Sendable, Equatable {
    /// One role in the chart.
    struct Node: Sendable, Equatable {
        var key: String
        var title: String
        /// Nil when the role is vacant.
        var holder: String?
        /// The PMO the role sits in, if any.
        var pmo: PMOPlacement?
        /// The index in ``Chart/nodes`` of its solid-line manager; nil for a
        /// root of the chart.
        var parent: Int?
        /// The indices of the managers it has dotted lines to, within the chart.
        var dottedTo: [Int]
        /// How it hangs from `parent`.
        var placement: Placement
        /// On a page of a split chart, the page its branch goes on to.
        var continuedOn: Int?
        /// With `continuedOn`, the last page of that branch's pages.
        var continuedThrough: Int?
        /// On a page of a split chart, its dotted lines to managers drawn
        /// on other pages, shown as badges that name the page.
        var dottedOffPage: [OffPage] = []

        init(key: String, title: String, holder: String?, pmo: PMOPlacement?, parent: Int?, dottedTo: [Int],
             placement: Placement = .report) {
            self.placement = placement
            self.key = key
            self.title = title
            self.holder = holder
            self.pmo = pmo
            self.parent = parent
            self.dottedTo = dottedTo
        }
    }

    /// A dotted line to a manager drawn on another page of a split chart.
    struct OffPage: Sendable, Equatable {
        var key: String
        var holder: String?
        /// The page, counted from 1, where the manager's box is drawn whole.
        var page: Int
    }

    /// How a node hangs from its `parent` in a drawing.
    enum Placement: Sendable, Equatable {
        /// A solid-line report.
        case report
        /// A role outside a drawn branch with a dotted line to `parent`,
        /// drawn below it and marked as such.
        case dottedReport
        /// An assistant to `parent`, drawn beside it rather than in its row
        /// of reports.
        case assistant
    }

    var nodes: [Node]

    init(nodes: [Node]) { self.nodes = nodes }

    /// The indices of each node's solid-line reports, in chart order.
    var children: [[Int]] {
        var result = Array(repeating: [Int](), count: nodes.count)
        for (index, node) in nodes.enumerated() {
            if let parent = node.parent { result[parent].append(index) }
        }
        return result
    }
}

extension OrgDatabase {
    /// The chart below `root` (every tree when nil), in memory. With
    /// `dottedReports`, a branch also holds the roles outside it that have a
    /// dotted line to a role inside it, each hung below that manager.
    func chart(root: String? = nil, dottedReports: Bool = false) throws(OrgError) -> Chart {
        var nodes: [Chart.Node] = []
        var indexByKey: [String: Int] = [:]
        var dotted: [(Int, String)] = []
        try walkTree(root: root) { node in
            let index = nodes.count
            indexByKey[node.role.key] = index
            nodes.append(Chart.Node(key: node.role.key, title: node.role.title, holder: node.role.holder,
                                    pmo: node.role.pmo, parent: node.depth == 0 ? nil : node.role.reportsTo.flatMap { indexByKey[$0] },
                                    dottedTo: [], placement: node.role.assistantTo != nil && node.depth > 0 ? .assistant : .report))
        }
        try read {
            try db.statement("SELECT r.key, m.key FROM dotted_line d JOIN role r ON r.id = d.role_id JOIN role m ON m.id = d.manager_id ORDER BY r.path, m.path")
                .forEachRow { row in if let index = indexByKey[row.text(0)] { dotted.append((index, row.text(1))) } }
        }
        for (index, manager) in dotted {
            if let target = indexByKey[manager] { nodes[index].dottedTo.append(target) }
        }
        if let root, dottedReports {
            // Roles outside the branch with a dotted line into it, in the
            // order of their managers and then of the roles.
            try read {
                let top = try roleRow(roleOrUnit: root)
                let units = try units()
                try db.statement("""
                    SELECT r.key, r.title, r.holder, r.unit_id, m.key FROM role m
                    JOIN dotted_line d ON d.manager_id = m.id JOIN role r ON r.id = d.role_id
                    WHERE m.path >= ? AND m.path < ? AND NOT (r.path >= ? AND r.path < ?) ORDER BY m.path, r.path
                    """).forEachRow([.text(top.path), .text(PathLabel.end(of: top.path)),
                                     .text(top.path), .text(PathLabel.end(of: top.path))]) { row in
                    guard indexByKey[row.text(0)] == nil, let manager = indexByKey[row.text(4)] else { return }
                    nodes.append(Chart.Node(key: row.text(0), title: row.text(1), holder: row.optionalText(2),
                                            pmo: units.pmo(forUnitID: row.optionalInt(3)), parent: manager,
                                            dottedTo: [], placement: .dottedReport))
                }
            }
        }
        return Chart(nodes: nodes)
    }
}
