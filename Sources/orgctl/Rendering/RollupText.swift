import OrgModel

/// Team roll-ups as text and JSON.
enum RollupText {
    /// One role's team, as a short block.
    static func write(_ rollup: Rollup, to out: OutputSink) {
        out.line(RoleText.line(rollup.role))
        out.line(TerminalText.safe("  team:      \(HeadcountText.counts(rollup.team, noun: "roles")): \(rollup.role.key) and \(rollup.below) below, \(rollup.directReports) direct"))
        out.line("  salaries:  " + TerminalText.safe(HeadcountText.money(rollup.team.salaryCost)))
    }

    /// One line per manager, indented by depth like `print tree`.
    static func line(_ rollup: Rollup) -> String {
        String(repeating: "  ", count: rollup.depth) + TerminalText.safe(
            "\(rollup.role.key)  \(HeadcountText.counts(rollup.team, noun: "roles")), \(rollup.directReports) direct; salaries "
                + HeadcountText.money(rollup.team.salaryCost))
    }

    static func json(_ rollup: Rollup) -> JSON {
        JSON.role(rollup.role, depth: rollup.depth, extra: [
            ("directReports", .int(rollup.directReports)),
            ("below", .int(rollup.below)),
            ("team", JSON.headcount(rollup.team)),
        ])
    }
}
