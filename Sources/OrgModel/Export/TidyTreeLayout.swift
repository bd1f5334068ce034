/// Lays a ``Chart`` out as a tidy tree: managers centred over their reports,
/// reports in chart order, no two boxes overlapping, several trees side by
/// side. It is Walker's algorithm with Buchheim, Jünger and Leipert's
/// linear-time corrections, run without recursion so that any depth works.
///
/// Like org-chart tools, the layout stacks in columns the reports of a
/// manager whose many reports manage nobody. Charts too wide for one row of
/// their trees (wider than ``ChartLayout/Metrics/wrapWiderThan``) are
/// compacted further, so that even 10,000 roles make a drawing of bounded
/// size; narrower charts are left exactly as they are:
///
/// - Leaves are stacked wherever that costs no height: a run of two or more
///   reports who manage nobody, and the reports of a manager who manages
///   only leaves, go in columns no deeper than the deepest branch beside
///   them (or roughly square, in a row that is too wide).
/// - A manager whose reports, with everyone below them, would still make a
///   row wider than `wrapWiderThan` has them wrapped onto several rows, in
///   chart order. Each row hangs below the deepest box of the row above,
///   centred under it, from a trunk line that comes down from the manager
///   through a gap near the middle of each row above it; there are as many
///   rows as bring the branch nearest to `wrappedAspect` times as wide as it
///   is tall. Roots wrap the same way, with no line drawn.
/// - Each report's branch in a wrapped row is then wrapped again, as narrow
///   as it can be without making the row deeper.
///
/// These choices are made bottom up from estimates of every branch's size,
/// and the tidy tree then fits the branches together, with placeholders
/// standing in for stacks and trunks, so nothing overlaps.
enum TidyTreeLayout {
    /// How many times wider than tall the layout aims to make a branch whose
    /// reports it wraps.
    static let wrappedAspect = 1.5

