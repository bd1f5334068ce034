/// The chart as of a moment: every question ``OrgDatabase`` answers, and no
/// write.
///
/// A snapshot comes from ``OrgDatabase/snapshot(asOf:)``. It sees the chart
/// with every change that takes effect after its moment rolled back, and
/// nothing committed after it was made. Like the database it comes from, a
/// snapshot belongs to one thread or task at a time.
///
/// ```swift
/// let january = Timestamp.parse("2027-01-01", day: .end)!
/// let planned = try org.snapshot(asOf: january)
/// print(try planned.chain(of: "pm-payments").map(\.key))
/// ```
public final class ChartSnapshot {
    /// The moment the chart is shown as of.
    public let moment: Timestamp
    /// The database the questions go to: the live one when nothing takes
    /// effect after the moment, else one with the later changes rolled back.
    let database: OrgDatabase
    /// The database the snapshot was taken of: two snapshots of one are
    /// compared through the history between their moments.
    let origin: OrgDatabase

    init(database: OrgDatabase, moment: Timestamp, origin: OrgDatabase) {
        self.database = database
        self.moment = moment
        self.origin = origin
    }

    /// This snapshot's moment and `other`'s, when both were taken of one database.
    private func moments(to other: ChartSnapshot) -> (from: Timestamp, to: Timestamp)? {
        origin === other.origin ? (moment, other.moment) : nil
    }

    /// The path of the database file the snapshot was taken from.
    public var path: String { database.path }

    // MARK: - Roles and units

    /// The role with `key`, as ``OrgDatabase/role(_:)``.
    public func role(_ key: String) throws(OrgError) -> Role { try database.role(key) }
    /// The unit with `key`, as ``OrgDatabase/unit(_:)``.
    public func unit(_ key: String) throws(OrgError) -> OrgUnit { try database.unit(key) }
    /// Whether `key` names a role or a unit, as ``OrgDatabase/kind(of:)``.
    public func kind(of key: String) throws(OrgError) -> OrgError.KeyKind? { try database.kind(of: key) }
    /// Everything about a role or unit, as ``OrgDatabase/details(of:)``.
    public func details(of key: String) throws(OrgError) -> Details { try database.details(of: key) }
    /// Names for keys, as ``OrgDatabase/references(for:)``.
    public func references(for keys: some Sequence<String>) throws(OrgError) -> References {
        try database.references(for: keys)
    }
    /// Roles and units matching `text`, as ``OrgDatabase/find(_:limit:)``.
    public func find(_ text: String, limit: Int = 20) throws(OrgError) -> [SearchResult] {
        try database.find(text, limit: limit)
    }
    /// The unit tree, as ``OrgDatabase/unitTree()``.
    public func unitTree() throws(OrgError) -> [UnitTreeEntry] { try database.unitTree() }
    /// Whether the chart has no roles and no units.
    public func isEmpty() throws(OrgError) -> Bool { try database.isEmpty() }

    // MARK: - Lines

    /// The chain from `key` up to its root, as ``OrgDatabase/chain(of:)``.
    public func chain(of key: String) throws(OrgError) -> [Role] { try database.chain(of: key) }
    /// The people reporting to `key`, as ``OrgDatabase/reports(to:all:maxDepth:includeDotted:)``.
    public func reports(to key: String, all: Bool = false, maxDepth: Int? = nil,
                        includeDotted: Bool = false) throws(OrgError) -> ReportList {
        try database.reports(to: key, all: all, maxDepth: maxDepth, includeDotted: includeDotted)
    }
    /// How many report to `key`, as ``OrgDatabase/countReports(to:all:maxDepth:)``.
    public func countReports(to key: String, all: Bool = false, maxDepth: Int? = nil) throws(OrgError) -> Int {
        try database.countReports(to: key, all: all, maxDepth: maxDepth)
    }
    /// A depth-first walk, as ``OrgDatabase/walkTree(root:maxDepth:includeDotted:_:)``.
    public func walkTree(root: String? = nil, maxDepth: Int? = nil, includeDotted: Bool = false,
                         _ visit: (TreeNode) throws -> Void) throws(OrgError) {
        try database.walkTree(root: root, maxDepth: maxDepth, includeDotted: includeDotted, visit)
    }
    /// A team's figures, as ``OrgDatabase/rollup(of:)``.
    public func rollup(of key: String) throws(OrgError) -> Rollup { try database.rollup(of: key) }
    /// Every manager's team figures, as ``OrgDatabase/managerRollups(under:maxDepth:)``.
    public func managerRollups(under root: String? = nil, maxDepth: Int? = nil) throws(OrgError) -> [Rollup] {
        try database.managerRollups(under: root, maxDepth: maxDepth)
    }

