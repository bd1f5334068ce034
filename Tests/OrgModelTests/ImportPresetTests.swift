import Testing
@testable import OrgModel

/// Presets read HR systems' exports by their own column names; --map overrides.
@Suite struct ImportPresetTests {
    @Test func bambooHRsColumnsAreRead() throws {
        let csv = "Employee #,First Name,Last Name,Job Title,Supervisor EID,Department,Pay Rate\n7,Ann,Lee,CEO,,Board,100\n8,Bo,Ng,CTO,7,Tech,90\n"
        var options = ImportOptions(ignoreUnknownColumns: true)
        options.preset = .bamboohr
        let source = try ImportSource.csv(roles: Array(csv.utf8), file: "bamboo.csv", options: options)
        #expect(source.roles[1][.key] == "8")
        #expect(source.roles[1][.holder] == "Bo Ng")
        #expect(source.roles[1][.title] == "CTO")
        #expect(source.roles[1][.reportsTo] == "7")
        #expect(source.roles[1][.unit] == "Tech")
    }

    @Test func aMapOverridesThePresetAndMissingColumnsAreLeftOut() throws {
        let csv = "Badge,ID,Employee Name,Job Title\nb1,1,Ann Lee,CEO\n"
        var options = ImportOptions(columnMap: ["Badge": "key", "ID": "-"])
        options.preset = .odoo
        let source = try ImportSource.csv(roles: Array(csv.utf8), file: "odoo.csv", options: options)
        #expect(source.roles[0][.key] == "b1")
        #expect(source.roles[0][.holder] == "Ann Lee")
        #expect(source.roles[0][.reportsTo] == nil)
    }

    @Test(arguments: ImportPreset.allCases)
    func everyPresetMapsKeyHolderTitleAndManager(preset: ImportPreset) {
        let fields = Set(preset.columnMap.values)
        #expect(fields.isSuperset(of: ["key", "holder", "title", "reports_to", "unit"]))
    }
}