    /// The position of every node of `chart`, laid out with `metrics`.
    static func layout(_ chart: Chart, metrics: ChartLayout.Metrics = .init()) -> ChartLayout {
        let forest = Forest(chart)
        let plan = Plan(forest, metrics: metrics)
        let count = chart.nodes.count
        let pitch = metrics.boxHeight + metrics.levelGap
        var tree = LayeredTree()
        var slot = [Int](repeating: 0, count: count)
        var row = [Int](repeating: 0, count: count)
        var isStacked = [Bool](repeating: false, count: count)
        var trunkEnds = [[Int]](repeating: [], count: count)
        var stacks: [(slot: Int, stack: Stack, leaves: ArraySlice<Int>)] = []

        // Adds the slots of `reports` under `owner`, row by row. A stack
        // hangs there as a chain of placeholders, one a level, as wide as the
        // stack, so the tidy-tree contours keep other boxes out of its way.
        // Every row but the last gets a trunk near its middle: a chain of
        // placeholders as deep as the row, with the next row hanging from its
        // end. Returns the ends.
        func add(_ reports: [Int], _ arrangement: Arrangement, under owner: Int, apart: Bool) -> [Int] {
            var owner = owner
            var ends: [Int] = []
            for index in 0..<arrangement.rowCount {
                let items = arrangement.items[arrangement.row(index)]
                var trunk = -1
                for (offset, item) in zip(items.indices, items) {
                    if index < arrangement.rowCount - 1, offset == arrangement.trunks[index] {
                        trunk = tree.add(under: owner, width: 0, apart: apart)
                    }
                    let members = reports[item.reports]
                    for report in members { row[report] = index }
                    guard let stack = item.stack else {
                        let member = members[members.startIndex]
                        slot[member] = tree.add(under: owner, width: forest.slotWidth(member, metrics))
                        continue
                    }
                    var link = tree.add(under: owner, width: stack.width)
                    stacks.append((link, stack, members))
                    for report in members { isStacked[report] = true }
                    for _ in 1..<stack.levels { link = tree.add(under: link, width: stack.width) }
                }
                guard trunk >= 0 else { continue }
                for _ in 1..<arrangement.levels[index] { trunk = tree.add(under: trunk, width: 0, apart: apart) }
                tree.bias[trunk] = arrangement.biases[index]  // Centres the next row under this one.
                ends.append(trunk)
                owner = trunk
            }
            return ends
        }

        _ = add(forest.roots, plan.roots, under: 0, apart: true)
        for node in forest.order {
            guard let arrangement = plan.reports[node] else { continue }
            trunkEnds[node] = add(forest.children[node], arrangement, under: slot[node], apart: false)
        }
        let centres = tree.centres(metrics: metrics)

        var positions = [ChartLayout.Position](repeating: .init(x: 0, y: 0), count: count)
        for node in 0..<count where !isStacked[node] {
            positions[node] = .init(x: centres[slot[node]] - metrics.boxWidth / 2,
                                    y: Double(tree.level[slot[node]]) * pitch)
        }
        // Assistants beside the role they assist, in the room its slot
        // keeps on either side: the first to the right, the next to the
        // left, and so on outwards.
        var isBeside = [Bool](repeating: false, count: count)
        for node in forest.order where !forest.assistants[node].isEmpty {
            for (index, assistant) in forest.assistants[node].enumerated() {
                let step = Double(index / 2 + 1) * (metrics.boxWidth + metrics.siblingGap)
                positions[assistant] = .init(x: positions[node].x + (index % 2 == 0 ? step : -step), y: positions[node].y)
                isBeside[assistant] = true
                row[assistant] = row[node]
            }
        }
        for (first, stack, leaves) in stacks {
            let (left, top) = (centres[first] - stack.width / 2, Double(tree.level[first]) * pitch)
            for (index, leaf) in leaves.enumerated() { positions[leaf] = stack.position(of: index, left: left, top: top) }
        }
        var trunks = trunkEnds.map { ends in
            ends.map { ChartLayout.Position(x: centres[$0], y: Double(tree.level[$0] + 1) * pitch - metrics.levelGap / 2) }
        }
        // Stacks reach left of their first box by the connector's indent, and
        // a trunk may pass beside the boxes of its rows.
        let trunkXs = trunks.joined().map(\.x)
        let minX = min(positions.indices.map { positions[$0].x - (isStacked[$0] ? metrics.stackIndent : 0) }.min() ?? 0,
                       trunkXs.min() ?? .infinity)
        for index in positions.indices { positions[index].x -= minX }
        for node in trunks.indices where !trunks[node].isEmpty {
            for index in trunks[node].indices { trunks[node][index].x -= minX }
        }
        let width = max(positions.map { $0.x + metrics.boxWidth }.max() ?? 0, (trunkXs.max() ?? 0) - minX)
        let height = positions.map { $0.y + metrics.boxHeight }.max() ?? 0
        return ChartLayout(metrics: metrics, positions: positions, isStacked: isStacked, row: row,
                           width: width, height: height, parents: forest.parents, isBeside: isBeside, trunks: trunks)
    }
}

/// How one manager's reports (or the roots) are placed: as items, each a
/// single report with its branch or a run of leaves stacked in columns,
/// the items in one row or wrapped onto several.
private struct Arrangement {
    struct Item {
        /// The item's reports, as indices into the manager's reports.
        var reports: Range<Int>
        var stack: Stack?
    }

    var items: [Item]
    /// Where each row after the first starts, as an index into `items`.
    var breaks: [Int] = []
    /// How many levels each row takes: those of its deepest item.
    var levels: [Int] = []
    /// For each row but the last, the item its trunk comes down just before:
    /// the gap nearest the row's middle, or before a row's only item.
    var trunks: [Int] = []
    /// For each row after the first, how far right of the middle of the
    /// row's boxes the trunk it hangs from comes down, so that the row is
    /// centred under the row above rather than under the trunk.
    var biases: [Double] = []

    var rowCount: Int { breaks.count + 1 }

    func row(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : breaks[index - 1])..<(index == breaks.count ? items.count : breaks[index])
    }
}

