import Foundation
import Testing

/// Compares two PNGs pixel by pixel (8-bit RGB or RGBA, as cairo writes them):
/// prints the share of pixels that differ by more than a little in any
/// channel, or "size" when their sizes differ.
private let pngDifference = """
    import sys, zlib, struct
    def decode(path):
        data = open(path, 'rb').read()
        assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
        pos, idat, w, n = 8, b'', 0, 4
        while pos < len(data):
            length, kind = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            if kind == b'IHDR':
                w, h, depth, colour = struct.unpack('>IIBB', body[:10])
                assert depth == 8 and colour in (2, 6)
                n = 4 if colour == 6 else 3
            if kind == b'IDAT': idat += body
            pos += 12 + length
        raw, stride, rows, prev = zlib.decompress(idat), w * n, [], bytearray(w * n)
        for y in range(h):
            f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
            for i in range(stride):
                a = line[i - n] if i >= n else 0
                b = prev[i]
                c = prev[i - n] if i >= n else 0
                if f == 1: line[i] = (line[i] + a) & 255
                elif f == 2: line[i] = (line[i] + b) & 255
                elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            rows.append(line)
            prev = line
        return w, h, [bytes(r[i:i + 3]) for r in rows for i in range(0, w * n, n)]
    w1, h1, a = decode(sys.argv[1])
    w2, h2, b = decode(sys.argv[2])
    if (w1, h1) != (w2, h2):
        print('size'); sys.exit()
    off = sum(1 for p, q in zip(a, b) if max(abs(p[k] - q[k]) for k in range(3)) > 48)
    print(off / (w1 * h1))
    """

