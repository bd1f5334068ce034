import Testing
@testable import OrgModel

/// A CSV file without joined columns or defaults has its cells copied from
/// the file's bytes in place; any other goes cell by cell through slices.
/// Both must read every cell alike: blank and non-ASCII ends, formula
/// guards, undoubled quotes, short records.
@Suite struct CSVPlainCellsTests {
    private static let cells = [
        "Analyst", " Analyst", "Analyst ", "\u{00A0}Analyst", "Analyst\u{3000}", "Café", "élan", "'=SUM(A1)", "'+1", "'-x",
        "'", "''", "'é", "a\"b", "\"quoted\"", "1,2", "", " ", "x\u{301}", "Line\nbreak", "\t tab",
    ]

    /// The file's rows: each cell in the holder and title columns, with a
    /// record short of its last fields every fifth row.
    private static func file() -> [UInt8] {
        var text = "key,title,holder,grade\n"
        for (index, cell) in cells.enumerated() {
            let quoted = "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            text += index % 5 == 4 ? "r\(index),\(quoted)\n" : "r\(index),\(quoted),\(quoted),\(index)\n"
        }
        return Array(text.utf8)
    }

    private func records(_ options: ImportOptions) throws -> [[String?]] {
        let source = try ImportSource.csv(roles: Self.file(), file: "roles.csv", options: options)
        return source.roles.indices.map { index in
            [.key, .title, .holder, .grade].map { source.roles.string(index, $0) }
        }
    }

    @Test func cellsReadInPlaceAreTheCellsReadOneByOne() throws {
        var withDefault = ImportOptions()
        // A default for a column the file lacks turns the in-place copy off
        // and changes no cell read here.
        withDefault.defaults = ["rung": "pmo-analyst"]
        let inPlace = try records(ImportOptions())
        #expect(inPlace == (try records(withDefault)))
        #expect(inPlace.count == Self.cells.count)
        // Spot checks on what the rules make of the awkward ones.
        #expect(inPlace[1][1] == "Analyst")
        #expect(inPlace[7][1] == "=SUM(A1)")
        #expect(inPlace[13][2] == "a\"b")
        #expect(inPlace[4][2] == "", "a short record reads its missing cells as empty")
    }
}
