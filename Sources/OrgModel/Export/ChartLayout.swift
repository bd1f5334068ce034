/// Where every box of a ``Chart`` goes in a drawing: the output of
/// ``TidyTreeLayout``, in the drawing's units (pixels for SVG), with the
/// origin at the top left of the chart and y growing downwards.
struct ChartLayout: Sendable, Equatable {
    /// The sizes and gaps a layout is made with.
    struct Metrics: Sendable, Equatable {
        /// The width of every role's box.
        var boxWidth: Double
        /// The height of every role's box.
        var boxHeight: Double
        /// The horizontal gap between the boxes of two siblings.
        var siblingGap: Double
        /// The horizontal gap between boxes of different managers, and
        /// between trees, wider than `siblingGap` so that families read apart.
        var subtreeGap: Double
        /// The vertical gap between a manager's level and its reports' level.
        var levelGap: Double
        /// The vertical gap between leaves stacked in a column.
        var stackGap: Double
        /// How far a stacked column is indented right of its connector line.
        var stackIndent: Double
        /// A manager with more reports than this (and at least two), none of
        /// whom manage anyone, has them stacked in columns rather than in one
        /// wide row. `Int.max` never stacks.
        var wrapAbove: Int
        /// A manager whose reports, with everyone below them, would make a
        /// row wider than this has them wrapped onto several rows, hung one
        /// below another from a trunk line, so that the branch comes out
        /// about one and a half times as wide as it is tall. Roots wrap the
        /// same way. In a chart wider than this, leaves are also stacked and
        /// branches wrapped wherever that fits them beside deeper branches;
        /// a narrower chart is laid out without any of this. `.infinity`
        /// never wraps.
        var wrapWiderThan: Double
        /// True for a page of a split chart, which must fit its paper: rows
        /// wrap wherever that keeps a branch within `wrapWiderThan`, the top
        /// levels' rows too. A single picture instead keeps its top levels
        /// lined up and its branches about as wide as tall.
        var fitsWidth: Bool

        /// Metrics that suit boxes of three short lines of text.
        init(boxWidth: Double = 200, boxHeight: Double = 64, siblingGap: Double = 20,
                    subtreeGap: Double = 36, levelGap: Double = 48, stackGap: Double = 12,
                    stackIndent: Double = 20, wrapAbove: Int = 6, wrapWiderThan: Double = 4000,
                    fitsWidth: Bool = false) {
            self.boxWidth = boxWidth
            self.boxHeight = boxHeight
            self.siblingGap = siblingGap
            self.subtreeGap = subtreeGap
            self.levelGap = levelGap
            self.stackGap = stackGap
            self.stackIndent = stackIndent
            self.wrapAbove = wrapAbove
            self.wrapWiderThan = wrapWiderThan
            self.fitsWidth = fitsWidth
        }
    }

    /// The top-left corner of a box.
    struct Position: Sendable, Equatable {
        var x: Double
        var y: Double

        /// The corner at `x`, `y`.
        init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// The metrics the layout was made with.
    var metrics: Metrics
    /// The top-left corner of each node's box, indexed like ``Chart/nodes``.
    var positions: [Position]
    /// True for a leaf stacked in a column under its manager rather than
    /// placed in its manager's row of reports; its connector runs down the
    /// column's left side.
    var isStacked: [Bool]
    /// Which of its manager's rows of reports a node is in: 0 for the row
    /// just below the manager, and for every node whose manager's reports fit
    /// in one row; roots count the rows that the trees wrap onto.
    var row: [Int]
    /// The width of the whole drawing: every box lies within 0...width.
    var width: Double
    /// The height of the whole drawing: every box lies within 0...height.
    var height: Double
    /// Each node's manager as laid out: the chart's own, except that a link
    /// pointing outside the chart or closing a cycle is dropped, making the
    /// node a root.
    var parents: [Int?]
    /// True for an assistant drawn beside the role it assists, on that
    /// role's row, joined to its side by a short line.
    var isBeside: [Bool]
    /// For a manager whose reports wrap onto several rows, one point for each
    /// row after the first: where the trunk line down to that row meets the
    /// horizontal bar over it. Empty for every other node.
    var trunks: [[Position]]

    /// The horizontal centre of a node's box.
    func centreX(of node: Int) -> Double { positions[node].x + metrics.boxWidth / 2 }

    /// The solid line from a node's manager down to it, nil for a root, as
    /// the points where it turns. It leaves the middle of the manager's
    /// bottom edge downwards and then turns at every point, so each step is
    /// alternately down (to an odd-numbered point) and across: to the bar
    /// over the manager's first row, along and down the trunk to the bar over
    /// the node's row, along to above the box and down into the middle of its
    /// top edge; a stacked box is entered from the left, the line having run
    /// down its column's left side. An assistant's line runs across, from
    /// the middle of its role's side to the middle of its own.
    func connector(of node: Int) -> [Position]? {
        guard let manager = parents[node] else { return nil }
        let (from, to) = (positions[manager], positions[node])
        let half = metrics.boxWidth / 2
        if isBeside[node] {
            // Across from the assisted role's side to the assistant's, after
            // a step down of nothing, so that steps still alternate.
            let middle = from.y + metrics.boxHeight / 2
            let (start, end) = to.x > from.x ? (from.x + metrics.boxWidth, to.x) : (from.x, to.x + metrics.boxWidth)
            return [Position(x: start, y: middle), Position(x: start, y: middle), Position(x: end, y: middle)]
        }
        var points = [Position(x: from.x + half, y: from.y + metrics.boxHeight),
                      Position(x: from.x + half, y: from.y + metrics.boxHeight + metrics.levelGap / 2)]
        for turn in trunks[manager].prefix(row[node]) {
            points.append(Position(x: turn.x, y: points[points.count - 1].y))
            points.append(turn)
        }
        let barY = points[points.count - 1].y
        if isStacked[node] {
            let lineX = to.x - metrics.stackIndent / 2, middle = to.y + metrics.boxHeight / 2
            points += [Position(x: lineX, y: barY), Position(x: lineX, y: middle), Position(x: to.x, y: middle)]
        } else {
            points += [Position(x: to.x + half, y: barY), Position(x: to.x + half, y: to.y)]
        }
        return points
    }
}
