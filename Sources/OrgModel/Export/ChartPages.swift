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
    /// Rows wrap at the page's width, so that a wide team folds onto more
    /// rows of one page rather than spilling onto pages of its own.
    private let metrics: ChartLayout.Metrics

    /// Splits `chart` into pages whose drawings are at most `maxWidth` by
    /// `maxHeight` pixels wherever a branch allows it.
    init(_ chart: Chart, options: PictureOptions, maxWidth: Double, maxHeight: Double) {
        self.chart = chart
        children = chart.children
        self.options = options
        (self.maxWidth, self.maxHeight) = (maxWidth, maxHeight)
        metrics = ChartLayout.Metrics(wrapWiderThan: maxWidth - 2 * SVGDrawing.margin, fitsWidth: true)
        // A forest's trees share the first page, the overview: the top
        // levels alone when the chart needs more than one page.
        let roots = chart.nodes.indices.filter { chart.nodes[$0].parent == nil }
        // Each page to fill: its tops and, for a top whose reports are
        // shared out over several pages, those it shows.
        var queue: [(page: Int, tops: [Int], reports: ArraySlice<Int>?)] = roots.isEmpty ? [] : [(0, roots, nil)]
        pages.append(Page(top: -1, nodes: []))
        var head = 0
        while head < queue.count {
            let (number, tops, shared) = queue[head]
            head += 1
            var (nodes, cuts, _, fitted) = fitting(tops, reports: shared)
            var rest: ArraySlice<Int>?
            if number == 0, !cuts.isEmpty {
                (nodes, cuts) = overview(roots)
                fitted = fits(nodes)
            }
            if !fitted, tops.count == 1 {
                // More reports than a page holds: as many as fit here, the
                // rest on the next page under the same box, which says so.
                let reports = shared ?? children[tops[0]][...]
                let count = Self.most(in: 1...reports.count) { fitting(tops, reports: reports.prefix($0), refill: false).fits }
                if count < reports.count {
                    (nodes, cuts, _, _) = fitting(tops, reports: reports.prefix(count))
                    rest = reports.dropFirst(count)
                }
            }
            pages[number] = Page(top: tops[0], nodes: nodes)
            if let rest {
                pages.append(Page(top: tops[0], nodes: []))
                pages[number].continued[tops[0]] = pages.count - 1
                queue.append((pages.count - 1, tops, rest))
            }
            // Branches go side by side on a page as long as that page
            // still shows as many levels of each as a page of its own would
            // (or as the page so far does), in chart order; a deep, narrow
            // branch thus shares its pages instead of leaving them empty.
            var groups: [[Int]] = []
            var shown = 0
            for cut in cuts {
                let alone = fitting([cut], refill: false).depth
                if let last = groups.indices.last {
                    // Only while the packed page still fits its paper: a page
                    // of many tops shows at least each one's reports.
                    let together = fitting(groups[last] + [cut], refill: false)
                    if together.fits, together.depth >= min(shown, alone) {
                        groups[last].append(cut)
                        shown = together.depth
                        continue
                    }
                }
                groups.append([cut])
                shown = alone
            }
            for group in groups {
                pages.append(Page(top: group[0], nodes: []))
                for cut in group { pages[number].continued[cut] = pages.count - 1 }
                queue.append((pages.count - 1, group, nil))
            }
        }
        renumberDepthFirst()
    }

    /// Numbers the pages so that every branch's pages follow one another:
    /// a page, then the pages its branches go on to, each with its own.
    private mutating func renumberDepthFirst() {
        var order: [Int] = []
        var stack = [0]
        while let page = stack.popLast() {
            order.append(page)
            let next = pages[page].nodes.compactMap { pages[page].continued[$0] }
            var seen = Set<Int>()
            stack += next.filter { seen.insert($0).inserted }.reversed()
        }
        guard order.count == pages.count else { return }
        var number = [Int](repeating: 0, count: pages.count)
        for (new, old) in order.enumerated() { number[old] = new }
        pages = order.map { old in
            var page = pages[old]
            page.continued = page.continued.mapValues { number[$0] }
            return page
        }
    }

    /// The top levels of the chart for the first page of many: the roots
    /// and at most two levels below them, as many as fit (a forest's roots
    /// alone if need be), and the nodes cut off there whose branches go on.
    private func overview(_ roots: [Int]) -> (nodes: [Int], cuts: [Int]) {
        var best: (nodes: [Int], cuts: [Int])?
        // The roots alone when they are many and their reports do not fit.
        for depth in (roots.count > 1 ? 0 : 1)...2 {
            var nodes: [Int] = [], cuts: [Int] = []
            var stack = roots.reversed().map { ($0, 0) }
            while let (node, level) = stack.popLast() {
                nodes.append(node)
                guard !children[node].isEmpty else { continue }
                if level + 1 > depth { cuts.append(node); continue }
                for child in children[node].reversed() { stack.append((child, level + 1)) }
            }
            if best != nil, !fits(nodes) { break }
            best = (nodes, cuts)
        }
        return best!
    }

    /// The nodes below `tops` down to the deepest level whose drawing fits,
    /// at least the tops and their reports, and the nodes cut off there
    /// whose branches go on.
    /// Without `refill`, only the levels are worked out (all that packing
    /// branches needs, and a layout less per branch cut off).
    /// With `reports`, the one top shows those of its reports only.
    private func fitting(_ tops: [Int], reports: ArraySlice<Int>? = nil, refill: Bool = true)
        -> (nodes: [Int], cuts: [Int], depth: Int, fits: Bool) {
        func levels(_ depth: Int) -> (nodes: [Int], cuts: [Int], complete: Bool) {
            var nodes: [Int] = [], cuts: [Int] = []
            var stack = tops.reversed().map { ($0, 0) }
            while let (node, level) = stack.popLast() {
                nodes.append(node)
                let below = level == 0 && reports != nil ? reports! : children[node][...]
                guard !below.isEmpty else { continue }
                if level + 1 > depth { cuts.append(node); continue }
                for child in below.reversed() { stack.append((child, level + 1)) }
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
        let shown = depth - 1
        // The tops and their reports make a page even when they do not fit.
        let fitted = depth > 2 || fits(best.nodes)
        guard refill else { return (best.nodes, best.cuts, shown, fitted) }
        // Whole branches that still fit go back on the page, smallest first,
        // so that no page is left holding a handful of boxes.
        var nodes = best.nodes, cuts: [Int] = []
        for cut in best.cuts.sorted(by: { branchSize($0) < branchSize($1) }) {
            let grown = Self.withBranch(of: cut, in: nodes, children: children)
            if branchSize(cut) <= 400, fits(grown) { nodes = grown } else { cuts.append(cut) }
        }
        let order = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
        return (nodes, cuts.sorted { order[$0]! < order[$1]! }, shown, fitted)
    }

    /// The greatest count in `range` for which `fits` holds, taking it to
    /// hold for every smaller count once it holds for one; the lower bound
    /// when it never holds.
    private static func most(in range: ClosedRange<Int>, _ fits: (Int) -> Bool) -> Int {
        var (low, high) = (range.lowerBound, range.upperBound)
        while low < high {
            let middle = (low + high + 1) / 2
            if fits(middle) { low = middle } else { high = middle - 1 }
        }
        return low
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

    /// Whether the page of `nodes` fits the paper, measured as it will be
    /// drawn: each box whose branch goes on carries its marker (and so is
    /// no leaf to stack), dotted lines to other pages are badges, and the
    /// caption names the branches, all with the longest page numbers.
    private func fits(_ nodes: [Int]) -> Bool {
        let shown = Set(nodes)
        var continued: [Int: Int] = [:]
        for node in nodes where children[node].contains(where: { !shown.contains($0) }) {
            continued[node] = Self.widestPage
        }
        let drawing = SVGDrawing(chart: subchart(nodes, continued: continued, placeholders: true),
                                 options: caption(nodes, number: Self.widestPage, of: Self.widestPage + 1), metrics: metrics)
        return drawing.width <= maxWidth && drawing.height <= maxHeight
    }

    /// A page number as wide as any a chart is split into, standing in for
    /// the numbers pages get once they are all known.
    private static let widestPage = 998

    /// The chart of `nodes` alone, each cut box noting the page it goes on
    /// to; a dotted line to a manager drawn on another page (found in
    /// `home`, each node's page) becomes a badge naming that page.
    /// With `placeholders`, every such page is `widestPage`, for measuring.
    func subchart(_ nodes: [Int], continued: [Int: Int], home: [Int] = [], last: [Int] = [],
                  placeholders: Bool = false) -> Chart {
        var position: [Int: Int] = [:]
        for (index, node) in nodes.enumerated() { position[node] = index }
        return Chart(nodes: nodes.map { node in
            var entry = chart.nodes[node]
            entry.parent = entry.parent.flatMap { position[$0] }
            if options.dotted != .none, !home.isEmpty || placeholders, continued[node] == nil {
                entry.dottedOffPage = entry.dottedTo.filter { position[$0] == nil }.map { target in
                    Chart.OffPage(key: chart.nodes[target].key, holder: chart.nodes[target].holder,
                                  page: placeholders ? Self.widestPage : home[target] + 1)
                }
            }
            entry.dottedTo = entry.dottedTo.compactMap { position[$0] }
            entry.continuedOn = continued[node].map { $0 + 1 }
            entry.continuedThrough = placeholders ? continued[node].map { $0 + 2 }
                : continued[node].flatMap { last.indices.contains($0) ? last[$0] + 1 : nil }
            return entry
        })
    }

    /// The last page of each page's branches: pages are numbered depth
    /// first, so a page and the pages its branches go on to run from it to
    /// this one.
    var lastPages: [Int] {
        var last = Array(pages.indices)
        for number in pages.indices.reversed() {
            for target in pages[number].continued.values { last[number] = max(last[number], last[target]) }
        }
        return last
    }

    /// The page each node is drawn whole on (not as a box whose branch
    /// goes on elsewhere).
    var homes: [Int] {
        var home = [Int](repeating: 0, count: chart.nodes.count)
        for (number, page) in pages.enumerated() {
            for node in page.nodes where page.continued[node] == nil { home[node] = number }
        }
        return home
    }

    /// Each page's drawing, captioned with its number and branch.
    func drawings() -> [SVGDrawing] {
        let home = homes, last = lastPages
        return pages.enumerated().map { number, page in
            SVGDrawing(chart: subchart(page.nodes, continued: page.continued, home: home, last: last),
                       options: caption(page.nodes, number: number, of: pages.count), metrics: metrics)
        }
    }

    /// The options for page `number` of `count` showing `nodes`: captioned
    /// with the page's number and, after the first, its branches.
    private func caption(_ nodes: [Int], number: Int, of count: Int) -> PictureOptions {
        var caption = options
        var branches = ""
        if number > 0 {
            let shown = Set(nodes)
            let tops = nodes.filter { node in chart.nodes[node].parent.map { !shown.contains($0) } ?? true }
            let names = tops.prefix(3).map { "\(chart.nodes[$0].key) (\(chart.nodes[$0].holder ?? "vacant"))" }
            branches = (tops.count == 1 ? ": the branch of " : ": the branches of ") + names.joined(separator: ", ")
                + (tops.count > 3 ? " and \(tops.count - 3) more" : "")
        }
        caption.title = options.title + branches + " (page \(number + 1) of \(count))"
        return caption
    }
}
