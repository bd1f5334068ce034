import OrgModel

/// `stats` as text and JSON.
enum StatsText {
    static func write(_ stats: OrgStats, to out: OutputSink) {
        out.line(stats.unit.map { "Unit \($0) and the units inside it" } ?? "The whole organisation")
        out.line("  roles:      \(HeadcountText.counts(stats.headcount))")
        out.line("  salaries:   \(HeadcountText.money(stats.headcount.salaryCost))")
        let span = stats.span
        out.line("  span:       \(span.managers) managers; direct reports min \(span.min), median \(number(span.median)), max \(span.max); \(span.managersOverLimit) over \(span.limit)")
        out.line("  depth:      \(stats.maxDepth) levels below the top")
        out.line("  PMOs:       " + byType(stats.pmosByType))
        out.line("  PMs under:  " + byType(stats.governedManagersByPMOType) + " PMOs (heads of governed units)")
        guard !stats.units.isEmpty else { return }
        out.line("")
        let table = [["unit", "in the unit", "with sub-units", "salary cost with sub-units"]]
            + stats.units.map { [$0.unit, HeadcountText.counts($0.direct), HeadcountText.counts($0.total), HeadcountText.money($0.total.salaryCost)] }
        let widths = (0..<3).map { column in table.map { $0[column].count }.max() ?? 0 }
        for row in table {
            out.line(TerminalText.safe("  " + (0..<3).map { row[$0].padded(widths[$0]) }.joined(separator: "  ") + "  " + row[3]))
        }
    }

    static func json(_ stats: OrgStats) -> JSON {
        .object([
            ("unit", .optional(stats.unit)),
            ("headcount", JSON.headcount(stats.headcount)),
            ("span", .object([("managers", .int(stats.span.managers)), ("min", .int(stats.span.min)),
                              ("median", .string(number(stats.span.median))), ("max", .int(stats.span.max)),
                              ("limit", .int(stats.span.limit)), ("managersOverLimit", .int(stats.span.managersOverLimit))])),
            ("maxDepth", .int(stats.maxDepth)),
            ("pmosByType", countsJSON(stats.pmosByType)),
            ("governedManagersByPMOType", countsJSON(stats.governedManagersByPMOType)),
            ("units", .array(stats.units.map { row in
                .object([("key", .string(row.unit)), ("name", .string(row.name)), ("kind", .string(row.kind.rawValue)),
                         ("direct", JSON.headcount(row.direct)), ("total", JSON.headcount(row.total))])
            })),
        ])
    }

    private static func countsJSON(_ counts: [String: Int]) -> JSON {
        .object(PMOType.allCases.map { ($0.rawValue, .int(counts[$0.rawValue] ?? 0)) })
    }

    private static func byType(_ counts: [String: Int]) -> String {
        PMOType.allCases.map { "\(counts[$0.rawValue] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension String {
    func padded(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
