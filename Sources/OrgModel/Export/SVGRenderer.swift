/// Draws a ``Chart`` as a self-contained SVG 1.1 document: a box per role
/// with its text wrapped to fit, elbow connectors for solid lines, dotted
/// lines routed between the boxes (or badges), PMO roles filled by PMO type,
/// a caption and a legend of what appears. Everything the user typed is
/// escaped; element ids are built from node indices only.
enum SVGRenderer {
    /// The whole SVG document for `chart`, headed by `title`.
    static func render(_ chart: Chart, title: String) -> String {
        render(chart, options: PictureOptions(title: title))
    }

    /// The whole SVG document for `chart`, drawn with `options`.
    static func render(_ chart: Chart, options: PictureOptions) -> String {
        var document = ""
        render(chart, options: options) { document += $0 }
        return document
    }

    /// Streams the SVG document for `chart` into `emit`, a piece at a time.
    static func render(_ chart: Chart, title: String, into emit: (String) -> Void) {
        render(chart, options: PictureOptions(title: title), into: emit)
    }

    /// Streams the SVG document for `chart`, drawn with `options`, into `emit`.
    static func render(_ chart: Chart, options: PictureOptions, into emit: (String) -> Void) {
        SVGDrawing(chart: chart, options: options).write(standalone: true, emit)
    }
}

/// One chart laid out and placed on the page, ready to be written as SVG on
/// its own or inside HTML.
struct SVGDrawing {
    static let margin = 24.0
    static let headerHeight = 96.0
    /// Boxes are this wide; their height is what the chart's longest text
    /// needs, the same for every box so that rows line up.
    static let boxWidth = 220.0

    let chart: Chart
    let options: PictureOptions
    var title: String { options.title }
    let layout: ChartLayout
    /// The lines of text in each box.
    let texts: [BoxText]
    /// The dotted lines drawn as lines; the others are badges in `texts`.
    let routes: [DottedRoutes.Route]
    /// The top-left corner of each box on the page, in whole pixels so that
    /// lines stay crisp and the numbers short.
    let origins: [ChartLayout.Position]
    let width: Double
    let height: Double
    let legend: SVGLegend

    var metrics: ChartLayout.Metrics { layout.metrics }

    init(chart: Chart, title: String) {
        self.init(chart: chart, options: PictureOptions(title: title))
    }

    init(chart: Chart, options: PictureOptions, metrics base: ChartLayout.Metrics = .init()) {
        self.chart = chart
        self.options = options
        let dotted = chart.nodes.enumerated().map { node, entry in
            entry.dottedTo.filter { $0 != node && chart.nodes.indices.contains($0) }
        }
        var badged = options.dotted == .badges ? dotted : dotted.map { _ in [Int]() }
        var (layout, texts) = Self.lay(chart, badges: badged, reserving: badged, base)
        var routes: [DottedRoutes.Route] = []
        if options.dotted == .lines, dotted.contains(where: { !$0.isEmpty }) {
            routes = DottedRoutes(layout: layout).routes(chart)
            if routes.contains(where: { $0.points == nil }) {
                // Boxes grow to hold any badge, and the routes are found anew
                // in the new layout; those that still fail become badges.
                (layout, _) = Self.lay(chart, badges: badged, reserving: dotted, base)
                routes = DottedRoutes(layout: layout).routes(chart)
                for route in routes where route.points == nil { badged[route.from].append(route.to) }
                texts = chart.nodes.indices.map { BoxText(chart, $0, badges: badged[$0], boxWidth: Self.boxWidth) }
            }
        }
        self.layout = layout
        self.texts = texts
        self.routes = routes.filter { $0.points != nil }
        origins = layout.positions.map {
            .init(x: ($0.x + Self.margin).rounded(), y: ($0.y + Self.headerHeight).rounded())
        }
        legend = SVGLegend(chart: chart, drawnLines: !self.routes.isEmpty,
                           badges: badged.contains { !$0.isEmpty } || chart.nodes.contains { !$0.dottedOffPage.isEmpty })
        width = (max(layout.width, legend.width, Self.captionWidth(options)) + 2 * Self.margin).rounded(.up)
        height = (layout.height + Self.headerHeight + Self.margin).rounded(.up)
    }

    /// Lays `chart` out with boxes tall enough for the text of every box
    /// were it to show the badges in `reserving`; returns the layout and
    /// each box's text with the badges in `badges`.
    private static func lay(_ chart: Chart, badges: [[Int]], reserving: [[Int]], _ base: ChartLayout.Metrics)
        -> (ChartLayout, [BoxText]) {
        let texts = chart.nodes.indices.map { BoxText(chart, $0, badges: badges[$0], boxWidth: boxWidth) }
        var tallest = texts.map(\.height).max() ?? 0
        if reserving != badges {
            for node in chart.nodes.indices where reserving[node] != badges[node] {
                tallest = max(tallest, BoxText(chart, node, badges: reserving[node], boxWidth: boxWidth).height)
            }
        }
        var metrics = base
        metrics.boxWidth = boxWidth
        metrics.boxHeight = max(base.boxHeight, tallest.rounded(.up))
        return (TidyTreeLayout.layout(chart, metrics: metrics), texts)
    }

