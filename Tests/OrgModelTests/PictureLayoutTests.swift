import Foundation
import Testing
@testable import OrgModel

/// Charts a board would be shown: the d3-org-chart sample and a 60-role
/// company with a controlling PMO whose project managers report to it by
/// dotted lines.
enum BoardCharts {
    /// The 1,516 people of d3-org-chart's sample CSV (`id`, `parentId`,
    /// `positionName`, `name`), as orgctl would draw them.
    static func d3Sample() throws -> Chart {
        let path = "/work/shared/data/d3-org-chart-sample.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var rows = text.split(whereSeparator: \.isNewline).map(cells)
        let header = rows.removeFirst()
        let column = { (name: String) in header.firstIndex(of: name)! }
        let (id, parent, title, name) = (column("id"), column("parentId"), column("positionName"), column("name"))
        var index: [String: Int] = [:]
        for (at, row) in rows.enumerated() where index[row[id]] == nil { index[row[id]] = at }
        return Chart(nodes: rows.map { row in
            Chart.Node(key: row[id], title: row[title].trimmingCharacters(in: .whitespaces),
                       holder: row[name].trimmingCharacters(in: .whitespaces), pmo: nil,
                       parent: index[row[parent]], dottedTo: [])
        })
    }

    /// One CSV line's cells, quotes honoured.
    private static func cells(_ line: Substring) -> [String] {
        var cells: [String] = [], cell = "", quoted = false
        for character in line where character != "\r" {
            if character == "\"" { quoted.toggle() } else if character == ",", !quoted { cells.append(cell); cell = "" } else { cell.append(character) }
        }
        return cells + [cell]
    }

    /// A 60-role company: a CEO over six chiefs, a controlling PMO under the
    /// COO, and project managers across the business with dotted lines to it.
    static func company() -> Chart {
        var nodes: [Chart.Node] = []
        func add(_ key: String, _ title: String, _ holder: String?, under parent: Int?, pmo: PMOPlacement? = nil) -> Int {
            nodes.append(.init(key: key, title: title, holder: holder, pmo: pmo, parent: parent, dottedTo: []))
            return nodes.count - 1
        }
        let pmo = PMOPlacement(key: "pmo", name: "Transformation PMO", type: .controlling)
        let ceo = add("E1001", "Chief Executive Officer", "Amara Okafor", under: nil)
        let chiefs = [("E1002", "Chief Financial Officer", "Henrik Lund"), ("E1003", "Chief Information Officer", "Renée Lévesque"),
                      ("E1004", "Chief Operating Officer", "Siobhán O'Connor"), ("E1005", "Chief Marketing Officer", "Chloé Bernard"),
                      ("E1006", "Chief People Officer", "Ahmed Hassan"), ("E1009", "Chief Customer Officer", "Yuki Tanaka")]
            .map { add($0.0, $0.1, $0.2, under: ceo) }
        let head = add("E1007", "Head of the Transformation PMO", "Dominika Černá", under: chiefs[2], pmo: pmo)
        _ = add("E1008", "PMO Analyst, Portfolio Reporting", "Lena Fischer", under: head, pmo: pmo)
        _ = add("E1010", "PMO Coordinator", nil, under: head, pmo: pmo)
        let teams = ["Finance", "Platform Engineering", "Operations", "Brand and Communications", "People Experience",
                     "Customer Success"]
        var key = 1011
        var managers: [Int] = []
        for (chief, team) in zip(chiefs, teams) {
            let director = add("E\(key)", "Director of \(team)", "Director \(key)", under: chief)
            key += 1
            for number in 0..<2 {
                let lead = add("E\(key)", number == 0 ? "\(team) Manager" : "Customer Success Manager, \(team)",
                               number == 1 && key % 3 == 0 ? nil : "Person \(key)", under: director)
                key += 1
                let pm = add("E\(key)", "Project Manager, \(team) Programme", "Person \(key)", under: lead)
                managers.append(pm)
                key += 1
                for _ in 0..<(number == 0 ? 2 : 1) {
                    _ = add("E\(key)", "Senior Analyst", "Person \(key)", under: lead)
                    key += 1
                }
            }
        }
        while nodes.count < 60 {
            _ = add("E\(key)", "Executive Assistant to the Chief Executive", "Person \(key)", under: ceo)
            key += 1
        }
        for manager in managers { nodes[manager].dottedTo = [head] }
        return Chart(nodes: nodes)
    }
}