@Suite(.enabled(if: toolIsAvailable("pdfinfo") && toolIsAvailable("python3"), "needs poppler-utils (make test-deps)"))
struct PictureExportTests {
    @Test func aPDFOnA4LandscapeIsOnePageOfSelectableText() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("export", "--format", "pdf", "--paper", "a4", "--landscape", "--title", "Board pack", "-o", "chart.pdf")
        let info = try runTool(["pdfinfo", sandbox.url("chart.pdf").path])
        #expect(info.output.contains("Pages:           1"))
        #expect(info.output.contains("Page size:       841.89 x 595.28 pts (A4)"))
        let text = try runTool(["pdftotext", "-layout", sandbox.url("chart.pdf").path, "-"]).output
        for expected in ["Board pack", "As of 20", "Chief Executive Officer", "Amara Okafor", "controlling PMO"] {
            #expect(text.contains(expected), "\(expected) is not in the PDF's text")
        }
    }

    @Test func pagesSplitTheChartAndSayWhereEachBranchGoesOn() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("export", "--format", "pdf", "--pages", "--paper", "letter", "-o", "pages.pdf")
        let info = try runTool(["pdfinfo", sandbox.url("pages.pdf").path]).output
        let count = try #require(info.firstMatch(of: /Pages:\s+(\d+)/).map { Int($0.1)! })
        #expect(count > 1 && info.contains("Page size:       612 x 792 pts (letter)"))
        let first = try runTool(["pdftotext", "-f", "1", "-l", "1", sandbox.url("pages.pdf").path, "-"]).output
        #expect(first.contains("(page 1 of \(count))") && first.contains(/continued on pages? 2/))
        let second = try runTool(["pdftotext", "-f", "2", "-l", "2", sandbox.url("pages.pdf").path, "-"]).output
        #expect(second.contains("(page 2 of \(count))"))
        let refused = try sandbox.run("export", "--format", "png", "--pages")
        #expect(refused.status == 64 && refused.stderr.contains("--pages goes with --format pdf"))
    }

    /// The d3-org-chart sample on A3 pages: every page fits its sheet, so
    /// none is shrunk and its smallest text (the keys, 10 pixels drawn 4.6
    /// points tall) keeps its size; the words' boxes are then 5.5 points.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/work/shared/data/d3-org-chart-sample.csv")))
    func everyPageOfTheD3SampleFitsA3AtItsLegibleSize() throws {
        let sandbox = try Sandbox()
        try sandbox.ok("import", "/work/shared/data/d3-org-chart-sample.csv", "--ignore-unknown-columns", "--map", "id=key",
                       "--map", "parentId=reports_to", "--map", "positionName=title", "--map", "name=holder")
        try sandbox.ok("export", "--format", "pdf", "--pages", "--paper", "a3", "--landscape", "-o", "d3.pdf")
        let info = try runTool(["pdfinfo", sandbox.url("d3.pdf").path]).output
        let count = try #require(info.firstMatch(of: /Pages:\s+(\d+)/).map { Int($0.1)! })
        #expect(count > 1 && count <= 60, "\(count) pages")
        let sizes = try runTool(["pdfinfo", "-f", "1", "-l", String(count), sandbox.url("d3.pdf").path]).output
            .matches(of: /Page\s+\d+ size:\s+([\d.]+ x [\d.]+)/).map { String($0.1) }
        #expect(sizes.count == count && sizes.allSatisfy { $0 == "1190.55 x 841.89" })
        let heights = try pdfWordHeights(sandbox.url("d3.pdf")).map(\.height)
        #expect(heights.count > 1_516 && heights.min()! > 5.5, "the smallest word is \(heights.min() ?? 0) points tall")
    }

    @Test func aPDFWithoutPaperIsTheDrawingsOwnSize() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("export", "--format", "pdf", "--root", "cfo", "-o", "cfo.pdf")
        let info = try runTool(["pdfinfo", sandbox.url("cfo.pdf").path]).output
        #expect(info.contains("Pages:           1"))
        let svg = try sandbox.ok("export", "--format", "svg", "--root", "cfo").stdout
        let width = try #require(svg.firstMatch(of: /width="(\d+)"/).map { Double($0.1)! })
        #expect(info.contains("Page size:       \(SVGPoints.format(width * 0.75)) x"))
        let raster = try runTool(["pdftoppm", "-r", "48", "-png", sandbox.url("cfo.pdf").path, sandbox.url("page").path])
        #expect(raster.status == 0 && sandbox.exists("page-1.png"))
    }

    @Test func aPNGIsScaledAndMatchesItsGoldenPictureWithinATolerance() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("export", "--format", "png", "--root", "cfo", "--title", "Finance", "--as-of", "2099-12-31",
                       "-o", "cfo.png")
        try sandbox.ok("export", "--format", "png", "--root", "cfo", "--title", "Finance", "--as-of", "2099-12-31",
                       "--scale", "2", "-o", "cfo2.png")
        let one = try Data(contentsOf: sandbox.url("cfo.png")), two = try Data(contentsOf: sandbox.url("cfo2.png"))
        #expect(one.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let size = { (data: Data) in (data[16..<20].reduce(0) { $0 << 8 | Int($1) }, data[20..<24].reduce(0) { $0 << 8 | Int($1) }) }
        #expect(size(two).0 == 2 * size(one).0 && size(two).1 == 2 * size(one).1)
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/cfo-branch.png")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" { try one.write(to: golden) }
        let difference = try runTool(["python3", "-c", pngDifference, sandbox.url("cfo.png").path, golden.path]).output
        let share = try #require(Double(difference.trimmingCharacters(in: .whitespacesAndNewlines)), "sizes differ: \(difference)")
        #expect(share < 0.005, "\(share * 100)% of the pixels differ from Golden/cfo-branch.png")
    }

    @Test func aBranchWithDottedBringsItsDottedLineReportsMarked() throws {
        let sandbox = try Sandbox.example()
        let plain = try sandbox.ok("export", "--format", "svg", "--root", "pmo-ops-manager").stdout
        let dotted = try sandbox.ok("export", "--format", "svg", "--root", "pmo-ops-manager", "--dotted").stdout
        #expect(!plain.contains(" dotted-report\" data-key="))
        #expect(dotted.contains(" dotted-report\" data-key="))
        #expect(dotted.contains("dotted-line report"), "the legend names what the dashed boxes are")
        #expect(dotted.components(separatedBy: "<g id=\"role-").count > plain.components(separatedBy: "<g id=\"role-").count)
        let badges = try sandbox.ok("export", "--format", "svg", "--dotted", "badges").stdout
        #expect(badges.contains("dotted to cpo (Grace Whitfield)") && !badges.contains("data-from="))
        let none = try sandbox.ok("export", "--format", "svg", "--dotted", "none").stdout
        #expect(!none.contains("dotted to ") && !none.contains("data-from="))
    }

    @Test func picturesRefuseOptionsThatDoNotApply() throws {
        let sandbox = try Sandbox.example()
        let scale = try sandbox.run("export", "--format", "svg", "--scale", "2")
        #expect(scale.status == 64 && scale.stderr.contains("--scale goes with --format png"))
        let paper = try sandbox.run("export", "--format", "png", "--paper", "a4")
        #expect(paper.status == 64 && paper.stderr.contains("--paper goes with --format pdf"))
        let title = try sandbox.run("export", "--format", "csv", "--title", "X")
        #expect(title.status == 64)
    }

    @Test func withoutTheRendererPNGSaysWhatToInstall() throws {
        let sandbox = try Sandbox.example()
        let lonely = sandbox.url("bin")
        try FileManager.default.createDirectory(at: lonely, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.binary, to: lonely.appendingPathComponent("orgctl"))
        let process = Process()
        process.executableURL = lonely.appendingPathComponent("orgctl")
        process.arguments = ["export", "--format", "png", "-o", "x.png"]
        process.currentDirectoryURL = sandbox.directory
        process.environment = ["PATH": "/nonexistent"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 69)
        #expect(message.hasPrefix("orgctl: orgctl-render is not installed next to orgctl") && message.contains("make install"))
        #expect(!sandbox.exists("x.png"), "a failed export leaves no file")
    }
}

enum SVGPoints {
    /// A number as pdfinfo prints a page side: two decimals, or none when whole.
    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
    }
}
