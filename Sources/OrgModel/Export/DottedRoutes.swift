/// Orthogonal routes for dotted lines that pass between the boxes of a laid
/// out chart. A route leaves the role's box from its top or bottom edge,
/// runs along the gap between two rows (and, where it must change rows,
/// down a gap between two columns) and enters the manager's box; a line that
/// can find no route clear of every box, or only a very long one, is drawn
/// as a badge on the role's box instead.
struct DottedRoutes {
    /// One dotted line: the points where its route turns, nil for a badge.
    struct Route: Equatable {
        var from: Int
        var to: Int
        var points: [ChartLayout.Position]?
    }

    /// A route longer than this many box widths reads worse than a badge.
    static let longestInBoxWidths = 8.0

    private let layout: ChartLayout
    private let index: BoxIndex

    init(layout: ChartLayout) {
        self.layout = layout
        index = BoxIndex(layout: layout)
    }

    /// Every dotted line of `chart` between two boxes of the layout, in chart
    /// order; lines to the role itself or outside the chart are left out.
    func routes(_ chart: Chart) -> [Route] {
        var result: [Route] = []
        var taken = Lanes()
        for (node, entry) in chart.nodes.enumerated() {
            for manager in entry.dottedTo where manager != node && chart.nodes.indices.contains(manager) {
                let points = route(from: node, to: manager, besides: taken)
                if let points { taken.add(points) }
                result.append(Route(from: node, to: manager, points: points))
            }
        }
        return result
    }

    /// How many parallel lanes a gap between rows or columns, and a box's
    /// edge, hold for dotted lines, and how far apart they are.
    static let laneCount = 4, laneStep = 5.0, edgeLaneStep = 13.0

    /// The shortest clear route from `role` to `manager` that runs along no
    /// segment of the routes in `taken`, nil when none is clear and short
    /// enough. Each lane moves the route's ends along the boxes' edges and
    /// its channels across their gaps, so that lines side by side stay apart.
    func route(from role: Int, to manager: Int, besides taken: Lanes = Lanes()) -> [ChartLayout.Position]? {
        let m = layout.metrics
        let (r, t) = (layout.positions[role], layout.positions[manager])
        let half = m.levelGap / 2
        let longest = Self.longestInBoxWidths * m.boxWidth
        // Lane by lane, the shortest first: a line with no other beside it
        // takes the first lane.
        for lane in 0..<Self.laneCount {
            var candidates: [[ChartLayout.Position]] = []
            // Off the centre line, where the solid connectors run; channels
            // between a box and the bar its row's connectors hang from.
            let (rx, tx) = (r.x + m.boxWidth * 0.72 + Self.edgeLaneStep * Double(lane),
                            t.x + m.boxWidth * 0.72 + Self.edgeLaneStep * Double(lane))
            let inset = half - 6 - Self.laneStep * Double(lane)
            let exits = [(y: r.y, channel: r.y - inset), (y: r.y + m.boxHeight, channel: r.y + m.boxHeight + inset)]
            let entries = [(y: t.y + m.boxHeight, channel: t.y + m.boxHeight + inset), (y: t.y, channel: t.y - inset)]
            let aside = Self.laneStep * Double((lane + 1) / 2) * (lane % 2 == 0 ? 1 : -1)
            let gaps = [r.x - m.siblingGap / 2, r.x + m.boxWidth + m.siblingGap / 2,
                        t.x - m.siblingGap / 2, t.x + m.boxWidth + m.siblingGap / 2].map { $0 + aside }
            for exit in exits {
                for entry in entries {
                    for channel in [exit.channel, entry.channel] {
                        candidates.append([.init(x: rx, y: exit.y), .init(x: rx, y: channel),
                                           .init(x: tx, y: channel), .init(x: tx, y: entry.y)])
                    }
                    for gap in gaps {
                        candidates.append([.init(x: rx, y: exit.y), .init(x: rx, y: exit.channel), .init(x: gap, y: exit.channel),
                                           .init(x: gap, y: entry.channel), .init(x: tx, y: entry.channel), .init(x: tx, y: entry.y)])
                    }
                }
            }
            let measured = candidates.map { (points: $0, length: Self.length($0)) }
                .filter { $0.length <= longest }
                .sorted { $0.length < $1.length }
            for candidate in measured where isClear(candidate.points) {
                let points = Self.simplified(candidate.points)
                if !taken.overlaps(points) { return points }
            }
        }
        return nil
    }

