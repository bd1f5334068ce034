import OrgModel

/// How orgctl words an `OrgError`: the library says what went wrong in plain
/// words; orgctl says it in the same words it always has, naming the command
/// or flag that fixes it.
enum ErrorText {
    /// One line: what went wrong, with the offending value, and the orgctl
    /// command or flag that would fix it.
    static func text(_ error: OrgError) -> String {
        switch error {
        case let .nothingToUndo(path):
            return "there is nothing to undo in '\(path)': every recorded change is already undone, or none was recorded; see 'orgctl history'"
        case let .historyConflict(asOf, change, detail):
            return "the chart as of \(asOf.readable) cannot be rebuilt: change #\(change) takes effect later than changes recorded after it that build on it (\(detail)); ask for a moment after it, or see 'orgctl history'"
        case let .notInForce(key, moment, change, from):
            let source = change.map { change in
                "change #\(change) brings it from \(from?.readable ?? "later")" + (from.map { "; give this change --effective \($0.readable) or later" } ?? "")
            } ?? "give this change a later --effective date"
            return "\(key.quotedForMessage) is not in the chart at \(moment.readable), when this change takes effect: \(source), or change the other first (see 'orgctl history \(key.shownForMessage)')"
        case let .invalidTimestamp(option, value):
            return "\(option) \(value.quotedForMessage) is not a date or time; use an ISO 8601 date such as 2026-03-01, a time such as 2026-03-01T09:30 or 2026-03-01T09:30:00+01:00 (UTC when no zone is given), or today, yesterday, now"
        case let .unknownKey(key, expected, suggestions):
            let hint = suggestions.isEmpty
                ? "list existing keys with 'orgctl print tree'"
                : "did you mean " + suggestions.map(\.quotedForMessage).joined(separator: ", ") + "?"
            return "no \(expected.rawValue) has the key \(key.quotedForMessage); \(hint)"
        case let .wrongKind(key, kind, expected):
            return "\(key.quotedForMessage) is a \(kind.rawValue), not a \(expected.rawValue); name a \(expected.rawValue) here"
        case let .duplicateKey(key, takenBy):
            return "the key \(key.quotedForMessage) is already used by a \(takenBy.rawValue); choose another key, or change the existing one with 'orgctl set \(takenBy == .unit ? "unit" : "role") \(key.shownForMessage)'"
        case let .invalidKey(key, reason):
            return "\(key.quotedForMessage) is not a valid key: \(reason)"
        case let .invalidText(field, value, reason):
            return "the \(field) \(value.quotedForMessage) cannot be stored: \(reason)"
        case let .pmoTypeRequired(unit):
            return "unit \(unit.quotedForMessage) is a PMO and needs a type: add --pmo-type with one of " + PMOType.allCases.map(\.rawValue).joined(separator: ", ")
        case let .pmoTypeOnNonPMO(unit, kind, type):
            return "unit \(unit.quotedForMessage) is a \(kind.rawValue), and only a PMO has a PMO type ('\(type.rawValue)' given); drop --pmo-type, or use --kind pmo"
        case let .notAPMO(unit, kind):
            return "unit \(unit.quotedForMessage) is a \(kind.rawValue), not a PMO; name a unit of kind pmo (list them with 'orgctl stats')"
        case let .alreadyGoverned(unit, by):
            return "unit \(unit.quotedForMessage) is already governed by \(by.quotedForMessage); a unit has one governing PMO, so remove that first with 'orgctl remove governs \(by.shownForMessage) \(unit.shownForMessage)'"
        case let .notGoverned(unit, by):
            return "\(by.quotedForMessage) does not govern \(unit.quotedForMessage); see what it governs with 'orgctl show \(by.shownForMessage)'"
        case let .pmoHasNoHead(pmo):
            return "PMO \(pmo.quotedForMessage) has no head role for project managers to report to; set one with 'orgctl set unit \(pmo.shownForMessage) --head ROLE'"
        case let .secondEnterprisePMO(pmo, existing):
            return "refused: \(existing.quotedForMessage) is already the enterprise PMO and an organisation has at most one; change its type first, or make \(pmo.quotedForMessage) another type"
        case let .importFailed(file, line, column, message):
            return "\(file):\(line): " + (column.map { "column \($0.quotedForMessage): " } ?? "") + message + "; nothing was imported"
        case let .importRefused(file, line, column, problem):
            return "\(file):\(line): " + (column.map { "column \($0.quotedForMessage): " } ?? "") + reason(problem, column: column) + "; nothing was imported"
        case let .invalidValue(field, value, hint):
            return "\(value.quotedForMessage) is not a valid \(field); \(hint)"
        case let .cycle(path):
            return "refused: this would make a reporting cycle \(path.map(\.shownForMessage).joined(separator: " → ")); choose a manager outside \(path[0].shownForMessage)'s reporting tree"
        case let .unitHasNoHead(key):
            return "unit \(key.quotedForMessage) has no head role to stand for it; name a role, or set a head with 'orgctl set unit \(key.shownForMessage) --head ROLE'"
        case let .selfReport(key):
            return "refused: \(key.quotedForMessage) cannot report to itself; name a different manager"
        case let .unitCycle(path):
            return "refused: this would put a unit inside itself \(path.map(\.shownForMessage).joined(separator: " → ")); choose a parent outside \(path[0].shownForMessage)"
        case let .lineExists(role, manager, solid):
            return solid
                ? "\(role.quotedForMessage) already reports to \(manager.quotedForMessage) on its solid line; a dotted line to the same manager adds nothing"
                : "\(role.quotedForMessage) already has a dotted line to \(manager.quotedForMessage); nothing to add"
        case let .noSuchLine(role, manager):
            return "\(role.quotedForMessage) has no dotted line to \(manager.quotedForMessage); see its lines with 'orgctl show \(role.shownForMessage)'"
        case let .wouldOrphan(key, reports):
            return "refused: \(key.quotedForMessage) is a root with \(reports) direct report\(reports == 1 ? "" : "s"); give --reassign-to KEY to name their new manager"
        case let .reassignInsideSubtree(key, target):
            return "refused: \(target.quotedForMessage) reports to \(key.quotedForMessage), so it cannot take over \(key.quotedForMessage)'s reports; choose a manager outside its tree"
        case let .unitNotEmpty(key, roles, units):
            return "refused: unit \(key.quotedForMessage) still has \(roles) role\(roles == 1 ? "" : "s") and \(units) sub-unit\(units == 1 ? "" : "s"); move them to another unit first"
        case let .databaseNotEmpty(path):
            return "refused: \(path) already holds an organisation; use another --db path, or delete the file to start again"
        case let .databaseMissing(path):
            return "no database at \(path); create one with 'orgctl init' (or 'orgctl init --example enterprise-pmo'), or point --db or ORGCTL_DB at an existing file"
        case let .notAnOrgDatabase(path, problem):
            switch problem {
            case .notSQLite:
                return "\(path) is not an orgctl database (nor any SQLite file); orgctl left it alone: point --db at an orgctl database, or at a new path to create one"
            case .textFile:
                return "\(path) is a text file, not an orgctl database; to load a CSV or JSON chart, run 'orgctl import \(path) --db NEW.db'"
            case .emptyFile:
                return "\(path) is an empty file; make it an orgctl database with 'orgctl init --db \(path)'"
            case .otherApplication:
                return "\(path) is a SQLite database of another program, not orgctl's; orgctl left it alone: point --db at another path"
            case .damaged:
                return "\(path) is damaged or cut short; orgctl did not change it: restore it from a backup, or check it with 'sqlite3 \(path) \"PRAGMA integrity_check\"'"
            }
        case let .newerSchema(path, version, supported):
            return "\(path) was written by a newer orgctl (schema version \(version); this one knows up to \(supported)); upgrade orgctl to use it"
        case let .busy(path):
            return "\(path) is locked by another orgctl writing to it; nothing was written, try again when it has finished"
        case let .readOnly(path):
            return "\(path) is read-only; nothing was written. Copy it somewhere writable, or check its permissions and mount"
        case let .constraintViolated(path, detail):
            return "\(path) refused the change (\(detail)); nothing was written. Check the values against the rules in 'orgctl --help'"
        case let .internalError(detail):
            return "orgctl hit an internal error (\(detail)); nothing was written. Please report it with the command that caused it"
        case .changesNotRecorded:
            return "orgctl hit an internal error (undo needs the history recorded (ORGCTL_HISTORY is off)); nothing was written. Please report it with the command that caused it"
        case let .storage(path, detail):
            return "could not use \(path): \(detail); nothing was written"
        case let .damageFound(path, detail, hint):
            return "\(path) is damaged or cut short (SQLite: \(detail)); the file was not changed: "
                + (hint ?? "restore it from a backup")
        case let .tooDeep(key, depth, limit):
            return "refused: this would put '\(key)' \(depth) levels below the top of its reporting chain, past the limit of \(limit); attach it, or the branch above it, to a manager higher up"
        case let .plannedChangeConflict(_, moment, change, from, detail):
            return "this change cannot take effect at \(moment.readable): change #\(change), which takes effect \(from.readable), \(detail), and this change would alter or undo that; make this change take effect on or after \(from.readable), or undo change #\(change) first (undo takes back the most recent change first)"
        }
    }

