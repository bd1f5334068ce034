/// The whole chart as one picture made for one sheet of paper: laid out as
/// usual when that is legible on the sheet, else with rows wrapped at the
/// width that lets the picture fill the sheet's shape, so that its text
/// comes out as large as one sheet allows.
enum ChartSheet {
    /// The picture of `chart` for a sheet showing `maxWidth` by `maxHeight`
    /// pixels legibly, and whether it is legible there (fits within both).
    static func drawing(_ chart: Chart, options: PictureOptions, maxWidth: Double, maxHeight: Double)
        -> (drawing: SVGDrawing, legible: Bool) {
        let unwrapped = SVGDrawing(chart: chart, options: options)
        func scale(_ drawing: SVGDrawing) -> Double {
            min(maxWidth / drawing.width, maxHeight / drawing.height)
        }
        if scale(unwrapped) >= 1 { return (unwrapped, true) }
        // Boxes alone covering more than the sheet can never be legible,
        // however they wrap: no point laying a large chart out many times.
        let boxArea = Double(chart.nodes.count) * SVGDrawing.boxWidth * 64
        guard boxArea <= maxWidth * maxHeight else { return (unwrapped, false) }
        var best = (drawing: unwrapped, scale: scale(unwrapped))
        // Narrower wrap widths trade width for height; the best one makes
        // the picture's shape closest to the sheet's, which the scale
        // measures. A step of a tenth finds it within about 5%.
        var wrap = unwrapped.width
        let narrowest = 3 * SVGDrawing.boxWidth
        while wrap > narrowest {
            wrap *= 0.9
            let metrics = ChartLayout.Metrics(wrapWiderThan: wrap - 2 * SVGDrawing.margin, fitsWidth: true)
            let drawing = SVGDrawing(chart: chart, options: options, metrics: metrics)
            if scale(drawing) > best.scale { best = (drawing, scale(drawing)) }
        }
        return (best.drawing, best.scale >= 1)
    }
}