    /// True when no segment of `points` crosses a box; the route's ends
    /// only touch their boxes' edges.
    private func isClear(_ points: [ChartLayout.Position]) -> Bool {
        for (a, b) in zip(points, points.dropFirst()) where index.crossing(a, b) != nil {
            return false
        }
        return true
    }

    static func length(_ points: [ChartLayout.Position]) -> Double {
        zip(points, points.dropFirst()).reduce(0) { $0 + abs($1.1.x - $1.0.x) + abs($1.1.y - $1.0.y) }
    }

    /// The points without zero-length steps or turns that go straight on.
    static func simplified(_ points: [ChartLayout.Position]) -> [ChartLayout.Position] {
        var kept: [ChartLayout.Position] = []
        for point in points {
            if let last = kept.last, abs(last.x - point.x) < 0.01, abs(last.y - point.y) < 0.01 { continue }
            if kept.count >= 2 {
                let (a, b) = (kept[kept.count - 2], kept[kept.count - 1])
                let straight = (abs(a.x - b.x) < 0.01 && abs(b.x - point.x) < 0.01) || (abs(a.y - b.y) < 0.01 && abs(b.y - point.y) < 0.01)
                if straight { kept.removeLast() }
            }
            kept.append(point)
        }
        return kept
    }
}

/// The boxes of a layout in a grid of cells, so that the boxes near a
/// segment are found without looking at every box.
struct BoxIndex {
    private let layout: ChartLayout
    private let cellWidth: Double, cellHeight: Double
    private var cells: [Int: [Int]] = [:]

    init(layout: ChartLayout) {
        self.layout = layout
        let m = layout.metrics
        (cellWidth, cellHeight) = (m.boxWidth + m.siblingGap, m.boxHeight + m.levelGap)
        for (node, p) in layout.positions.enumerated() {
            for column in cell(p.x, cellWidth)...cell(p.x + m.boxWidth, cellWidth) {
                for row in cell(p.y, cellHeight)...cell(p.y + m.boxHeight, cellHeight) {
                    cells[key(column, row), default: []].append(node)
                }
            }
        }
    }

    private func cell(_ value: Double, _ size: Double) -> Int { Int((value / size).rounded(.down)) }
    private func key(_ column: Int, _ row: Int) -> Int { column &* 1_000_003 &+ row }

    /// A box whose inside the axis-parallel segment from `a` to `b` passes
    /// through (touching an edge does not count), if any.
    func crossing(_ a: ChartLayout.Position, _ b: ChartLayout.Position, ignoring ignored: Int = -1) -> Int? {
        let m = layout.metrics
        let (x0, x1, y0, y1) = (min(a.x, b.x), max(a.x, b.x), min(a.y, b.y), max(a.y, b.y))
        let slack = 0.5
        for column in cell(x0, cellWidth)...cell(x1, cellWidth) {
            for row in cell(y0, cellHeight)...cell(y1, cellHeight) {
                for node in cells[key(column, row)] ?? [] where node != ignored {
                    let p = layout.positions[node]
                    if x0 < p.x + m.boxWidth - slack, x1 > p.x + slack, y0 < p.y + m.boxHeight - slack, y1 > p.y + slack {
                        return node
                    }
                }
            }
        }
        return nil
    }
}

/// The segments dotted routes already run along, by the line they lie on,
/// so that a new route can keep off them.
struct Lanes {
    private var across: [Double: [ClosedRange<Double>]] = [:]
    private var down: [Double: [ClosedRange<Double>]] = [:]

    init() {}

    mutating func add(_ points: [ChartLayout.Position]) {
        for (a, b) in zip(points, points.dropFirst()) {
            if a.y == b.y { across[a.y, default: []].append(min(a.x, b.x)...max(a.x, b.x)) }
            else { down[a.x, default: []].append(min(a.y, b.y)...max(a.y, b.y)) }
        }
    }

    /// Whether a segment of `points` runs along a stretch of one added
    /// before (meeting at a point or crossing does not count).
    func overlaps(_ points: [ChartLayout.Position]) -> Bool {
        zip(points, points.dropFirst()).contains { a, b in
            let (line, span) = a.y == b.y ? (across[a.y], min(a.x, b.x)...max(a.x, b.x))
                : (down[a.x], min(a.y, b.y)...max(a.y, b.y))
            return line?.contains { min($0.upperBound, span.upperBound) - max($0.lowerBound, span.lowerBound) > 0.5 } ?? false
        }
    }
}
