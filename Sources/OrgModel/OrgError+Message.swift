extension OrgError: CustomStringConvertible {
    /// One line in plain words: what went wrong, with the offending value, and
    /// what to do, naming no command or flag of any program (see ``remedies``
    /// for the fix as data).
    public var description: String {
        switch self {
        case let .cannotUndo(change, reason, later):
            return "change #\(change) cannot be undone on its own: \(reason)"
                + (later.isEmpty ? "" : " (change\(later.count == 1 ? "" : "s") " + later.map { "#\($0)" }.joined(separator: ", ")
                    + "); undo \(later.count == 1 ? "that" : "those") first, or undo the most recent changes in turn")
        case let .duplicateTokenName(name):
            return "a token called \(name.quotedForMessage) already exists; choose another name, or revoke that token first"
        case let .unknownToken(name, known):
            return "no token is called \(name.quotedForMessage); " + (known.isEmpty
                ? "there are no tokens"
                : "the tokens are " + known.map(\.quotedForMessage).joined(separator: ", "))
        case let .nothingToUndo(path):
            return "there is nothing to undo in '\(path)': every recorded change is already undone, or none was recorded"
        case let .historyConflict(asOf, change, detail):
            return "the chart as of \(asOf.readable) cannot be rebuilt: change #\(change) takes effect later than changes recorded after it that build on it (\(detail)); ask for a moment after it, or look at the recorded changes"
        case let .notInForce(key, moment, change, from):
            let source = change.map { change in
                "change #\(change) brings it from \(from?.readable ?? "later")" + (from.map { "; make this change take effect on or after \($0.readable)" } ?? "")
            } ?? "make this change take effect later"
            return "\(key.quotedForMessage) is not in the chart at \(moment.readable), when this change takes effect: \(source), or change the other first"
        case let .invalidTimestamp(option, value):
            return "\(option) \(value.quotedForMessage) is not a date or time; use an ISO 8601 date such as 2026-03-01, a time such as 2026-03-01T09:30 or 2026-03-01T09:30:00+01:00 (UTC when no zone is given), or today, yesterday, now"
        case let .unknownKey(key, expected, suggestions):
            let hint = suggestions.isEmpty
                ? "name an existing \(expected.rawValue)"
                : "did you mean " + suggestions.map(\.quotedForMessage).joined(separator: ", ") + "?"
            return "no \(expected.rawValue) has the key \(key.quotedForMessage); \(hint)"
        case let .wrongKind(key, kind, expected):
            return "\(key.quotedForMessage) is a \(kind.rawValue), not a \(expected.rawValue); name a \(expected.rawValue) here"
        case let .duplicateKey(key, takenBy):
            return "the key \(key.quotedForMessage) is already used by a \(takenBy.rawValue); choose another key, or change the existing \(takenBy.rawValue)"
        case let .invalidKey(key, reason):
            return "\(key.quotedForMessage) is not a valid key: \(reason)"
        case let .invalidText(field, value, reason):
            return "the \(field) \(value.quotedForMessage) cannot be stored: \(reason)"
        case let .pmoTypeRequired(unit):
            return "unit \(unit.quotedForMessage) is a PMO and needs a type: give it one of " + PMOType.allCases.map(\.rawValue).joined(separator: ", ")
        case let .pmoTypeOnNonPMO(unit, kind, type):
            return "unit \(unit.quotedForMessage) is a \(kind.rawValue), and only a PMO has a PMO type ('\(type.rawValue)' given); give it no PMO type, or make it a PMO"
        case let .notAPMO(unit, kind):
            return "unit \(unit.quotedForMessage) is a \(kind.rawValue), not a PMO; name a unit of kind pmo"
        case let .alreadyGoverned(unit, by):
            return "unit \(unit.quotedForMessage) is already governed by \(by.quotedForMessage); a unit has one governing PMO, so remove that governance first"
        case let .notGoverned(unit, by):
            return "\(by.quotedForMessage) does not govern \(unit.quotedForMessage)"
        case let .pmoHasNoHead(pmo):
            return "PMO \(pmo.quotedForMessage) has no head role for project managers to report to; give it a head role first"
        case let .secondEnterprisePMO(pmo, existing):
            return "refused: \(existing.quotedForMessage) is already the enterprise PMO and an organisation has at most one; change its type first, or make \(pmo.quotedForMessage) another type"
        case let .importFailed(file, line, column, message):
            return "\(file):\(line): " + (column.map { "column \($0.quotedForMessage): " } ?? "") + message + "; nothing was imported"
        case let .importRefused(file, line, column, problem):
            return "\(file):\(line): " + (column.map { "column \($0.quotedForMessage): " } ?? "") + problem.reason + "; nothing was imported"
        case let .invalidValue(field, value, hint):
            return "\(value.quotedForMessage) is not a valid \(field); \(hint)"
        case let .cycle(path):
            return "refused: this would make a reporting cycle \(path.map(\.shownForMessage).joined(separator: " → ")); choose a manager outside \(path[0].shownForMessage)'s reporting tree"
        case let .unitHasNoHead(key):
            return "unit \(key.quotedForMessage) has no head role to stand for it; name a role, or give the unit a head role"
        case let .selfReport(key):
            return "refused: \(key.quotedForMessage) cannot report to itself; name a different manager"
        case let .selfAssistant(key):
            return "refused: \(key.quotedForMessage) cannot be its own assistant; name the role it assists"
        case let .assistantReportsElsewhere(key, assists, reportsTo):
            return "refused: \(key.quotedForMessage) would assist \(assists.quotedForMessage) but report to \(reportsTo.quotedForMessage); an assistant reports to the role it assists, so name \(assists.quotedForMessage) as its manager or leave the manager out"
        case let .unitCycle(path):
            return "refused: this would put a unit inside itself \(path.map(\.shownForMessage).joined(separator: " → ")); choose a parent outside \(path[0].shownForMessage)"
        case let .lineExists(role, manager, solid):
            return solid
                ? "\(role.quotedForMessage) already reports to \(manager.quotedForMessage) on its solid line; a dotted line to the same manager adds nothing"
                : "\(role.quotedForMessage) already has a dotted line to \(manager.quotedForMessage); nothing to add"
        case let .noSuchLine(role, manager):
            return "\(role.quotedForMessage) has no dotted line to \(manager.quotedForMessage)"
        case let .wouldOrphan(key, reports):
            return "refused: \(key.quotedForMessage) is a root with \(reports) direct report\(reports == 1 ? "" : "s"); name a new manager for them"
        case let .reassignInsideSubtree(key, target):
            return "refused: \(target.quotedForMessage) reports to \(key.quotedForMessage), so it cannot take over \(key.quotedForMessage)'s reports; choose a manager outside its tree"
        case let .unitNotEmpty(key, roles, units):
            return "refused: unit \(key.quotedForMessage) still has \(roles) role\(roles == 1 ? "" : "s") and \(units) sub-unit\(units == 1 ? "" : "s"); move them to another unit first"
        case let .databaseNotEmpty(path):
            return "refused: \(path) already holds an organisation; use another path, or delete the file to start again"
        case let .databaseMissing(path):
            return "no database at \(path); create one there, or use the path of an existing database"
        case let .notAnOrgDatabase(path, problem):
            switch problem {
            case .notSQLite:
                return "\(path) is not an OrgModel database (nor any SQLite file); it was left alone: use the path of an OrgModel database, or a new path to create one"
            case .textFile:
                return "\(path) is a text file, not an OrgModel database; to load a CSV or JSON chart, import it into a new database"
            case .emptyFile:
                return "\(path) is an empty file; create an OrgModel database in it"
            case .otherApplication:
                return "\(path) is a SQLite database of another program, not an OrgModel database; it was left alone: use another path"
            case .damaged:
                return "\(path) is damaged or cut short; it was not changed: restore it from a backup, or check it with SQLite's integrity check"
            }
        case let .newerSchema(path, version, supported):
            return "\(path) was written by a newer version of OrgModel (schema version \(version); this one knows up to \(supported)); upgrade to use it"
        case let .busy(path):
            return "\(path) is locked by another program writing to it; nothing was written, try again when it has finished"
        case let .readOnly(path):
            return "\(path) is read-only; nothing was written. Copy it somewhere writable, or check its permissions and mount"
        case let .constraintViolated(path, detail):
            return "\(path) refused the change (\(detail)); nothing was written. Check the values against the rules of the chart"
        case let .internalError(detail):
            return "OrgModel hit an internal error (\(detail)); nothing was written. Please report it with what caused it"
        case let .changesNotRecorded(path):
            return "OrgModel hit an internal error (undo needs the history of changes recorded, and recording is off for \(path)); nothing was written. Please report it with what caused it"
        case let .storage(path, detail):
            return "could not use \(path): \(detail); nothing was written"
        case let .damageFound(path, detail, hint):
            return "\(path) is damaged or cut short (SQLite: \(detail)); the file was not changed: "
                + (hint ?? "restore it from a backup")
        case let .tooDeep(key, depth, limit):
            return "refused: this would put '\(key)' \(depth) levels below the top of its reporting chain, past the limit of \(limit); attach it, or the branch above it, to a manager higher up"
        case let .plannedChangeConflict(_, moment, change, from, detail):
            return "this change cannot take effect at \(moment.readable): change #\(change), which takes effect \(from.readable), \(detail), and this change would alter or undo that; make this change take effect on or after \(from.readable), or undo change #\(change) first (undo takes back the most recent change first)"
        case let .plannedKey(key, kind, change, from):
            return "\(kind.rawValue) \(key.quotedForMessage) is planned from \(from.readable) (change #\(change)): it is not in the chart before then; read the chart as of that date to see it"
        case let .unknownKeyNamesMatch(key, expected, matches):
            return "no \(expected.rawValue) has the key \(key.quotedForMessage); did you mean " + matches.map(\.label).joined(separator: ", ") + "?"
        }
    }
}

extension OrgError.ImportProblem: CustomStringConvertible {
    /// Why the import was refused, in plain words.
    public var reason: String {
        switch self {
        case let .unknownColumn(known):
            return "no field has this column's name (the fields are " + known.joined(separator: ", ") + "); map it to a field, or ignore unknown columns"
        case let .mapTargetNotAField(target, fields):
            return "the column map sends it to \(target.quotedForMessage), which is not a field; use one of " + fields.joined(separator: ", ")
        case .mappedColumnMissing:
            return "the column map names this column, but the header has no such column"
        case let .requiredFieldMissing(field):
            return "no column gives the required field '\(field)'; add it, or map a column to it"
        case let .alreadyExists(key, kind):
            return "the \(kind.rawValue) '\(key)' already exists; import as an update to change existing \(kind == .unit ? "units and roles" : "roles")"
        case let .refused(error):
            return error.description
        }
    }

    public var description: String { reason }
}

extension String {
    /// The string with control characters shown as escapes, for messages that
    /// quote unsafe input back to a person.
    var debugEscaped: String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar.properties.generalCategory == .control {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