/// What the layout does with each manager's reports, settled bottom up from
/// the size every branch will roughly take.
private struct Plan {
    let forest: Forest
    let metrics: ChartLayout.Metrics
    /// Indexed by node; nil for a node without reports.
    var reports: [Arrangement?]
    var roots = Arrangement(items: [])
    /// Each branch's width in pixels and height in levels, as if the items
    /// below it were boxes side by side: more than the tidy tree, which fits
    /// them together, will need.
    var sizes: [Size]
    /// How each manager's items could wrap, kept so that its own manager can
    /// wrap them again, narrower, to fit beside a deeper branch.
    var planners: [RowPlanner?]
    /// Whether the chart is too wide for one row of trees, so that reports
    /// are fitted together more tightly wherever that costs no height.
    var isWide = false

    init(_ forest: Forest, metrics: ChartLayout.Metrics) {
        (self.forest, self.metrics) = (forest, metrics)
        let count = forest.parents.count
        reports = [Arrangement?](repeating: nil, count: count)
        let own = (0..<count).map { forest.slotWidth($0, metrics) }
        sizes = own.map { Size(width: $0, levels: 1) }
        planners = [RowPlanner?](repeating: nil, count: count)
        var widths = own
        for node in forest.order.reversed() where !forest.children[node].isEmpty {
            let children = forest.children[node]
            widths[node] = max(own[node], children.count > max(metrics.wrapAbove, 1) && isFan(node)
                ? Stack(leaves: children.count, metrics: metrics).width
                : children.map { widths[$0] + metrics.siblingGap }.reduce(0, +) - metrics.siblingGap)
        }
        isWide = forest.roots.map { widths[$0] + metrics.siblingGap }.reduce(0, +) > metrics.wrapWiderThan
        var depth = [Int](repeating: 0, count: count)
        for node in forest.order { if let parent = forest.parents[node] { depth[node] = depth[parent] + 1 } }
        for node in forest.order.reversed() {
            let children = forest.children[node]
            if children.isEmpty { continue }
            if children.count > max(metrics.wrapAbove, 1), isFan(node) {
                stack(node, Stack(leaves: children.count, metrics: metrics))
                continue
            }
            // In a chart wider than the page, a small team that manages
            // nobody stacks in two columns (d3-org-chart's compact mode).
            if isWide, children.count >= 3, isFan(node) {
                stack(node, Stack(leaves: children.count, rows: (children.count + 1) / 2, metrics: metrics))
                continue
            }
            let (arrangement, size, planner) = arrange(children, ownLevels: 1, topLevel: depth[node] < 2)
            reports[node] = arrangement
            sizes[node] = Size(width: max(own[node], size.width), levels: 1 + size.levels)
            planners[node] = planner
        }
        roots = arrange(forest.roots, ownLevels: 0, topLevel: true).arrangement
    }

    /// How many times wider than the page the branches of a row in the top
    /// three levels may be and still stay in one row.
    static let topRowsWider = 16.0

    /// Whether all of a node's reports (at least two) are leaves.
    private func isFan(_ node: Int) -> Bool {
        forest.children[node].count > 1 && forest.children[node].allSatisfy { forest.isLeaf[$0] }
    }

    /// Makes `node`'s reports, all leaves, a stack.
    private mutating func stack(_ node: Int, _ stack: Stack) {
        reports[node] = Arrangement(items: [.init(reports: 0..<forest.children[node].count, stack: stack)],
                                    levels: [stack.levels])
        sizes[node] = Size(width: max(forest.slotWidth(node, metrics), stack.width), levels: 1 + stack.levels)
    }

    /// The most rows of a stack that fit in `levels` levels.
    private func rowsFitting(_ levels: Int) -> Int {
        let pitch = metrics.boxHeight + metrics.levelGap
        return Int((Double(levels) * pitch - metrics.levelGap + metrics.stackGap) / (metrics.boxHeight + metrics.stackGap))
    }

