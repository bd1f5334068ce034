import Testing
@testable import OrgModel

/// Charts of known shapes for the picture exports, built in memory from a
/// list of managers (each an index earlier in the list, or nil for a root).
enum ChartSample {
    static func make(_ parents: [Int?], dotted: [(Int, Int)] = []) -> Chart {
        let types = PMOType.allCases
        var nodes = parents.enumerated().map { index, parent in
            Chart.Node(key: "r\(index)", title: "Role \(index)", holder: index % 5 == 3 ? nil : "Person \(index)",
                       pmo: index % 3 == 0 ? PMOPlacement(key: "pmo\(index % 4)", name: "PMO \(index % 4)", type: types[index % 4]) : nil,
                       parent: parent, dottedTo: [])
        }
        for (from, to) in dotted { nodes[from].dottedTo.append(to) }
        return Chart(nodes: nodes)
    }

    static func chain(_ count: Int) -> Chart { make((0..<count).map { $0 == 0 ? nil : $0 - 1 }) }
    static func fan(_ count: Int) -> Chart { make((0..<count).map { $0 == 0 ? nil : 0 }) }

    /// Each node under a random earlier one: bushy near the top, thin below.
    static func random(_ count: Int, seed: UInt64) -> Chart {
        var generator = SplitMix64(seed: seed)
        return make((0..<count).map { $0 == 0 ? nil : Int.random(in: 0..<$0, using: &generator) })
    }

    /// Several trees, each a mix of short chains and small and large teams.
    static func forest(_ count: Int, seed: UInt64) -> Chart {
        var generator = SplitMix64(seed: seed)
        var parents: [Int?] = []
        for index in 0..<count {
            switch Int.random(in: 0..<20, using: &generator) {
            case 0: parents.append(nil)
            case 1...6 where index > 0: parents.append(index - 1)
            case 7...12 where index > 0: parents.append(Int.random(in: max(0, index - 12)..<index, using: &generator))
            default: parents.append(index > 0 ? Int.random(in: 0..<index, using: &generator) : nil)
            }
        }
        return make(parents)
    }

    /// About `count` roles in at most `depth` levels, each manager with 1 to
    /// `2 * span - 1` reports (`span` on average). Managers are picked at
    /// random from those not yet given reports, so branches differ in depth
    /// and size, and some roles above the lowest level manage nobody.
    static func spanned(_ count: Int, span: Int, depth: Int, seed: UInt64) -> Chart {
        var generator = SplitMix64(seed: seed)
        var parents: [Int?] = [nil]
        var level = [0]
        var open = [0]
        while parents.count < count, !open.isEmpty {
            let manager = open.remove(at: Int.random(in: 0..<open.count, using: &generator))
            guard level[manager] < depth - 1 else { continue }
            for _ in 0..<Int.random(in: 1...(2 * span - 1), using: &generator) where parents.count < count {
                open.append(parents.count)
                parents.append(manager)
                level.append(level[manager] + 1)
            }
        }
        return make(parents)
    }

    /// A full tree: every role above the lowest of `depth` levels manages `span`.
    static func full(span: Int, depth: Int) -> Chart {
        var parents: [Int?] = [nil]
        var start = 0
        for _ in 1..<depth {
            let end = parents.count
            for manager in start..<end { parents += Array(repeating: manager, count: span) }
            start = end
        }
        return make(parents)
    }

    /// An organisation of about `count` roles: a chief, vice-presidents,
    /// directors and team managers, and teams of 8 to 30 people.
    static func organisation(_ count: Int, seed: UInt64) -> Chart {
        var generator = SplitMix64(seed: seed)
        var parents: [Int?] = [nil]
        while parents.count < count {
            let vp = parents.count
            parents.append(0)
            for _ in 0..<8 where parents.count < count {
                let director = parents.count
                parents.append(vp)
                for _ in 0..<8 where parents.count < count {
                    let manager = parents.count
                    parents.append(director)
                    for _ in 0..<Int.random(in: 8...30, using: &generator) where parents.count < count {
                        parents.append(manager)
                    }
                }
            }
        }
        return make(parents)
    }
}