    private static func captionWidth(_ options: PictureOptions) -> Double {
        TextWrap.width(options.title[...], size: 18, bold: true)
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
        emit("<defs><marker id=\"dotted-arrow\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"7\" "
            + "markerHeight=\"7\" orient=\"auto\"><path d=\"M0 0L8 4L0 8z\" fill=\"#5b3a8e\"/></marker></defs>\n")
        emit("<rect class=\"page\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\"/>\n")
        emit("<text class=\"caption\" x=\"\(Self.number(Self.margin))\" y=\"34\">\(heading)</text>\n")
        if let asOf = options.asOf {
            emit("<text class=\"as-of\" x=\"\(Self.number(Self.margin))\" y=\"54\">As of \(MarkupText.escaped(asOf))</text>\n")
        }
        legend.write(x: Self.margin, y: 66, emit)
        writeSolidLines(emit)
        writeDottedLines(emit)
        writeBoxes(emit)
        emit("</svg>\n")
    }

    static func fill(_ type: PMOType) -> String { PMOColour.fill(type) }

    private static let style: String = {
        var css = "<style type=\"text/css\">\n"
        css += "text{font-family:'\(FontMetrics.family)',Verdana,sans-serif;fill:#1a1a1a;text-anchor:middle}\n"
        css += ".page{fill:#fff}\n"
        css += ".caption{text-anchor:start;font-size:18px;font-weight:700}\n"
        css += ".as-of{text-anchor:start;font-size:12px;fill:#4d4d4d}\n"
        css += ".legend text{text-anchor:start;font-size:12px}\n"
        css += ".role rect{fill:#fff;stroke:#4d4d4d;stroke-width:1.2}\n"
        css += ".dotted-report rect{stroke:#5b3a8e;stroke-dasharray:5 4}\n"
        css += ".t{font-size:13px;font-weight:700}\n.h{font-size:12px}\n.k{font-size:10px;fill:#595959}\n"
        css += ".b{font-size:10px;font-style:italic;fill:#5b3a8e}\n"
        css += ".vacant .h{font-style:italic;fill:#6e6e6e}\n"
        for type in PMOType.allCases {
            css += ".pmo-\(type.rawValue) rect,rect.pmo-\(type.rawValue){fill:\(fill(type))}\n"
        }
        css += ".solid path{fill:none;stroke:#7a7a7a;stroke-width:1.5}\n"
        css += ".solid path.dotted-report{stroke:#5b3a8e;stroke-dasharray:5 4}\n"
        css += ".dotted{fill:none;stroke:#5b3a8e;stroke-width:1.5;stroke-dasharray:5 4}\n"
        return css + "</style>\n"
    }()

    /// A coordinate as SVG text: whole numbers without a decimal point.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}

/// The legend under the caption: only the PMO types, line kinds and marks
/// that appear in the drawing.
struct SVGLegend {
    let types: [PMOType]
    let drawnLines: Bool
    let badges: Bool
    let dottedReports: Bool
    let vacant: Bool

    init(chart: Chart, drawnLines: Bool, badges: Bool) {
        let present = Set(chart.nodes.compactMap { $0.pmo?.type })
        types = PMOType.allCases.filter(present.contains)
        self.drawnLines = drawnLines
        self.badges = badges
        dottedReports = chart.nodes.contains { $0.placement == .dottedReport }
        vacant = chart.nodes.contains { $0.holder == nil }
    }

    private var items: [(kind: String, label: String)] {
        types.map { ("pmo-" + $0.rawValue, "\($0.rawValue) PMO") }
            + (drawnLines ? [("line", "dotted line")] : [])
            + (badges ? [("badge", "a dotted line, shown on the box")] : [])
            + (dottedReports ? [("dotted-report", "dotted-line report")] : [])
            + (vacant ? [("vacant", "no holder")] : [])
    }

    /// The sample drawn before a label, where it is text rather than a swatch.
    private static func sample(_ kind: String) -> String? {
        kind == "badge" ? "dotted to KEY" : kind == "vacant" ? "vacant" : nil
    }

    /// How far right of an item's start its label begins.
    private static func labelOffset(_ kind: String) -> Double {
        guard let sample = sample(kind) else { return 40 }
        return TextWrap.width(sample[...], size: kind == "badge" ? 10 : 12, bold: false) + 8
    }

    private static func itemWidth(_ kind: String, _ label: String) -> Double {
        labelOffset(kind) + TextWrap.width(label[...], size: 12, bold: false) + 16
    }

    var width: Double { items.reduce(0) { $0 + Self.itemWidth($1.kind, $1.label) } }

    func write(x start: Double, y: Double, _ emit: (String) -> Void) {
        emit("<g class=\"legend\">")
        var x = start
        for (kind, label) in items {
            let n = SVGDrawing.number
            switch kind {
            case "line":
                emit("<path class=\"dotted\" d=\"M\(n(x)) \(n(y + 7))h34\"/>")
            case "badge":
                emit("<text class=\"b\" x=\"\(n(x))\" y=\"\(n(y + 11))\">dotted to KEY</text>")
            case "dotted-report":
                emit("<rect class=\"swatch\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"34\" height=\"14\" rx=\"3\" "
                    + "style=\"fill:#fff;stroke:#5b3a8e;stroke-dasharray:5 4\"/>")
            case "vacant":
                emit("<text class=\"swatch-vacant\" x=\"\(n(x))\" y=\"\(n(y + 11))\" "
                    + "style=\"font-style:italic;fill:#6e6e6e;font-size:12px\">vacant</text>")
            default:
                emit("<rect class=\"swatch \(kind)\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"34\" height=\"14\" rx=\"3\" "
                    + "style=\"stroke:#4d4d4d\"/>")
            }
            let shown = label
            emit("<text x=\"\(n(x + Self.labelOffset(kind)))\" y=\"\(n(y + 11))\">\(MarkupText.escaped(shown))</text>")
            x += Self.itemWidth(kind, label)
        }
        emit("</g>\n")
    }
}
