import Testing
@testable import OrgModel

/// One picture for one sheet: rows wrapped so that it fills the sheet's
/// shape when the chart laid out as usual would be too small to read there.
@Suite struct ChartSheetTests {
    /// A3 landscape less 10 mm margins with titles (13 pixels) 6 points
    /// tall, in drawing pixels.
    static let a3 = (width: (1_190.55 - 56.7) * 13 / 6, height: (841.89 - 56.7) * 13 / 6)

    @Test func aChartLegibleAsItIsKeepsItsOwnLayout() throws {
        let chart = try exampleDatabase().chart()
        let options = PictureOptions(title: "Example")
        let unwrapped = SVGDrawing(chart: chart, options: options)
        let sheet = ChartSheet.drawing(chart, options: options, maxWidth: unwrapped.width, maxHeight: unwrapped.height)
        #expect(sheet.legible)
        #expect(sheet.drawing.layout == unwrapped.layout)
    }

    @Test func theExampleOrganisationWrapsToBeLegibleOnA4Landscape() throws {
        let chart = try exampleDatabase().chart()
        let options = PictureOptions(title: "Example")
        let a4 = (width: (841.89 - 56.7) * 13 / 6, height: (595.28 - 56.7) * 13 / 6)
        #expect(SVGDrawing(chart: chart, options: options).width > a4.width)
        let sheet = ChartSheet.drawing(chart, options: options, maxWidth: a4.width, maxHeight: a4.height)
        #expect(sheet.legible, "\(sheet.drawing.width) × \(sheet.drawing.height)")
        _ = Self.checked(chart, sheet.drawing)
    }

    /// The sixty-role company's six chiefs, each over three levels, are too
    /// many for A3 at 6 points: wrapped onto two rows of three it comes
    /// out at about 5.3 points, from 2.8 unwrapped.
    @Test func theSixtyRoleCompanyWrapsToFillTheSheet() {
        let chart = BoardCharts.company()
        let options = PictureOptions(title: "Board", asOf: "2026-12-06")
        let unwrapped = SVGDrawing(chart: chart, options: options)
        let sheet = ChartSheet.drawing(chart, options: options, maxWidth: Self.a3.width, maxHeight: Self.a3.height)
        let scale = { (drawing: SVGDrawing) in min(Self.a3.width / drawing.width, Self.a3.height / drawing.height) }
        #expect(scale(unwrapped) < 0.5 && scale(sheet.drawing) > 0.85, "\(scale(unwrapped)) → \(scale(sheet.drawing))")
        #expect(sheet.legible == (scale(sheet.drawing) >= 1))
        _ = Self.checked(chart, sheet.drawing)
    }

    /// The invariants every picture keeps, wrapped or not. (Siblings that
    /// would fit on a row as boxes alone may wrap here: a row holds their
    /// branches, as wide as the sheet allows.)
    static func checked(_ chart: Chart, _ drawing: SVGDrawing, sourceLocation: SourceLocation = #_sourceLocation) -> SVGDrawing {
        #expect(PictureCheck.overlaps(drawing.layout).isEmpty, sourceLocation: sourceLocation)
        #expect(PictureCheck.crossingRoutes(drawing).isEmpty, sourceLocation: sourceLocation)
        #expect(PictureCheck.sharedSegments(drawing).isEmpty, sourceLocation: sourceLocation)
        #expect(PictureCheck.overflowingText(drawing).isEmpty, sourceLocation: sourceLocation)
        return drawing
    }

    @Test func aChartNoWrappingMakesLegibleIsDrawnAsUsualAndSaysSo() throws {
        let chart = try BoardCharts.d3Sample()
        let options = PictureOptions(title: "d3")
        let sheet = ChartSheet.drawing(chart, options: options, maxWidth: Self.a3.width, maxHeight: Self.a3.height)
        #expect(!sheet.legible)
        #expect(sheet.drawing.layout == SVGDrawing(chart: chart, options: options).layout)
    }
}
