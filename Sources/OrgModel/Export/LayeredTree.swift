/// The tree the tidy-tree algorithm runs on: the chart's boxes plus the
/// placeholders standing in for stacks and for the trunks that wrapped rows
/// hang from, under one invisible super-root (slot 0) so that several trees
/// are laid out as siblings. Slots are created parents first, which gives
/// both walk orders without recursion.
struct LayeredTree {
    private(set) var children: [[Int]] = [[]]
    private(set) var parent: [Int] = [-1]
    private(set) var width: [Double] = [0]
    /// Position among its siblings, from 0.
    private(set) var number: [Int] = [0]
    /// The level a slot is drawn on: 0 for the top row, -1 for the super-root.
    private(set) var level: [Int] = [-1]
    /// True for a slot whose children are separate trees, kept apart by the
    /// wider gap: the super-root and the trunks its wrapped rows hang from.
    private(set) var apart: [Bool] = [true]
    /// How far right of the middle of its children a slot sits: 0 but for
    /// the end of a trunk, which sits over the gap the trunk came down
    /// while the row below it is centred under the row above.
    var bias: [Double] = [0]

    /// Adds a box of `width` as the last child of `parent`; returns its slot.
    /// An `apart` slot's children are spaced as separate trees.
    mutating func add(under parent: Int, width: Double, apart: Bool = false) -> Int {
        let slot = self.parent.count
        number.append(children[parent].count)
        children[parent].append(slot)
        children.append([])
        self.parent.append(parent)
        self.width.append(width)
        level.append(level[parent] + 1)
        self.apart.append(apart)
        bias.append(0)
        return slot
    }

    /// The horizontal centre of every slot.
    func centres(metrics: ChartLayout.Metrics) -> [Double] {
        var walker = Walker(tree: self, metrics: metrics)
        // Creation order puts every slot after its parent, so its reverse is a
        // valid post-order for the first walk.
        for slot in stride(from: parent.count - 1, through: 0, by: -1) { walker.firstWalk(slot) }
        var centres = [Double](repeating: 0, count: parent.count)
        var modSum = [Double](repeating: 0, count: parent.count)
        for slot in 0..<parent.count {
            centres[slot] = walker.prelim[slot] + modSum[slot]
            for child in children[slot] { modSum[child] = modSum[slot] + walker.mod[slot] }
        }
        return centres
    }
}

/// The state of Buchheim et al.'s algorithm ("Improving Walker's algorithm
/// to run in linear time", 2002), named as in the paper: `prelim` and `mod`
/// are Walker's preliminary x and subtree offset, `thread` links the
/// contours, `shift` and `change` spread the moves of subtrees lazily, and
/// `ancestor` finds the sibling subtree a contour conflict belongs to.
/// Slot -1 means "none".
private struct Walker {
    let tree: LayeredTree
    let metrics: ChartLayout.Metrics
    var prelim: [Double], mod: [Double], shift: [Double], change: [Double]
    /// Where a laid-out subtree's root sits over its children, relative to
    /// them: their midpoint, moved by the slot's bias.
    var mid: [Double]
    var thread: [Int], ancestor: [Int]

    init(tree: LayeredTree, metrics: ChartLayout.Metrics) {
        self.tree = tree
        self.metrics = metrics
        let zeros = [Double](repeating: 0, count: tree.parent.count)
        (prelim, mod, shift, change, mid) = (zeros, zeros, zeros, zeros, zeros)
        thread = [Int](repeating: -1, count: tree.parent.count)
        ancestor = Array(0..<tree.parent.count)
    }

