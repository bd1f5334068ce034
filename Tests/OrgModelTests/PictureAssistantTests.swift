import Testing
@testable import OrgModel

/// Assistants in a picture: beside the role they assist, on its row and
/// joined to its side, not in its row of reports.
@Suite struct PictureAssistantTests {
    /// The assistants of `chart`'s layout that are not beside their role:
    /// on another row, not next to it, or not joined to its side.
    static func misplacedAssistants(_ chart: Chart, _ layout: ChartLayout) -> [Int] {
        let m = layout.metrics
        return chart.nodes.indices.filter { node in
            guard chart.nodes[node].placement == .assistant, chart.children[node].isEmpty,
                  let manager = chart.nodes[node].parent else { return false }
            let (at, by) = (layout.positions[node], layout.positions[manager])
            let apart = abs(at.x - by.x)
            let next = apart.truncatingRemainder(dividingBy: m.boxWidth + m.siblingGap)
            guard layout.isBeside[node], at.y == by.y, apart >= m.boxWidth + m.siblingGap, next < 0.01,
                  let line = layout.connector(of: node) else { return true }
            let middle = by.y + m.boxHeight / 2
            return !line.allSatisfy { $0.y == middle }
                || line.last!.x != (at.x > by.x ? at.x : at.x + m.boxWidth)
                || line.first!.x != (at.x > by.x ? by.x + m.boxWidth : by.x)
        }
    }

    @Test func anAssistantSitsBesideTheRoleItAssistsNotInItsRowOfReports() throws {
        let org = try orgChart(["ceo": nil, "cfo": "ceo", "cio": "ceo", "coo": "ceo", "fin-analyst": "cfo"])
        try org.addRole(RoleDraft(key: "ea-ceo", title: "Executive Assistant", holder: "Priya Nair", reportsTo: "ceo",
                                  assistantTo: "ceo"))
        let chart = try org.chart()
        let at = { (key: String) in chart.nodes.firstIndex { $0.key == key }! }
        #expect(chart.nodes[at("ea-ceo")].placement == .assistant)
        #expect(chart.nodes[at("cfo")].placement == .report)
        let drawing = PictureCheck.check(chart)
        let layout = drawing.layout
        let (ceo, assistant) = (layout.positions[at("ceo")], layout.positions[at("ea-ceo")])
        #expect(assistant.y == ceo.y)
        #expect(assistant.x == ceo.x + layout.metrics.boxWidth + layout.metrics.siblingGap)
        // The chiefs' row is the reports alone, the CEO still centred over it.
        let chiefs = ["cfo", "cio", "coo"].map { layout.positions[at($0)] }
        #expect(Set(chiefs.map(\.y)).count == 1 && chiefs[0].y > ceo.y)
        #expect(abs((chiefs[0].x + chiefs[2].x) / 2 - ceo.x) < 0.5)
        #expect(Self.misplacedAssistants(chart, layout).isEmpty)
        var svg = ""
        drawing.write(standalone: true) { svg += $0 }
        let line = try #require(layout.connector(of: at("ea-ceo")))
        let (from, to) = (Int(line[0].x + SVGDrawing.margin), Int(line[2].x + SVGDrawing.margin))
        let y = Int(line[0].y + SVGDrawing.headerHeight)
        #expect(svg.contains("d=\"M\(from) \(y)V\(y)H\(to)\""))
        #expect(svg.contains("class=\"role assistant\""))
    }

    @Test func twoAssistantsSitEitherSideAndOneWithReportsStaysInTheRow() {
        // r0 with assistants r1, r2 and r3 (who manages r5), and report r4.
        var chart = ChartSample.make([nil, 0, 0, 0, 0, 3])
        for node in [1, 2, 3] { chart.nodes[node].placement = .assistant }
        let layout = PictureCheck.check(chart).layout
        let (m, top) = (layout.metrics, layout.positions[0])
        #expect(layout.positions[1].x > top.x && layout.positions[2].x < top.x)
        #expect(layout.positions[1].y == top.y && layout.positions[2].y == top.y)
        #expect(!layout.isBeside[3] && layout.positions[3].y == top.y + m.boxHeight + m.levelGap)
        #expect(layout.positions[4].y == layout.positions[3].y)
        #expect(Self.misplacedAssistants(chart, layout).isEmpty)
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomChartsWithAssistantsKeepEveryInvariant(seed: UInt64) {
        var chart = ChartSample.random(150, seed: seed)
        var generator = SplitMix64(seed: seed &+ 99)
        let children = chart.children
        for node in chart.nodes.indices where chart.nodes[node].parent != nil {
            if children[node].isEmpty, Int.random(in: 0..<5, using: &generator) == 0 { chart.nodes[node].placement = .assistant }
            if Int.random(in: 0..<7, using: &generator) == 0 {
                chart.nodes[node].dottedTo = [Int.random(in: 0..<chart.nodes.count, using: &generator)]
            }
        }
        #expect(chart.nodes.contains { $0.placement == .assistant })
        let drawing = PictureCheck.check(chart)
        #expect(Self.misplacedAssistants(chart, drawing.layout).isEmpty)
        // Pages too: every page fits, assistants beside their roles.
        let split = ChartPages(chart, options: .init(title: "Chart"), maxWidth: 1_166, maxHeight: 1_700)
        for (number, page) in split.drawings().enumerated() {
            #expect(page.width <= 1_166 && page.height <= 1_700, "page \(number + 1)")
            #expect(PictureCheck.overlaps(page.layout).isEmpty)
            #expect(Self.misplacedAssistants(page.chart, page.layout).isEmpty)
        }
    }
}
