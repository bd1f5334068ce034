import Testing
@testable import OrgModel

@Suite("CSVReader")
struct CSVReaderTests {
    private func read(_ text: String) throws -> [CSVReader.Record] {
        try CSVReader.records(Array(text.utf8))
    }

    private func failure(_ text: String) -> CSVReader.Failure? {
        do {
            _ = try CSVReader.records(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("quoted fields hold commas and doubled quotes")
    func quotedCommasAndQuotes() throws {
        let records = try read("a,\"b,c\",d\n\"say \"\"hi\"\"\",\"\",x\n")
        #expect(records.map(\.fields) == [["a", "b,c", "d"], ["say \"hi\"", "", "x"]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test("an embedded LF keeps the line numbers of later records right")
    func embeddedLF() throws {
        let records = try read("h1,h2\n\"x\ny\",z\nnext,row\n\"1\n2\n3\",w\nlast,one\n")
        #expect(records.map(\.fields) == [["h1", "h2"], ["x\ny", "z"], ["next", "row"], ["1\n2\n3", "w"], ["last", "one"]])
        #expect(records.map(\.line) == [1, 2, 4, 5, 8])
    }

    @Test("an embedded CRLF in a CRLF file is kept and counted as one line")
    func embeddedCRLF() throws {
        let records = try read("h\r\n\"a\r\nb\"\r\nc\r\n")
        #expect(records.map(\.fields) == [["h"], ["a\r\nb"], ["c"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test("CRLF and LF files read the same", arguments: ["\n", "\r\n"])
    func lineEnds(_ end: String) throws {
        let records = try read("key,title" + end + "a,A" + end + "b,B" + end)
        #expect(records.map(\.fields) == [["key", "title"], ["a", "A"], ["b", "B"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test("a file without a final newline still gives its last record")
    func noFinalNewline() throws {
        #expect(try read("a,b\nc,").map(\.fields) == [["a", "b"], ["c", ""]])
    }

    @Test("a UTF-8 byte-order mark is skipped")
    func byteOrderMark() throws {
        let records = try CSVReader.records([0xEF, 0xBB, 0xBF] + Array("key,title\r\nx,Ä\r\n".utf8))
        #expect(records.map(\.fields) == [["key", "title"], ["x", "Ä"]])
    }

    @Test("blank lines are skipped and do not shift line numbers", arguments: ["\n", "\r\n"])
    func blankLines(_ end: String) throws {
        let records = try read("a" + end + end + end + "b" + end + end)
        #expect(records.map(\.fields) == [["a"], ["b"]])
        #expect(records.map(\.line) == [1, 4])
    }

    @Test("an unclosed quote is refused with the line it opens on")
    func unclosedQuote() {
        let error = failure("a,b\nc,d\n\"open,\nmore\n")
        #expect(error?.line == 3)
        #expect(error?.message.contains("never closed") == true)
    }

    @Test("a stray quote inside an unquoted field is refused with its line")
    func strayQuote() {
        let error = failure("a,b\r\n\"x\r\ny\",z\r\nc,d\"e\r\n")
        #expect(error?.line == 4)
        #expect(error?.message.contains("quote") == true)
    }

    @Test("text after a closing quote is refused with its line")
    func textAfterClosingQuote() {
        let error = failure("a\n\"b\"c\n")
        #expect(error?.line == 2)
    }

    @Test("quoted() leaves plain fields alone and quotes the rest so they read back")
    func quotedRoundTrip() throws {
        #expect(CSVReader.quoted("plain") == "plain")
        #expect(CSVReader.quoted("a,b") == "\"a,b\"")
        #expect(CSVReader.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        let fields = ["plain", "a,b", "say \"hi\"", "x\ny", "r\r\nn", " lead", "trail ", "", "😀"]
        let line = fields.map(CSVReader.quoted).joined(separator: ",") + "\r\n"
        #expect(try read(line).first?.fields == fields)
    }

    @Test("FormulaGuard prefixes formula triggers with an apostrophe",
          arguments: ["=1+2", "+1", "-x", "@SUM(1)", "=cmd|' /C calc'!A0"])
    func neutralises(_ cell: String) {
        #expect(FormulaGuard.neutralised(cell) == "'" + cell)
        #expect(FormulaGuard.restored(FormulaGuard.neutralised(cell)) == cell)
    }

    @Test("FormulaGuard round-trips every cell, apostrophes included",
          arguments: ["", "'", "''", "'abc", "'=x", "''=x", "'+", "plain", "a=b", "x-", "😀", "=", "-", "@", "'-1"])
    func roundTrip(_ cell: String) {
        #expect(FormulaGuard.restored(FormulaGuard.neutralised(cell)) == cell)
    }

    @Test("FormulaGuard leaves harmless cells alone")
    func harmless() {
        #expect(FormulaGuard.neutralised("plain") == "plain")
        #expect(FormulaGuard.neutralised("'abc") == "'abc")
        #expect(FormulaGuard.neutralised("") == "")
        #expect(FormulaGuard.restored("'abc") == "'abc")
        #expect(FormulaGuard.neutralised("'=x") == "''=x")
    }

    /// The export writes records byte by byte for speed; it must write
    /// exactly what the character rules above say, and read back the same.
    @Test("CSV export lines equal the character-based rules, and read back")
    func exportLines() throws {
        let cells = ["plain", "a,b", "say \"hi\"", "x\ny", "r\r\nn", " lead", "trail ", "", "😀", "=1+2", "+1", "-x", "@SUM(1)",
                     "'", "''", "'=x", "''=x", "'+", "a=b", "=\u{301}x", "'\u{301}=", " =x", "= ", "\r=", "\"=\"", "é=", "Chloé Bernard",
                     "'-1", "-", ",", " ", "x\u{301}", "\u{301}"]
        var random = SplitMix64(seed: 9)
        for _ in 0..<500 {
            let row = (0..<10).map { _ in random.pick(cells)! + (random.chance(30) ? random.pick(cells)! : "") }
            let expected = row.map { CSVReader.quoted(FormulaGuard.neutralised($0)) }.joined(separator: ",") + "\r\n"
            let line = CSVChartWriter.line(row)
            try #require(line == expected, "\(row)")
            #expect(try read(line).first?.fields.map(FormulaGuard.restored) == row)
        }
    }
}
