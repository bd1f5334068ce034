/// What to do with a role the chart has and the source does not (a leaver).
public enum LeaverPolicy: String, Sendable, CaseIterable, Codable {
    /// The position stays and becomes vacant.
    case vacate
    /// The role goes; its direct reports move to its manager.
    case remove
    /// The role is left as it is.
    case keep
}

/// How a sync compares and what it writes.
public struct SyncOptions: Sendable {
    /// What becomes of leavers.
    public var leavers: LeaverPolicy
    /// The key of the role whose branch the source covers; nil for the whole chart.
    public var scope: String?
    /// Writes the plan as one recorded change; otherwise nothing is written.
    public var apply: Bool

    /// Options for one sync; the defaults vacate leavers, cover the whole chart and write nothing.
    public init(leavers: LeaverPolicy = .vacate, scope: String? = nil, apply: Bool = false) {
        self.leavers = leavers
        self.scope = scope
        self.apply = apply
    }
}

/// What a sync does (or, without applying, would do) to make the chart match its source.
public struct SyncPlan: Sendable, Equatable, Codable {
    /// A role as people name it: its key and its holder (nil: vacant).
    public struct RoleName: Sendable, Equatable, Codable {
        /// The role's key.
        public var key: String
        /// The person in the role; nil when it is vacant.
        public var holder: String?
        /// The role's title (for a leaver, the one it had; for a role whose
        /// title changes, the new one).
        public var title: String?

        /// A role named by key and holder, and its title when known.
        public init(key: String, holder: String?, title: String? = nil) {
            self.key = key
            self.holder = holder
            self.title = title
        }
    }

    /// One change of the plan.
    public enum Step: Sendable, Equatable, Codable {
        /// A role the source has and the chart did not, under its manager (nil: at the top).
        case joins(RoleName, under: RoleName?)
        /// A role that changes manager, with its branch.
        case moves(RoleName, from: RoleName?, to: RoleName?)
        /// A leaver: its position made vacant, or the role removed.
        case leaves(RoleName, removed: Bool)
        /// A field of a role that changes, by its column name, from one value to another (nil: empty).
        case changes(RoleName, field: String, from: String?, to: String?)
        /// A dotted line drawn (or, when `drawn` is false, removed).
        case dottedLine(RoleName, to: RoleName, drawn: Bool)
        /// A unit the source names that the chart did not have.
        case unitAdded(key: String, name: String)
        /// A role that becomes (or, when `becomes` is false, stops being)
        /// the assistant of `to`, the role it reports to (or reported to).
        case assistant(RoleName, to: RoleName?, becomes: Bool)
    }

    /// Every change, moves first, then leavers, joiners (each followed by
    /// its becoming an assistant), changed fields and assistants, lines and units.
    public var steps: [Step] = []
    /// Values of the source left alone because a change planned for later sets them.
    public var conflicts: [PlannedChangeConflict] = []
    /// What was done with leavers.
    public var leaverPolicy: LeaverPolicy = .vacate
    /// Leavers left as they are (`keep`, or a plan that changes them later).
    public var leaversKept: [RoleName] = []
    /// True when the plan was written.
    public var applied = false

    /// True when the chart already matches the source.
    public var isInStep: Bool { steps.isEmpty }

    /// How many steps of each kind: joins, moves, leaves, changes (per role
    /// other than a joiner's, assistants included), dotted lines, units.
    public var counts: (joins: Int, moves: Int, leaves: Int, changes: Int, lines: Int, units: Int) {
        var counts = (joins: 0, moves: 0, leaves: 0, changes: 0, lines: 0, units: 0)
        var changed = Set<String>()
        var joined = Set<String>()
        for step in steps {
            switch step {
            case .joins(let role, _):
                counts.joins += 1
                joined.insert(role.key.lowercased())
            case .moves: counts.moves += 1
            case .leaves: counts.leaves += 1
            case .changes(let role, _, _, _): if changed.insert(role.key.lowercased()).inserted { counts.changes += 1 }
            case .dottedLine: counts.lines += 1
            case .unitAdded: counts.units += 1
            case .assistant(let role, _, _):
                // A joiner's becoming an assistant is part of its joining.
                if !joined.contains(role.key.lowercased()), changed.insert(role.key.lowercased()).inserted { counts.changes += 1 }
            }
        }
        return counts
    }

    /// A plan that changes nothing.
    public init() {}
}