    /// Places `slot`'s children, whose own subtrees are already laid out, side
    /// by side and as close as their contours allow. The paper places each
    /// child at the end of its own first walk; doing it here, just before the
    /// child's apportion, is the same sequence of updates.
    mutating func firstWalk(_ slot: Int) {
        let kids = tree.children[slot]
        guard let first = kids.first, let last = kids.last else { return }
        var defaultAncestor = first
        for (index, kid) in kids.enumerated() {
            prelim[kid] = index == 0 ? mid[kid] : prelim[kids[index - 1]] + distance(kids[index - 1], kid)
            // A leaf's mod is reserved for thread offsets.
            if !tree.children[kid].isEmpty { mod[kid] = prelim[kid] - mid[kid] }
            if index > 0 { defaultAncestor = apportion(kid, leftSibling: kids[index - 1], leftmost: first, defaultAncestor) }
        }
        executeShifts(slot)
        mid[slot] = (prelim[first] + prelim[last]) / 2 + tree.bias[slot]
    }

    private func distance(_ left: Int, _ right: Int) -> Double {
        let siblings = tree.parent[left] == tree.parent[right] && !tree.apart[tree.parent[left]]
        return (tree.width[left] + tree.width[right]) / 2 + (siblings ? metrics.siblingGap : metrics.subtreeGap)
    }

    private func nextLeft(_ slot: Int) -> Int { tree.children[slot].first ?? thread[slot] }
    private func nextRight(_ slot: Int) -> Int { tree.children[slot].last ?? thread[slot] }

    /// Pushes `slot`'s subtree right until it clears every subtree to its
    /// left, level by level, and threads the shallower contour onto the deeper.
    private mutating func apportion(_ slot: Int, leftSibling: Int, leftmost: Int, _ defaultAncestor: Int) -> Int {
        var defaultAncestor = defaultAncestor
        var (innerRight, outerRight, innerLeft, outerLeft) = (slot, slot, leftSibling, leftmost)
        var (sumInnerRight, sumOuterRight) = (mod[slot], mod[slot])
        var (sumInnerLeft, sumOuterLeft) = (mod[leftSibling], mod[leftmost])
        while nextRight(innerLeft) >= 0, nextLeft(innerRight) >= 0 {
            innerLeft = nextRight(innerLeft)
            innerRight = nextLeft(innerRight)
            outerLeft = nextLeft(outerLeft)
            outerRight = nextRight(outerRight)
            ancestor[outerRight] = slot
            let overlap = (prelim[innerLeft] + sumInnerLeft) - (prelim[innerRight] + sumInnerRight)
                + distance(innerLeft, innerRight)
            if overlap > 0 {
                let owner = tree.parent[ancestor[innerLeft]] == tree.parent[slot] ? ancestor[innerLeft] : defaultAncestor
                moveSubtree(owner, slot, overlap)
                sumInnerRight += overlap
                sumOuterRight += overlap
            }
            sumInnerLeft += mod[innerLeft]
            sumInnerRight += mod[innerRight]
            sumOuterLeft += mod[outerLeft]
            sumOuterRight += mod[outerRight]
        }
        if nextRight(innerLeft) >= 0, nextRight(outerRight) < 0 {
            thread[outerRight] = nextRight(innerLeft)
            mod[outerRight] += sumInnerLeft - sumOuterRight
        }
        if nextLeft(innerRight) >= 0, nextLeft(outerLeft) < 0 {
            thread[outerLeft] = nextLeft(innerRight)
            mod[outerLeft] += sumInnerRight - sumOuterLeft
            defaultAncestor = slot
        }
        return defaultAncestor
    }

    private mutating func moveSubtree(_ left: Int, _ right: Int, _ distance: Double) {
        let step = distance / Double(tree.number[right] - tree.number[left])
        change[right] -= step
        shift[right] += distance
        change[left] += step
        prelim[right] += distance
        mod[right] += distance
    }

    /// Spreads the moves recorded by `moveSubtree` over the siblings between,
    /// so that the gaps between small subtrees come out even.
    private mutating func executeShifts(_ slot: Int) {
        var (total, rate) = (0.0, 0.0)
        for kid in tree.children[slot].reversed() {
            prelim[kid] += total
            mod[kid] += total
            rate += change[kid]
            total += shift[kid] + rate
        }
    }
}
