import Foundation
import Testing
@testable import OrgModel

/// CSV as HR systems and spreadsheets write it: other delimiters, BOMs,
/// UTF-16, Windows-1252 and Latin-1; bytes that are not text refused.
@Suite struct CSVAsItComesTests {
    private func roles(_ bytes: [UInt8], _ options: ImportOptions = ImportOptions()) throws -> [[String?]] {
        let source = try ImportSource.csv(roles: bytes, file: "hr.csv", options: options)
        return source.roles.indices.map { index in
            [source.roles[index][.key], source.roles[index][.title], source.roles[index][.holder], source.roles[index][.reportsTo]]
        }
    }

    private let expected: [[String?]] = [["ceo", "Chief Executive", "Zoë Ångström", ""], ["cto", "CTO; Technology", "Renée Œster", "ceo"]]

    @Test(arguments: [",", ";", "\t"])
    func theDelimiterIsFoundFromTheHeader(delimiter: String) throws {
        let d = delimiter
        let csv = "key\(d)title\(d)holder\(d)reports_to\r\nceo\(d)Chief Executive\(d)Zoë Ångström\(d)\r\ncto\(d)\"CTO; Technology\"\(d)Renée Œster\(d)ceo\r\n"
        #expect(try roles(Array(csv.utf8)) == expected)
    }

    @Test func aDelimiterGivenWinsOverTheHeader() throws {
        let csv = "key;title\nceo;Chief, Executive\n"
        let source = try ImportSource.csv(roles: Array(csv.utf8), file: "hr.csv", options: ImportOptions(delimiter: ";"))
        #expect(source.roles[0][.title] == "Chief, Executive")
    }

    @Test func utf8WithABOMAndUTF16WithABOMReadTheSame() throws {
        let csv = "key,title,holder,reports_to\nceo,Chief Executive,Zoë Ångström,\ncto,\"CTO; Technology\",Renée Œster,ceo\n"
        #expect(try roles([0xEF, 0xBB, 0xBF] + Array(csv.utf8)) == expected)
        let little: [UInt8] = [0xFF, 0xFE] + csv.utf16.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + csv.utf16.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        #expect(try roles(little) == expected)
        #expect(try roles(big) == expected)
    }

    @Test func windows1252AndLatin1AreTranscodedWhenNamed() throws {
        // "Renée Œster" and a euro sign in Windows-1252; "Zoë" in Latin-1.
        let windows: [UInt8] = Array("key,title,holder\nceo,".utf8) + [0x80] + Array(" Chief,Ren".utf8) + [0xE9, 0x65, 0x20, 0x8C] + Array("ster\n".utf8)
        let read = try ImportSource.csv(roles: windows, file: "hr.csv", options: ImportOptions(encoding: .windows1252))
        #expect(read.roles[0][.holder] == "Renée Œster")
        #expect(read.roles[0][.title] == "€ Chief")
        let latin: [UInt8] = Array("key,title,holder\nceo,Chief,Zo".utf8) + [0xEB] + Array("\n".utf8)
        #expect(try ImportSource.csv(roles: latin, file: "hr.csv", options: ImportOptions(encoding: .latin1)).roles[0][.holder] == "Zoë")
    }

    @Test func latin1WithoutAnEncodingIsRefusedAtItsLineAndNothingIsStored() throws {
        let org = try exampleDatabase()
        let recorded = try org.history().count
        let latin: [UInt8] = Array("key,title,holder\nnew-role,Analyst,Zo".utf8) + [0xEB] + Array("\n".utf8)
        let error = refusal {
            try org.importChart(.csv(roles: latin, file: "hr.csv", options: ImportOptions()))
        }
        guard case .importFailed(let file, let line, _, let message)? = error else {
            Issue.record("not refused as an import failure: \(String(describing: error))")
            return
        }
        #expect(file == "hr.csv" && line == 2)
        #expect(message.contains("name its encoding"))
        #expect(try org.history().count == recorded)
        #expect(refusal { try org.role("new-role") } != nil)
    }

    @Test func brokenUTF16IsRefusedAtItsLine() throws {
        // A lone high surrogate on line 2.
        let units: [UInt16] = Array("key,title\nceo,".utf16) + [0xD800] + Array("x\n".utf16)
        let bytes: [UInt8] = [0xFF, 0xFE] + units.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(throws: OrgError.importFailed(file: "hr.csv", line: 2, column: nil,
                                              message: "the file is UTF-16 with a broken character on this line; save it as UTF-8 and try again")) {
            try ImportSource.csv(roles: bytes, file: "hr.csv", options: ImportOptions())
        }
    }
}

/// A real HR export: Oracle's sample HR schema's EMPLOYEES table, as its
/// columns come, mapped onto the chart.
@Suite struct OracleHRShapeTests {
    static let fixture = #filePath.split(separator: "/").dropLast(2).joined(separator: "/") + "/Fixtures/hr/oracle-hr-employees.csv"

    private func options(createUnits: Bool = true) -> ImportOptions {
        var options = ImportOptions(columnMap: ["EMPLOYEE_ID": "key", "FIRST_NAME+LAST_NAME": "holder", "JOB_ID": "title",
                                                "MANAGER_ID": "reports_to", "DEPARTMENT_ID": "unit", "COMMISSION_PCT": "-"],
                                    ignoreUnknownColumns: true)
        options.defaults = ["currency": "USD"]
        options.createUnits = createUnits
        return options
    }

    private func bytes() throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: "/" + Self.fixture)))
    }

    @Test func importsWithMapsDefaultsAndDepartmentsAsUnits() throws {
        let org = try emptyDatabase()
        let report = try org.importChart(.csv(roles: bytes(), file: "employees.csv", options: options()), options: options())
        #expect(report.rolesAdded == 12)
        #expect(report.unitsAdded == 5)
        let king = try org.role("100")
        #expect(king.holder == "Steven King")
        #expect(king.title == "AD_PRES")
        #expect(king.salary == Money(minorUnits: 24_000_00, currency: "USD"))
        #expect(try org.role("102").holder == "Lex De Haan")
        #expect(try org.role("104").reportsTo == "103")
        #expect(try org.role("104").unit == "60")
        #expect(try org.role("178").unit == nil)
        // Department 100 shares its number with employee 100: keys are shared.
        #expect(try org.role("108").unit == "dept-100")
        #expect(try org.unit("dept-100").name == "100")
    }

    @Test func withoutCreateUnitsTheUnknownDepartmentIsRefusedAndNothingIsStored() throws {
        let org = try emptyDatabase()
        let error = refusal { try org.importChart(.csv(roles: bytes(), file: "employees.csv", options: options(createUnits: false)),
                                                  options: options(createUnits: false)) }
        #expect(error != nil)
        #expect(try org.isEmpty())
    }

    @Test func aSalaryWithoutACurrencyIsRefusedWithoutTheDefault() throws {
        let org = try emptyDatabase()
        var options = options()
        options.defaults = [:]
        #expect(refusal { try org.importChart(.csv(roles: bytes(), file: "employees.csv", options: options), options: options) } != nil)
        #expect(try org.isEmpty())
    }

    @Test func aColumnMappedToDashIsIgnored() throws {
        let csv = "key,title,SALARY\nceo,Chief,100\n"
        let options = ImportOptions(columnMap: ["SALARY": "-"])
        let source = try ImportSource.csv(roles: Array(csv.utf8), file: "hr.csv", options: options)
        #expect(source.roles[0][.salary] == nil)
    }
}
