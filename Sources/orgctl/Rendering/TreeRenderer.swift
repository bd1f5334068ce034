import OrgModel

/// Draws a depth-first stream of ``TreeNode``s as an indented tree with
/// box-drawing characters, one line per node, without holding the tree.
struct TreeRenderer {
    /// For each open level, how many of its rows are still to come.
    private var remaining: [Int] = []
    /// `indents[k]`: the prefix drawn for levels 0..<k, kept while those
    /// levels are unchanged, so that a line does not rebuild it.
    private var indents: [String] = [""]

    /// The line for `node`, which must follow its parent in the stream.
    mutating func line(for node: TreeNode) -> String {
        remaining.removeLast(max(0, remaining.count - node.depth))
        var prefix = ""
        if node.depth > 0 {
            remaining[node.depth - 1] -= 1
            // Level depth-1 just changed: prefixes that include it are stale.
            indents.removeLast(max(0, indents.count - node.depth))
            while indents.count < node.depth {
                let level = indents.count - 1
                indents.append(indents[level] + (remaining[level] > 0 ? "│   " : "    "))
            }
            prefix = indents[node.depth - 1]
            let isLast = remaining[node.depth - 1] == 0
            switch node.line {
            case .solid: prefix += isLast ? "└── " : "├── "
            case .dotted: prefix += isLast ? "└╌╌ " : "├╌╌ "
            }
        }
        if node.line == .solid { remaining.append(node.childCount) }
        let cut = node.hiddenBelow > 0 ? "  (+\(node.hiddenBelow) below)" : ""
        let marker = node.line == .dotted ? "  (dotted line)" : node.role.assistantTo != nil ? "  (assistant)" : ""
        return prefix + RoleText.line(node.role) + marker + cut
    }
}
