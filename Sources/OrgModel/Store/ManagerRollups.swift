/// Every listed manager of a roll-up, depth first, as
/// ``OrgDatabase/eachManagerRollup(under:maxDepth:)`` found them.
///
/// A manager's team is known only when the scan leaves its branch, after
/// the managers listed below it, so all must be held until the scan ends.
/// They are held compactly (their text in one byte buffer, their figures
/// as plain numbers) and each ``Rollup`` is made as iteration reaches it:
/// the hundred thousand managers of a million-role chart cost a few
/// megabytes instead of a ``Role`` and its strings each. Iterating reads
/// nothing from the database.
///
/// ```swift
/// let managers = try org.eachManagerRollup()
/// print(managers.count)
/// for rollup in managers { print(rollup.role.key, rollup.team.roles) }
/// ```
public struct ManagerRollups: Sequence {
    /// One listed manager: where its text lies in `bytes`, and its figures,
    /// without optionals (each would take a word of padding).
    struct Entry {
        var start: Int
        var salaryMinor: Int64
        var grade: Int
        var unitID: Int64
        var teamMinor: Int64
        /// The byte lengths of key, title, holder and salary currency;
        /// -1 for an absent holder or salary.
        var keyLength: Int32, titleLength: Int32, holderLength: Int32, currencyLength: Int32
        /// The depth in the chart.
        var depth: Int32
        var directReports: Int32
        /// The listed manager above, by index; -1 for the top of the roll-up.
        var above: Int32
        var teamRoles: Int32
        var teamFilled: Int32
        /// The team's cost when it is paid in one currency (an index into
        /// `currencies`; -1 when nobody is paid); other teams are in `mixedCosts`.
        var teamCurrency: Int32
        var flags: UInt8
        var rung: Rung?

        static let hasGrade: UInt8 = 1, hasUnit: UInt8 = 2, isAssistant: UInt8 = 4
        func has(_ flag: UInt8) -> Bool { flags & flag != 0 }
    }

    private var bytes: [UInt8] = []
    private var entries: [Entry] = []
    private var currencies: [String] = []
    private var mixedCosts: [Int: [Money]] = [:]
    private let units: UnitDirectory
    /// The manager of the top of the roll-up, which the scan does not read.
    private let aboveTop: String?
    /// The depth in the chart of the top of the roll-up.
    private let base: Int

    init(units: UnitDirectory, aboveTop: String?, base: Int, expected: Int) {
        self.units = units
        self.aboveTop = aboveTop
        self.base = base
        // Room for all at once where the count is known: an array that
        // doubles holds its old and new storage at the same time.
        entries.reserveCapacity(expected)
        bytes.reserveCapacity(expected * 48)
    }

    /// How many managers are listed.
    public var count: Int { entries.count }

    /// Adds a manager whose team is still open; returns its index.
    mutating func append(key: String, title: String, holder: String?, salary: (minor: Int64, currency: String)?,
                         grade: Int?, depth: Int, directReports: Int, above: Int, assistant: Bool,
                         rung: Rung?, unitID: Int64?) -> Int {
        let start = bytes.count
        bytes.append(contentsOf: key.utf8)
        bytes.append(contentsOf: title.utf8)
        if let holder { bytes.append(contentsOf: holder.utf8) }
        if let salary { bytes.append(contentsOf: salary.currency.utf8) }
        var flags: UInt8 = assistant ? Entry.isAssistant : 0
        if grade != nil { flags |= Entry.hasGrade }
        if unitID != nil { flags |= Entry.hasUnit }
        entries.append(Entry(
            start: start, salaryMinor: salary?.minor ?? 0, grade: grade ?? 0, unitID: unitID ?? 0, teamMinor: 0,
            keyLength: Int32(key.utf8.count), titleLength: Int32(title.utf8.count),
            holderLength: holder.map { Int32($0.utf8.count) } ?? -1,
            currencyLength: salary.map { Int32($0.currency.utf8.count) } ?? -1,
            depth: Int32(depth), directReports: Int32(clamping: directReports), above: Int32(above),
            teamRoles: 0, teamFilled: 0, teamCurrency: -1, flags: flags, rung: rung))
        return entries.count - 1
    }

    /// Records the team of the manager at `index` once its branch is closed.
    mutating func close(_ index: Int, team: TeamSum) {
        entries[index].teamRoles = Int32(clamping: team.roles)
        entries[index].teamFilled = Int32(clamping: team.filled)
        switch team.salaries.count {
        case 0:
            break
        case 1:
            let (currency, minor) = team.salaries[0]
            if let known = currencies.firstIndex(of: currency) {
                entries[index].teamCurrency = Int32(known)
            } else {
                currencies.append(currency)
                entries[index].teamCurrency = Int32(currencies.count - 1)
            }
            entries[index].teamMinor = minor
        default:
            mixedCosts[index] = team.headcount.salaryCost
        }
    }

    /// The key of the listed manager at `index`.
    func key(at index: Int) -> String {
        let entry = entries[index]
        return text(entry.start, entry.keyLength)
    }

    private func text(_ start: Int, _ length: Int32) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: $0[start..<start + Int(length)], as: UTF8.self) }
    }

    /// The roll-up of the manager at `index`, as ``OrgDatabase/managerRollups(under:maxDepth:)`` gives it.
    func rollup(at index: Int) -> Rollup {
        let entry = entries[index]
        var offset = entry.start
        func next(_ length: Int32) -> String? {
            guard length >= 0 else { return nil }
            defer { offset += Int(length) }
            return text(offset, length)
        }
        let key = next(entry.keyLength)!, title = next(entry.titleLength)!
        let holder = next(entry.holderLength), currency = next(entry.currencyLength)
        let reportsTo = entry.above >= 0 ? self.key(at: Int(entry.above)) : aboveTop
        let unitID = entry.has(Entry.hasUnit) ? entry.unitID : nil
        let role = Role(
            key: key, title: title, holder: holder, reportsTo: reportsTo,
            unit: unitID.flatMap { units.byID[$0]?.unit.key },
            grade: entry.has(Entry.hasGrade) ? entry.grade : nil,
            salary: currency.map { Money(minorUnits: entry.salaryMinor, currency: $0) },
            depth: Int(entry.depth), pmo: units.pmo(forUnitID: unitID), explicitRung: entry.rung,
            assistantTo: entry.has(Entry.isAssistant) ? reportsTo : nil)
        let cost = mixedCosts[index]
            ?? (entry.teamCurrency >= 0 ? [Money(minorUnits: entry.teamMinor, currency: currencies[Int(entry.teamCurrency)])] : [])
        let roles = Int(entry.teamRoles), filled = Int(entry.teamFilled)
        let team = Headcount(roles: roles, filled: filled, vacant: roles - filled,
                             salaryCost: cost)
        return Rollup(role: role, depth: Int(entry.depth) - base, directReports: Int(entry.directReports), team: team)
    }

    /// The roll-ups in order, each made as it is reached.
    public struct Iterator: IteratorProtocol {
        let rollups: ManagerRollups
        var index = 0

        /// The next manager's roll-up, or nil after the last.
        public mutating func next() -> Rollup? {
            guard index < rollups.count else { return nil }
            defer { index += 1 }
            return rollups.rollup(at: index)
        }
    }

    /// Iterates the roll-ups in order.
    public func makeIterator() -> Iterator { Iterator(rollups: self) }

    /// How many managers are listed, without iterating.
    public var underestimatedCount: Int { count }
}
