import Testing
@testable import OrgModel

/// An import checks the usual plain ASCII cells straight from the file's
/// bytes and everything else with the string rules every other write uses.
/// Each value here is imported alone; what is stored, or whether it is
/// refused, must be exactly what the string rules say about the cell.
@Suite("Import reads cells from bytes exactly as the string rules would")
struct ImportParityTests {
    /// The stored value, or "refused", for one cell of a one-role import.
    private func imported(_ column: String, _ cell: String, select: String) throws -> String {
        let org = try emptyDatabase()
        let header = "key,title,holder,grade,salary,currency"
        var fields = ["r1", "Analyst", "", "", "", ""]
        switch column {
        case "key": fields[0] = cell
        case "title": fields[1] = cell
        case "holder": fields[2] = cell
        case "grade": fields[3] = cell
        default: break
        }
        let quoted = fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        guard refusal({
            try org.importChart(.csv(roles: Array((header + "\n" + quoted.joined(separator: ",") + "\n").utf8),
                                     file: "roles.csv", options: ImportOptions()))
        }) == nil else { return "refused" }
        // Rows of plain cells go in without SQLite's CHECKs: they pass them all the same.
        #expect(try org.db.statement("PRAGMA integrity_check").map { $0.text(0) } == ["ok"])
        return try org.db.statement("SELECT \(select) FROM role").first([], { $0.optionalText(0) ?? "NULL" }) ?? "no row"
    }

    private func importedSalary(_ amount: String, _ currency: String) throws -> String {
        let org = try emptyDatabase()
        let row = ["r1", "Analyst", amount, currency].map { "\"" + $0 + "\"" }.joined(separator: ",")
        guard refusal({
            try org.importChart(.csv(roles: Array(("key,title,salary,currency\n" + row + "\n").utf8), file: "roles.csv", options: ImportOptions()))
        }) == nil else { return "refused" }
        #expect(try org.db.statement("PRAGMA integrity_check").map { $0.text(0) } == ["ok"])
        return try org.db.statement("SELECT coalesce(salary_minor || ' ' || currency, 'NULL') FROM role").first([], { $0.text(0) }) ?? "no row"
    }

    /// What the string rules make of a cell, after the reader trims its blanks.
    private func expected(_ body: (String) throws(OrgError) -> String?, _ cell: String) -> String {
        do {
            return try body(cell.trimmingSpaces()) ?? "NULL"
        } catch {
            return "refused"
        }
    }

    private static let texts = [
        "Analyst", "  Analyst  ", "Analyst\u{00A0}", "\u{3000}Analyst", "Ana\tlyst", "Ana\u{7F}lyst", "Ana\u{85}lyst",
        "", " ", "Caf\u{65}\u{301}", "Café", "\u{202E}evil", String(repeating: "a", count: 200),
        String(repeating: "a", count: 201), " " + String(repeating: "b", count: 200) + " ", "a\"b", "1,2",
    ]

    @Test(arguments: texts) func titles(cell: String) throws {
        let want = expected({ text throws(OrgError) in text.isEmpty ? nil : try Validation.text(text, field: "title") }, cell)
        #expect(try imported("title", cell, select: "title") == (want == "NULL" ? "refused" : want))
    }

    @Test(arguments: texts) func holders(cell: String) throws {
        #expect(try imported("holder", cell, select: "holder")
            == expected({ text throws(OrgError) in text.isEmpty ? nil : try Validation.text(text, field: "holder") }, cell))
    }

    @Test(arguments: ["a", "A.b_c-1", "R1", "a b", "é", "k\u{301}", "\u{212A}ey", String(repeating: "k", count: 64),
                      String(repeating: "k", count: 65), " key ", "key.", "-"])
    func keys(cell: String) throws {
        #expect(try imported("key", cell, select: "key") == expected({ key throws(OrgError) in try Validation.key(key) }, cell))
    }

    @Test(arguments: ["7", "+5", "007", " 7 ", "-1", "0", "1000000", "1000001", "99999999", "1e3", "7.0", "", "٣"])
    func grades(cell: String) throws {
        let want = expected({ text throws(OrgError) in
            if text.isEmpty { return nil }
            guard let number = Int(text) else { throw .invalidValue(field: "grade", value: text, hint: "") }
            return String(try Validation.grade(number))
        }, cell)
        #expect(try imported("grade", cell, select: "grade") == want)
    }

    @Test(arguments: [("100", "GBP"), ("100.5", "GBP"), ("100.50", "gbp"), ("1e3", "GBP"), ("+5", "GBP"), ("", "GBP"),
                      ("100", ""), ("", ""), ("999999999999999.99", "EUR"), ("1000000000000000", "EUR"), (" 100 ", " GBP "),
                      ("100", "GB"), ("100", "GBPX"), ("100.", "GBP"), (".5", "GBP"), ("0", "USD"), ("١٠٠", "GBP")])
    func salaries(amount: String, currency: String) throws {
        let (trimmedAmount, trimmedCurrency) = (amount.trimmingSpaces(), currency.trimmingSpaces())
        let want: String
        if trimmedAmount.isEmpty && trimmedCurrency.isEmpty {
            want = "NULL"
        } else if !trimmedAmount.isEmpty, !trimmedCurrency.isEmpty,
                  let money = try? Money(amount: trimmedAmount, currency: trimmedCurrency) {
            want = "\(money.minorUnits) \(money.currency)"
        } else {
            want = "refused"
        }
        #expect(try importedSalary(amount, currency) == want)
    }
}
