import OrgSQLite

/// "Which is higher, the PMO or the project manager?", answered from the chart.
extension OrgDatabase {
    /// Compares two roles (a unit stands for its head) and says which is
    /// higher and why: by the solid chain when one manages the other, else by
    /// distance below their lowest common manager, with ladder rungs and then
    /// grades breaking ties.
    ///
    /// ```swift
    /// let answer = try org.compare("pmo-it", "pm-payments")
    /// if answer.higher == .first { print(answer.explanation) }  // the PMO, through its head
    /// ```
    public func compare(_ first: String, _ second: String) throws(OrgError) -> Comparison {
        try read {
            let roles = try RoleFactsCache(db: db)
            let a = try roles.facts(try roleRow(roleOrUnit: first).id)
            let b = try roles.facts(try roleRow(roleOrUnit: second).id)
            let sideA = try ComparedRole(facts: a, asked: first, stored: existing(Validation.nfc(first)), db: db)
            let sideB = try ComparedRole(facts: b, asked: second, stored: existing(Validation.nfc(second)), db: db)
            if a.id == b.id {
                return Comparison(first: sideA, second: sideB, higher: nil, basis: .sameRole, levels: 0,
                                  commonManager: nil, firstDistance: 0, secondDistance: 0,
                                  explanation: "They are the same role: \(sideA.name) and \(sideB.name) are both \(Self.label(a))")
            }
            if b.path.hasPrefix(a.path) || a.path.hasPrefix(b.path) {
                let (upper, lower) = b.path.hasPrefix(a.path) ? (sideA, sideB) : (sideB, sideA)
                let levels = abs(a.depth - b.depth)
                return Comparison(first: sideA, second: sideB, higher: upper.key == sideA.key ? .first : .second,
                                  basis: .chain, levels: levels, commonManager: upper.key,
                                  firstDistance: a.depth - min(a.depth, b.depth), secondDistance: b.depth - min(a.depth, b.depth),
                                  explanation: "\(upper.name) is higher, by the solid chain: \(lower.name) reports to it through its solid line, \(levels) level\(levels == 1 ? "" : "s") below")
            }
            let common = zip(PathLabel.ids(in: a.path), PathLabel.ids(in: b.path)).prefix { $0 == $1 }.last?.0
            let tie = tieBreak(a, b)
            guard let common else {
                let rootA = Self.label(try roles.facts(PathLabel.ids(in: a.path)[0]))
                let rootB = Self.label(try roles.facts(PathLabel.ids(in: b.path)[0]))
                let trees = "they sit in different trees (under \(rootA) and \(rootB))"
                let text = tie.map { "\($0.winner(sideA, sideB)) ranks higher by \($0.rule), though they are unrelated: \(trees); \($0.detail)" }
                    ?? "They are unrelated: \(trees), and neither a ladder rung nor a grade separates them"
                return Comparison(first: sideA, second: sideB, higher: tie?.higher, basis: tie?.basis ?? .unrelated,
                                  levels: nil, commonManager: nil, firstDistance: nil, secondDistance: nil, explanation: text)
            }
            let manager = try roles.facts(common)
            let distanceA = a.depth - manager.depth, distanceB = b.depth - manager.depth
            let below = "their lowest common manager is \(Self.label(manager)), with \(a.key) \(distanceA) and \(b.key) \(distanceB) level\(distanceB == 1 ? "" : "s") below it"
            if distanceA != distanceB {
                let higher: Comparison.Side = distanceA < distanceB ? .first : .second
                let name = higher == .first ? sideA.name : sideB.name
                return Comparison(first: sideA, second: sideB, higher: higher, basis: .distanceBelowCommonManager,
                                  levels: abs(distanceA - distanceB), commonManager: manager.key,
                                  firstDistance: distanceA, secondDistance: distanceB,
                                  explanation: "\(name) is higher, by distance below their common manager: \(below); neither reports to the other, so this is rank in the chart, not authority over the other")
            }
            let text = tie.map { "\($0.winner(sideA, sideB)) is higher, by \($0.rule) at the same distance: \(below); \($0.detail)" }
                ?? "They are level: \(below), the same distance, and neither a ladder rung nor a grade separates them"
            return Comparison(first: sideA, second: sideB, higher: tie?.higher, basis: tie?.basis ?? .level,
                              levels: 0, commonManager: manager.key, firstDistance: distanceA, secondDistance: distanceB,
                              explanation: text)
        }
    }