    /// One row of `reports` if it is narrow enough. Else it is compacted:
    /// runs of leaves among the reports are stacked, no deeper than the
    /// deepest branch beside them unless the row is too wide and a roughly
    /// square stack is deeper; the items wrap onto as many rows as needed;
    /// and each report's branch wraps again, as narrow as it can be without
    /// making its row deeper.
    private mutating func arrange(_ reports: [Int], ownLevels: Int, topLevel: Bool)
        -> (arrangement: Arrangement, size: Size, planner: RowPlanner?) {
        let single = reports.indices.map { Arrangement.Item(reports: $0..<$0 + 1) }
        let oneRow = RowPlanner(single, reports.map { sizes[$0] }, ownLevels: ownLevels, metrics: metrics).shape(1)
        let tooWide = oneRow.size.width > metrics.wrapWiderThan
        guard tooWide || isWide else { return (oneRow.arrangement, oneRow.size, nil) }
        let runRows = rowsFitting(reports.map { sizes[$0].levels }.max() ?? 1)
        var items: [Arrangement.Item] = []
        var start = 0
        while start < reports.count {
            var end = start + 1
            if forest.isLeaf[reports[start]] {
                while end < reports.count, forest.isLeaf[reports[end]] { end += 1 }
            }
            let rows = end - start > 1 ? max(runRows, tooWide ? Stack(leaves: end - start, metrics: metrics).rows : 1) : 1
            if rows > 1 {
                items.append(.init(reports: start..<end, stack: Stack(leaves: end - start, rows: rows, metrics: metrics)))
            } else {
                items += (start..<end).map { .init(reports: $0..<$0 + 1) }
            }
            start = end
        }
        // Peers share a row whenever that fits in the width. In the top three
        // levels, which line up level by level, that is when their boxes (and
        // their stacked leaves) fit, and their branches are not so wide that
        // the row would be endless; further down, when their branches fit.
        let keepsOneRow: Bool
        if topLevel {
            let boxes = items.map { $0.stack?.width ?? metrics.boxWidth }.reduce(0, +)
                + Double(items.count - 1) * metrics.subtreeGap
            let branches = RowPlanner(items, items.map { itemSize($0, reports) }, ownLevels: ownLevels, metrics: metrics).shape(1)
            keepsOneRow = boxes <= metrics.wrapWiderThan && branches.size.width <= (metrics.fitsWidth ? 1 : Self.topRowsWider) * metrics.wrapWiderThan
        } else {
            keepsOneRow = !tooWide
        }
        var planner = RowPlanner(items, items.map { itemSize($0, reports) }, ownLevels: ownLevels, metrics: metrics,
                                 oneRow: keepsOneRow)
        var (arrangement, size) = planner.best()
        var fitted = false
        for index in 0..<arrangement.rowCount {
            for item in arrangement.items[arrangement.row(index)] where item.stack == nil {
                fitted = fit(reports[item.reports.lowerBound], within: arrangement.levels[index]) || fitted
            }
        }
        if fitted {
            planner = RowPlanner(items, items.map { itemSize($0, reports) }, ownLevels: ownLevels, metrics: metrics,
                                 oneRow: keepsOneRow)
            (arrangement, size) = planner.measure(arrangement.breaks)
        }
        return (arrangement, size, planner)
    }

    private func itemSize(_ item: Arrangement.Item, _ reports: [Int]) -> Size {
        item.stack.map { Size(width: $0.width, levels: $0.levels) } ?? sizes[reports[item.reports.lowerBound]]
    }

    /// Makes `node`'s branch narrower, if it can be, without its taking more
    /// than `levels` levels; says whether it did.
    private mutating func fit(_ node: Int, within levels: Int) -> Bool {
        guard levels > sizes[node].levels else { return false }
        if isFan(node) {
            let rows = rowsFitting(levels - 1)
            guard rows > 1 else { return false }
            let stack = Stack(leaves: forest.children[node].count, rows: rows, metrics: metrics)
            guard max(forest.slotWidth(node, metrics), stack.width) < sizes[node].width else { return false }
            self.stack(node, stack)
            return true
        }
        let own = forest.slotWidth(node, metrics)
        guard let shape = planners[node]?.narrowest(within: levels - 1),
              max(own, shape.size.width) < sizes[node].width else { return false }
        reports[node] = shape.arrangement
        sizes[node] = Size(width: max(own, shape.size.width), levels: 1 + shape.size.levels)
        return true
    }
}