/// The properties every tidy layout must have, checked one by one.
enum LayoutCheck {
    /// Pairs of boxes that overlap or sit closer than the gaps allow. Boxes are
    /// hashed into a grid of box-sized cells, so big charts check quickly.
    static func crowdedPairs(_ layout: ChartLayout) -> [(Int, Int)] {
        let m = layout.metrics
        let slack = 1e-6
        // A stacked box owns the indent its connector runs down.
        func area(_ i: Int) -> (x0: Double, y0: Double, x1: Double, y1: Double) {
            let p = layout.positions[i]
            let left = p.x - (layout.isStacked[i] ? m.stackIndent : 0)
            return (left, p.y, p.x + m.boxWidth + m.siblingGap - slack, p.y + m.boxHeight + m.stackGap - slack)
        }
        var cells: [Int: [Int]] = [:]
        let (cellWidth, cellHeight) = (m.boxWidth, m.boxHeight)
        var crowded: [(Int, Int)] = []
        for i in layout.positions.indices {
            let a = area(i)
            var seen = Set<Int>()
            for cx in Int(a.x0 / cellWidth)...Int(a.x1 / cellWidth) {
                for cy in Int(a.y0 / cellHeight)...Int(a.y1 / cellHeight) {
                    let cell = cx * 1_000_003 + cy
                    for j in cells[cell, default: []] where seen.insert(j).inserted {
                        let b = area(j)
                        if a.x0 < b.x1, b.x0 < a.x1, a.y0 < b.y1, b.y0 < a.y1 { crowded.append((j, i)) }
                    }
                    cells[cell, default: []].append(i)
                }
            }
        }
        return crowded
    }

    /// A manager's reports in its first row, grouped as the layout places
    /// them: each report alone, or a run of stacked reports together.
    private static func firstRowItems(_ reports: [Int], _ layout: ChartLayout) -> [[Int]] {
        var items: [[Int]] = []
        for report in reports where layout.row[report] == 0 {
            if layout.isStacked[report], let last = items.last?.last, layout.isStacked[last] {
                items[items.count - 1].append(report)
            } else {
                items.append([report])
            }
        }
        return items
    }

    /// Managers not centred over their first row of reports, as the tidy
    /// tree sees it: over the outer two of its items (boxes, stacks and the
    /// trunk down to any further rows).
    static func offCentre(_ chart: Chart, _ layout: ChartLayout) -> [Int] {
        let m = layout.metrics
        let children = chart.children
        return children.indices.filter { manager in
            let reports = children[manager]
            guard !reports.isEmpty else { return false }
            var centres = firstRowItems(reports, layout).map { item in
                let xs = item.map { layout.positions[$0].x }
                return layout.isStacked[item[0]] ? (xs.min()! - m.stackIndent + xs.max()! + m.boxWidth) / 2
                    : layout.centreX(of: item[0])
            }
            if let trunk = layout.trunks[manager].first { centres.append(trunk.x) }
            return abs(layout.centreX(of: manager) - (centres.min()! + centres.max()!) / 2) > 1e-6
        }
    }

    /// Managers whose reports are out of chart order: row by row, and in a
    /// row left to right, or down each column, then across, for a stack.
    static func outOfOrder(_ chart: Chart, _ layout: ChartLayout) -> [Int] {
        let children = chart.children
        return children.indices.filter { manager in
            let reports = children[manager]
            return zip(reports, reports.dropFirst()).contains { a, b in
                let (p, q) = (layout.positions[a], layout.positions[b])
                if layout.row[a] != layout.row[b] { return layout.row[a] > layout.row[b] }
                if layout.isStacked[a], layout.isStacked[b] { return !(p.x < q.x || (p.x == q.x && p.y < q.y)) }
                return !(p.x < q.x)
            }
        }
    }