    /// Every manager's team figures, made one by one, as ``OrgDatabase/eachManagerRollup(under:maxDepth:)``.
    public func eachManagerRollup(under root: String? = nil, maxDepth: Int? = nil) throws(OrgError) -> ManagerRollups {
        try database.eachManagerRollup(under: root, maxDepth: maxDepth)
    }

    // MARK: - PMOs and rules

    /// The PMO rules' findings, as ``OrgDatabase/check(limits:)``.
    public func check(limits: CheckLimits = CheckLimits()) throws(OrgError) -> [Finding] { try database.check(limits: limits) }
    /// Which of two roles is higher, as ``OrgDatabase/compare(_:_:)``.
    public func compare(_ first: String, _ second: String) throws(OrgError) -> Comparison {
        try database.compare(first, second)
    }
    /// What a PMO type change would do, as ``OrgDatabase/planPMOTypeChange(_:to:)``.
    public func planPMOTypeChange(_ pmo: String, to type: PMOType) throws(OrgError) -> PMOTypePlan {
        try database.planPMOTypeChange(pmo, to: type)
    }
    /// The units a PMO governs, as ``OrgDatabase/governedUnits(by:)``.
    public func governedUnits(by pmo: String) throws(OrgError) -> [String] { try database.governedUnits(by: pmo) }
    /// Who stands on each rung, as ``OrgDatabase/ladder(limit:)``.
    public func ladder(limit: Int = 50) throws(OrgError) -> [RungOccupancy] { try database.ladder(limit: limit) }
    /// Statistics, as ``OrgDatabase/stats(unit:limits:)``.
    public func stats(unit scope: String? = nil, limits: CheckLimits = CheckLimits()) throws(OrgError) -> OrgStats {
        try database.stats(unit: scope, limits: limits)
    }

    // MARK: - History and differences

    /// The recorded changes, as ``OrgDatabase/history(of:since:)``.
    public func history(of key: String? = nil, since: Timestamp? = nil) throws(OrgError) -> [ChangeRecord] {
        try database.history(of: key, since: since)
    }
    /// What differs from `other`, as ``OrgDatabase/differences(to:)``.
    public func differences(to other: ChartSnapshot) throws(OrgError) -> [ChartChange] {
        var changes: [ChartChange] = []
        try database.forEachDifference(to: other.database, inStorageOrder: true, between: moments(to: other)) { changes.append($0) }
        return changes
    }
    /// Each difference from `other`, streamed, as ``OrgDatabase/forEachDifference(to:_:)``.
    public func forEachDifference(to other: ChartSnapshot, _ body: (ChartChange) -> Void) throws(OrgError) {
        try database.forEachDifference(to: other.database, inStorageOrder: true, between: moments(to: other), body)
    }
    /// Each difference from `other` with names, as ``OrgDatabase/forEachNamedDifference(to:_:)``.
    public func forEachNamedDifference(to other: ChartSnapshot, _ body: (ChartChange) -> Void) throws(OrgError) {
        try database.forEachNamedDifference(to: other.database, between: moments(to: other), body)
    }

    // MARK: - Export

