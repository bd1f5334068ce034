/// Graphviz DOT and Mermaid flowcharts of the chart. Node ids are generated
/// (`n0`, `n1`, …), never user text; every label is escaped for its format.
/// PMOs become clusters (subgraphs) labelled with their type; dotted lines are dashed.
struct GraphWriter {
    enum Dialect: Sendable { case dot, mermaid }

    let dialect: Dialect
    private var ids: [String: Int] = [:]
    private var pmoIDs: [String: Int] = [:]
    private var pendingDotted: [(Int, String)] = []
    private var mermaidGroups: [Int: (title: String, members: [Int])] = [:]

    init(_ dialect: Dialect) { self.dialect = dialect }

    func begin(title: String, _ emit: (String) -> Void) {
        switch dialect {
        case .dot:
            emit("digraph org {\n  label=\(Self.dotQuote(title));\n  labelloc=t;\n  rankdir=TB;\n")
            emit("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\"];\n")
            emit("  edge [arrowhead=none];\n")
        case .mermaid:
            emit("---\ntitle: \(Self.mermaidText(title))\n---\nflowchart TB\n")
        }
    }

    mutating func role(_ role: OrgDatabase.ExportRole, _ emit: (String) -> Void) {
        let id = ids.count
        ids[role.key] = id
        let label = [role.title, role.holder ?? "vacant", role.key]
        let parent = role.reportsTo.flatMap { ids[$0] }
        switch dialect {
        case .dot:
            let node = "n\(id) [label=\(Self.dotQuote(label.joined(separator: "\n")))\(role.holder == nil ? ", fontcolor=\"#666666\"" : "")];"
            if let pmo = role.pmo {
                let cluster = pmoIndex(pmo.key)
                emit("  subgraph cluster_\(cluster) { label=\(Self.dotQuote("\(pmo.name) (\(pmo.type.rawValue) PMO)")); style=\"rounded,filled\"; fillcolor=\"\(PMOColour.fill(pmo.type))\"; \(node) }\n")
            } else {
                emit("  \(node)\n")
            }
            if let parent { emit("  n\(parent) -> n\(id);\n") }
        case .mermaid:
            emit("  n\(id)[\"\(label.map(Self.mermaidText).joined(separator: "<br/>"))\"]\n")
            if let pmo = role.pmo {
                let group = pmoIndex(pmo.key)
                mermaidGroups[group, default: ("\(pmo.name): \(pmo.type.rawValue) PMO", [])].members.append(id)
            }
            if let parent { emit("  n\(parent) --> n\(id)\n") }
        }
        for manager in role.dottedTo { pendingDotted.append((id, manager)) }
    }

    func end(_ emit: (String) -> Void) {
        for (id, manager) in pendingDotted {
            guard let target = ids[manager] else { continue }
            switch dialect {
            case .dot: emit("  n\(target) -> n\(id) [style=dashed, constraint=false];\n")
            case .mermaid: emit("  n\(target) -.-> n\(id)\n")
            }
        }
        switch dialect {
        case .dot:
            emit("}\n")
        case .mermaid:
            for (group, content) in mermaidGroups.sorted(by: { $0.key < $1.key }) {
                emit("  subgraph pmo\(group)[\"\(Self.mermaidText(content.title))\"]\n")
                for member in content.members { emit("    n\(member)\n") }
                emit("  end\n")
            }
        }
    }

    private mutating func pmoIndex(_ key: String) -> Int {
        if let known = pmoIDs[key] { return known }
        pmoIDs[key] = pmoIDs.count
        return pmoIDs.count - 1
    }

    /// A DOT double-quoted string: quotes and backslashes escaped, line breaks as `\n`.
    static func dotQuote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: break
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Text inside a Mermaid quoted label, with Mermaid's entity codes for the
    /// characters that would end or reinterpret it.
    static func mermaidText(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "#": out += "#35;"
            case "&": out += "#amp;"
            case "`": out += "#96;"
            case "\\": out += "#92;"
            case _ where scalar.value < 0x20: out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// The fill colour of each PMO type in every drawing (SVG, HTML, DOT): Paul
/// Tol's "light" scheme, chosen for dark text on top and checked to stay
/// apart under protanopia, deuteranopia and tritanopia.
enum PMOColour {
    static func fill(_ type: PMOType) -> String {
        switch type {
        case .supportive: "#77aadd"
        case .controlling: "#bbcc33"
        case .directive: "#ee8866"
        case .enterprise: "#ffaabb"
        }
    }
}
