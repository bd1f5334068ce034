import OrgModel

/// A `Remedy` as the orgctl command that carries it out, with a capitalised
/// placeholder (MANAGER, ROLE, NAME, KEY, TYPE) for what the person chooses.
enum RemedyText {
    /// The command, or nil when no one command carries the remedy out.
    /// `manager` is the placeholder for a manager to choose.
    static func command(_ remedy: Remedy, manager: String = "MANAGER") -> String? {
        switch remedy {
        case let .moveRole(role, to):
            return "orgctl move \(role) --to \(to ?? manager)"
        case let .addDottedLine(role, to):
            return "orgctl add line \(role) --to \(to ?? manager) --dotted"
        case let .setUnitHead(unit, role):
            return "orgctl set unit \(unit) --head \(role ?? "ROLE")"
        case let .fillRole(role):
            return "orgctl set role \(role) --holder NAME"
        case let .setPMOType(unit, oneOf):
            return "orgctl set unit \(unit ?? "KEY") --pmo-type \(oneOf.count == 1 ? oneOf[0].rawValue : "TYPE")"
        case let .removeGovernance(pmo, unit):
            return "orgctl remove governs \(pmo) \(unit)"
        case let .chooseAnotherKey(key, takenBy):
            return "orgctl set \(takenBy == .unit ? "unit" : "role") \(key)"
        case let .reassignReports(of, to):
            return "orgctl remove role \(of) --reassign-to \(to ?? "KEY")"
        case .createDatabase(let path):
            return "orgctl init --db \(path)"
        case .importFile(let path):
            return "orgctl import \(path) --db NEW.db"
        case .reviewHistory(let key):
            return "orgctl history" + (key.map { " " + $0 } ?? "")
        case .undoChange:
            return "orgctl undo"
        case .raiseLimit(let limit):
            return "orgctl check --max-\(limit.rawValue) N"
        case let .useExistingKey(_, kind):
            return kind == .unit ? "orgctl units" : "orgctl print tree"
        case .dropPMOType, .chooseAnotherManager, .emptyUnit, .useAnotherDatabase, .restoreFromBackup, .upgrade, .tryAgain,
             .takeEffect, .correctValue, .mapColumn, .ignoreUnknownColumns, .updateExisting:
            return nil
        case let .readAsOf(moment):
            return "--as-of \(moment.readable)"
        }
    }

    /// The remedy as a JSON object for `--json` output: `kind` names the
    /// case, and the other fields are its values (null for one to choose).
    static func json(_ remedy: Remedy?) -> JSON {
        guard let remedy else { return .null }
        let fields: [(String, JSON)]
        switch remedy {
        case let .moveRole(role, to): fields = [("kind", .string("move-role")), ("role", .string(role)), ("to", .optional(to))]
        case let .addDottedLine(role, to): fields = [("kind", .string("add-dotted-line")), ("role", .string(role)), ("to", .optional(to))]
        case let .setUnitHead(unit, role): fields = [("kind", .string("set-unit-head")), ("unit", .string(unit)), ("role", .optional(role))]
        case let .fillRole(role): fields = [("kind", .string("fill-role")), ("role", .string(role))]
        case let .setPMOType(unit, oneOf):
            fields = [("kind", .string("set-pmo-type")), ("unit", .optional(unit)), ("oneOf", .array(oneOf.map { .string($0.rawValue) }))]
        case let .dropPMOType(unit): fields = [("kind", .string("drop-pmo-type")), ("unit", .string(unit))]
        case let .removeGovernance(pmo, unit): fields = [("kind", .string("remove-governance")), ("pmo", .string(pmo)), ("unit", .string(unit))]
        case let .chooseAnotherKey(key, takenBy):
            fields = [("kind", .string("choose-another-key")), ("key", .string(key)), ("takenBy", .string(takenBy.rawValue))]
        case let .chooseAnotherManager(role, outside):
            fields = [("kind", .string("choose-another-manager")), ("role", .string(role)), ("outside", .optional(outside))]
        case let .reassignReports(of, to): fields = [("kind", .string("reassign-reports")), ("of", .string(of)), ("to", .optional(to))]
        case let .emptyUnit(unit): fields = [("kind", .string("empty-unit")), ("unit", .string(unit))]
        case let .useExistingKey(suggestions, kind):
            fields = [("kind", .string("use-existing-key")), ("suggestions", .array(suggestions.map(JSON.string))), ("keyKind", .string(kind.rawValue))]
        case let .createDatabase(path): fields = [("kind", .string("create-database")), ("path", .string(path))]
        case let .useAnotherDatabase(path): fields = [("kind", .string("use-another-database")), ("path", .string(path))]
        case let .importFile(path): fields = [("kind", .string("import-file")), ("path", .string(path))]
        case let .restoreFromBackup(path): fields = [("kind", .string("restore-from-backup")), ("path", .string(path))]
        case .upgrade: fields = [("kind", .string("upgrade"))]
        case .tryAgain: fields = [("kind", .string("try-again"))]
        case let .takeEffect(moment): fields = [("kind", .string("take-effect")), ("onOrAfter", .string(moment.description))]
        case let .readAsOf(moment): fields = [("kind", .string("read-as-of")), ("moment", .string(moment.description))]
        case let .undoChange(change): fields = [("kind", .string("undo-change")), ("change", .int(Int(change)))]
        case let .reviewHistory(key): fields = [("kind", .string("review-history")), ("key", .optional(key))]
        case let .raiseLimit(limit): fields = [("kind", .string("raise-limit")), ("limit", .string(limit.rawValue))]
        case let .correctValue(field, oneOf):
            fields = [("kind", .string("correct-value")), ("field", .string(field)), ("oneOf", .array(oneOf.map(JSON.string)))]
        case let .mapColumn(column, toOneOf):
            fields = [("kind", .string("map-column")), ("column", .string(column)), ("oneOf", .array(toOneOf.map(JSON.string)))]
        case .ignoreUnknownColumns: fields = [("kind", .string("ignore-unknown-columns"))]
        case .updateExisting: fields = [("kind", .string("update-existing"))]
        }
        return .object(fields)
    }
}
