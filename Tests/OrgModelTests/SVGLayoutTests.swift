import Testing
@testable import OrgModel

/// Charts of known shapes for the picture exports, built in memory from a
/// list of managers (each an index earlier in the list, or nil for a root).
enum ChartSample {
    /// A seeded SplitMix64, so every run draws the same "random" trees.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

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
        var generator = Generator(state: seed)
        return make((0..<count).map { $0 == 0 ? nil : Int.random(in: 0..<$0, using: &generator) })
    }

    /// Several trees, each a mix of short chains and small and large teams.
    static func forest(_ count: Int, seed: UInt64) -> Chart {
        var generator = Generator(state: seed)
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

    /// An organisation of about `count` roles: a chief, vice-presidents,
    /// directors and team managers, and teams of 8 to 30 people.
    static func organisation(_ count: Int, seed: UInt64) -> Chart {
        var generator = Generator(state: seed)
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

    /// Managers not centred over their reports (or over their stack).
    static func offCentre(_ chart: Chart, _ layout: ChartLayout) -> [Int] {
        let children = chart.children
        return children.indices.filter { manager in
            let reports = children[manager]
            guard let first = reports.first, let last = reports.last else { return false }
            let middle: Double
            if layout.isStacked[first] {
                let left = reports.map { layout.positions[$0].x }.min()! - layout.metrics.stackIndent
                middle = (left + reports.map { layout.positions[$0].x }.max()! + layout.metrics.boxWidth) / 2
            } else {
                middle = (layout.centreX(of: first) + layout.centreX(of: last)) / 2
            }
            return abs(layout.centreX(of: manager) - middle) > 1e-6
        }
    }

    /// Managers whose reports are out of chart order, left to right (or down
    /// each column, then across, for a stack).
    static func outOfOrder(_ chart: Chart, _ layout: ChartLayout) -> [Int] {
        chart.children.indices.filter { manager in
            let spots = chart.children[manager].map { layout.positions[$0] }
            return zip(spots, spots.dropFirst()).contains { a, b in
                layout.isStacked[chart.children[manager][0]] ? !(a.x < b.x || (a.x == b.x && a.y < b.y)) : !(a.x < b.x)
            }
        }
    }

    static func checkTidy(_ chart: Chart, sourceLocation: SourceLocation = #_sourceLocation) {
        let layout = TidyTreeLayout.layout(chart)
        #expect(layout.positions.count == chart.nodes.count, sourceLocation: sourceLocation)
        #expect(crowdedPairs(layout).isEmpty, "overlapping boxes", sourceLocation: sourceLocation)
        #expect(offCentre(chart, layout).isEmpty, "managers off centre", sourceLocation: sourceLocation)
        #expect(outOfOrder(chart, layout).isEmpty, "reports out of order", sourceLocation: sourceLocation)
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

    @Test func tenThousandRolesStayBounded() {
        let flat = TidyTreeLayout.layout(ChartSample.fan(10_000))
        #expect(flat.width < 20_000 && flat.height < 20_000)

        let chart = ChartSample.organisation(10_000, seed: 42)
        let layout = TidyTreeLayout.layout(chart)
        var unwrapped = ChartLayout.Metrics()
        unwrapped.wrapAbove = .max
        let row = TidyTreeLayout.layout(chart, metrics: unwrapped)
        #expect(layout.width * 3 < row.width, "stacking should narrow the chart well below one row of leaves")
        #expect(LayoutCheck.crowdedPairs(layout).isEmpty)
        #expect(LayoutCheck.offCentre(chart, layout).isEmpty)
    }
}