    /// `key (Holder)` or `key (vacant)`, as every answer names a role.
    static func label(_ role: RoleFacts) -> String { "\(role.key) (\(role.holder ?? "vacant"))" }

    private func tieBreak(_ a: RoleFacts, _ b: RoleFacts) -> TieBreak? {
        if let rungA = a.rung, let rungB = b.rung, rungA.ladder == rungB.ladder, rungA.rank != rungB.rank {
            return TieBreak(higher: rungA.rank > rungB.rank ? .first : .second, basis: .ladder,
                            detail: "on the \(rungA.ladder.name) \(a.key) is \(rungA.title) and \(b.key) is \(rungB.title)")
        }
        if let gradeA = a.grade, let gradeB = b.grade, gradeA != gradeB {
            return TieBreak(higher: gradeA > gradeB ? .first : .second, basis: .grade,
                            detail: "\(a.key) has grade \(gradeA) and \(b.key) grade \(gradeB)")
        }
        return nil
    }

    private struct TieBreak {
        let higher: Comparison.Side
        let basis: Comparison.Basis
        let detail: String

        var rule: String { basis == .ladder ? "ladder rung" : "grade" }
        func winner(_ a: ComparedRole, _ b: ComparedRole) -> String { higher == .first ? a.name : b.name }
    }
}

/// One side of a comparison: the role, and the unit it stands for if a unit was named.
public struct ComparedRole: Sendable, Equatable, Codable {
    /// The role's key (the head's, when a unit was named).
    public var key: String
    /// The role's title.
    public var title: String
    /// Who holds the role; nil when it is vacant.
    public var holder: String?
    /// The unit named (its key as stored), when the role stands for its unit as the unit's head.
    public var unit: String?
    /// The key (as stored) of the unit the role sits in, if any.
    public var sitsIn: String?
    /// Levels below the top of its tree.
    public var depth: Int
    /// Its rung on a career ladder, set or implied by its title.
    public var rung: Rung?
    /// Its grade, where set.
    public var grade: Int?

    init(facts: RoleFacts, asked: String, stored: (key: String, kind: OrgError.KeyKind)?, db: Connection) throws {
        key = facts.key
        title = facts.title
        holder = facts.holder
        unit = stored?.kind == .unit ? stored?.key : nil
        sitsIn = try facts.unitID.flatMap { try db.statement("SELECT key FROM unit WHERE id = ?").first([.integer($0)]) { $0.text(0) } }
        depth = facts.depth
        rung = facts.rung
        grade = facts.grade
    }

    /// How the side is named in sentences: `pm-crm (Ana Ruiz)`, or
    /// `pmo-it (through its head pmo-it-director (Lena Fischer))` for a unit.
    var name: String {
        let role = "\(key) (\(holder ?? "vacant"))"
        return unit.map { "\($0) (through its head \(role))" } ?? role
    }
}

/// The answer to "which is higher?".
public struct Comparison: Sendable, Equatable, Codable {
    /// Which of the two roles asked about.
    public enum Side: String, Sendable, Codable {
        /// The first role asked about.
        case first
        /// The second role asked about.
        case second
    }

    /// What decided the answer.
    public enum Basis: String, Sendable, Codable {
        /// One is in the other's solid reporting chain.
        case chain
        /// Both report to a common manager, one from fewer levels below.
        case distanceBelowCommonManager = "distance-below-common-manager"
        /// Same distance (or unrelated); their rungs on one career ladder differ.
        case ladder
        /// Same distance (or unrelated); their grades differ.
        case grade
        /// Same distance, and nothing separates them.
        case level
        /// Different trees, and nothing separates them.
        case unrelated
        /// Both sides are one role.
        case sameRole = "same-role"
    }

    /// The first role asked about.
    public var first: ComparedRole
    /// The second role asked about.
    public var second: ComparedRole
    /// Which side is higher; nil when they are level, the same, or unrelated.
    public var higher: Side?
    /// What decided the answer.
    public var basis: Basis
    /// How many levels apart they are, where that is defined.
    public var levels: Int?
    /// Their lowest common manager (for a chain, the higher role itself).
    public var commonManager: String?
    /// Levels from the common manager down to the first role; nil when unrelated.
    public var firstDistance: Int?
    /// Levels from the common manager down to the second role; nil when unrelated.
    public var secondDistance: Int?
    /// The answer and its reason in one sentence.
    public var explanation: String
}
