/// Where every box of a ``Chart`` goes in a drawing: the output of
/// ``TidyTreeLayout``, in the drawing's units (pixels for SVG), with the
/// origin at the top left of the chart and y growing downwards.
public struct ChartLayout: Sendable, Equatable {
    /// The sizes and gaps a layout is made with.
    public struct Metrics: Sendable, Equatable {
        /// The width of every role's box.
        public var boxWidth: Double
        /// The height of every role's box.
        public var boxHeight: Double
        /// The horizontal gap between the boxes of two siblings.
        public var siblingGap: Double
        /// The horizontal gap between boxes of different managers, and
        /// between trees, wider than `siblingGap` so that families read apart.
        public var subtreeGap: Double
        /// The vertical gap between a manager's level and its reports' level.
        public var levelGap: Double
        /// The vertical gap between leaves stacked in a column.
        public var stackGap: Double
        /// How far a stacked column is indented right of its connector line.
        public var stackIndent: Double
        /// A manager with more reports than this (and at least two), none of
        /// whom manage anyone, has them stacked in columns rather than in one
        /// wide row. `Int.max` never stacks.
        public var wrapAbove: Int

        /// Metrics that suit boxes of three short lines of text.
        public init(boxWidth: Double = 200, boxHeight: Double = 64, siblingGap: Double = 20,
                    subtreeGap: Double = 36, levelGap: Double = 48, stackGap: Double = 12,
                    stackIndent: Double = 20, wrapAbove: Int = 6) {
            self.boxWidth = boxWidth
            self.boxHeight = boxHeight
            self.siblingGap = siblingGap
            self.subtreeGap = subtreeGap
            self.levelGap = levelGap
            self.stackGap = stackGap
            self.stackIndent = stackIndent
            self.wrapAbove = wrapAbove
        }
    }

    /// The top-left corner of a box.
    public struct Position: Sendable, Equatable {
        public var x: Double
        public var y: Double

        /// The corner at `x`, `y`.
        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// The metrics the layout was made with.
    public var metrics: Metrics
    /// The top-left corner of each node's box, indexed like ``Chart/nodes``.
    public var positions: [Position]
    /// True for a leaf stacked in a column under its manager rather than
    /// placed in its manager's row of reports; its connector runs down the
    /// column's left side.
    public var isStacked: [Bool]
    /// The width of the whole drawing: every box lies within 0...width.
    public var width: Double
    /// The height of the whole drawing: every box lies within 0...height.
    public var height: Double
    /// Each node's manager as laid out: the chart's own, except that a link
    /// pointing outside the chart or closing a cycle is dropped, making the
    /// node a root.
    var parents: [Int?]

    /// The horizontal centre of a node's box.
    public func centreX(of node: Int) -> Double { positions[node].x + metrics.boxWidth / 2 }
}
