import OrgSQLite

/// SQLite's CHECK constraints on the role table (the key's characters by
/// GLOB, the lengths of texts, the currency's letters) cost a new role more
/// than the rest of its insert: at a million roles, nearly three seconds of
/// SQLite's time. An import proves the values itself, by the CHECKs' own
/// rules (``passes(text:)`` and the others here, `PlainCell` for plain
/// cells; ids, paths and depths it makes pass by construction), so a batch
/// of rows whose every value is proven goes in with
/// `ignore_check_constraints` on. Any other batch goes in with the checks,
/// so a value only a CHECK would refuse is refused as it always was, with
/// SQLite's own error; `PRAGMA integrity_check`, which checks CHECKs, holds
/// the proven rows to them in `ImportParityTests`.
///
/// Switching the pragma makes SQLite compile the connection's statements
/// again, so a file that mixes proven and other batches stops switching
/// after `maximumSwitches` and is checked throughout.
struct CheckSkipping {
    private let db: Connection
    private(set) var skipping = false
    private var switches = 0

    /// How often the pragma is switched in one load at most.
    static let maximumSwitches = 16

    init(db: Connection) {
        self.db = db
    }

    /// Sets the checks for the next batch: skipped when `skipping` (the
    /// batch is proven) and switching is still allowed; always on otherwise.
    mutating func use(skipping wanted: Bool) throws {
        if wanted && !skipping && switches < Self.maximumSwitches {
            try set(true)
        } else if !wanted && skipping {
            try set(false)
        }
    }

    /// Turns the checks back on: every other statement runs with them.
    mutating func end() throws {
        if skipping { try set(false) }
    }

    /// `CHECK (length(x) BETWEEN 1 AND 200)`: SQLite counts characters up
    /// to the first NUL, so a text holding one is left to SQLite.
    static func passes(text: String) -> Bool {
        !text.utf8.contains(0) && (1...200).contains(text.unicodeScalars.count)
    }

    /// `CHECK (salary_minor >= 0)`, `CHECK (currency GLOB '[A-Z][A-Z][A-Z]')`
    /// and `CHECK ((salary_minor IS NULL) = (currency IS NULL))`.
    static func passes(minor: SQLValue, currency: SQLValue) -> Bool {
        switch (minor, currency) {
        case (.null, .null): true
        case (.integer(let minor), .text(let code)):
            minor >= 0 && code.utf8.count == 3 && code.utf8.allSatisfy { $0 &- UInt8(ascii: "A") < 26 }
        default: false
        }
    }

    /// The rungs the role table's `CHECK (rung IN (…))` lists.
    static let rungs: Set<String> = ["pmo-coordinator", "pmo-analyst", "pmo-manager", "pmo-director", "chief-project-officer",
                                     "project-manager", "programme-manager", "portfolio-manager", "head-of-projects"]

    /// `CHECK (rung IN (…))`; NULL passes.
    static func passes(rung: SQLValue) -> Bool {
        switch rung {
        case .null: true
        case .text(let value): rungs.contains(value)
        default: false
        }
    }

    private mutating func set(_ skip: Bool) throws {
        try db.execute(script: skip ? "PRAGMA ignore_check_constraints = ON" : "PRAGMA ignore_check_constraints = OFF")
        skipping = skip
        switches += 1
    }
}
