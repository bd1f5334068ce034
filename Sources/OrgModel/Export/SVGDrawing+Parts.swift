// MARK: - Lines and boxes

extension SVGDrawing {
    /// One path per report, from its manager down to it, so that a whole
    /// chain can be highlighted edge by edge. A stacked report's path runs
    /// along its column's left side and turns into the box; a report in a
    /// wrapped row's path runs down the trunk to its row's bar first. A
    /// dotted-line report hung below its manager is joined by a dashed path.
    func writeSolidLines(_ emit: (String) -> Void) {
        emit("<g class=\"solid\">\n")
        for node in layout.parents.indices {
            guard let points = layout.connector(of: node) else { continue }
            // Placed like the boxes: moved onto the page, then rounded.
            var path = "M\(Self.number((points[0].x + Self.margin).rounded())) "
                + Self.number((points[0].y + Self.headerHeight).rounded())
            for (index, point) in points.enumerated().dropFirst() {
                path += index % 2 == 1 ? "V" + Self.number((point.y + Self.headerHeight).rounded())
                    : "H" + Self.number((point.x + Self.margin).rounded())
            }
            let marked = chart.nodes[node].placement == .dottedReport ? " class=\"dotted-report\"" : ""
            emit("<path id=\"edge-\(node)\"\(marked) d=\"\(path)\"/>\n")
        }
        emit("</g>\n")
    }

    /// A dashed orthogonal path for each routed dotted line, from the role
    /// to its manager and arrowed at the manager.
    func writeDottedLines(_ emit: (String) -> Void) {
        emit("<g class=\"dotted-lines\">\n")
        for route in routes {
            guard let points = route.points, let first = points.first else { continue }
            var path = "M\(Self.number(first.x + Self.margin)) \(Self.number(first.y + Self.headerHeight))"
            for point in points.dropFirst() {
                path += "L\(Self.number(point.x + Self.margin)) \(Self.number(point.y + Self.headerHeight))"
            }
            emit("<path class=\"dotted\" data-from=\"\(route.from)\" data-to=\"\(route.to)\" "
                + "marker-end=\"url(#dotted-arrow)\" d=\"\(path)\"/>\n")
        }
        emit("</g>\n")
    }

    /// One group per role, `role-N` by its index: a hover title with the full
    /// text, the box, and one `<text>` for each of title, holder, key and
    /// badges, a `<tspan>` a line.
    func writeBoxes(_ emit: (String) -> Void) {
        emit("<g class=\"roles\">\n")
        let half = metrics.boxWidth / 2
        let rect = "<rect x=\"\(Self.number(-half))\" width=\"\(Self.number(metrics.boxWidth))\" "
            + "height=\"\(Self.number(metrics.boxHeight))\" rx=\"8\"/>"
        for (index, node) in chart.nodes.enumerated() {
            var classes = "role"
            if let pmo = node.pmo { classes += " pmo-" + pmo.type.rawValue }
            if node.holder == nil { classes += " vacant" }
            if node.placement == .dottedReport { classes += " dotted-report" }
            if node.placement == .assistant { classes += " assistant" }
            var hover = MarkupText.escaped(node.title + " — " + (node.holder ?? "vacant") + " (" + node.key + ")")
            if let pmo = node.pmo { hover += "\n" + MarkupText.escaped(pmo.name + " (" + pmo.type.rawValue + " PMO)") }
            if node.placement == .dottedReport, let manager = node.parent {
                hover += "\n" + MarkupText.escaped("dotted-line report to " + chart.nodes[manager].key)
            }
            if node.placement == .assistant, let manager = node.parent {
                hover += "\n" + MarkupText.escaped("assistant to " + chart.nodes[manager].key)
            }
            let origin = origins[index]
            var group = "<g id=\"role-\(index)\" class=\"\(classes)\" data-key=\"\(MarkupText.escaped(node.key))\" "
                + "transform=\"translate(\(Self.number(origin.x + half)),\(Self.number(origin.y)))\">"
                + "<title>\(hover)</title>\(rect)"
            var open: Character?
            for line in texts[index].placed(boxHeight: metrics.boxHeight) {
                if line.kind != open {
                    if open != nil { group += "</text>" }
                    group += "<text class=\"\(line.kind)\">"
                    open = line.kind
                }
                group += "<tspan x=\"0\" y=\"\(Self.number(line.baseline))\">\(MarkupText.escaped(line.text))</tspan>"
            }
            if open != nil { group += "</text>" }
            emit(group + "</g>\n")
        }
        emit("</g>\n")
    }
}
