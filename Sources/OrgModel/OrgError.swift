/// Everything OrgModel refuses or fails at, each with one plain sentence that
/// says what went wrong and what to do about it (``description``, naming no
/// command of any program), and the fix as data (``remedies``), for a caller
/// to word or offer in its own terms.
public enum OrgError: Error, Sendable, Equatable {
    /// No role (or unit) has this key; `suggestions` are the closest keys that exist.
    case unknownKey(key: String, expected: KeyKind, suggestions: [String])
    /// The key names the other kind of thing: a role where a unit is meant, or the reverse.
    case wrongKind(key: String, is: KeyKind, expected: KeyKind)
    /// The key is already taken by a role or a unit.
    case duplicateKey(key: String, takenBy: KeyKind)
    /// The key breaks the key syntax.
    case invalidKey(key: String, reason: String)
    /// A title, holder or name that cannot be stored.
    case invalidText(field: String, value: String, reason: String)
    /// A unit of kind pmo was given no PMO type.
    case pmoTypeRequired(unit: String)
    /// A PMO type was given to a unit that is not a PMO.
    case pmoTypeOnNonPMO(unit: String, kind: UnitKind, type: PMOType)
    /// Only a PMO can govern units or change PMO type.
    case notAPMO(unit: String, kind: UnitKind)
    /// The unit is already governed by a PMO.
    case alreadyGoverned(unit: String, by: String)
    /// The PMO does not govern the unit.
    case notGoverned(unit: String, by: String)
    /// The PMO needs a head role for the change asked for.
    case pmoHasNoHead(pmo: String)
    /// A second enterprise PMO was asked for.
    case secondEnterprisePMO(pmo: String, existing: String)
    /// A line of an imported file is wrong; nothing was imported.
    case importFailed(file: String, line: Int, column: String?, message: String)
    /// A line of an imported file is wrong in a way described as data
    /// (`problem`), so that a caller can say how to fix it in its own terms;
    /// nothing was imported.
    case importRefused(file: String, line: Int, column: String?, problem: ImportProblem)
    /// A value outside its allowed set or format.
    case invalidValue(field: String, value: String, hint: String)
    /// The write would close a loop of reporting lines; `path` runs from the
    /// role that would report round to itself.
    case cycle(path: [String])
    /// A unit was named where a role is meant, and the unit has no head.
    case unitHasNoHead(key: String)
    /// A role cannot report to itself.
    case selfReport(key: String)
    /// A unit's parents would form a loop.
    case unitCycle(path: [String])
    /// The dotted line already exists, or duplicates the solid line.
    case lineExists(role: String, manager: String, solid: Bool)
    /// There is no dotted line between the two roles.
    case noSuchLine(role: String, manager: String)
    /// Removing a root with reports would orphan them.
    case wouldOrphan(key: String, reports: Int)
    /// The replacement manager is inside the removed role's own tree.
    case reassignInsideSubtree(key: String, target: String)
    /// A unit still has roles or sub-units.
    case unitNotEmpty(key: String, roles: Int, units: Int)
    /// `init` on a database that already holds an organisation.
    case databaseNotEmpty(path: String)
    /// A read of a database that does not exist.
    case databaseMissing(path: String)
    /// The file is not an OrgModel database this version can use.
    case notAnOrgDatabase(path: String, problem: FileProblem)
    /// The database was written by a newer version of OrgModel.
    case newerSchema(path: String, version: Int, supported: Int)
    /// Another process held the lock for longer than the busy timeout.
    case busy(path: String)
    /// The database cannot be written (read-only file or a read-only mount).
    case readOnly(path: String)
    /// The database's own constraints refused a change the checks let through.
    case constraintViolated(path: String, detail: String)
    /// Something that should not happen did; nothing was written.
    case internalError(detail: String)
    /// `undo` was asked of a database opened with the recording of changes
    /// turned off (``OrgDatabase/recordsChanges``); a fault of the caller.
    case changesNotRecorded(path: String)
    /// `undo` found no recorded change to revert.
    case nothingToUndo(path: String)
    /// The chart as of a moment cannot be rebuilt, because a change that
    /// takes effect earlier builds on one that takes effect later.
    case historyConflict(asOf: Timestamp, change: Int64, detail: String)
    /// A change refers to a row that is not in the chart at the moment the
    /// change takes effect (a planned row, or one created after a backdated moment).
    case notInForce(key: String, moment: Timestamp, change: Int64?, from: Timestamp?)
    /// A date or timestamp that cannot be read.
    case invalidTimestamp(option: String, value: String)
    /// The disk is full or another input/output error stopped the write.
    case storage(path: String, detail: String)
    /// SQLite met a damaged page of the file while using it (`detail` is
    /// what it said); the operation stopped and nothing was written.
    /// `hint` says how to find out what is damaged.
    case damageFound(path: String, detail: String, hint: String?)
    /// The write would put `key` `depth` levels below the top of its chart,
    /// past the deepest a role may sit (`limit` levels below the top).
    case tooDeep(key: String, depth: Int, limit: Int)
    /// A change would alter or undo what a change recorded before it, and
    /// taking effect after it, does (`detail` says what, in plain words,
    /// such as "puts pm-crm under cfo"); `key` is the role or unit concerned.
    case plannedChangeConflict(key: String, moment: Timestamp, change: Int64, from: Timestamp, detail: String)
    /// No role (or unit) has this key, but the text is the name of people or
    /// units: `matches` are those, best first (a person typed a name where a
    /// key belongs, as in `Renée` for `E1033`).
    case unknownKeyNamesMatch(key: String, expected: KeyKind, matches: [NameMatch])

