import ArgumentParser
import OrgModel

extension DottedLineStyle: ExpressibleByArgument {}

/// What `--format` accepts: the library's export formats, and the pictures
/// `orgctl-render` makes from the SVG.
enum ExportChoice: String, CaseIterable, ExpressibleByArgument {
    case csv, json, dot, mermaid, svg, html, png, pdf

    /// The library's format; nil for png and pdf, which are rendered.
    var library: ExportFormat? { ExportFormat(rawValue: rawValue) }
    var isPicture: Bool { self == .svg || self == .html || self == .png || self == .pdf }
}

/// A sheet of paper, in PostScript points.
enum Paper: String, CaseIterable, ExpressibleByArgument {
    case a4, a3, letter, tabloid

    var size: (width: Double, height: Double) {
        switch self {
        case .a4: (595.28, 841.89)
        case .a3: (841.89, 1190.55)
        case .letter: (612, 792)
        case .tabloid: (792, 1224)
        }
    }
}

/// `orgctl export --format FORMAT`.
struct Export: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the chart as CSV, JSON, Graphviz DOT, Mermaid, an SVG picture, an HTML page, a PNG or a PDF.",
        discussion: """
            csv and json re-import exactly ('orgctl import'); csv holds roles, and --units writes the units \
            file. With -o a file is written in full or not at all, keeping its mode and owner; a device or \
            named pipe is written through, and a database is never overwritten. png and pdf are drawn by \
            orgctl-render, installed next to orgctl.
            """)
    static let example = """
          orgctl export --format csv -o roles.csv && orgctl export --format csv --units -o units.csv
          orgctl export --format json -o org.json
          orgctl export --format pdf --paper a3 --landscape --title "Board, December" -o chart.pdf
          orgctl export --format png --root pmo-ops --dotted --scale 2 -o pmo.png
        """

    @OptionGroup var database: ReadOptions
    @Option(help: "One of: \(ExportChoice.allCases.map(\.rawValue).joined(separator: ", ")).") var format: ExportChoice
    @Option(help: ArgumentHelp("Export only this role's (or unit head's) tree.", valueName: "key")) var root: String?
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?
    @Flag(help: "With --format csv, write the units instead of the roles.") var units = false
    @Option(help: ArgumentHelp("The caption of a picture (svg, html, png, pdf).", valueName: "text")) var title: String?
    @Option(defaultAsFlag: DottedLineStyle.lines, help: ArgumentHelp(
        "How a picture draws dotted lines: lines (routed around boxes, a badge where that fails), badges, or none. "
            + "With --root, also draws the roles outside the branch with a dotted line into it.",
        valueName: "style"))
    var dotted: DottedLineStyle?
    @Option(help: ArgumentHelp("With --format png, pixels per drawing unit (default: 1).", valueName: "n")) var scale: Double?
    @Option(help: "With --format pdf, fit the chart on this paper: a4, a3, letter or tabloid.") var paper: Paper?
    @Flag(help: "With --paper, turn the sheet sideways.") var landscape = false
    @Flag(help: "With --format pdf, split a chart too big to read on one sheet into pages by branches (paper: --paper, else A3 landscape).")
    var pages = false

    func validate() throws {
        if units && format != .csv { throw ValidationError("--units goes with --format csv (json holds units and roles together)") }
        if output?.isEmpty == true { throw ValidationError("-o needs a file name, such as -o chart.svg") }
        if !format.isPicture, title != nil || dotted != nil {
            throw ValidationError("--title and --dotted go with a picture: --format svg, html, png or pdf")
        }
        if scale != nil, format != .png { throw ValidationError("--scale goes with --format png") }
        if let scale, !(scale > 0 && scale <= 16) { throw ValidationError("--scale takes a number above 0 and at most 16, such as 2") }
        if paper != nil, format != .pdf { throw ValidationError("--paper goes with --format pdf") }
        if landscape, paper == nil { throw ValidationError("--landscape goes with --paper, such as --paper a3 --landscape") }
        if pages, format != .pdf { throw ValidationError("--pages goes with --format pdf") }
    }

    /// The largest drawing, in pixels, that orgctl-render fits on a sheet of
    /// `sheet` points (less its 10 mm margins) with titles still 6 points
    /// tall: they are 13 pixels.
    static func legibleDrawing(on sheet: (Double, Double)) -> (Double, Double) {
        let (margin, scale) = (28.35, 6.0 / 13.0)
        return ((sheet.0 - 2 * margin) / scale, (sheet.1 - 2 * margin) / scale)
    }

    /// The warning for a picture whose text is under 6 points on one sheet.
    static func illegibleSheet(_ paper: Paper, landscape: Bool) -> String {
        // A-series sizes are written in capitals (A3); the US ones are words.
        let name = paper.rawValue.hasPrefix("a") ? paper.rawValue.uppercased() : paper.rawValue
        return "warning: the chart's text is smaller than 6 pt on one \(name)\(landscape ? " landscape" : "") sheet; "
            + "add --pages to split it by branches over sheets that stay legible"
    }

    func run(writingTo out: OutputSink) throws {
        let org = try database.openForReading()
        if let output { try out.redirect(toFile: output, sparing: database.path) }
        let caption = title ?? "Organisation chart" + (root.map { " below \($0)" } ?? "")
        guard format.isPicture else {
            try org.export(format.library!, root: root, units: units, title: caption) { out.write($0) }
            return
        }
        // The day asked for (or its moment, when a time was given), else today.
        let asOf = database.asOf.map { $0.timestamp(day: .start).readable } ?? String(Timestamp.now().description.prefix(10))
        let options = PictureOptions(title: caption, asOf: asOf,
                                     dotted: dotted ?? .lines)
        switch format {
        case .png, .pdf:
            var svg = ""
            var arguments = [format.rawValue]
            if let scale { arguments += ["--scale", String(scale)] }
            var sheet = paper.map { landscape ? ($0.size.height, $0.size.width) : ($0.size.width, $0.size.height) }
            if pages {
                sheet = sheet ?? (Paper.a3.size.height, Paper.a3.size.width)
                let (width, height) = Self.legibleDrawing(on: sheet!)
                try org.exportPages(root: root, dottedReports: dotted != nil, options: options, width: width, height: height) {
                    svg += (svg.isEmpty ? "" : "\u{0C}") + $0
                }
            } else if let sheet {
                let (width, height) = Self.legibleDrawing(on: sheet)
                let legible = try org.exportSheet(root: root, dottedReports: dotted != nil, options: options,
                                                  width: width, height: height) { svg += $0 }
                if !legible { Diagnostics.line(Self.illegibleSheet(paper!, landscape: landscape)) }
            } else {
                try org.exportPicture(root: root, dottedReports: dotted != nil, options: options) { svg += $0 }
            }
            if let sheet { arguments += ["--paper", "\(sheet.0)x\(sheet.1)"] }
            out.write(bytes: try PictureRenderer.render(svg, arguments: arguments))
        default:
            try org.exportPicture(html: format == .html, root: root, dottedReports: dotted != nil, options: options) {
                out.write($0)
            }
        }
    }
}
