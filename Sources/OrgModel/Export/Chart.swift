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

        init(key: String, title: String, holder: String?, pmo: PMOPlacement?, parent: Int?, dottedTo: [Int]) {
            self.key = key
            self.title = title
            self.holder = holder
            self.pmo = pmo
            self.parent = parent
            self.dottedTo = dottedTo
        }
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
    /// The chart below `root` (every tree when nil), in memory.
    func chart(root: String? = nil) throws(OrgError) -> Chart {
        var nodes: [Chart.Node] = []
        var indexByKey: [String: Int] = [:]
        var dotted: [(Int, String)] = []
        try walkTree(root: root) { node in
            let index = nodes.count
            indexByKey[node.role.key] = index
            nodes.append(Chart.Node(key: node.role.key, title: node.role.title, holder: node.role.holder,
                                    pmo: node.role.pmo, parent: node.depth == 0 ? nil : node.role.reportsTo.flatMap { indexByKey[$0] },
                                    dottedTo: []))
        }
        try read {
            try db.statement("SELECT r.key, m.key FROM dotted_line d JOIN role r ON r.id = d.role_id JOIN role m ON m.id = d.manager_id ORDER BY r.path, m.path")
                .forEachRow { row in if let index = indexByKey[row.text(0)] { dotted.append((index, row.text(1))) } }
        }
        for (index, manager) in dotted {
            if let target = indexByKey[manager] { nodes[index].dottedTo.append(target) }
        }
        return Chart(nodes: nodes)
    }
}