/// What a picture must be for a board: the properties the issue lists,
/// checked on random charts, the example organisation, the d3 sample and a
/// 60-role company.
enum PictureCheck {
    /// Pairs of boxes that overlap.
    static func overlaps(_ layout: ChartLayout) -> [(Int, Int)] {
        let index = BoxIndex(layout: layout)
        let m = layout.metrics
        var found: [(Int, Int)] = []
        for (node, p) in layout.positions.enumerated() {
            // A box overlaps another if its own outline, pulled in by a pixel,
            // passes through one: check its four sides and its diagonals' ends.
            for (a, b) in [((p.x + 1, p.y + 1), (p.x + m.boxWidth - 1, p.y + 1)),
                           ((p.x + 1, p.y + m.boxHeight - 1), (p.x + m.boxWidth - 1, p.y + m.boxHeight - 1)),
                           ((p.x + 1, p.y + 1), (p.x + 1, p.y + m.boxHeight - 1)),
                           ((p.x + m.boxWidth - 1, p.y + 1), (p.x + m.boxWidth - 1, p.y + m.boxHeight - 1)),
                           ((p.x + m.boxWidth / 2, p.y + 1), (p.x + m.boxWidth / 2, p.y + m.boxHeight - 1))] {
                if let other = index.crossing(.init(x: a.0, y: a.1), .init(x: b.0, y: b.1), ignoring: node) {
                    found.append((node, other))
                }
            }
        }
        return found
    }

    /// Managers whose reports (none stacked) fit in the width but not all on
    /// one row; with `topLevels`, only those in the top two levels, whose
    /// reports make the third.
    static func splitSiblings(_ chart: Chart, _ layout: ChartLayout, topLevels: Bool = false) -> [Int] {
        let m = layout.metrics
        var depth = [Int](repeating: 0, count: chart.nodes.count)
        for node in chart.nodes.indices { depth[node] = chart.nodes[node].parent.map { depth[$0] + 1 } ?? 0 }
        return chart.children.indices.filter { manager in
            if topLevels, depth[manager] >= 2 { return false }
            let reports = chart.children[manager].filter { !layout.isStacked[$0] }
            guard reports.count > 1 else { return false }
            let fits = Double(reports.count) * (m.boxWidth + m.subtreeGap) <= m.wrapWiderThan
            return fits && Set(reports.map { layout.positions[$0].y }).count > 1
        }
    }

    /// Roles in the top three levels not on their level's row.
    static func misaligned(_ chart: Chart, _ layout: ChartLayout) -> [Int] {
        let pitch = layout.metrics.boxHeight + layout.metrics.levelGap
        var depth = [Int](repeating: 0, count: chart.nodes.count)
        for node in chart.nodes.indices { depth[node] = chart.nodes[node].parent.map { depth[$0] + 1 } ?? 0 }
        let roots = chart.nodes.indices.filter { chart.nodes[$0].parent == nil }
        guard roots.count == 1 else { return [] }
        return chart.nodes.indices.filter { depth[$0] < 3 && !layout.isStacked[$0] && abs(layout.positions[$0].y - Double(depth[$0]) * pitch) > 0.5 }
    }

    /// Dotted routes that cross a box other than their two ends' (edges aside).
    static func crossingRoutes(_ drawing: SVGDrawing) -> [DottedRoutes.Route] {
        let index = BoxIndex(layout: drawing.layout)
        return drawing.routes.filter { route in
            let points = route.points ?? []
            return zip(points, points.dropFirst()).contains { index.crossing($0, $1) != nil }
        }
    }

    /// Pairs of dotted routes that run along the same stretch of a line.
    static func sharedSegments(_ drawing: SVGDrawing) -> [(Int, Int)] {
        var found: [(Int, Int)] = []
        let routes = drawing.routes.compactMap(\.points)
        for (one, first) in routes.enumerated() {
            for (other, second) in routes.enumerated() where other > one {
                let shared = zip(first, first.dropFirst()).contains { a, b in
                    zip(second, second.dropFirst()).contains { c, d in
                        if a.y == b.y, c.y == d.y, a.y == c.y {
                            return min(max(a.x, b.x), max(c.x, d.x)) - max(min(a.x, b.x), min(c.x, d.x)) > 0.5
                        }
                        if a.x == b.x, c.x == d.x, a.x == c.x {
                            return min(max(a.y, b.y), max(c.y, d.y)) - max(min(a.y, b.y), min(c.y, d.y)) > 0.5
                        }
                        return false
                    }
                }
                if shared { found.append((one, other)) }
            }
        }
        return found
    }

