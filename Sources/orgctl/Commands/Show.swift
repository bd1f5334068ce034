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
        switch try database.openForReading().details(of: key) {
        case .role(let details): output.json ? out.line(DetailsJSON.role(details).text) : DetailsText.role(details, to: out)
        case .unit(let details): output.json ? out.line(DetailsJSON.unit(details).text) : DetailsText.unit(details, to: out)
        }
    }
}
