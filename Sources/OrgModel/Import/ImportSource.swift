/// What an import reads: roles and units as text fields, each with the line
/// of the file it came from, before any checking.
public struct ImportSource: Sendable {
    /// The fields a role record may hold, by their column names.
    public enum RoleField: Int, CaseIterable, Sendable {
        case key, title, holder, reportsTo, unit, dottedTo, grade, salary, currency, rung

        /// The column name in CSV files.
        public var column: String {
            switch self {
            case .reportsTo: "reports_to"
            case .dottedTo: "dotted_to"
            default: String(describing: self)
            }
        }
    }

    /// The fields a unit record may hold, by their column names.
    public enum UnitField: Int, CaseIterable, Sendable {
        case key, name, kind, pmoType, parent, head, governedBy

        /// The column name in CSV files.
        public var column: String {
            switch self {
            case .pmoType: "pmo_type"
            case .governedBy: "governed_by"
            default: String(describing: self)
            }
        }
    }

    /// One record: a value per field, nil where the file has no such column.
    public struct Record<Field: RawRepresentable & CaseIterable>: Sendable where Field.RawValue == Int {
        public var line: Int
        var values: [String?]

        init(line: Int) {
            self.line = line
            values = Array(repeating: nil, count: Field.allCases.count)
        }

        /// The value of `field`: nil when absent, trimmed otherwise.
        public subscript(field: Field) -> String? {
            get { values[field.rawValue] }
            set { values[field.rawValue] = newValue }
        }

        /// The value of `field`, nil when absent or empty.
        func nonEmpty(_ field: Field) -> String? {
            values[field.rawValue].flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// The file the roles came from, for messages.
    public var rolesFile: String
    public var roles: [Record<RoleField>]
    /// The file the units came from (the roles file for JSON).
    public var unitsFile: String
    public var units: [Record<UnitField>]
}

/// How to read the columns of a file and what to do with existing keys.
public struct ImportOptions: Sendable {
    /// Column names in the file mapped onto orgctl's fields (`--map SOURCE=FIELD`).
    public var columnMap: [String: String]
    /// Columns that are neither orgctl fields nor mapped are ignored instead of refused.
    public var ignoreUnknownColumns: Bool
    /// Existing keys are updated instead of refused.
    public var update: Bool
    /// Everything is checked and counted, then nothing is written.
    public var dryRun: Bool

    public init(columnMap: [String: String] = [:], ignoreUnknownColumns: Bool = false, update: Bool = false, dryRun: Bool = false) {
        self.columnMap = columnMap
        self.ignoreUnknownColumns = ignoreUnknownColumns
        self.update = update
        self.dryRun = dryRun
    }
}

/// What an import did (or, in a dry run, would do).
public struct ImportReport: Sendable, Equatable, Codable {
    public var rolesAdded = 0
    public var rolesUpdated = 0
    public var rolesMoved = 0
    public var unitsAdded = 0
    public var unitsUpdated = 0
    public var dottedLinesAdded = 0
    public var dottedLinesRemoved = 0
    public var governanceAdded = 0
    /// True when nothing was written.
    public var dryRun = false

    /// True when the import added, changed and removed nothing.
    public var changesNothing: Bool {
        rolesAdded + rolesUpdated + rolesMoved + unitsAdded + unitsUpdated + dottedLinesAdded + dottedLinesRemoved
            + governanceAdded == 0
    }
}