    /// Lines of text wider than their box's room, or a block taller than the box.
    static func overflowingText(_ drawing: SVGDrawing) -> [String] {
        let m = drawing.metrics
        var found: [String] = []
        for text in drawing.texts {
            for line in text.placed(boxHeight: m.boxHeight) {
                let width = TextWrap.width(line.text[...], size: line.size, bold: line.bold)
                if width > m.boxWidth - 2 * BoxText.padding { found.append(line.text) }
                if line.baseline - line.size * 0.8 < 0 || line.baseline + line.size * 0.25 > m.boxHeight { found.append(line.text) }
            }
        }
        return found
    }

    static func check(_ chart: Chart, options: PictureOptions = .init(title: "Chart"),
                      sourceLocation: SourceLocation = #_sourceLocation) -> SVGDrawing {
        let drawing = SVGDrawing(chart: chart, options: options)
        let overlaps = overlaps(drawing.layout)
        #expect(overlaps.isEmpty, "boxes overlap: \(overlaps.prefix(5))", sourceLocation: sourceLocation)
        #expect(crossingRoutes(drawing).isEmpty, "dotted routes cross boxes", sourceLocation: sourceLocation)
        let shared = sharedSegments(drawing)
        #expect(shared.isEmpty, "dotted routes share a segment: \(shared.prefix(5))", sourceLocation: sourceLocation)
        let overflow = overflowingText(drawing)
        #expect(overflow.isEmpty, "text outside its box: \(overflow.prefix(5))", sourceLocation: sourceLocation)
        return drawing
    }
}

@Suite struct PictureLayoutTests {
    @Test func theFontIsReadFromItsFile() throws {
        let regular = try #require(FontMetrics.regular, "fonts-dejavu-core is installed by make test-deps")
        let bold = try #require(FontMetrics.bold)
        #expect(regular.unitsPerEm == 2048)
        // DejaVu Sans's own advances (hmtx): space 651, 'M' 1767, 'i' 569.
        #expect(regular.advance(of: " ") == 651 && regular.advance(of: "M") == 1767 && regular.advance(of: "i") == 569)
        #expect(bold.width(of: "Chief", size: 13) > regular.width(of: "Chief", size: 13))
        // Accented letters are in the font; a letter it lacks counts a full em.
        #expect(regular.advance(of: "č") > 0 && regular.advance(of: "č") < 2048)
        #expect(regular.advance(of: "\u{4E2D}") == 2048)
        #expect(FontMetrics([0, 1, 0, 0]) == nil)
    }