    /// The chart in `format`, as ``OrgDatabase/export(_:root:units:title:into:)``.
    public func export(_ format: ExportFormat, root: String? = nil, units: Bool = false, title: String,
                       into emit: (String) -> Void) throws(OrgError) {
        try database.export(format, root: root, units: units, title: title, into: emit)
    }
    /// The chart as a picture, as ``OrgDatabase/exportPicture(html:root:dottedReports:options:into:)``.
    public func exportPicture(html: Bool = false, root: String? = nil, dottedReports: Bool = false,
                              options: PictureOptions, into emit: (String) -> Void) throws(OrgError) {
        try database.exportPicture(html: html, root: root, dottedReports: dottedReports, options: options, into: emit)
    }
    /// The chart split into pages, as ``OrgDatabase/exportPages(root:dottedReports:options:width:height:page:)``.
    public func exportPages(root: String? = nil, dottedReports: Bool = false, options: PictureOptions,
                            width: Double, height: Double, page: (String) -> Void) throws(OrgError) {
        try database.exportPages(root: root, dottedReports: dottedReports, options: options, width: width, height: height, page: page)
    }
    /// The chart as one picture for a sheet, as ``OrgDatabase/exportSheet(root:dottedReports:options:width:height:into:)``.
    @discardableResult
    public func exportSheet(root: String? = nil, dottedReports: Bool = false, options: PictureOptions,
                            width: Double, height: Double, into emit: (String) -> Void) throws(OrgError) -> Bool {
        try database.exportSheet(root: root, dottedReports: dottedReports, options: options, width: width, height: height, into: emit)
    }
    /// Every role as export rows, as ``OrgDatabase/exportRoles(root:_:)``.
    func exportRoles(root: String? = nil, _ visit: (OrgDatabase.ExportRole) throws -> Void) throws(OrgError) {
        try database.exportRoles(root: root, visit)
    }
    /// Every unit as export rows, as ``OrgDatabase/exportUnits(root:)``.
    func exportUnits(root: String? = nil) throws(OrgError) -> [OrgDatabase.ExportUnit] { try database.exportUnits(root: root) }
}

extension OrgDatabase {
    /// The chart as of `moment`, read-only: changes that take effect later
    /// (planned ones, or ones recorded with a later effective date) rolled
    /// back. Only the rows those changes touch are set apart for the
    /// snapshot; the rest is read from the file as it stood when the snapshot
    /// was taken. Taking it waits, like a write, for a write in progress.
    public func snapshot(asOf moment: Timestamp) throws(OrgError) -> ChartSnapshot {
        ChartSnapshot(database: try asOf(moment), moment: moment, origin: self)
    }
    /// The chart now: as ``snapshot(asOf:)`` for the moment the file is
    /// read, so that a write another connection commits while it is being
    /// taken is part of it rather than a change "after now" to roll back.
    /// The moment is taken once the read has its view of the file: every
    /// change in that view was recorded before it, and only changes planned
    /// for later are rolled back.
    public func snapshotNow() throws(OrgError) -> ChartSnapshot {
        try readingNow { now throws(OrgError) in try snapshot(asOf: now) }
    }

    /// True when a planned change (one recorded to take effect later than it
    /// was recorded) takes effect after `moment`: a chart read as of now
    /// will differ once it does, with no commit to say so. A write committed
    /// meanwhile, which takes effect when it is recorded, is not one.
    public func hasPlannedChanges(after moment: Timestamp) throws(OrgError) -> Bool {
        guard recordsHistory else { return false }
        return try read {
            try db.integer("SELECT EXISTS (SELECT 1 FROM change c WHERE \(ChartRebuild.pendingAt) AND c.effective_at > c.recorded_at)",
                           [.text(moment.description)]) == 1
        }
    }

    /// Runs `body` with the current moment inside a read that already holds
    /// its view of the file (joined by the reads `body` makes).
    private func readingNow<T>(_ body: (Timestamp) throws(OrgError) -> T) throws(OrgError) -> T {
        try read {
            _ = try db.integer("SELECT 1 FROM sqlite_schema LIMIT 1")
            return try body(.now())
        }
    }
}
