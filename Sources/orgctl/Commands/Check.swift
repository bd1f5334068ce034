import ArgumentParser
import OrgModel

/// `orgctl check`.
struct Check: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the chart against the PMO rules; exit 1 when any error is found.",
        discussion: "Errors break what a PMO's type means for who reports to whom; warnings (span, depth, vacancies, ladder) are worth a look and exit 0.")
    static let example = """
          orgctl check
          orgctl check --max-span 8 --max-depth 6 --json
        """

    @OptionGroup var database: ReadOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Most direct reports a manager should have.", valueName: "n")) var maxSpan = 10
    @Option(help: ArgumentHelp("Deepest a reporting chain should be, in levels below the top.", valueName: "n")) var maxDepth = 12

    func validate() throws {
        if maxSpan < 1 { throw ValidationError("--max-span must be 1 or more, not \(maxSpan)") }
        if maxDepth < 1 { throw ValidationError("--max-depth must be 1 or more, not \(maxDepth)") }
    }

    func run(writingTo out: OutputSink) throws {
        let org = try database.openForReading()
        let findings = try org.check(limits: CheckLimits(maxSpan: maxSpan, maxDepth: maxDepth))
        let names = try org.references(for: findings.flatMap { $0.roles + $0.units })
        let message = { (finding: Finding) in
            NamedText.label(FindingText.message(finding), keys: finding.roles + finding.units, in: names)
        }
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.count - errors
        if output.json {
            out.line(JSON.object([
                ("errors", .int(errors)), ("warnings", .int(warnings)),
                ("findings", .array(findings.map { finding in
                    .object([("severity", .string(finding.severity.rawValue)), ("rule", .string(finding.rule.rawValue)),
                             ("roles", .keys(finding.roles)), ("units", .keys(finding.units)),
                             ("message", .string(message(finding))), ("remedy", RemedyText.json(finding.remedy)),
                             ("roleRefs", .references(finding.roles, in: names)),
                             ("unitRefs", .references(finding.units, in: names))])
                })),
            ]).text)
        } else {
            for finding in findings {
                out.line(TerminalText.safe("\(finding.severity.rawValue) [\(finding.rule.rawValue)] \(message(finding))"))
            }
            out.line("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s").")
        }
        if errors > 0 { throw ExitCode(ExitStatus.refused) }
    }
}