/// A branch's estimated width in pixels and height in levels.
private struct Size {
    var width: Double
    var levels: Int
}

/// Chooses how to wrap a row of items, given each one's estimated size,
/// onto rows of even width, keeping chart order.
private struct RowPlanner {
    typealias Shape = (arrangement: Arrangement, size: Size)

    let items: [Arrangement.Item]
    let sizes: [Size]
    /// Levels the manager itself takes above the rows: 1, or 0 for the roots.
    let ownLevels: Int
    let metrics: ChartLayout.Metrics
    /// Where each item would start were they all in one row.
    let lefts: [Double]
    /// The gap after each item: narrow between two boxes, wide otherwise.
    let gaps: [Double]
    /// True for peers whose boxes fit in one row: they are never wrapped.
    let oneRow: Bool

    init(_ items: [Arrangement.Item], _ sizes: [Size], ownLevels: Int, metrics: ChartLayout.Metrics, oneRow: Bool = false) {
        (self.items, self.sizes, self.ownLevels, self.metrics, self.oneRow) = (items, sizes, ownLevels, metrics, oneRow)
        gaps = sizes.indices.map { index in
            index + 1 < sizes.count && ownLevels > 0 && items[index].stack == nil && items[index + 1].stack == nil
                && sizes[index].levels == 1 && sizes[index + 1].levels == 1 ? metrics.siblingGap : metrics.subtreeGap
        }
        var lefts = [0.0]
        lefts.reserveCapacity(sizes.count + 1)
        for index in sizes.indices { lefts.append(lefts[index] + sizes[index].width + gaps[index]) }
        self.lefts = lefts
    }

    /// One row unless that is wider than the metrics allow; else as many
    /// rows as bring the width nearest `wrappedAspect` times the height.
    func best() -> Shape {
        let one = shape(1)
        guard !oneRow, items.count > 1, one.size.width > metrics.wrapWiderThan else { return one }
        // More rows make the branch narrower and taller: find the fewest that
        // make it no wider than the aim, then take it or one fewer.
        let enough = fewest(in: 1...items.count) { excess(shape($0).size) <= 0 }
        var choice = fewestAsNarrow(as: shape(enough))
        if enough > 1 {
            let fewer = fewestAsNarrow(as: shape(enough - 1))
            if miss(fewer.size) <= miss(choice.size) { choice = fewer }
        }
        // A page is never wider than its paper where more rows can help.
        if metrics.fitsWidth, choice.size.width > metrics.wrapWiderThan {
            let rows = fewest(in: choice.arrangement.rowCount...items.count) { shape($0).size.width <= metrics.wrapWiderThan }
            choice = fewestAsNarrow(as: shape(rows))
        }
        return choice
    }

    /// The narrowest shape that takes at most `levels` levels, if any does.
    func narrowest(within levels: Int) -> Shape? {
        guard !oneRow, items.count > 1 else { return nil }
        let most = fewest(in: 1...items.count + 1) { $0 > items.count || shape($0).size.levels > levels } - 1
        return most < 1 ? nil : fewestAsNarrow(as: shape(most))
    }

    /// The fewest rows that are no wider than `shape`'s: more rows than that
    /// only add height.
    private func fewestAsNarrow(as shape: Shape) -> Shape {
        let rows = shape.arrangement.rowCount
        let count = fewest(in: 1...rows) { self.shape($0).size.width <= shape.size.width }
        return count == rows ? shape : self.shape(count)
    }