    /// Why an import was refused, naming the flags that change it.
    static func reason(_ problem: OrgError.ImportProblem, column: String?) -> String {
        let name = column ?? ""
        switch problem {
        case let .unknownColumn(known):
            return "not a column orgctl knows (it knows " + known.joined(separator: ", ")
                + "); map it with --map \"\(name.shownForMessage)=FIELD\", or pass --ignore-unknown-columns"
        case let .mapTargetNotAField(target, fields):
            return "--map sends it to \(target.quotedForMessage), which is not a field; use one of " + fields.joined(separator: ", ")
        case .mappedColumnMissing:
            return "--map names this column, but the header has no such column"
        case let .requiredFieldMissing(field):
            return "no column gives the required field '\(field)'; add it, or map one with --map \"COLUMN=\(field)\""
        case let .alreadyExists(key, kind):
            return kind == .unit
                ? "the unit '\(key)' already exists; pass --update to change existing units and roles"
                : "the role '\(key)' already exists; pass --update to change existing roles"
        case let .refused(error):
            return text(error)
        }
    }
}

extension String {
    /// The string as orgctl's messages quote it (see `QuotedValue.quoted`).
    fileprivate var quotedForMessage: String { QuotedValue.quoted(self) }
    /// The string as orgctl's messages show it unquoted.
    fileprivate var shownForMessage: String { QuotedValue.shown(self) }
}

