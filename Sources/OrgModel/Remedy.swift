/// What would fix a problem, as data: an error, a `check` finding or a note of
/// a plan says what is wrong in words and, where it can, which change would
/// put it right. A program built on OrgModel turns a remedy into its own
/// control (a button, a form, a command line); `nil` in a key means the
/// person has to choose it.
public enum Remedy: Sendable, Equatable, Hashable, Codable {
    /// Move `role` (solid line) to manager `to`, or to a manager to choose.
    case moveRole(role: String, to: String?)
    /// Add a dotted line from `role` to manager `to`, or to a manager to choose.
    case addDottedLine(role: String, to: String?)
    /// Make `role` (or a role to choose) the head of `unit`.
    case setUnitHead(unit: String, role: String?)
    /// Give the vacant `role` a holder.
    case fillRole(role: String)
    /// Give `unit` (or a PMO to choose) a PMO type: one of `oneOf`.
    case setPMOType(unit: String?, oneOf: [PMOType])
    /// Remove the PMO type given to `unit`, or make it a PMO.
    case dropPMOType(unit: String)
    /// Stop `pmo` governing `unit`.
    case removeGovernance(pmo: String, unit: String)
    /// Use a key other than `key`, or change what already has it.
    case chooseAnotherKey(key: String, takenBy: OrgError.KeyKind)
    /// Name a different manager for `role`: not itself, and outside `outside`'s tree when given.
    case chooseAnotherManager(role: String, outside: String?)
    /// Give the reports of `role` a new manager (`to`, or one to choose).
    case reassignReports(of: String, to: String?)
    /// Move the roles and sub-units of `unit` elsewhere first.
    case emptyUnit(unit: String)
    /// Use one of these existing keys (closest first); empty when none is close.
    case useExistingKey(suggestions: [String], kind: OrgError.KeyKind)
    /// Create a new database at `path`.
    case createDatabase(path: String)
    /// Use another database file than `path`.
    case useAnotherDatabase(path: String)
    /// Load the chart file at `path` into a new database.
    case importFile(path: String)
    /// Restore the file at `path` from a backup.
    case restoreFromBackup(path: String)
    /// Use a newer version of OrgModel.
    case upgrade
    /// Try again when the other writer has finished.
    case tryAgain
    /// Make the change take effect on or after `moment`.
    case takeEffect(onOrAfter: Timestamp)
    /// Read the chart as of `moment` (a role or unit planned from then).
    case readAsOf(Timestamp)
    /// Undo change number `change` first.
    case undoChange(Int64)
    /// Look at the recorded changes (of `key`, or all).
    case reviewHistory(key: String?)
    /// Raise a `check` limit.
    case raiseLimit(CheckLimit)
    /// Give `field` a valid value: one of `oneOf`, or in the documented format when empty.
    case correctValue(field: String, oneOf: [String])
    /// An unknown import column: map it to one of `fields`, or ignore unknown columns.
    case mapColumn(column: String, toOneOf: [String])
    /// Ignore the columns no field matches.
    case ignoreUnknownColumns
    /// An import names rows that exist: import it as an update of them.
    case updateExisting

    /// The limits of `check`.
    public enum CheckLimit: String, Sendable, Hashable, Codable {
        case span, depth
    }
}
