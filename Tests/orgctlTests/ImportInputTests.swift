import Foundation
import Testing
@testable import orgctl

/// `orgctl import` reads its files with a bound: a device that never ends
/// or a file too large to be a chart is refused at once, in one line,
/// instead of filling the memory.
@Suite("Import input bounds")
struct ImportInputTests {
    @Test("import /dev/zero is refused at once as binary, with exit 1",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/zero")))
    func devZero() throws {
        let sandbox = try Sandbox.example()
        let before = try sandbox.databaseBytes()
        // Killed (SIGKILL) after a few seconds: without the bound, this read
        // would go on until the memory gave out.
        let importer = try sandbox.spawn(["import", "/dev/zero"], timeout: 5)
        #expect(importer.elapsed < .seconds(5))
        expectFailure(importer.result, status: Exit.refused, mentions: ["/dev/zero", "binary, not a CSV or JSON chart"])
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test("a file with a NUL byte in its first chunk is refused as binary, the units file too")
    func binaryFile() throws {
        let sandbox = try Sandbox.example()
        try Data("key,title\nnew-one,New\u{0}\n".utf8).write(to: sandbox.url("roles.csv"))
        expectFailure(try sandbox.run("import", "roles.csv"), status: Exit.refused, mentions: ["roles.csv", "binary"])
        try Data("key,title\nnew-one,New\n".utf8).write(to: sandbox.url("good.csv"))
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]).write(to: sandbox.url("units.csv"))
        expectFailure(try sandbox.run("import", "good.csv", "--units", "units.csv"), status: Exit.refused,
                      mentions: ["units.csv", "binary"])
        #expect(try sandbox.countBelow("ceo") == 26)
    }

    @Test("a file larger than the limit (1 GiB, sparse here) is refused before it is read")
    func sparseFileOverLimit() throws {
        let sandbox = try Sandbox.example()
        let url = sandbox.url("huge.csv")
        _ = FileManager.default.createFile(atPath: url.path, contents: Data("key,title\n".utf8))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(Descriptor.inputLimit) + 1)
        try handle.close()
        let result = try CLI.run(["import", "huge.csv"], in: sandbox.directory, timeout: 10)
        expectFailure(result, status: Exit.refused, mentions: ["huge.csv", "larger than 1 GiB"])
    }

    @Test("the limit holds for a regular file and for a stream that has no size")
    func injectedLimit() throws {
        let sandbox = try Sandbox()
        let text = Data(String(repeating: "key,title\n", count: 15).utf8)   // 150 bytes
        try text.write(to: sandbox.url("roles.csv"))
        #expect(try Descriptor.readAll(sandbox.url("roles.csv").path, limit: 150) == Array(text))
        #expect(throws: OutputError.self) { try Descriptor.readAll(sandbox.url("roles.csv").path, limit: 149) }

        let pipe = Pipe()
        try pipe.fileHandleForWriting.write(contentsOf: text)
        try pipe.fileHandleForWriting.close()
        let stream = "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)"
        do {
            _ = try Descriptor.readAll(stream, limit: 100)
            Issue.record("a 150-byte stream passed a 100-byte limit")
        } catch {
            #expect(error.status == ExitStatus.refused)
            #expect(error.message == "refused: \(stream) is larger than 100 bytes, the most orgctl imports at once; import it in parts")
        }
    }
}

@Suite("Import options with a JSON chart")
struct ImportJSONOptionTests {
    @Test("--ignore-unknown-columns reaches the JSON reader, and --units with a JSON chart is a usage error")
    func jsonOptions() throws {
        let sandbox = try Sandbox()
        let document = #"{"format": "orgctl", "version": 1, "roles": [{"key": "ceo", "title": "CEO", "extra": 1}]}"#
        try Data(document.utf8).write(to: sandbox.url("chart.json"))
        try Data("key,name,kind\nit,IT,department\n".utf8).write(to: sandbox.url("units.csv"))
        let strict = try sandbox.run("import", "chart.json")
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("unknown field 'extra'"), "\(strict)")
        let withUnits = try sandbox.run("import", "chart.json", "--units", "units.csv")
        #expect(withUnits.status == 64, "\(withUnits)")
        #expect(!sandbox.exists("org.db"))
        try sandbox.ok("import", "chart.json", "--ignore-unknown-columns")
        #expect(try sandbox.ok("chain", "ceo").stdout.hasPrefix("ceo"))
    }
}