    /// The least count in `range` for which `enough` holds, taking it to
    /// hold for every larger count once it holds for one; the upper bound
    /// when it never holds.
    private func fewest(in range: ClosedRange<Int>, _ enough: (Int) -> Bool) -> Int {
        var (low, high) = (range.lowerBound, range.upperBound)
        while low < high {
            let middle = (low + high) / 2
            if enough(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private func height(_ levels: Int) -> Double {
        Double(ownLevels + levels) * (metrics.boxHeight + metrics.levelGap) - metrics.levelGap
    }

    private func excess(_ size: Size) -> Double {
        size.width - TidyTreeLayout.wrappedAspect * height(size.levels)
    }

    /// How many times too wide or too tall the shape is for the aim.
    private func miss(_ size: Size) -> Double {
        let ratio = size.width / (TidyTreeLayout.wrappedAspect * height(size.levels))
        return max(ratio, 1 / ratio)
    }

    /// The items in `count` rows, breaking nearest to even shares of the one
    /// row's width.
    func shape(_ count: Int) -> Shape {
        var breaks: [Int] = []
        let total = lefts[items.count]
        var start = 0
        for index in 1..<max(count, 1) {
            let target = total * Double(index) / Double(count)
            let last = items.count - (count - index)
            var cut = start + 1
            while cut < last, abs(lefts[cut + 1] - target) <= abs(lefts[cut] - target) { cut += 1 }
            breaks.append(cut)
            start = cut
        }
        return measure(breaks)
    }

    /// The items in rows starting at `breaks`, and the size they make: the
    /// widest row, a trunk's gap included, and the levels of all rows.
    func measure(_ breaks: [Int]) -> Shape {
        var arrangement = Arrangement(items: items, breaks: breaks)
        guard !items.isEmpty else { return (arrangement, Size(width: 0, levels: 0)) }
        var size = Size(width: 0, levels: 0)
        // Where the trunk above the row comes down, less the row's middle.
        var trunkOffset = 0.0
        for index in 0..<arrangement.rowCount {
            let members = arrangement.row(index)
            let (left, right) = (lefts[members.lowerBound], lefts[members.upperBound] - gaps[members.upperBound - 1])
            let isLast = index == arrangement.rowCount - 1
            // The trunk goes down the gap nearest the middle, or before the
            // row's only item, widening that gap; the slots' centres are where
            // the tidy tree centres the row's manager or trunk.
            var (trunk, offMiddle) = (members.lowerBound, Double.infinity)
            for cut in members.dropFirst() {
                let distance = abs(lefts[cut] - gaps[cut - 1] / 2 - (left + right) / 2)
                if distance < offMiddle { (trunk, offMiddle) = (cut, distance) }
            }
            let widen = isLast ? 0 : metrics.siblingGap
            func centre(_ item: Int) -> Double {
                lefts[item] - left + sizes[item].width / 2 + (item >= trunk ? widen : 0)
            }
            let trunkX = trunk == members.lowerBound ? 0 : lefts[trunk] - left - gaps[trunk - 1] / 2 + widen / 2
            let first = isLast || trunk > members.lowerBound ? centre(members.lowerBound) : trunkX
            let middle = (first + centre(members.upperBound - 1)) / 2
            let rowWidth = right - left + widen
            if index > 0 { arrangement.biases.append(rowWidth / 2 - middle + trunkOffset) }
            if !isLast {
                arrangement.trunks.append(trunk)
                trunkOffset = trunkX - rowWidth / 2
            }
            let rowLevels = sizes[members].map(\.levels).max() ?? 0
            arrangement.levels.append(rowLevels)
            size.width = max(size.width, rowWidth)
            size.levels += rowLevels
        }
        return (arrangement, size)
    }
}

/// The columns of leaves stacked under one manager, filled top to bottom and
/// then left to right, so they read in chart order.
private struct Stack {
    let rows: Int
    let columns: Int
    let metrics: ChartLayout.Metrics

    init(leaves: Int, metrics: ChartLayout.Metrics) {
        self.metrics = metrics
        // Roughly square in pixels: wide enough to stay short, never one column
        // (a single column of hundreds would be as endless as a single row).
        let ratio = (metrics.boxHeight + metrics.stackGap) / (metrics.stackIndent + metrics.boxWidth + metrics.siblingGap)
        let wanted = min(leaves, max(2, Int((Double(leaves) * ratio).squareRoot().rounded())))
        rows = (leaves + wanted - 1) / wanted
        columns = (leaves + rows - 1) / rows
    }

    /// A stack of `leaves` in columns of at most `rows`, as few columns as
    /// that allows, evened out.
    init(leaves: Int, rows: Int, metrics: ChartLayout.Metrics) {
        self.metrics = metrics
        let wanted = (leaves + rows - 1) / rows
        self.rows = (leaves + wanted - 1) / wanted
        columns = (leaves + self.rows - 1) / self.rows
    }

    private var columnPitch: Double { metrics.stackIndent + metrics.boxWidth + metrics.siblingGap }

    var width: Double { Double(columns) * columnPitch - metrics.siblingGap }
    var height: Double { Double(rows) * (metrics.boxHeight + metrics.stackGap) - metrics.stackGap }
    /// The levels of placeholders the stack takes, from its top row down.
    var levels: Int {
        let pitch = metrics.boxHeight + metrics.levelGap
        return max(1, Int(((height + metrics.levelGap) / pitch).rounded(.up)))
    }

    func position(of index: Int, left: Double, top: Double) -> ChartLayout.Position {
        .init(x: left + Double(index / rows) * columnPitch + metrics.stackIndent,
              y: top + Double(index % rows) * (metrics.boxHeight + metrics.stackGap))
    }
}

/// The chart's solid lines as a forest, with links that leave the chart or
/// close a cycle dropped, so that every walk over it ends.
private struct Forest {
    var children: [[Int]]
    var parents: [Int?]
    /// The first node of every tree, in chart order.
    var roots: [Int] = []
    /// Every node, each before its reports, trees and reports in chart order.
    var order: [Int] = []
    /// True for a node with no reports whose branch does not go on on
    /// another page: only these are stacked in columns.
    var isLeaf: [Bool] = []
    /// Each node's assistants who manage nobody, drawn beside it: they are
    /// not among its `children`, its row of reports.
    var assistants: [[Int]]

    /// The width of a node's slot in the tidy tree: its box, and as much
    /// room on either side as its assistants on the wider side take, so
    /// that the box stays centred over its reports.
    func slotWidth(_ node: Int, _ metrics: ChartLayout.Metrics) -> Double {
        metrics.boxWidth + 2 * Double((assistants[node].count + 1) / 2) * (metrics.boxWidth + metrics.siblingGap)
    }

    init(_ chart: Chart) {
        let count = chart.nodes.count
        var claimed = [[Int]](repeating: [], count: count)
        var tops: [Int] = []
        for (index, node) in chart.nodes.enumerated() {
            if let parent = node.parent, parent >= 0, parent < count, parent != index {
                claimed[parent].append(index)
            } else {
                tops.append(index)
            }
        }
        children = [[Int]](repeating: [], count: count)
        assistants = [[Int]](repeating: [], count: count)
        parents = [Int?](repeating: nil, count: count)
        var reached = [Bool](repeating: false, count: count)
        order.reserveCapacity(count)
        // Nodes left unreached after the true roots sit on a cycle: each such
        // node becomes a root, breaking its cycle there.
        for root in tops + Array(0..<count) where !reached[root] {
            reached[root] = true
            roots.append(root)
            var pending = [root]
            while let node = pending.popLast() {
                order.append(node)
                let reports = claimed[node].filter { !reached[$0] }
                for report in reports {
                    reached[report] = true
                    parents[report] = node
                }
                // Only an assistant who manages nobody goes beside.
                let beside = reports.filter { chart.nodes[$0].placement == .assistant && claimed[$0].isEmpty }
                children[node] = beside.isEmpty ? reports : reports.filter { !beside.contains($0) }
                assistants[node] = beside
                pending.append(contentsOf: reports.reversed())
            }
        }
        isLeaf = (0..<count).map { children[$0].isEmpty && assistants[$0].isEmpty && chart.nodes[$0].continuedOn == nil }
    }
}
