import ArgumentParser
import OrgModel

/// `orgctl compare A B`.
struct Compare: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Say which of two roles (or units, through their heads) is higher, and why.")
    static let example = """
          orgctl compare pmo-it pm-payments
          orgctl compare pm-warehouse pmo-ops-manager --json
        """

    @OptionGroup var database: ReadOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "A role's or a unit's key.") var first: String
    @Argument(help: "Another role's or unit's key.") var second: String

    func run(writingTo out: OutputSink) throws {
        try Self.run(first, second, in: database.openForReading(), json: output.json, writingTo: out)
    }

    /// The command's work on plain values, shared with its plain form read
    /// by hand (``PointCommand``).
    static func run(_ first: String, _ second: String, in org: ChartSnapshot, json: Bool, writingTo out: OutputSink) throws {
        let result = try org.compare(first, second)
        guard json else {
            out.line(TerminalText.safe(result.explanation) + ".")
            return
        }
        let names = try org.references(for: result.commonManager.map { [$0] } ?? [])
        let side = { (role: ComparedRole) -> JSON in
            .object([("key", .string(role.key)), ("title", .string(role.title)), ("unit", .optional(role.unit ?? role.sitsIn)),
                     ("depth", .int(role.depth)), ("rung", .optional(role.rung?.rawValue)), ("grade", .optional(role.grade)),
                     ("holder", .optional(role.holder)), ("sitsIn", .optional(role.sitsIn))])
        }
        let higher = result.higher.map { $0 == .first ? result.first.key : result.second.key }
        out.line(JSON.object([
            ("first", side(result.first)), ("second", side(result.second)),
            ("higher", .optional(higher)), ("basis", .string(result.basis.rawValue)),
            ("levels", .optional(result.levels)), ("commonManager", .optional(result.commonManager)),
            ("firstDistance", .optional(result.firstDistance)), ("secondDistance", .optional(result.secondDistance)),
            ("explanation", .string(result.explanation)),
            ("commonManagerRef", .reference(result.commonManager, in: names)),
        ]).text)
    }
}
