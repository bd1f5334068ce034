import Foundation
import Testing

/// Every piece of user text that a message echoes (unknown keys, option
/// values, file names, database paths, import headers and cells) reaches the
/// terminal escaped, as stored text does: a hostile value cannot send an
/// escape sequence, a bell or an invisible character.
@Suite("Terminal safety of messages")
struct TerminalSafetyTests {
    /// Sets the terminal's title and rings its bell.
    static let osc = "\u{1B}]0;pwned\u{07}"
    /// Clears the screen.
    static let csi = "\u{1B}[2J"

    /// Bytes that must never reach a terminal from a message.
    private func expectNoRawControls(_ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) {
        let raw = result.stderr.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F }
        #expect(raw.isEmpty, "raw control characters on stderr: \(result.stderr.debugDescription)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("\\u{1b}"), "the escape is shown: \(result.stderr.debugDescription)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "one line: \(result.stderr.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test("an unknown key is echoed escaped")
    func unknownKey() throws {
        let sandbox = try Sandbox.example()
        for arguments in [["chain", "ceo" + Self.osc], ["move", "cfo", "--to", Self.csi + "x"], ["show", Self.osc]] {
            let result = try sandbox.run(arguments)
            #expect(result.status != 0)
            expectNoRawControls(result)
        }
    }

    @Test("option values (currency, rung, map, dates, depth) are echoed escaped")
    func optionValues() throws {
        let sandbox = try Sandbox.example()
        try Data("key,title\nx,Engineer\n".utf8).write(to: sandbox.url("x.csv"))
        let before = try sandbox.databaseBytes()
        for arguments in [
            ["set", "role", "cfo", "--salary", "100", "--currency", "G" + Self.csi],
            ["set", "role", "cfo", "--rung", "pm" + Self.osc],
            ["print", "tree", "--as-of", "2026" + Self.osc],
            ["import", "x.csv", "--map", "key=" + Self.osc],
        ] {
            let result = try sandbox.run(arguments)
            #expect(result.status != 0)
            expectNoRawControls(result)
        }
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test("file names and database paths are echoed escaped")
    func paths() throws {
        let sandbox = try Sandbox.example()
        for arguments in [["import", "roles" + Self.osc + ".csv"], ["chain", "ceo", "--db", "x" + Self.csi + ".db"]] {
            let result = try sandbox.run(arguments)
            #expect(result.status != 0)
            expectNoRawControls(result)
        }
    }

    @Test("a hostile CSV header and cell are echoed escaped")
    func importFile() throws {
        let sandbox = try Sandbox.example()
        try Data("key,title,\(Self.osc)\nx,Engineer,1\n".utf8).write(to: sandbox.url("header.csv"))
        try Data("key,title,reports_to\nx,Engineer,boss\(Self.csi)\n".utf8).write(to: sandbox.url("cell.csv"))
        let before = try sandbox.databaseBytes()
        for file in ["header.csv", "cell.csv"] {
            let result = try sandbox.run("import", file)
            #expect(result.status == 1)
            expectNoRawControls(result)
        }
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test("invisible characters in an echoed value are shown, so 'ce\\u{200b}o' does not pass for 'ceo'")
    func invisibleCharacters() throws {
        let sandbox = try Sandbox.example()
        for (value, shown) in [("ce\u{200B}o", "ce\\u{200b}o"), ("ce\u{E0041}o", "ce\\u{e0041}o"), ("ce\u{200D}o", "ce\\u{200d}o"),
                               ("ce\u{FEFF}o", "ce\\u{feff}o"), ("ce\u{2066}o", "ce\\u{2066}o")] {
            let result = try sandbox.run("chain", value)
            #expect(result.status == 1)
            #expect(result.stderr.contains("'\(shown)'"), "\(result.stderr.debugDescription)")
        }
    }

    @Test("joiners inside emoji and non-Latin words, and emoji flags, are stored text and printed as they are")
    func legitimateJoiners() throws {
        let sandbox = try Sandbox.example()
        let names = ["👩🏽\u{200D}🍳 Cook", "می\u{200C}خواهم", "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} Scot"]
        for (index, name) in names.enumerated() {
            try sandbox.ok("add", "role", "r\(index)", "--title", "T", "--holder", name, "--reports-to", "ceo")
            let line = try sandbox.ok("print", "tree", "--root", "r\(index)").stdout
            #expect(Array(line.unicodeScalars) == Array("r\(index)  T — \(name)\n".unicodeScalars))
        }
    }

    @Test("an argument that is not valid UTF-8 is refused with exit 64, naming where, and nothing is written")
    func invalidUTF8Argument() throws {
        let sandbox = try Sandbox.example()
        let before = try sandbox.databaseBytes()
        // Process takes only Strings, so the shell makes the bytes: 'Ren' 0xE9 'e' (Latin-1 é).
        let result = try shell(in: sandbox, #"exec "$0" add role r1 --title T --holder "$(printf 'Ren\351e')" --reports-to ceo"#)
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr == "orgctl: argument 7 is not valid UTF-8 text (byte 0xE9 after 'Ren'); type it as UTF-8 (or rename the file to a UTF-8 name)\n")
        #expect(try sandbox.databaseBytes() == before)
        let title = try shell(in: sandbox, #"exec "$0" set role cfo --title "$(printf '\377')""#)
        #expect(title.status == 64)
        #expect(title.stderr.contains("byte 0xFF at its start"))
        #expect(try sandbox.databaseBytes() == before)
    }

    /// Runs `script` with /bin/sh, `$0` being orgctl, in the sandbox.
    private func shell(in sandbox: Sandbox, _ script: String) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, CLI.binary.path]
        process.currentDirectoryURL = sandbox.directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                         stderr: String(decoding: stderr, as: UTF8.self))
    }
}
