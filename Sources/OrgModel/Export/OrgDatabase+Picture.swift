/// Pictures of the chart drawn with ``PictureOptions``: the SVG and HTML
/// exports with a caption of one's own, and the pages a PDF or PNG is
/// rendered from.
extension OrgDatabase {
    /// Draws the chart below `root` (all of it when nil) as an SVG document
    /// (or, with `html`, the offline page holding it). With `dottedReports`,
    /// a branch also shows the roles outside it that have a dotted line into
    /// it, each below its dotted-line manager and marked as such.
    public func exportPicture(html: Bool = false, root: String? = nil, dottedReports: Bool = false,
                              options: PictureOptions, into emit: (String) -> Void) throws(OrgError) {
        let chart = try chart(root: root, dottedReports: dottedReports && options.dotted != .none)
        if html {
            HTMLRenderer.render(chart, options: options, into: emit)
        } else {
            SVGRenderer.render(chart, options: options, into: emit)
        }
    }

    /// Draws the chart below `root` (all of it when nil) as pages of SVG for
    /// a sheet that shows `width` by `height` pixels legibly: one page when
    /// it fits, else split by branches (see ``exportPicture(html:root:dottedReports:options:into:)``
    /// for `dottedReports`). `page` receives each page's document in turn.
    public func exportPages(root: String? = nil, dottedReports: Bool = false, options: PictureOptions,
                            width: Double, height: Double, page: (String) -> Void) throws(OrgError) {
        let chart = try chart(root: root, dottedReports: dottedReports && options.dotted != .none)
        guard !chart.nodes.isEmpty else {
            page(SVGRenderer.render(chart, options: options))
            return
        }
        for drawing in ChartPages(chart, options: options, maxWidth: width, maxHeight: height).drawings() {
            var document = ""
            drawing.write(standalone: true) { document += $0 }
            page(document)
        }
    }

    /// Draws the chart below `root` (all of it when nil) as one SVG picture
    /// for a sheet that shows `width` by `height` pixels legibly: as
    /// ``exportPicture(html:root:dottedReports:options:into:)`` draws it
    /// when that fits, else with rows wrapped so that the picture fills the
    /// sheet's shape. Returns false when even so it is too big to read on
    /// one sheet (it is drawn all the same); ``exportPages(root:dottedReports:options:width:height:page:)``
    /// splits such a chart instead.
    @discardableResult
    public func exportSheet(root: String? = nil, dottedReports: Bool = false, options: PictureOptions,
                            width: Double, height: Double, into emit: (String) -> Void) throws(OrgError) -> Bool {
        let chart = try chart(root: root, dottedReports: dottedReports && options.dotted != .none)
        guard !chart.nodes.isEmpty else {
            SVGRenderer.render(chart, options: options, into: emit)
            return true
        }
        let sheet = ChartSheet.drawing(chart, options: options, maxWidth: width, maxHeight: height)
        sheet.drawing.write(standalone: true, emit)
        return sheet.legible
    }
}
