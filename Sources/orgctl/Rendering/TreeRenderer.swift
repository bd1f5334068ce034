import OrgModel

/// Draws a depth-first stream of ``TreeNode``s as an indented tree with
/// box-drawing characters, one line per node, without holding the tree.
struct TreeRenderer {
    /// For each open level, how many of its rows are still to come.
    private var remaining: [Int] = []

    /// The line for `node`, which must follow its parent in the stream.
    mutating func line(for node: TreeNode) -> String {
        remaining.removeLast(max(0, remaining.count - node.depth))
        var prefix = ""
        if node.depth > 0 {
            remaining[node.depth - 1] -= 1
            for level in 0..<(node.depth - 1) { prefix += remaining[level] > 0 ? "│   " : "    " }
            let isLast = remaining[node.depth - 1] == 0
            switch node.line {
            case .solid: prefix += isLast ? "└── " : "├── "
            case .dotted: prefix += isLast ? "└╌╌ " : "├╌╌ "
            }
        }
        if node.line == .solid { remaining.append(node.childCount) }
        let cut = node.hiddenBelow > 0 ? "  (+\(node.hiddenBelow) below)" : ""
        return prefix + RoleText.line(node.role) + (node.line == .dotted ? "  (dotted line)" : "") + cut
    }
}