    /// Reports not drawn below their manager.
    static func notBelow(_ layout: ChartLayout) -> [Int] {
        layout.parents.indices.filter { node in
            layout.parents[node].map { layout.positions[node].y < layout.positions[$0].y + layout.metrics.boxHeight + layout.metrics.levelGap } ?? false
        }
    }

    /// Reports whose solid line does not run, in vertical and horizontal
    /// steps and never upwards, from the middle of the manager's bottom edge
    /// to the middle of the box's top edge (its left edge when stacked),
    /// within the drawing and through no box on the way.
    static func badConnectors(_ layout: ChartLayout) -> [Int] {
        let m = layout.metrics
        let slack = 0.5
        var cells: [Int: [Int]] = [:]
        func cell(_ x: Double, _ y: Double) -> Int { Int((x / m.boxWidth).rounded(.down)) * 1_000_003 + Int((y / m.boxHeight).rounded(.down)) }
        for (index, p) in layout.positions.enumerated() {
            for x in [p.x, p.x + m.boxWidth] { for y in [p.y, p.y + m.boxHeight] { cells[cell(x, y), default: []].append(index) } }
        }
        // Whether the segment from a to b (vertical or horizontal) enters the inside of a box.
        var checked: [String: Bool] = [:]
        func crossesABox(_ a: ChartLayout.Position, _ b: ChartLayout.Position) -> Bool {
            let key = "\(a.x) \(a.y) \(b.x) \(b.y)"
            if let known = checked[key] { return known }
            let (x0, x1, y0, y1) = (min(a.x, b.x), max(a.x, b.x), min(a.y, b.y), max(a.y, b.y))
            var crosses = false
            var candidates = Set<Int>()
            var x = x0
            while true {
                var y = y0
                while true {
                    candidates.formUnion(cells[cell(x, y), default: []])
                    if y >= y1 { break }
                    y = min(y + m.boxHeight / 2, y1)
                }
                if x >= x1 { break }
                x = min(x + m.boxWidth / 2, x1)
            }
            for box in candidates {
                let p = layout.positions[box]
                if x0 < p.x + m.boxWidth - slack, x1 > p.x + slack, y0 < p.y + m.boxHeight - slack, y1 > p.y + slack {
                    crosses = true
                    break
                }
            }
            checked[key] = crosses
            return crosses
        }
        return layout.parents.indices.filter { node in
            guard let manager = layout.parents[node] else { return false }
            guard let points = layout.connector(of: node), points.count >= 4 else { return true }
            let (from, to) = (layout.positions[manager], layout.positions[node])
            let start = ChartLayout.Position(x: from.x + m.boxWidth / 2, y: from.y + m.boxHeight)
            let end = layout.isStacked[node] ? ChartLayout.Position(x: to.x, y: to.y + m.boxHeight / 2)
                : ChartLayout.Position(x: to.x + m.boxWidth / 2, y: to.y)
            guard points.first == start, points.last == end else { return true }
            for index in points.indices.dropFirst() {
                let (a, b) = (points[index - 1], points[index])
                if index % 2 == 1 ? (a.x != b.x || b.y < a.y) : a.y != b.y { return true }
                if !(0...layout.width).contains(b.x) || !(0...layout.height).contains(b.y) { return true }
                if crossesABox(a, b) { return true }
            }
            return false
        }
    }

    static func checkTidy(_ chart: Chart, metrics: ChartLayout.Metrics = .init(),
                          sourceLocation: SourceLocation = #_sourceLocation) {
        let layout = TidyTreeLayout.layout(chart, metrics: metrics)
        #expect(layout.positions.count == chart.nodes.count, sourceLocation: sourceLocation)
        #expect(crowdedPairs(layout).isEmpty, "overlapping boxes", sourceLocation: sourceLocation)
        #expect(offCentre(chart, layout).isEmpty, "managers off centre", sourceLocation: sourceLocation)
        #expect(outOfOrder(chart, layout).isEmpty, "reports out of order", sourceLocation: sourceLocation)
        #expect(notBelow(layout).isEmpty, "reports not below their managers", sourceLocation: sourceLocation)
        #expect(badConnectors(layout).isEmpty, "broken or crossing connectors", sourceLocation: sourceLocation)
        let inside = layout.positions.allSatisfy {
            $0.x >= 0 && $0.y >= 0 && $0.x + layout.metrics.boxWidth <= layout.width + 1e-6
                && $0.y + layout.metrics.boxHeight <= layout.height + 1e-6
        }
        #expect(inside, "a box outside the drawing", sourceLocation: sourceLocation)
    }
}

