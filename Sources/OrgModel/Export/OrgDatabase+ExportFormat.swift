/// One entry point for every export format, streaming into `emit`.
extension OrgDatabase {
    /// Writes the chart below `root` (all of it when nil) in `format`. With
    /// `units`, the CSV export writes the units file instead of the roles.
    ///
    /// ```swift
    /// var svg = ""
    /// try org.export(.svg, root: "cio", title: "IT") { svg += $0 }
    /// ```
    public func export(_ format: ExportFormat, root: String? = nil, units: Bool = false, title: String,
                       into emit: (String) -> Void) throws(OrgError) {
        switch format {
        case .csv where units:
            CSVChartWriter.units(try exportUnits(root: root), emit)
        case .csv:
            CSVChartWriter.header(emit)
            try exportRoles(root: root) { CSVChartWriter.role($0, emit) }
        case .json:
            JSONChartWriter.begin(units: try exportUnits(root: root), emit)
            var first = true
            try exportRoles(root: root) { role in
                JSONChartWriter.role(role, first: first, emit)
                first = false
            }
            JSONChartWriter.end(emit)
        case .dot, .mermaid:
            var writer = GraphWriter(format == .dot ? .dot : .mermaid)
            writer.begin(title: title, emit)
            try exportRoles(root: root) { writer.role($0, emit) }
            writer.end(emit)
        case .svg:
            SVGRenderer.render(try chart(root: root), title: title, into: emit)
        case .html:
            HTMLRenderer.render(try chart(root: root), title: title, into: emit)
        }
    }
}
