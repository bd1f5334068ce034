import OrgSQLite
import Testing
@testable import OrgModel

/// Counts the virtual-machine steps SQLite runs on a connection, through its
/// progress handler: every statement counts, those prepared and finalised
/// inside the library and trigger programs included, so the count is the
/// database work a call does, free of the machine's speed and load.
private final class StepCounter {
    static let interval: Int32 = 8
    var steps = 0

    init(_ connection: Connection) {
        connection.onProgress(every: Self.interval) { [unowned self] in steps += Int(Self.interval) }
    }

    func stop(_ connection: Connection) { connection.onProgress(every: 0, nil) }
}

/// The steps an import takes.
private func importSteps(_ org: OrgDatabase, _ roles: String, units: String? = nil, update: Bool = false) throws -> Int {
    let counter = StepCounter(org.db)
    defer { counter.stop(org.db) }
    try importCSV(org, roles, units: units, options: ImportOptions(update: update))
    return counter.steps
}

/// A units file of `count` units: a company, one PMO per 25 units, and
/// projects inside earlier units, each governed by a PMO.
private func governedUnits(_ count: Int, name: String = "Unit", seed: UInt64 = 5) -> String {
    var random = SplitMix64(seed: seed)
    let pmos = max(2, count / 25)
    var lines = ["key,name,kind,pmo_type,parent,head,governed_by", "co,The Company,company,,,boss,"]
    var parents = ["co"]
    for index in 0..<pmos {
        lines.append("pmo\(index),PMO \(index),pmo,controlling,co,,")
        parents.append("pmo\(index)")
    }
    for index in 0..<(count - pmos - 1) {
        lines.append("u\(index),\(name) \(index),project,,\(random.pick(parents)!),,pmo\(random.below(pmos))")
        parents.append("u\(index)")
    }
    return lines.joined(separator: "\n") + "\n"
}

/// A roles file of `count` roles, each with up to three dotted lines to
/// roles higher up (so never a loop); `dottedSeed` varies the dotted lines
/// alone.
private func dottedRoles(_ count: Int, dottedSeed: UInt64 = 9) -> String {
    var random = SplitMix64(seed: 8)
    var pick = SplitMix64(seed: dottedSeed)
    var depth = [0]
    var lines = ["key,title,reports_to,dotted_to", "r0,Root,,"]
    for index in 1..<count {
        // Half the roles report to one of the last fifty: a chart deep enough
        // that the roles above a role, through every line, are many.
        let manager = random.chance(50) ? max(0, index - 1 - random.below(50)) : random.below(index)
        depth.append(depth[manager] + 1)
        var dotted: [Int] = []
        for _ in 0..<3 {
            let target = pick.below(index)
            if target != manager, depth[target] < depth[index], !dotted.contains(target) { dotted.append(target) }
        }
        lines.append("r\(index),Role \(index),r\(manager),\(dotted.map { "r\($0)" }.joined(separator: ";"))")
    }
    return lines.joined(separator: "\n") + "\n"
}

/// An import's database work grows in proportion to the file: four times
/// the rows, about four times the steps (a quadratic step would make it
/// sixteen). Small sizes keep the test quick; the counts are SQLite's own.
@Suite("Import work grows linearly")
struct ImportGrowthTests {
    static let bound = 5.0

    private func expectLinear(_ small: Int, _ large: Int, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let ratio = Double(large) / Double(small)
        #expect(ratio < Self.bound && ratio > 2, "\(what): \(small) steps, then \(large) for four times the rows (×\(ratio))",
                sourceLocation: sourceLocation)
    }

    @Test func aUnitsFileWithGovernance() throws {
        let steps = try [150, 600].map { try importSteps(try emptyDatabase(), "key,title\nboss,Boss\n", units: governedUnits($0)) }
        expectLinear(steps[0], steps[1], "units with governed_by")
    }

    @Test func aUnitsFileWithGovernanceAgainWithUpdate() throws {
        let steps = try [150, 600].map { count in
            let org = try emptyDatabase()
            try importCSV(org, "key,title\nboss,Boss\n", units: governedUnits(count))
            return try importSteps(org, "key,title\nboss,Boss\n", units: governedUnits(count, name: "Renamed", seed: 6), update: true)
        }
        expectLinear(steps[0], steps[1], "units updated with new parents and governance")
    }

    @Test func rolesWithThreeDottedLinesEach() throws {
        let steps = try [400, 1600].map { try importSteps(try emptyDatabase(), dottedRoles($0)) }
        expectLinear(steps[0], steps[1], "roles with dotted lines")
    }

    /// New dotted lines into a chart that already has many: the check for
    /// loops must not walk the whole chart above each one.
    @Test func dottedLinesAddedToALargerChart() throws {
        let steps = try [400, 1600].map { count in
            let org = try emptyDatabase()
            try importCSV(org, dottedRoles(count))
            let extra = (["key,title,reports_to,dotted_to"] + (0..<count / 4).map { "x\($0),X,r\(count - 1 - $0),r\($0 + 1)" })
                .joined(separator: "\n")
            return try importSteps(org, extra)
        }
        expectLinear(steps[0], steps[1], "dotted lines added below a chart with dotted lines")
    }

    @Test func rolesWithDottedLinesAgainWithUpdate() throws {
        let steps = try [400, 1600].map { count in
            let org = try emptyDatabase()
            try importCSV(org, dottedRoles(count))
            return try importSteps(org, dottedRoles(count, dottedSeed: 10), update: true)
        }
        expectLinear(steps[0], steps[1], "roles re-imported with other dotted lines")
    }
}
