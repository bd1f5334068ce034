import ArgumentParser
import OrgModel

/// `orgctl init`: create a database, optionally with an example organisation.
struct Init: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty database, or one holding an example organisation.",
        discussion: "Refuses a database that already holds roles or units.")
    static let example = """
          orgctl init --db acme.db
          orgctl init --example enterprise-pmo
        """

    @OptionGroup var database: WriteOptions

    @Option(help: "Fill the new database with this example organisation.")
    var example: ExampleOrganisation?

    func run(writingTo out: OutputSink) throws {
        let org = try database.openForWriting()
        try org.initialise(with: example)
        if let example {
            out.line("Created \(database.path) with the \(example.rawValue) example organisation.")
            out.line("Try: orgctl print tree" + (database.database.explicitPath.map { " --db \($0)" } ?? ""))
        } else {
            out.line("Created \(database.path). Add a first role with: orgctl add role ceo --title \"Chief Executive Officer\"")
        }
    }
}