@Suite struct SVGLayoutTests {
    @Test func smallTreeIsLaidOutExactly() {
        // A root over three reports, the middle one managing one more.
        let layout = TidyTreeLayout.layout(ChartSample.make([nil, 0, 0, 2, 0]))
        #expect(layout.positions.map(\.x) == [220, 0, 220, 220, 440])
        #expect(layout.positions.map(\.y) == [0, 112, 112, 224, 112])
        #expect(layout.width == 640 && layout.height == 288)
    }

    @Test(arguments: [1, 2, 50, 400])
    func deepChainsAreTidy(length: Int) {
        LayoutCheck.checkTidy(ChartSample.chain(length))
    }

    @Test(arguments: [2, 6, 7, 40, 300])
    func wideFansAreTidy(width: Int) {
        LayoutCheck.checkTidy(ChartSample.fan(width))
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomTreesAreTidy(seed: UInt64) {
        LayoutCheck.checkTidy(ChartSample.random(300, seed: seed))
        LayoutCheck.checkTidy(ChartSample.forest(300, seed: seed))
        LayoutCheck.checkTidy(ChartSample.spanned(1_500, span: 7, depth: 5, seed: seed))
        // Narrow limits make every manager with reports that manage wrap.
        var narrow = ChartLayout.Metrics()
        narrow.wrapWiderThan = 500
        LayoutCheck.checkTidy(ChartSample.random(300, seed: seed), metrics: narrow)
        LayoutCheck.checkTidy(ChartSample.forest(300, seed: seed), metrics: narrow)
    }

    @Test func severalRootsSitSideBySideInChartOrder() {
        let chart = ChartSample.make([nil, 0, nil, 2, 2, nil])
        let layout = TidyTreeLayout.layout(chart)
        #expect(layout.centreX(of: 0) < layout.centreX(of: 2) && layout.centreX(of: 2) < layout.centreX(of: 5))
        #expect([0, 2, 5].allSatisfy { layout.positions[$0].y == 0 })
        LayoutCheck.checkTidy(chart)
    }

    @Test func manyLeavesAreStackedInColumnsUnderTheirManager() {
        let layout = TidyTreeLayout.layout(ChartSample.fan(8))
        #expect(layout.isStacked == [false] + Array(repeating: true, count: 7))
        // Two columns of four and three, read down then across.
        #expect(Set(layout.positions.dropFirst().map(\.x)).count == 2)
        #expect(layout.positions[1].x == layout.positions[4].x && layout.positions[5].x > layout.positions[4].x)
        // Six leaves still make a row.
        #expect(!TidyTreeLayout.layout(ChartSample.fan(7)).isStacked.contains(true))
    }

    @Test func aManagerWithAnyGrandchildrenKeepsItsRow() {
        var parents: [Int?] = [nil] + Array(repeating: 0, count: 9)
        parents.append(3)
        let layout = TidyTreeLayout.layout(ChartSample.make(parents))
        #expect(!layout.isStacked.contains(true))
        #expect(!layout.row.contains { $0 > 0 })
    }

    @Test func theExampleOrganisationKeepsItsRows() throws {
        // Small charts are laid out as before wrapping existed: one row of
        // reports a manager, no stacks.
        let chart = try exampleDatabase().chart()
        let layout = TidyTreeLayout.layout(chart)
        #expect(!layout.row.contains { $0 > 0 } && !layout.isStacked.contains(true))
        #expect(layout.width == 2496 && layout.height == 512)
        LayoutCheck.checkTidy(chart)
    }

    @Test func aWideRowOfTeamsWrapsUnderATrunk() {
        // A chief over 30 managers of two people each: one row would be
        // 30 teams (about 13,000 px) wide.
        var parents: [Int?] = [nil]
        for _ in 0..<30 {
            let manager = parents.count
            parents += [0, manager, manager]
        }
        let chart = ChartSample.make(parents)
        let layout = TidyTreeLayout.layout(chart)
        let managers = chart.children[0]
        let rows = Set(managers.map { layout.row[$0] })
        #expect(rows.count > 2 && rows == Set(0..<rows.count))
        #expect(layout.trunks[0].count == rows.count - 1)
        #expect(layout.width < 6_000 && layout.width > layout.height)
        // Each row sits lower than the row before it, below its whole team.
        for (a, b) in zip(managers, managers.dropFirst()) where layout.row[b] > layout.row[a] {
            #expect(layout.positions[b].y > layout.positions[chart.children[a][0]].y)
        }
        // A report in a later row is reached down the trunk: two turns more.
        let last = managers[managers.count - 1]
        #expect(layout.connector(of: last)?.count == 4 + 2 * layout.row[last])
        LayoutCheck.checkTidy(chart)

        var unwrapped = ChartLayout.Metrics()
        unwrapped.wrapWiderThan = .infinity
        let row = TidyTreeLayout.layout(chart, metrics: unwrapped)
        #expect(!row.row.contains { $0 > 0 } && row.trunks.allSatisfy(\.isEmpty))
        #expect(row.width > 3 * layout.width)
    }

    @Test func aWideRowStacksItsLeavesBesideDeeperBranches() {
        // A manager of 40 people who manage nobody, with a deep team in the
        // middle of them: the people either side stack rather than spread.
        var parents: [Int?] = [nil] + Array(repeating: 0, count: 20)
        parents += [0, 21, 22, 23, 24, 25]
        parents += Array(repeating: 0, count: 20)
        let chart = ChartSample.make(parents)
        let layout = TidyTreeLayout.layout(chart)
        let leaves = chart.children[0].filter { chart.children[$0].isEmpty }
        #expect(leaves.count == 40 && leaves.allSatisfy { layout.isStacked[$0] })
        #expect(!layout.isStacked[21])
        #expect(layout.width < 2_000)
        LayoutCheck.checkTidy(chart)
    }

    @Test func aVeryDeepChainNeedsNoRecursion() {
        let layout = TidyTreeLayout.layout(ChartSample.chain(50_000))
        #expect(layout.positions.allSatisfy { $0.x == 0 })
        #expect(layout.height == 49_999 * 112 + 64)
    }

    @Test func brokenLinksAndCyclesStillGetAPlace() {
        let chart = ChartSample.make([nil, 7, 3, 2, 1])  // 2 and 3 manage each other; 1 names no one.
        let layout = TidyTreeLayout.layout(chart)
        #expect(layout.parents == [nil, nil, nil, 2, 1])
        #expect(LayoutCheck.crowdedPairs(layout).isEmpty)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func tenThousandRolesOfSpanSevenMakeABoundedTidyChart(seed: UInt64) {
        let chart = ChartSample.spanned(10_000, span: 7, depth: 6, seed: seed)
        let clock = ContinuousClock()
        var layout = TidyTreeLayout.layout(ChartSample.chain(1))
        let elapsed = clock.measure { layout = TidyTreeLayout.layout(chart) }
        var unwrapped = ChartLayout.Metrics()
        unwrapped.wrapWiderThan = .infinity
        let row = TidyTreeLayout.layout(chart, metrics: unwrapped)
        print("10,000 roles of span 7 (seed \(seed)): \(Int(layout.width)) × \(Int(layout.height)) px in \(elapsed); "
            + "in rows unwrapped \(Int(row.width)) × \(Int(row.height)) px")
        #expect(chart.nodes.count == 10_000)
        #expect(row.width > 500_000, "without wrapping the levels multiply into one endless row")
        // The top three levels stay in rows (a C-suite on one row), which
        // leaves a little less room to compact: a bound of 50,000, not 40,000.
        #expect(layout.width < 50_000 && layout.height < 50_000)
        #expect(layout.width < 3 * layout.height && layout.height < 3 * layout.width)
        #expect(elapsed < .seconds(3))
        #expect(LayoutCheck.crowdedPairs(layout).isEmpty, "overlapping boxes")
        #expect(LayoutCheck.notBelow(layout).isEmpty, "reports not below their managers")
        #expect(LayoutCheck.badConnectors(layout).isEmpty, "broken or crossing connectors")
        #expect(LayoutCheck.offCentre(chart, layout).isEmpty, "managers off centre")
        #expect(LayoutCheck.outOfOrder(chart, layout).isEmpty, "reports out of order")
    }

    @Test func tenThousandRolesOfAnyShapeStayBounded() {
        var managersOfOne: [Int?] = [nil], rootsOfOne: [Int?] = [], teamsOfThree: [Int?] = [nil]
        for index in 0..<5_000 {
            managersOfOne += [0, 1 + 2 * index]
            rootsOfOne += [nil, 2 * index]
        }
        for index in 0..<2_500 { teamsOfThree += [0] + Array(repeating: 1 + 4 * index, count: 3) }
        let charts = [ChartSample.random(10_000, seed: 3), ChartSample.forest(10_000, seed: 3),
                      ChartSample.full(span: 6, depth: 6), ChartSample.make(Array(repeating: nil, count: 10_000)),
                      ChartSample.make(managersOfOne), ChartSample.make(rootsOfOne), ChartSample.make(teamsOfThree)]
        for chart in charts {
            let layout = TidyTreeLayout.layout(chart)
            #expect(layout.width < 100_000 && layout.height < 100_000)
            #expect(layout.width < 4 * layout.height && layout.height < 4 * layout.width)
            #expect(LayoutCheck.crowdedPairs(layout).isEmpty)
            #expect(LayoutCheck.badConnectors(layout).isEmpty)
            #expect(LayoutCheck.offCentre(chart, layout).isEmpty && LayoutCheck.outOfOrder(chart, layout).isEmpty)
        }
    }

    @Test func theConnectorCheckFindsALineThroughABox() {
        var parents: [Int?] = [nil]
        for _ in 0..<30 {
            let manager = parents.count
            parents += [0, manager, manager]
        }
        let chart = ChartSample.make(parents)
        var layout = TidyTreeLayout.layout(chart)
        #expect(LayoutCheck.badConnectors(layout).isEmpty)
        // A trunk moved onto a box of the row it passes runs through that box.
        layout.trunks[0][0].x = layout.centreX(of: chart.children[0][0])
        let later = chart.children[0].filter { layout.row[$0] > 0 }
        #expect(!later.isEmpty && Set(LayoutCheck.badConnectors(layout)) == Set(later))
    }

    @Test func tenThousandRolesStayBounded() {
        let flat = TidyTreeLayout.layout(ChartSample.fan(10_000))
        #expect(flat.width < 20_000 && flat.height < 20_000)

        let chart = ChartSample.organisation(10_000, seed: 42)
        let layout = TidyTreeLayout.layout(chart)
        var unwrapped = ChartLayout.Metrics()
        unwrapped.wrapAbove = .max
        unwrapped.wrapWiderThan = .infinity
        let row = TidyTreeLayout.layout(chart, metrics: unwrapped)
        #expect(layout.width * 3 < row.width, "stacking should narrow the chart well below one row of leaves")
        #expect(LayoutCheck.crowdedPairs(layout).isEmpty)
        #expect(LayoutCheck.offCentre(chart, layout).isEmpty)
    }
}
