/// Draws a ``Chart`` as a self-contained SVG 1.1 document: a box per role,
/// elbow connectors for solid lines, dashed curves for dotted lines, PMO
/// roles filled by PMO type, and a legend. Everything the user typed is
/// escaped; element ids are built from node indices only.
enum SVGRenderer {
    /// The whole SVG document for `chart`, headed by `title`.
    static func render(_ chart: Chart, title: String) -> String {
        var document = ""
        render(chart, title: title) { document += $0 }
        return document
    }

    /// Streams the SVG document for `chart` into `emit`, a piece at a time.
    static func render(_ chart: Chart, title: String, into emit: (String) -> Void) {
        SVGDrawing(chart: chart, title: title).write(standalone: true, emit)
    }
}

/// One chart laid out and placed on the page, ready to be written as SVG on
/// its own or inside HTML.
struct SVGDrawing {
    static let margin = 24.0
    static let headerHeight = 84.0
    static let legendItemWidth = 150.0

    let chart: Chart
    let title: String
    let layout: ChartLayout
    /// The top-left corner of each box on the page, in whole pixels so that
    /// lines stay crisp and the numbers short.
    let origins: [ChartLayout.Position]
    let width: Double
    let height: Double

    var metrics: ChartLayout.Metrics { layout.metrics }

    init(chart: Chart, title: String) {
        self.chart = chart
        self.title = title
        layout = TidyTreeLayout.layout(chart)
        origins = layout.positions.map {
            .init(x: ($0.x + Self.margin).rounded(), y: ($0.y + Self.headerHeight).rounded())
        }
        let legendWidth = Double(PMOType.allCases.count + 1) * Self.legendItemWidth
        width = (max(layout.width, legendWidth) + 2 * Self.margin).rounded(.up)
        height = (layout.height + Self.headerHeight + Self.margin).rounded(.up)
    }

    /// Writes the `<svg>` element; `standalone` adds the XML declaration a
    /// file needs and HTML must not have.
    func write(standalone: Bool, _ emit: (String) -> Void) {
        let size = "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
        if standalone { emit("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") }
        emit("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" id=\"chart\" \(size) "
            + "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\">\n")
        let heading = MarkupText.escaped(title)
        emit("<title>\(heading)</title>\n")
        emit(Self.style)
        let inset = metrics.boxWidth / 2 - 3
        emit("<defs><clipPath id=\"box-text\"><rect x=\"\(Self.number(-inset))\" width=\"\(Self.number(2 * inset))\" "
            + "height=\"\(Self.number(metrics.boxHeight))\"/></clipPath>\n")
        emit("<marker id=\"dotted-arrow\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"7\" "
            + "markerHeight=\"7\" orient=\"auto\"><path d=\"M0 0L8 4L0 8z\" fill=\"#5b3a8e\"/></marker></defs>\n")
        let caption = MarkupText.fitted(title, maxWidth: width - 2 * Self.margin, fontSize: 18, bold: true).text
        emit("<text class=\"caption\" x=\"\(Self.number(Self.margin))\" y=\"34\">\(MarkupText.escaped(caption))</text>\n")
        writeLegend(emit)
        writeSolidLines(emit)
        writeDottedLines(emit)
        writeBoxes(emit)
        emit("</svg>\n")
    }

    private func writeLegend(_ emit: (String) -> Void) {
        emit("<g class=\"legend\">")
        var x = Self.margin
        for type in PMOType.allCases {
            emit("<rect class=\"swatch pmo-\(type.rawValue)\" x=\"\(Self.number(x))\" y=\"50\" width=\"14\" height=\"14\" rx=\"3\"/>"
                + "<text x=\"\(Self.number(x + 20))\" y=\"61\">\(type.rawValue) PMO</text>")
            x += Self.legendItemWidth
        }
        emit("<path class=\"dotted\" d=\"M\(Self.number(x)) 57h28\"/><text x=\"\(Self.number(x + 34))\" y=\"61\">dotted line</text>")
        emit("</g>\n")
    }

    static func fill(_ type: PMOType) -> String { PMOColour.fill(type) }

    private static let style: String = {
        var css = "<style type=\"text/css\">\n"
        css += "text{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;fill:#1a1a1a;text-anchor:middle}\n"
        css += ".caption{text-anchor:start;font-size:18px;font-weight:700}\n"
        css += ".legend text{text-anchor:start;font-size:12px}\n"
        css += ".role rect{fill:#fff;stroke:#4d4d4d;stroke-width:1.2}\n"
        // One clip serves every box, as each is drawn in its own coordinates:
        // text the width estimate lets through still stops at the border.
        css += ".role text{clip-path:url(#box-text)}\n"
        css += ".t{font-size:13px;font-weight:700}\n.h{font-size:12px}\n.k{font-size:10px;fill:#595959}\n"
        css += ".vacant .h{font-style:italic;fill:#6e6e6e}\n"
        for type in PMOType.allCases {
            css += ".pmo-\(type.rawValue) rect,rect.pmo-\(type.rawValue){fill:\(fill(type))}\n"
        }
        css += ".solid path{fill:none;stroke:#7a7a7a;stroke-width:1.5}\n"
        css += ".dotted{fill:none;stroke:#5b3a8e;stroke-width:1.5;stroke-dasharray:5 4}\n"
        return css + "</style>\n"
    }()

    /// A coordinate as SVG text: whole numbers without a decimal point.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
