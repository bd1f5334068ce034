import OrgModel

/// Headcount and salary cost as `stats` and `rollup` write them.
enum HeadcountText {
    /// `12 (10 filled, 2 vacant)`, or `12 roles (…)` with a noun.
    static func counts(_ count: Headcount, noun: String? = nil) -> String {
        "\(count.roles)\(noun.map { " " + $0 } ?? "") (\(count.filled) filled, \(count.vacant) vacant)"
    }

    /// Salary cost per currency, never added across currencies.
    static func money(_ amounts: [Money]) -> String {
        amounts.isEmpty ? "none recorded" : amounts.map { "\($0.amount) \($0.currency)" }.joined(separator: " + ")
    }
}