    @Test func textUnderSixtyCharactersWrapsWholeAndLongerIsCut() {
        let title = "Customer Success Manager, Enterprise Accounts (EMEA)"
        #expect(title.count < 60)
        let lines = TextWrap.lines(title, width: 204, size: 13, bold: true, maxLines: 2)
        #expect(lines.joined(separator: " ") == title && lines.count >= 2)
        #expect(lines.allSatisfy { TextWrap.width($0[...], size: 13, bold: true) <= 204 })
        let long = String(repeating: "Programme Delivery Excellence ", count: 4)
        let cut = TextWrap.lines(long, width: 204, size: 13, bold: true, maxLines: 2)
        #expect(cut.count == 2 && cut[1].hasSuffix("…"))
        #expect(TextWrap.lines("Supercalifragilisticexpialidocious-Programme-Manager", width: 120, size: 13, bold: true,
                               maxLines: 4).joined() == "Supercalifragilisticexpialidocious-Programme-Manager")
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func randomChartsHaveNoOverlapsCrossingsOrOverflow(seed: UInt64) {
        var chart = ChartSample.random(120, seed: seed)
        var generator = SplitMix64(seed: seed)
        for node in chart.nodes.indices where Int.random(in: 0..<6, using: &generator) == 0 {
            chart.nodes[node].dottedTo = [Int.random(in: 0..<chart.nodes.count, using: &generator)]
        }
        let drawing = PictureCheck.check(chart)
        #expect(PictureCheck.splitSiblings(chart, drawing.layout, topLevels: true).isEmpty)
        #expect(PictureCheck.misaligned(chart, drawing.layout).isEmpty)
    }

    @Test func theExampleOrganisationReadsOnOnePicture() throws {
        let chart = try exampleDatabase().chart()
        let drawing = PictureCheck.check(chart)
        #expect(PictureCheck.splitSiblings(chart, drawing.layout).isEmpty)
        #expect(PictureCheck.misaligned(chart, drawing.layout).isEmpty)
        #expect(!drawing.routes.isEmpty)
    }

    @Test func theSixtyRoleCompanyKeepsItsChiefsOnOneRow() {
        let chart = BoardCharts.company()
        #expect(chart.nodes.count == 60)
        let drawing = PictureCheck.check(chart, options: .init(title: "Board", asOf: "2026-12-06"))
        #expect(PictureCheck.splitSiblings(chart, drawing.layout).isEmpty)
        #expect(PictureCheck.misaligned(chart, drawing.layout).isEmpty)
        let badges = drawing.texts.flatMap(\.badges)
        #expect(drawing.routes.count + badges.filter { $0.hasPrefix("dotted to") }.count == 12)
        for badge in badges where badge.hasPrefix("dotted to") { #expect(badge == "dotted to E1007 (Dominika Černá)") }
    }

    @Test func theD3SampleHasNoOverlapsAndTopLevelsAligned() throws {
        let chart = try BoardCharts.d3Sample()
        #expect(chart.nodes.count == 1516)
        let drawing = PictureCheck.check(chart)
        #expect(PictureCheck.splitSiblings(chart, drawing.layout, topLevels: true).isEmpty)
        #expect(PictureCheck.misaligned(chart, drawing.layout).isEmpty)
    }

    @Test func dottedLinesToOneManagerRunInChannelsOfTheirOwn() {
        let chart = BoardCharts.company()
        let drawing = PictureCheck.check(chart)
        // Most of the twelve lines to the PMO's head are drawn, side by side.
        #expect(drawing.routes.count >= 6, "\(drawing.routes.count) lines drawn")
        // Many lines between two rows of boxes: each is a route of its own.
        var fan = ChartSample.make([nil] + Array(repeating: 0, count: 8) + (1...8).map { $0 } + (1...8).map { $0 })
        for node in 9...16 { fan.nodes[node].dottedTo = [1] }
        let lines = PictureCheck.check(fan)
        #expect(lines.routes.count >= 3)
    }

    @Test func badgesReplaceEveryLineWhenAskedAndNoneLeavesThemOut() {
        let chart = BoardCharts.company()
        let badges = SVGDrawing(chart: chart, options: .init(title: "B", dotted: .badges))
        #expect(badges.routes.isEmpty && badges.texts.flatMap(\.badges).count == 12)
        let none = SVGDrawing(chart: chart, options: .init(title: "N", dotted: .none))
        #expect(none.routes.isEmpty && none.texts.allSatisfy { $0.badges.isEmpty })
        var svg = ""
        none.write(standalone: true) { svg += $0 }
        #expect(!svg.contains("dotted line") && svg.contains("controlling PMO") && !svg.contains("directive PMO"))
    }

    @Test func aChartTooBigForASheetIsSplitByBranchesIntoLegiblePages() throws {
        let chart = try BoardCharts.d3Sample()
        let (width, height) = (2_333.0, 1_700.0)  // A3 landscape with titles 6 points tall
        let split = ChartPages(chart, options: .init(title: "d3"), maxWidth: width, maxHeight: height)
        #expect(split.pages.count > 1 && split.pages.count < 200)
        var shown = [Int](repeating: 0, count: chart.nodes.count)
        for (number, page) in split.pages.enumerated() {
            for node in page.nodes where page.continued[node] == nil { shown[node] += 1 }
            for (node, target) in page.continued {
                #expect(target > number && split.pages[target].nodes.contains(node), "page \(number + 1) sends \(node) nowhere")
            }
        }
        #expect(shown.allSatisfy { $0 == 1 }, "every role is drawn whole on exactly one page")
        let drawings = split.drawings()
        #expect(drawings.allSatisfy { $0.width <= width && $0.height <= height })
        #expect(drawings[1].title.hasPrefix("d3: the branch") && drawings[1].title.hasSuffix("(page 2 of \(drawings.count))"))
        for drawing in drawings { #expect(PictureCheck.overflowingText(drawing).isEmpty) }
        let markers = drawings[0].texts.flatMap(\.badges).filter { $0.hasPrefix("continued on page") }
        #expect(!markers.isEmpty)
    }
}
