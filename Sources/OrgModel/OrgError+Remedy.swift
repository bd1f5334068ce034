extension OrgError {
    /// What would fix the problem, as data, most direct first; empty when
    /// nothing a person can change would (an internal error) or the
    /// message's own words are all there is to say.
    public var remedies: [Remedy] {
        switch self {
        case let .unknownKey(_, expected, suggestions):
            return [.useExistingKey(suggestions: suggestions, kind: expected)]
        case let .duplicateKey(key, takenBy):
            return [.chooseAnotherKey(key: key, takenBy: takenBy)]
        case let .pmoTypeRequired(unit):
            return [.setPMOType(unit: unit, oneOf: PMOType.allCases)]
        case let .pmoTypeOnNonPMO(unit, _, _):
            return [.dropPMOType(unit: unit)]
        case let .alreadyGoverned(unit, by):
            return [.removeGovernance(pmo: by, unit: unit)]
        case let .pmoHasNoHead(pmo):
            return [.setUnitHead(unit: pmo, role: nil)]
        case let .secondEnterprisePMO(pmo, existing):
            return [.setPMOType(unit: existing, oneOf: PMOType.allCases.filter { $0 != .enterprise }),
                    .setPMOType(unit: pmo, oneOf: PMOType.allCases.filter { $0 != .enterprise })]
        case let .importRefused(_, _, column, problem):
            switch problem {
            case let .unknownColumn(known):
                return [.mapColumn(column: column ?? "", toOneOf: known), .ignoreUnknownColumns]
            case let .mapTargetNotAField(_, fields):
                return [.mapColumn(column: column ?? "", toOneOf: fields)]
            case let .requiredFieldMissing(field):
                return [.correctValue(field: "header", oneOf: [field])]
            case .alreadyExists:
                return [.updateExisting]
            case let .refused(error):
                return error.remedies
            case .mappedColumnMissing:
                return []
            }
        case let .invalidValue(field, _, _):
            return [.correctValue(field: field, oneOf: [])]
        case let .invalidTimestamp(option, _):
            return [.correctValue(field: option, oneOf: [])]
        case let .cycle(path):
            return [.chooseAnotherManager(role: path[0], outside: path[0])]
        case let .unitHasNoHead(key):
            return [.setUnitHead(unit: key, role: nil)]
        case let .selfReport(key):
            return [.chooseAnotherManager(role: key, outside: nil)]
        case .selfAssistant, .assistantReportsElsewhere:
            return []
        case let .wouldOrphan(key, _):
            return [.reassignReports(of: key, to: nil)]
        case let .reassignInsideSubtree(key, _):
            return [.reassignReports(of: key, to: nil)]
        case let .unitNotEmpty(key, _, _):
            return [.emptyUnit(unit: key)]
        case let .databaseNotEmpty(path):
            return [.useAnotherDatabase(path: path)]
        case let .databaseMissing(path):
            return [.createDatabase(path: path)]
        case let .notAnOrgDatabase(path, problem):
            switch problem {
            case .notSQLite, .otherApplication: return [.useAnotherDatabase(path: path)]
            case .textFile: return [.importFile(path: path)]
            case .emptyFile: return [.createDatabase(path: path)]
            case .damaged: return [.restoreFromBackup(path: path)]
            }
        case let .damageFound(path, _, _):
            return [.restoreFromBackup(path: path)]
        case .newerSchema:
            return [.upgrade]
        case .busy:
            return [.tryAgain]
        case let .tooDeep(key, _, _):
            return [.moveRole(role: key, to: nil)]
        case .nothingToUndo, .cannotUndo:
            return [.reviewHistory(key: nil)]
        case .historyConflict:
            return [.reviewHistory(key: nil)]
        case let .notInForce(key, _, _, from):
            return (from.map { [Remedy.takeEffect(onOrAfter: $0)] } ?? []) + [.reviewHistory(key: key)]
        case let .plannedChangeConflict(_, _, change, from, _):
            return [.takeEffect(onOrAfter: from), .undoChange(change)]
        case let .plannedKey(_, _, _, from):
            return [.readAsOf(from)]
        case let .unknownKeyNamesMatch(_, expected, matches):
            return [.useExistingKey(suggestions: matches.map(\.key), kind: expected)]
        case .wrongKind, .invalidKey, .invalidText, .notAPMO, .notGoverned, .importFailed, .unitCycle,
             .lineExists, .noSuchLine, .readOnly, .constraintViolated, .internalError, .changesNotRecorded, .storage,
             .duplicateTokenName, .unknownToken:
            return []
        }
    }

    /// The most direct fix, if there is one; see ``remedies``.
    public var remedy: Remedy? { remedies.first }
}
