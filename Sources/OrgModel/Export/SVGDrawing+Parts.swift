// MARK: - Lines and boxes

extension SVGDrawing {
    /// Each text line's baseline within a box, and the space kept clear at
    /// either side of it.
    private static let baselines = (title: 22.0, holder: 40.0, key: 56.0)
    private static let padding = 8.0

    /// One path per report, from its manager down to it, so that a whole
    /// chain can be highlighted edge by edge. A stacked report's path runs
    /// along its column's left side and turns into the box; a report in a
    /// wrapped row's path runs down the trunk to its row's bar first.
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
            emit("<path id=\"edge-\(node)\" d=\"\(path)\"/>\n")
        }
        emit("</g>\n")
    }

    /// A dashed curve from each role to each of its dotted-line managers,
    /// arrowed at the manager, between the facing sides of the two boxes.
    func writeDottedLines(_ emit: (String) -> Void) {
        emit("<g class=\"dotted-lines\">\n")
        for (node, entry) in chart.nodes.enumerated() {
            for manager in entry.dottedTo where manager != node && chart.nodes.indices.contains(manager) {
                let (start, end) = facingPoints(from: origins[node], to: origins[manager])
                let (dx, dy) = (end.x - start.x, end.y - start.y)
                // Bow the curve sideways so it does not run along the solid lines.
                let length = max(1, (dx * dx + dy * dy).squareRoot())
                let bow = min(120, 0.2 * length) / length
                let control = (x: (start.x + end.x) / 2 - dy * bow, y: (start.y + end.y) / 2 + dx * bow)
                emit("<path class=\"dotted\" data-from=\"\(node)\" data-to=\"\(manager)\" marker-end=\"url(#dotted-arrow)\" "
                    + "d=\"M\(Self.number(start.x)) \(Self.number(start.y))Q\(Self.number(control.x)) \(Self.number(control.y)) "
                    + "\(Self.number(end.x)) \(Self.number(end.y))\"/>\n")
            }
        }
        emit("</g>\n")
    }

    private func facingPoints(from a: ChartLayout.Position, to b: ChartLayout.Position)
        -> (ChartLayout.Position, ChartLayout.Position) {
        let (w, h) = (metrics.boxWidth, metrics.boxHeight)
        if b.y + h < a.y { return (.init(x: a.x + w / 2, y: a.y), .init(x: b.x + w / 2, y: b.y + h)) }
        if a.y + h < b.y { return (.init(x: a.x + w / 2, y: a.y + h), .init(x: b.x + w / 2, y: b.y)) }
        if b.x < a.x { return (.init(x: a.x, y: a.y + h / 2), .init(x: b.x + w, y: b.y + h / 2)) }
        return (.init(x: a.x + w, y: a.y + h / 2), .init(x: b.x, y: b.y + h / 2))
    }

    /// One group per role, `role-N` by its index: a hover title with the full
    /// text, the box, and title, holder and key cut to fit.
    func writeBoxes(_ emit: (String) -> Void) {
        emit("<g class=\"roles\">\n")
        let (half, room) = (metrics.boxWidth / 2, metrics.boxWidth - 2 * Self.padding)
        let rect = "<rect x=\"\(Self.number(-half))\" width=\"\(Self.number(metrics.boxWidth))\" "
            + "height=\"\(Self.number(metrics.boxHeight))\" rx=\"8\"/>"
        for (index, node) in chart.nodes.enumerated() {
            var classes = "role"
            if let pmo = node.pmo { classes += " pmo-" + pmo.type.rawValue }
            if node.holder == nil { classes += " vacant" }
            var hover = MarkupText.escaped(node.title + " — " + (node.holder ?? "vacant") + " (" + node.key + ")")
            if let pmo = node.pmo { hover += "\n" + MarkupText.escaped(pmo.name + " (" + pmo.type.rawValue + " PMO)") }
            let title = MarkupText.fitted(node.title, maxWidth: room, fontSize: 13, bold: true).text
            let holder = MarkupText.fitted(node.holder ?? "vacant", maxWidth: room, fontSize: 12).text
            let key = MarkupText.fitted(node.key, maxWidth: room, fontSize: 10).text
            let origin = origins[index]
            emit("<g id=\"role-\(index)\" class=\"\(classes)\" data-key=\"\(MarkupText.escaped(node.key))\" "
                + "transform=\"translate(\(Self.number(origin.x + half)),\(Self.number(origin.y)))\">"
                + "<title>\(hover)</title>\(rect)"
                + "<text class=\"t\" y=\"\(Self.number(Self.baselines.title))\">\(MarkupText.escaped(title))</text>"
                + "<text class=\"h\" y=\"\(Self.number(Self.baselines.holder))\">\(MarkupText.escaped(holder))</text>"
                + "<text class=\"k\" y=\"\(Self.number(Self.baselines.key))\">\(MarkupText.escaped(key))</text></g>\n")
        }
        emit("</g>\n")
    }
}
