import Foundation

/// Runs a program from PATH (poppler's pdfinfo, pdftotext, pdftoppm;
/// python3) and returns its standard output and status.
func runTool(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Whether `name` is a program on PATH, for suites that need one.
func toolIsAvailable(_ name: String) -> Bool { (try? runTool(["which", name]).status) == 0 }

/// Each word of a PDF's text with its height in points, from `pdftotext -bbox`.
func pdfWordHeights(_ pdf: URL) throws -> [(word: String, height: Double)] {
    try runTool(["pdftotext", "-bbox", pdf.path, "-"]).output
        .matches(of: /yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</)
        .map { (String($0.3), Double($0.2)! - Double($0.1)!) }
}
