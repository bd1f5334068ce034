/// A chart too big for one sheet, split by branches into pages that are each
/// legible at their size: the first page shows the top levels, and every
/// box whose branch goes on elsewhere says "continued on page N"; each such
/// branch gets a page of its own (split again if it is still too big).
struct ChartPages {
    /// One page: the chart's nodes it shows (indices into the whole chart,
    /// each after its manager) and the page each cut branch goes on to.
    struct Page {
        var top: Int
        var nodes: [Int]
        var continued: [Int: Int] = [:]
    }

    private(set) var pages: [Page] = []
    private let chart: Chart
    private let children: [[Int]]
    private let options: PictureOptions
    private let maxWidth: Double, maxHeight: Double

    /// Splits `chart` into pages whose drawings are at most `maxWidth` by
    /// `maxHeight` pixels wherever a branch allows it.
    init(_ chart: Chart, options: PictureOptions, maxWidth: Double, maxHeight: Double) {
        self.chart = chart
        children = chart.children
        self.options = options
        (self.maxWidth, self.maxHeight) = (maxWidth, maxHeight)
        // A forest's trees share the first page, the overview.
        let roots = chart.nodes.indices.filter { chart.nodes[$0].parent == nil }
        var queue: [(page: Int, tops: [Int])] = roots.isEmpty ? [] : [(0, roots)]
        pages.append(Page(top: -1, nodes: []))
        var head = 0
        while head < queue.count {
            let (number, tops) = queue[head]
            head += 1
            let (nodes, cuts) = fitting(tops)
            pages[number] = Page(top: tops[0], nodes: nodes)
            // Branches that fit whole share a page, in chart order; one that
            // is still too big gets pages of its own.
            var group: [Int] = []
            func close() {
                guard !group.isEmpty else { return }
                pages.append(Page(top: group[0], nodes: []))
                for cut in group { pages[number].continued[cut] = pages.count - 1 }
                queue.append((pages.count - 1, group))
                group = []
            }
            for cut in cuts {
                if !group.isEmpty, fitting(group + [cut]).cuts.isEmpty { group.append(cut); continue }
                close()
                group = [cut]
                if !fitting(group).cuts.isEmpty { close() }
            }
            close()
        }
    }

    /// The nodes below `tops` down to the deepest level whose drawing fits,
    /// at least the tops and their reports, and the nodes cut off there
    /// whose branches go on.
    private func fitting(_ tops: [Int]) -> (nodes: [Int], cuts: [Int]) {
        func levels(_ depth: Int) -> (nodes: [Int], cuts: [Int], complete: Bool) {
            var nodes: [Int] = [], cuts: [Int] = []
            var stack = tops.reversed().map { ($0, 0) }
            while let (node, level) = stack.popLast() {
                nodes.append(node)
                guard !children[node].isEmpty else { continue }
                if level + 1 > depth { cuts.append(node); continue }
                for child in children[node].reversed() { stack.append((child, level + 1)) }
            }
            return (nodes, cuts, cuts.isEmpty)
        }
        var best = levels(1)
        var depth = 2
        while !best.complete {
            let deeper = levels(depth)
            guard fits(deeper.nodes) else { break }
            best = deeper
            depth += 1
        }
        // Whole branches that still fit go back on the page, smallest first,
        // so that no page is left holding a handful of boxes.
        var nodes = best.nodes, cuts: [Int] = []
        for cut in best.cuts.sorted(by: { branchSize($0) < branchSize($1) }) {
            let grown = Self.withBranch(of: cut, in: nodes, children: children)
            if branchSize(cut) <= 400, fits(grown) { nodes = grown } else { cuts.append(cut) }
        }
        let order = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
        return (nodes, cuts.sorted { order[$0]! < order[$1]! })
    }

    private func branchSize(_ node: Int) -> Int {
        var (count, stack) = (0, [node])
        while let next = stack.popLast() {
            count += 1
            stack += children[next]
        }
        return count
    }

    /// `nodes` with the whole branch below `cut` inserted after it, depth first.
    private static func withBranch(of cut: Int, in nodes: [Int], children: [[Int]]) -> [Int] {
        guard let at = nodes.firstIndex(of: cut) else { return nodes }
        var branch: [Int] = [], stack = children[cut].reversed() as [Int]
        while let next = stack.popLast() {
            branch.append(next)
            stack += children[next].reversed()
        }
        return Array(nodes[...at]) + branch + nodes[(at + 1)...]
    }

    private func fits(_ nodes: [Int]) -> Bool {
        let drawing = SVGDrawing(chart: subchart(nodes, continued: [:]), options: options)
        return drawing.width <= maxWidth && drawing.height <= maxHeight
    }

    /// The chart of `nodes` alone, each cut box noting the page it goes on to.
    func subchart(_ nodes: [Int], continued: [Int: Int]) -> Chart {
        var position: [Int: Int] = [:]
        for (index, node) in nodes.enumerated() { position[node] = index }
        return Chart(nodes: nodes.map { node in
            var entry = chart.nodes[node]
            entry.parent = entry.parent.flatMap { position[$0] }
            entry.dottedTo = entry.dottedTo.compactMap { position[$0] }
            entry.continuedOn = continued[node].map { $0 + 1 }
            return entry
        })
    }

    /// Each page's drawing, captioned with its number and branch.
    func drawings() -> [SVGDrawing] {
        pages.enumerated().map { number, page in
            var caption = options
            let tops = page.nodes.filter { node in chart.nodes[node].parent.map { !page.nodes.contains($0) } ?? true }
            let names = tops.prefix(3).map { "\(chart.nodes[$0].key) (\(chart.nodes[$0].holder ?? "vacant"))" }
            let branches = (tops.count == 1 ? "the branch of " : "the branches of ") + names.joined(separator: ", ")
                + (tops.count > 3 ? " and \(tops.count - 3) more" : "")
            caption.title = options.title + (number == 0 ? "" : ": " + branches) + " (page \(number + 1) of \(pages.count))"
            return SVGDrawing(chart: subchart(page.nodes, continued: page.continued), options: caption)
        }
    }
}