    /// A role or unit whose holder or name matches text given as a key.
    public struct NameMatch: Sendable, Equatable {
        /// Its key.
        public var key: String
        /// The role's holder or the unit's name.
        public var name: String
        /// Whether it is a unit (else a role).
        public var isUnit: Bool

        /// A match for `key`, held by (or named) `name`.
        public init(key: String, name: String, isUnit: Bool) {
            self.key = key
            self.name = name
            self.isUnit = isUnit
        }

        /// `E1033 (Renée Lévesque)`, or for a unit `hr (Human Resources)`.
        public var label: String { "\(key) (\(name))" }
    }
    /// Change `change` cannot be undone on its own, for `reason`; `later`
    /// names the later changes that touched the same rows and fields.
    case cannotUndo(change: Int64, reason: String, later: [Int64])
    /// The role or unit `key` is not in the chart at the moment asked about,
    /// but change `change`, taking effect at `from`, brings it: a planned
    /// hire or a unit planned for later.
    case plannedKey(key: String, kind: KeyKind, change: Int64, from: Timestamp)
    /// An access token called `name` already exists.
    case duplicateTokenName(name: String)
    /// No access token is called `name`; `known` lists those that are.
    case unknownToken(name: String, known: [String])
    /// The role `key` was named as its own assistant.
    case selfAssistant(key: String)
    /// The role `key` would assist `assists` but report to `reportsTo`: an
    /// assistant always reports to the role it assists.
    case assistantReportsElsewhere(key: String, assists: String, reportsTo: String)

    /// Why an imported file was refused, where the reason is more than a sentence.
    public indirect enum ImportProblem: Sendable, Equatable {
        /// The header names a column that matches no field (`known` lists the fields).
        case unknownColumn(known: [String])
        /// A column map sends a column to `target`, which is not one of `fields`.
        case mapTargetNotAField(target: String, fields: [String])
        /// A column map names a column the header does not have.
        case mappedColumnMissing
        /// No column gives the required `field`.
        case requiredFieldMissing(field: String)
        /// A row adds the role or unit `key`, which already exists and the
        /// import was not asked to update existing rows.
        case alreadyExists(key: String, kind: KeyKind)
        /// The chart refused the row's change for this reason.
        case refused(OrgError)
    }

    /// What is wrong with a file that is not a usable OrgModel database.
    public enum FileProblem: String, Sendable, CaseIterable {
        /// Binary content that is not SQLite.
        case notSQLite = "not-sqlite"
        /// Readable text, such as a CSV or JSON file.
        case textFile = "text-file"
        /// A file of zero bytes.
        case emptyFile = "empty-file"
        /// A SQLite database made by another program.
        case otherApplication = "other-application"
        /// A SQLite database whose content is damaged or cut short.
        case damaged
    }

    /// Whether a key names a role, a unit, or either.
    public enum KeyKind: String, Sendable, Codable {
        case role, unit
        case roleOrUnit = "role or unit"
    }

    /// A broad class of failure, which callers map to exit codes.
    public enum Category: Sendable {
        /// The operation breaks a rule or names something that does not exist.
        case refused
        /// There is no database at the path.
        case missingDatabase
        /// The file is not an OrgModel database, for this reason.
        case unusableFile(FileProblem)
        /// The database was written by a newer version.
        case newerSchema
        /// Another writer held the lock too long; trying again may work.
        case busy
        /// The storage could not be written.
        case storage
        /// A fault in OrgModel itself.
        case `internal`
    }

    /// The class of this failure.
    public var category: Category {
        switch self {
        case .databaseMissing: .missingDatabase
        case .notAnOrgDatabase(_, let problem): .unusableFile(problem)
        case .newerSchema: .newerSchema
        case .busy: .busy
        case .readOnly, .storage: .storage
        case .internalError, .changesNotRecorded: .internal
        case .damageFound: .unusableFile(.damaged)
        default: .refused
        }
    }
}
