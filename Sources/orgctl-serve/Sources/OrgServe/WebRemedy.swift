import OrgModel

/// A ``Remedy`` in words for someone using the page: what to do there, never
/// a command or an option of the command line.
enum WebRemedy {
    static func text(_ remedy: Remedy) -> String? {
        switch remedy {
        case let .moveRole(role, to):
            return to.map { "Move \(role) to \($0)." } ?? "Move \(role) to another manager."
        case let .addDottedLine(role, to):
            return to.map { "Add a dotted line from \(role) to \($0)." } ?? "Add a dotted line from \(role) to a manager."
        case let .setUnitHead(unit, role):
            return role.map { "Make \($0) the head of \(unit)." } ?? "Give \(unit) a head role."
        case let .fillRole(role):
            return "Give \(role) a holder."
        case let .setPMOType(unit, oneOf):
            return "Give \(unit ?? "the PMO") one of the PMO types " + oneOf.map(\.rawValue).joined(separator: ", ") + "."
        case let .dropPMOType(unit):
            return "Remove the PMO type given to \(unit)."
        case let .removeGovernance(pmo, unit):
            return "Stop \(pmo) governing \(unit) first."
        case let .chooseAnotherKey(key, _):
            return "Choose a key other than \(key)."
        case let .chooseAnotherManager(role, outside):
            return outside.map { "Choose a manager for \(role) outside \($0)'s team." } ?? "Choose another manager for \(role)."
        case let .reassignReports(of, to):
            return to.map { "Move the reports of \(of) to \($0) first." } ?? "Move the reports of \(of) to another manager first."
        case let .emptyUnit(unit):
            return "Move the roles and units of \(unit) elsewhere first."
        case let .useExistingKey(suggestions, _):
            return suggestions.isEmpty ? "Search for it by name or title."
                : "Did you mean " + suggestions.prefix(3).joined(separator: ", ") + "?"
        case .tryAgain:
            return "Try again in a moment."
        case let .takeEffect(onOrAfter):
            return "Choose a date on or after \(onOrAfter.readable)."
        case let .readAsOf(moment):
            return "Look at the chart as of \(moment.readable)."
        case let .undoChange(change):
            return "Undo change \(change) first."
        case .reviewHistory:
            return "Look at the history for what changed in between."
        case let .correctValue(field, oneOf):
            return oneOf.isEmpty ? "Give a valid \(field)." : "Give \(field) one of " + oneOf.joined(separator: ", ") + "."
        case .upgrade:
            return "Run a newer version of the server."
        case .createDatabase, .useAnotherDatabase, .importFile, .restoreFromBackup, .raiseLimit, .mapColumn,
             .ignoreUnknownColumns, .updateExisting:
            return nil
        }
    }
}
