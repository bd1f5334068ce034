import OrgSQLite

/// Running totals of roles, filled roles and salaries, for a team or a unit;
/// salaries are kept per currency and never added across them.
struct TeamSum {
    var roles = 0
    var filled = 0
    /// Minor units per currency, in the order currencies were met: few, so a
    /// short list beats a dictionary per open team.
    private(set) var salaries: [(currency: String, minor: Int64)] = []

    init(roles: Int = 0, filled: Int = 0) {
        self.roles = roles
        self.filled = filled
    }

    mutating func add(_ minor: Int64, currency: String) throws(OrgError) {
        if let index = salaries.firstIndex(where: { $0.currency == currency }) {
            let (total, overflow) = salaries[index].minor.addingReportingOverflow(minor)
            // Amounts are bounded one by one, not in sum: say so rather than trap.
            guard !overflow else { throw Self.tooLarge(currency) }
            salaries[index].minor = total
        } else {
            salaries.append((currency, minor))
        }
    }

    mutating func add(_ other: TeamSum) throws(OrgError) {
        roles += other.roles
        filled += other.filled
        for entry in other.salaries { try add(entry.minor, currency: entry.currency) }
    }

    static func tooLarge(_ currency: String?) -> OrgError {
        .invalidValue(field: "salary", value: currency.map { "the \($0) total" } ?? "a salary total",
                      hint: "the salaries add up to more than \(Money(minorUnits: .max, currency: "").amount) in one currency; look for a mistyped amount")
    }

    /// What SQLite's sum() says when a total passes Int64.
    static let sqliteOverflow = "integer overflow"

    /// Runs `body`, whose SQL sums salaries, turning SQLite's overflow error into ``tooLarge(_:)``.
    static func summing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError where error.message == sqliteOverflow {
            throw tooLarge(nil)
        }
    }

    var headcount: Headcount {
        Headcount(roles: roles, filled: filled, vacant: roles - filled,
                  salaryCost: salaries.sorted { $0.currency < $1.currency }.map { Money(minorUnits: $0.minor, currency: $0.currency) })
    }
}
