import Testing
@testable import OrgModel

/// A chart split into pages: the overview first, each branch's pages
/// together, small branches sharing pages, and dotted lines that cross
/// pages kept as badges naming the page.
@Suite struct ChartPagesTests {
    /// A3 landscape with titles 6 points tall, in drawing pixels.
    static let a3 = (width: 2_333.0, height: 1_700.0)

    static func depths(_ chart: Chart) -> [Int] {
        var depth = [Int](repeating: 0, count: chart.nodes.count)
        for node in chart.nodes.indices { depth[node] = chart.nodes[node].parent.map { depth[$0] + 1 } ?? 0 }
        return depth
    }

    @Test func theFirstOfManyPagesIsAnOverviewOfTheTopLevelsSayingWhereEachBranchIs() throws {
        let chart = try BoardCharts.d3Sample()
        let split = ChartPages(chart, options: .init(title: "d3"), maxWidth: Self.a3.width, maxHeight: Self.a3.height)
        let depth = Self.depths(chart)
        let overview = split.pages[0]
        #expect(overview.nodes.allSatisfy { depth[$0] <= 2 })
        #expect(overview.nodes.contains { depth[$0] == 1 })
        // Every box on it whose reports are not there says where they are.
        let children = chart.children
        for node in overview.nodes where !children[node].isEmpty && !overview.nodes.contains(children[node][0]) {
            #expect(overview.continued[node] != nil, "\(chart.nodes[node].key) does not say where its branch goes on")
        }
        // Pages are numbered depth first: a branch's pages lie within its marker's range.
        let last = split.lastPages
        for (node, target) in overview.continued {
            let pages = split.pages.indices.filter { page in
                split.pages[page].nodes.contains { member in
                    var up: Int? = member
                    while let at = up, at != node { up = chart.nodes[at].parent }
                    return up == node && member != node
                }
            }
            // Branches packed together share their range of pages.
            #expect(pages.first == target && pages.allSatisfy { $0 <= last[target] },
                    "the branch of \(chart.nodes[node].key) is on pages \(pages), not \(target)...\(last[target])")
        }
        let markers = split.drawings()[0].texts.flatMap(\.badges).filter { $0.hasPrefix("continued on page") }
        #expect(markers.count == overview.continued.count)
        #expect(markers.contains { $0.hasPrefix("continued on pages ") && $0.contains("–") })
    }

    @Test func smallBranchesShareAPageSoTheD3SampleTakesAFewPages() throws {
        let chart = try BoardCharts.d3Sample()
        let split = ChartPages(chart, options: .init(title: "d3"), maxWidth: Self.a3.width, maxHeight: Self.a3.height)
        // It took 132 pages when only branches that fit whole shared one.
        #expect(split.pages.count <= 60, "\(split.pages.count) pages")
        let drawings = split.drawings()
        for (number, drawing) in drawings.enumerated() {
            #expect(drawing.width <= Self.a3.width && drawing.height <= Self.a3.height,
                    "page \(number + 1) is \(drawing.width) by \(drawing.height)")
        }
        for drawing in drawings {
            #expect(PictureCheck.overlaps(drawing.layout).isEmpty)
            #expect(PictureCheck.overflowingText(drawing).isEmpty)
        }
    }

    /// A4 portrait with titles 6 points tall, in drawing pixels.
    static let a4 = (width: 1_166.0, height: 1_700.0)

    @Test(arguments: [1, 2, 3] as [UInt64])
    func everyPageOfARandomChartFitsItsPaperAndShowsEachRoleWholeOnce(seed: UInt64) {
        // A manager of 300 shares them out over pages under its repeated box.
        for chart in [ChartSample.random(800, seed: seed), ChartSample.spanned(800, span: 8, depth: 5, seed: seed),
                      ChartSample.fan(200 + 100 * Int(seed)), ChartSample.make([nil] + (1...150).map { $0 % 2 == 1 ? 0 : $0 - 1 })] {
            let split = ChartPages(chart, options: .init(title: "Chart"), maxWidth: Self.a4.width, maxHeight: Self.a4.height)
            #expect(split.pages.count > 1)
            var whole = [Int](repeating: 0, count: chart.nodes.count)
            for page in split.pages {
                for node in page.nodes where page.continued[node] == nil { whole[node] += 1 }
            }
            #expect(whole.allSatisfy { $0 == 1 })
            for (number, drawing) in split.drawings().enumerated() {
                #expect(drawing.width <= Self.a4.width && drawing.height <= Self.a4.height,
                        "page \(number + 1) is \(drawing.width) by \(drawing.height)")
                #expect(PictureCheck.overlaps(drawing.layout).isEmpty)
            }
        }
    }

    @Test func aDottedLineToARoleOnAnotherPageIsABadgeNamingThatPage() throws {
        let chart = BoardCharts.company()
        let head = try #require(chart.nodes.firstIndex { $0.key == "E1007" })
        let split = ChartPages(chart, options: .init(title: "Board"), maxWidth: 1_300, maxHeight: 900)
        #expect(split.pages.count > 2)
        let home = split.homes
        let drawings = split.drawings()
        let managers = chart.nodes.indices.filter { chart.nodes[$0].dottedTo == [head] }
        #expect(managers.count == 12)
        var badged = 0
        for manager in managers {
            let page = home[manager]
            let drawing = drawings[page]
            let at = try #require(split.pages[page].nodes.firstIndex(of: manager))
            if home[head] == page || split.pages[page].nodes.contains(head) {
                #expect(drawing.routes.contains { $0.from == at } || !drawing.texts[at].badges.isEmpty)
            } else {
                let badge = "dotted to E1007 (Dominika Černá), page \(home[head] + 1)"
                #expect(drawing.texts[at].badges.joined(separator: " ") == badge, "page \(page + 1)")
                badged += 1
            }
        }
        #expect(badged > 0)
        #expect(drawings.contains { $0.legend.badges })
        // With dotted lines left out, no page names them.
        let none = ChartPages(chart, options: .init(title: "Board", dotted: .none), maxWidth: 1_300, maxHeight: 900)
        #expect(none.drawings().allSatisfy { $0.texts.allSatisfy { $0.badges.allSatisfy { !$0.hasPrefix("dotted") } } })
    }
}