/// How orgctl words a `check` finding: its situation, then the fix as the
/// orgctl command or flag that carries it out.
enum FindingText {
    static func message(_ finding: Finding) -> String {
        let situation = finding.situation
        guard let remedy = finding.remedy else { return finding.message }
        switch (finding.rule, remedy) {
        case (.directivePMReportsToPMO, .moveRole):
            return situation + ", so move it with '" + RemedyText.command(remedy, manager: "the PMO's head")! + "'"
        case (.controllingPMDottedToPMO, .addDottedLine):
            return situation + "; add one with '" + RemedyText.command(remedy, manager: "the PMO's head")! + "'"
        case (.singleEnterprisePMO, .setPMOType):
            return situation + ": change the others' type with '" + RemedyText.command(remedy)! + "'"
        case (.enterpriseHeadReportsToTop, .moveRole):
            return situation + ": '" + RemedyText.command(remedy, manager: "CEO-KEY")! + "'"
        case (.pmoUnderEnterprise, .addDottedLine):
            return situation + "; add '" + RemedyText.command(remedy, manager: "the enterprise PMO's head")! + "'"
        case (.spanOfControl, .raiseLimit):
            return situation + "; consider a layer of team leads, or raise the limit with --max-span"
        case (.chainDepth, .raiseLimit):
            return situation + ": consider flattening, or raise the limit with --max-depth"
        case (.vacantHead, .fillRole):
            return situation + "; fill it with '" + RemedyText.command(remedy)! + "'"
        case (.vacantHead, .setUnitHead):
            return situation + "; name one with '" + RemedyText.command(remedy)! + "'"
        case (.ladderInversion, .moveRole):
            return situation + "; swap the line with 'orgctl move', or correct a title or --rung"
        default:
            // The advice names no command: the library's words are orgctl's.
            return finding.message
        }
    }
}

/// How orgctl words a note of a PMO type change plan.
enum NoteText {
    static func message(_ note: PlanNote) -> String {
        switch note.remedy {
        case .moveRole?:
            return note.situation + "; move it by hand with '" + RemedyText.command(note.remedy!)! + "'"
        case .setUnitHead?:
            return note.situation + "; set one with '" + RemedyText.command(note.remedy!)! + "'"
        default:
            return note.message
        }
    }
}
