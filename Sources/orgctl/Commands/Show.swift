import ArgumentParser
import OrgModel

/// `orgctl show KEY`.
struct Show: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show everything about one role or unit.")
    static let example = """
          orgctl show pm-payments
          orgctl show pmo-it --json
        """

    @OptionGroup var database: ReadOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "A role's or a unit's key.") var key: String

    func run(writingTo out: OutputSink) throws {
        let org = try database.openForReading()
        switch try org.details(of: key) {
        case .role(let details):
            let role = details.role
            let names = try org.references(for: details.chain + details.dottedTo + details.dottedReports + details.heads + details.assistants
                + [role.reportsTo, role.unit].compactMap { $0 })
            output.json ? out.line(DetailsJSON.role(details, names: names).text) : DetailsText.role(details, names: names, to: out)
        case .unit(let details):
            let names = try org.references(for: details.within + details.subUnits + details.governs + [details.governedBy].compactMap { $0 })
            output.json ? out.line(DetailsJSON.unit(details, names: names).text) : DetailsText.unit(details, names: names, to: out)
        }
    }
}
