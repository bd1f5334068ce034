/// Lays a ``Chart`` out as a tidy tree: managers centred over their reports,
/// reports in chart order, no two boxes overlapping, several trees side by
/// side. It is Walker's algorithm with Buchheim, Jünger and Leipert's
/// linear-time corrections, run without recursion so that any depth works.
///
/// A manager whose many reports manage nobody would make one endless row;
/// like org-chart tools, the layout stacks such reports in columns under the
/// manager, so a chart of thousands of roles stays a readable size.
public enum TidyTreeLayout {
    /// The position of every node of `chart`, laid out with `metrics`.
    public static func layout(_ chart: Chart, metrics: ChartLayout.Metrics = .init()) -> ChartLayout {
        let forest = Forest(chart)
        let count = chart.nodes.count
        let pitch = metrics.boxHeight + metrics.levelGap
        var tree = LayeredTree()
        var slot = [Int](repeating: 0, count: count)
        var stacks: [Int: Stack] = [:]
        for node in forest.order where !isStackedLeaf(node, forest, stacks) {
            slot[node] = tree.add(under: forest.parents[node].map { slot[$0] } ?? 0, width: metrics.boxWidth)
            let reports = forest.children[node]
            guard reports.count > max(metrics.wrapAbove, 1), reports.allSatisfy({ forest.children[$0].isEmpty }) else {
                continue
            }
            // The stack hangs under the manager as a chain of placeholders, one a
            // level, as wide as the stack, so the tidy-tree contours keep other
            // boxes out of its way.
            let stack = Stack(leaves: reports.count, metrics: metrics)
            stacks[node] = stack
            var link = slot[node]
            for _ in 0..<max(1, Int(((stack.height + metrics.levelGap) / pitch).rounded(.up))) {
                link = tree.add(under: link, width: stack.width)
            }
        }
        let centres = tree.centres(metrics: metrics)

        var positions = [ChartLayout.Position](repeating: .init(x: 0, y: 0), count: count)
        var isStacked = [Bool](repeating: false, count: count)
        for node in forest.order where !isStackedLeaf(node, forest, stacks) {
            positions[node] = .init(x: centres[slot[node]] - metrics.boxWidth / 2, y: Double(forest.depth[node]) * pitch)
            guard let stack = stacks[node] else { continue }
            let left = centres[slot[node]] - stack.width / 2
            let top = Double(forest.depth[node] + 1) * pitch
            for (index, leaf) in forest.children[node].enumerated() {
                positions[leaf] = stack.position(of: index, left: left, top: top)
                isStacked[leaf] = true
            }
        }
        // Stacks reach left of their first box by the connector's indent.
        let minX = positions.indices.map { positions[$0].x - (isStacked[$0] ? metrics.stackIndent : 0) }.min() ?? 0
        for index in positions.indices { positions[index].x -= minX }
        let width = positions.map { $0.x + metrics.boxWidth }.max() ?? 0
        let height = positions.map { $0.y + metrics.boxHeight }.max() ?? 0
        return ChartLayout(metrics: metrics, positions: positions, isStacked: isStacked,
                           width: width, height: height, parents: forest.parents)
    }

    private static func isStackedLeaf(_ node: Int, _ forest: Forest, _ stacks: [Int: Stack]) -> Bool {
        forest.parents[node].map { stacks[$0] != nil } ?? false
    }
}

/// The columns of leaves stacked under one manager, filled top to bottom and
/// then left to right, so they read in chart order.
private struct Stack {
    let rows: Int
    let columns: Int
    let metrics: ChartLayout.Metrics

    init(leaves: Int, metrics: ChartLayout.Metrics) {
        self.metrics = metrics
        // Roughly square in pixels: wide enough to stay short, never one column
        // (a single column of hundreds would be as endless as a single row).
        let ratio = (metrics.boxHeight + metrics.stackGap) / (metrics.stackIndent + metrics.boxWidth + metrics.siblingGap)
        let wanted = min(leaves, max(2, Int((Double(leaves) * ratio).squareRoot().rounded())))
        rows = (leaves + wanted - 1) / wanted
        columns = (leaves + rows - 1) / rows
    }

    private var columnPitch: Double { metrics.stackIndent + metrics.boxWidth + metrics.siblingGap }

    var width: Double { Double(columns) * columnPitch - metrics.siblingGap }
    var height: Double { Double(rows) * (metrics.boxHeight + metrics.stackGap) - metrics.stackGap }

    func position(of index: Int, left: Double, top: Double) -> ChartLayout.Position {
        .init(x: left + Double(index / rows) * columnPitch + metrics.stackIndent,
              y: top + Double(index % rows) * (metrics.boxHeight + metrics.stackGap))
    }
}

/// The chart's solid lines as a forest, with links that leave the chart or
/// close a cycle dropped, so that every walk over it ends.
private struct Forest {
    var children: [[Int]]
    var parents: [Int?]
    var depth: [Int]
    /// Every node, each before its reports, trees and reports in chart order.
    var order: [Int] = []

    init(_ chart: Chart) {
        let count = chart.nodes.count
        var claimed = [[Int]](repeating: [], count: count)
        var roots: [Int] = []
        for (index, node) in chart.nodes.enumerated() {
            if let parent = node.parent, parent >= 0, parent < count, parent != index {
                claimed[parent].append(index)
            } else {
                roots.append(index)
            }
        }
        children = [[Int]](repeating: [], count: count)
        parents = [Int?](repeating: nil, count: count)
        depth = [Int](repeating: 0, count: count)
        var reached = [Bool](repeating: false, count: count)
        order.reserveCapacity(count)
        // Nodes left unreached after the true roots sit on a cycle: each such
        // node becomes a root, breaking its cycle there.
        for root in roots + Array(0..<count) where !reached[root] {
            reached[root] = true
            var pending = [root]
            while let node = pending.popLast() {
                order.append(node)
                let reports = claimed[node].filter { !reached[$0] }
                for report in reports {
                    reached[report] = true
                    parents[report] = node
                    depth[report] = depth[node] + 1
                }
                children[node] = reports
                pending.append(contentsOf: reports.reversed())
            }
        }
    }
}
