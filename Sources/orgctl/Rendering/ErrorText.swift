import OrgModel

/// How orgctl words an `OrgError`: the library says what went wrong in plain
/// words; orgctl says it in the same words it always has, naming the command
/// or flag that fixes it.
enum ErrorText {
    /// One line: what went wrong, with the offending value, and the orgctl
    /// command or flag that would fix it.
    static func text(_ error: OrgError) -> String {
        switch error {
        case let .storage(path, _) where LibC.isDirectory(path), let .readOnly(path) where LibC.isDirectory(path):
            // SQLite reports a folder as an I/O error, or as read-only.
            return "\(path) is a folder, not a database file; point --db at a file, such as \(path.hasSuffix("/") ? path : path + "/")org.db; nothing was written"
        case let .duplicateTokenName(name):
            return "a token called \(name.quotedForMessage) already exists; choose another name, or revoke it first with 'orgctl token revoke \(name.shownForMessage)'"
        case let .unknownToken(name, _):
            return "no token is called \(name.quotedForMessage); list the tokens with 'orgctl token list'"
        case let .nothingToUndo(path):
            return "there is nothing to undo in '\(path)': every recorded change is already undone, or none was recorded; see 'orgctl history'"
        case let .historyConflict(asOf, change, detail):
            return "the chart as of \(asOf.readable) cannot be rebuilt: change #\(change) takes effect later than changes recorded after it that build on it (\(detail)); ask for a moment after it, or see 'orgctl history'"
        case let .notInForce(key, moment, change, from):
            let source = change.map { change in
                "change #\(change) brings it from \(from?.readable ?? "later")" + (from.map { "; give this change --effective \($0.readable) or later" } ?? "")
            } ?? "give this change a later --effective date"
            return "\(key.quotedForMessage) is not in the chart at \(moment.readable), when this change takes effect: \(source), or change the other first (see 'orgctl history \(key.shownForMessage)')"
        case let .plannedKey(key, _, _, from):
            return "\(key.shownForMessage) is planned from \(from.readable); add --as-of \(from.readable) to see it"
        case let .unknownKey(key, expected, suggestions):
            let hint = suggestions.isEmpty
                ? (expected == .unit ? "list the units with 'orgctl units'" : "list existing keys with 'orgctl print tree'")
                : "did you mean " + suggestions.map(\.quotedForMessage).joined(separator: ", ") + "?"
            return "no \(expected.rawValue) has the key \(key.quotedForMessage); \(hint)"
        case let .duplicateKey(key, takenBy):
            return "the key \(key.quotedForMessage) is already used by a \(takenBy.rawValue); choose another key, or change the existing one with 'orgctl set \(takenBy == .unit ? "unit" : "role") \(key.shownForMessage)'"
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
        case let .importRefused(file, line, column, problem):
            return "\(file):\(line): " + (column.map { "column \($0.quotedForMessage): " } ?? "") + reason(problem, column: column) + "; nothing was imported"
        case let .importFailed(file, line, column, message) where message.contains("name its encoding (it may be windows-1252 or latin1)"):
            let hint = message.replacing("name its encoding (it may be windows-1252 or latin1)",
                                                    with: "give its encoding with --encoding windows-1252 (or latin1)")
            return "\(file):\(line): " + (column.map { "column \($0.quotedForMessage): " } ?? "") + hint + "; nothing was imported"
        case let .importFailed(file, line, column, message) where message.contains(Self.keyAttributeHint):
            // A directory entry without its key attribute: the map that reads another is a flag here.
            let hint = message.replacing(Self.keyAttributeHint, with: "read another attribute as the key with --map, such as --map employeeNumber=key")
            return "\(file):\(line): " + (column.map { "column \($0.quotedForMessage): " } ?? "") + hint + "; nothing was imported"
        case let .unitHasNoHead(key):
            return "unit \(key.quotedForMessage) has no head role to stand for it; name a role, or set a head with 'orgctl set unit \(key.shownForMessage) --head ROLE'"
        case let .noSuchLine(role, manager):
            return "\(role.quotedForMessage) has no dotted line to \(manager.quotedForMessage); see its lines with 'orgctl show \(role.shownForMessage)'"
        case let .wouldOrphan(key, reports):
            return "refused: \(key.quotedForMessage) is a root with \(reports) direct report\(reports == 1 ? "" : "s"); give --reassign-to KEY to name their new manager"
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
        case let .constraintViolated(path, detail):
            return "\(path) refused the change (\(detail)); nothing was written. Check the values against the rules in 'orgctl --help'"
        case let .internalError(detail):
            return "orgctl hit an internal error (\(detail)); nothing was written. Please report it with the command that caused it"
        case .changesNotRecorded:
            return "orgctl hit an internal error (undo needs the history recorded (ORGCTL_HISTORY is off)); nothing was written. Please report it with the command that caused it"
        default:
            // The library's plain words name no command here, and are orgctl's too.
            return error.description
        }
    }

    /// The library's words for choosing a directory's key attribute, which orgctl words as its flag.
    static let keyAttributeHint = "read another attribute as the key (a map such as employeeNumber=key)"

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
