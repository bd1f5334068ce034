import ArgumentParser
import OrgModel

/// `orgctl units`.
struct Units: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "units",
        abstract: "List the units as a tree: kind, PMO type, head, governing PMO and headcount.")
    static let example = """
          orgctl units
          orgctl units --json
        """

    @OptionGroup var database: ReadOptions
    @OptionGroup var output: OutputOptions

    func run(writingTo out: OutputSink) throws {
        let entries = try database.openForReading().unitTree()
        if output.json {
            out.line(JSON.object([
                ("count", .int(entries.count)),
                ("units", .array(entries.map(UnitTreeText.json))),
            ]).text)
            return
        }
        if entries.isEmpty {
            out.line("No units yet; add one with 'orgctl add unit KEY --name NAME --kind KIND'.")
            return
        }
        let names = Dictionary(entries.map { ($0.unit.key, $0.unit.name) }, uniquingKeysWith: { first, _ in first })
        for entry in entries { out.line(UnitTreeText.line(entry, names: names)) }
    }
}
