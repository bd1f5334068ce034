import Foundation
import Testing

/// A picture on one sheet of paper: wrapped to fill the sheet when that
/// keeps its text legible, with a warning when nothing does.
@Suite(.enabled(if: toolIsAvailable("pdftotext"), "needs poppler-utils (make test-deps)"))
struct SheetExportTests {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// DejaVu Sans words span 1.164 em from ascent to descent, so a title
    /// set at 6 points has a box at least this tall.
    private static let sixPointWord = 6 * 1.164 - 0.01

    @Test func theSixtyRoleCompanyOnOneA3SheetHasTitlesOfAtLeastSixPoints() throws {
        let sandbox = try Sandbox()
        try sandbox.ok("import", "--units", Self.fixtures.appendingPathComponent("hr-sample-units.csv").path,
                       Self.fixtures.appendingPathComponent("hr-sample.csv").path)
        let run = try sandbox.ok("export", "--format", "pdf", "--paper", "a3", "--landscape", "-o", "hr.pdf")
        #expect(run.stderr == "")
        let words = try pdfWordHeights(sandbox.url("hr.pdf"))
        let titles = words.filter { ["Officer", "Director", "Partner", "Analyst", "Engineer", "Manager"].contains($0.word) }
        #expect(titles.count >= 60, "\(titles.count) title words")
        #expect(titles.map(\.height).min()! >= Self.sixPointWord,
                "the smallest title is \(titles.map(\.height).min()!) points tall")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/work/shared/data/d3-org-chart-sample.csv")))
    func aChartTooBigForOneSheetIsWrittenWithAWarningToSplitIt() throws {
        let sandbox = try Sandbox()
        try sandbox.ok("import", "/work/shared/data/d3-org-chart-sample.csv", "--ignore-unknown-columns", "--map", "id=key",
                       "--map", "parentId=reports_to", "--map", "positionName=title", "--map", "name=holder")
        let run = try sandbox.run("export", "--format", "pdf", "--paper", "a3", "--landscape", "-o", "d3.pdf")
        #expect(run.status == 0)
        #expect(run.stderrLines == ["warning: the chart's text is smaller than 6 pt on one A3 landscape sheet; "
            + "add --pages to split it by branches over sheets that stay legible"])
        #expect(try runTool(["pdfinfo", sandbox.url("d3.pdf").path]).output.contains("Pages:           1"))
        let letter = try sandbox.run("export", "--format", "pdf", "--paper", "letter", "-o", "d3.pdf")
        #expect(letter.status == 0 && letter.stderrLines.first?.hasPrefix("warning: the chart's text is smaller than 6 pt on one letter sheet;") == true)
    }
}
