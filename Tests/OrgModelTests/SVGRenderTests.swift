import Foundation
import Testing
@testable import OrgModel

/// Runs external checkers (python3, node) on rendered documents.
enum ExternalCheck {
    struct Outcome {
        var status: Int32
        var output: Data
        var errors: String
    }

    static func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        // Errors go to a file, so that a full pipe can never stall the child
        // while this side is still reading its output.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("orgctl-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return Outcome(status: process.terminationStatus, output: outputData, errors: errors)
    }

    static func isAvailable(_ tool: String) -> Bool {
        (try? run([tool, "--version"]).status) == 0
    }

    /// A temporary file holding `text`, removed by the caller.
    static func temporaryFile(_ text: String, suffix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("orgctl-\(UUID().uuidString)\(suffix)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

/// What Python's XML parser reads back from a rendered SVG.
struct ParsedSVG: Decodable {
    struct Role: Decodable {
        var id: String
        var key: String?
        var classes: String?
        var hover: String?
        var texts: [String]
    }

    var title: String?
    var roles: [Role]
    var edges: Int
    var dotted: Int

    private static let reader = """
        import sys, json, xml.etree.ElementTree as E
        ns = '{http://www.w3.org/2000/svg}'
        root = E.parse(sys.argv[1]).getroot()
        assert root.tag == ns + 'svg', root.tag
        paths = list(root.iter(ns + 'path'))
        roles = [{'id': g.get('id'), 'key': g.get('data-key'), 'classes': g.get('class'),
                  'hover': g.find(ns + 'title').text,
                  'texts': [' '.join(s.text or '' for s in t.findall(ns + 'tspan')) for t in g.findall(ns + 'text')]}
                 for g in root.iter(ns + 'g') if g.get('id', '').startswith('role-')]
        json.dump({'title': root.find(ns + 'title').text, 'roles': roles,
                   'edges': sum(1 for p in paths if p.get('id', '').startswith('edge-')),
                   'dotted': sum(1 for p in paths if p.get('data-from') is not None)}, sys.stdout)
        """

    /// Parses `svg` with Python's XML parser, failing the test when it is not
    /// well-formed XML.
    static func parse(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ParsedSVG {
        let file = try ExternalCheck.temporaryFile(svg, suffix: ".svg")
        defer { try? FileManager.default.removeItem(at: file) }
        let wellFormed = try ExternalCheck.run(
            ["python3", "-c", "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])", file.path])
        #expect(wellFormed.status == 0, "not well-formed XML: \(wellFormed.errors)", sourceLocation: sourceLocation)
        let outcome = try ExternalCheck.run(["python3", "-c", reader, file.path])
        try #require(outcome.status == 0, "\(outcome.errors)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(ParsedSVG.self, from: outcome.output)
    }
}

/// Names written to break out of markup, strings, scripts and text direction.
enum HostileChart {
    static let longTitle = String(repeating: "Programme Delivery Excellence Lead ", count: 5) + "(EMEA)"
    static let controls = "Bad\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{7F}\u{85}Title\u{FFFE}\u{FFFF}"

    static func make() -> Chart {
        let pmo = PMOPlacement(key: "pmo\"</title>", name: "PMO </title><script>alert(2)</script>", type: .directive)
        return Chart(nodes: [
            .init(key: "ceo\"'><script>", title: "<script>alert(1)</script>", holder: "\"Quote\" & 'apostrophe' \\ back\\slash",
                  pmo: nil, parent: nil, dottedTo: []),
            .init(key: "cdata", title: "]]> &amp; <![CDATA[x]]> <!-- -->", holder: "Ali 😀👩‍👩‍👧 🇬🇧",
                  pmo: pmo, parent: 0, dottedTo: [2]),
            .init(key: "rtl", title: "مدير المشروع", holder: "\u{202E}דוד כהן", pmo: nil, parent: 0, dottedTo: []),
            .init(key: "controls", title: controls, holder: nil, pmo: pmo, parent: 1, dottedTo: [0, 9, 3]),
            .init(key: "long", title: longTitle, holder: String(repeating: "e\u{301}", count: 60), pmo: nil,
                  parent: 2, dottedTo: []),
        ])
    }
}

@Suite struct SVGRenderTests {
    @Test func exampleOrganisationIsWellFormedWithABoxPerRole() throws {
        let chart = try exampleDatabase().chart()
        let parsed = try ParsedSVG.parse(SVGRenderer.render(chart, title: "Enterprise PMO example"))
        #expect(parsed.title == "Enterprise PMO example")
        #expect(parsed.roles.map(\.id) == chart.nodes.indices.map { "role-\($0)" })
        #expect(parsed.roles.map(\.key) == chart.nodes.map(\.key))
        #expect(parsed.roles.map { $0.texts[0] } == chart.nodes.map(\.title), "ordinary titles show whole")
        #expect(parsed.edges == chart.nodes.filter { $0.parent != nil }.count)
        // Each dotted line is a routed line or a badge on the role's box.
        let badges = parsed.roles.filter { $0.texts.count == 4 }.map { $0.texts[3].components(separatedBy: "dotted to ").count - 1 }
        #expect(parsed.dotted > 0)
        #expect(parsed.dotted + badges.reduce(0, +) == chart.nodes.map(\.dottedTo.count).reduce(0, +))
        let vacant = try #require(chart.nodes.firstIndex { $0.holder == nil })
        #expect(parsed.roles[vacant].texts[1] == "vacant" && parsed.roles[vacant].classes?.contains("vacant") == true)
    }

    @Test func anEmptyChartIsAnEmptyDrawing() throws {
        let parsed = try ParsedSVG.parse(SVGRenderer.render(Chart(nodes: []), title: "Nobody yet"))
        #expect(parsed.roles.isEmpty && parsed.edges == 0 && parsed.title == "Nobody yet")
        #expect(HTMLRenderer.render(Chart(nodes: []), title: "Nobody yet").contains("\"parent\":[],"))
    }

    @Test func legendNamesEveryPMOTypeAndBoxesCarryTheirColour() throws {
        let chart = try exampleDatabase().chart()
        let svg = SVGRenderer.render(chart, title: "Example")
        for type in PMOType.allCases {
            #expect(svg.contains(">\(type.rawValue) PMO</text>"))
            #expect(svg.contains("rect.pmo-\(type.rawValue){fill:\(SVGDrawing.fill(type))}"))
        }
        #expect(Set(PMOType.allCases.map(SVGDrawing.fill)).count == 4)
        let parsed = try ParsedSVG.parse(svg)
        for (node, role) in zip(chart.nodes, parsed.roles) {
            #expect(role.classes?.contains("pmo-") == (node.pmo != nil))
            if let pmo = node.pmo { #expect(role.classes?.contains("pmo-\(pmo.type.rawValue)") == true) }
        }
    }

    @Test func hostileNamesAreEscapedAndReadBackIntact() throws {
        let chart = HostileChart.make()
        let svg = SVGRenderer.render(chart, title: "Org & \"Co\" <script>alert(0)</script>")
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("<![CDATA["))
        let parsed = try ParsedSVG.parse(svg)
        #expect(parsed.title == "Org & \"Co\" <script>alert(0)</script>")
        #expect(parsed.roles.map(\.key) == chart.nodes.map(\.key))
        #expect(parsed.roles[0].hover == "<script>alert(1)</script> — \"Quote\" & 'apostrophe' \\ back\\slash (ceo\"'><script>)")
        #expect(parsed.roles[1].hover?.hasPrefix("]]> &amp; <![CDATA[x]]> <!-- --> — Ali 😀👩‍👩‍👧 🇬🇧 (cdata)\n") == true)
        #expect(parsed.roles[1].hover?.hasSuffix("\nPMO </title><script>alert(2)</script> (directive PMO)") == true)
        #expect(parsed.roles[1].texts[1] == "Ali 😀👩‍👩‍👧 🇬🇧")
        // Text is wrapped, not cut, below 60 characters; what shows is the
        // original text (lines joined, breaks inside a word aside).
        let squeezed = { (text: String) in text.filter { !$0.isWhitespace } }
        for (node, role) in zip(chart.nodes, parsed.roles) where node.key != "controls" {
            for (shown, full) in zip(role.texts, [node.title, node.holder ?? "vacant", node.key]) where shown != full {
                #expect(full.count >= BoxText.wholeBelow || !shown.hasSuffix("…"), "\(full) is cut")
                if !shown.hasSuffix("…") {
                    #expect(squeezed(shown) == squeezed(full), "\(shown) is not \(full)")
                } else {
                    #expect(shown.hasSuffix("…") && squeezed(full).hasPrefix(squeezed(String(shown.dropLast()))),
                            "\(shown) is not cut from \(full)")
                }
            }
        }
        #expect(parsed.roles[2].texts[0] == "مدير المشروع")
        #expect(parsed.dotted == 2, "dotted lines to itself or outside the chart are left out")
    }

    @Test func charactersXMLForbidsAreDropped() throws {
        let svg = SVGRenderer.render(HostileChart.make(), title: "Controls\u{0}\u{1B}")
        let forbidden = svg.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0.value == 0xFFFE || $0.value == 0xFFFF
        }
        #expect(forbidden.isEmpty)
        let parsed = try ParsedSVG.parse(svg)
        #expect(parsed.roles[3].hover?.hasPrefix("BadTitle — vacant (controls)") == true)
        #expect(parsed.roles[3].texts[0] == "BadTitle")
        #expect(MarkupText.escaped("tab\tline\nend\r") == "tab line end ")
    }

    @Test func textOfSixtyCharactersOrMoreIsCutAfterItsLinesAndKeptWholeInTheHoverTitle() throws {
        let parsed = try ParsedSVG.parse(SVGRenderer.render(HostileChart.make(), title: "Long"))
        let role = parsed.roles[4]
        #expect(role.texts[0].hasSuffix("…") && role.texts[0].count < HostileChart.longTitle.count)
        #expect(HostileChart.longTitle.hasPrefix(String(role.texts[0].dropLast())))
        #expect(role.hover?.hasPrefix(HostileChart.longTitle + " — ") == true)
        // Sixty letters with combining accents wrap whole, each accent on its letter.
        #expect(role.texts[1].filter { $0 != " " } == String(repeating: "e\u{301}", count: 60))
        #expect(MarkupText.fitted("Chief Information Officer", maxWidth: 184, fontSize: 13, bold: true) == ("Chief Information Officer", false))
    }

    @Test func fiveRoleChartMatchesTheGoldenFile() throws {
        let pmo = { (key: String, type: PMOType) in PMOPlacement(key: key, name: "\(type.rawValue.capitalized) PMO", type: type) }
        let chart = Chart(nodes: [
            .init(key: "ceo", title: "Chief Executive Officer", holder: "Amara Okafor", pmo: nil, parent: nil, dottedTo: []),
            .init(key: "cpo", title: "Chief Project Officer", holder: "Grace Whitfield", pmo: pmo("epmo", .enterprise),
                  parent: 0, dottedTo: []),
            .init(key: "pmo-mkt-analyst", title: "PMO Analyst for Marketing Transformation Programmes", holder: "Yuki Tanaka",
                  pmo: pmo("pmo-mkt", .supportive), parent: 1, dottedTo: []),
            .init(key: "pmo-it-director", title: "PMO Director", holder: "Lena Fischer", pmo: pmo("pmo-it", .directive),
                  parent: 0, dottedTo: [1]),
            .init(key: "pm-payments", title: "Project Manager", holder: nil, pmo: pmo("pmo-ops", .controlling),
                  parent: 3, dottedTo: []),
        ])
        let svg = SVGRenderer.render(chart, title: "Five roles")
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden/five-roles.svg")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try svg.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(svg == (try String(contentsOf: golden, encoding: .utf8)))
        _ = try ParsedSVG.parse(svg)
    }

    @Test func reportsInWrappedRowsAreReachedDownTheTrunk() throws {
        // A chief over 30 managers of two people each: too wide for one row.
        var parents: [Int?] = [nil]
        for _ in 0..<30 {
            let manager = parents.count
            parents += [0, manager, manager]
        }
        let chart = ChartSample.make(parents)
        let svg = SVGRenderer.render(chart, title: "Wrapped")
        let parsed = try ParsedSVG.parse(svg)
        #expect(parsed.edges == chart.nodes.count - 1)
        let layout = SVGDrawing(chart: chart, title: "Wrapped").layout
        let last = try #require(chart.children[0].last)
        #expect(layout.row[last] > 0)
        let start = try #require(svg.range(of: "<path id=\"edge-\(last)\" d=\""))
        let path = String(svg[start.upperBound...].prefix { $0 != "\"" })
        // Down from the chief, then along and down once for each row above
        // the report's (down the trunk), then along and down into the box.
        #expect(String(path.filter { $0 == "H" || $0 == "V" }) == "V" + String(repeating: "HV", count: layout.row[last] + 1))
        let x = { (value: Double) in SVGDrawing.number((value + SVGDrawing.margin).rounded()) }
        let y = { (value: Double) in SVGDrawing.number((value + SVGDrawing.headerHeight).rounded()) }
        #expect(path.hasPrefix("M\(x(layout.centreX(of: 0))) \(y(layout.metrics.boxHeight))V"))
        #expect(path.hasSuffix("H\(x(layout.centreX(of: last)))V\(y(layout.positions[last].y))"))
        for trunk in layout.trunks[0].prefix(layout.row[last]) {
            #expect(path.contains("H\(x(trunk.x))V\(y(trunk.y))"))
        }
    }

    @Test func tenThousandRolesMakeABoundedDocument() throws {
        let chart = ChartSample.organisation(10_000, seed: 7)
        let clock = ContinuousClock()
        var svg = ""
        let elapsed = clock.measure { svg = SVGRenderer.render(chart, title: "Ten thousand roles") }
        let bytes = svg.utf8.count
        print("10,000-role SVG: \(bytes) bytes in \(elapsed)")
        #expect(bytes < 5_000_000)
        let parsed = try ParsedSVG.parse(svg)
        #expect(parsed.roles.count == 10_000)
    }
}
