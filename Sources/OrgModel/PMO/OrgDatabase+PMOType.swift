import OrgSQLite

/// Changing a PMO's type, which changes who should report to whom.
extension OrgDatabase {
    /// The reporting lines that changing `pmo` to `type` implies, worked out
    /// without writing anything.
    public func planPMOTypeChange(_ pmo: String, to type: PMOType) throws(OrgError) -> PMOTypePlan {
        try read { try makePlan(pmo, to: type) }
    }

    /// Changes `pmo` to `type` and applies every line change of its plan, all
    /// in one transaction: if any change is refused, nothing is written.
    @discardableResult
    public func changePMOType(_ pmo: String, to type: PMOType) throws(OrgError) -> PMOTypePlan {
        try writeAtItsMoment {
            var plan = try makePlan(pmo, to: type)
            try db.run("UPDATE unit SET pmo_type = ? WHERE key = ?", [.text(type.rawValue), .text(plan.pmo)])
            cachedUnits = nil
            for change in plan.changes {
                let role = try roleRow(change.role)
                switch change.action {
                case .move:
                    _ = try performMove(role, to: try change.to.map { try roleRow($0) })
                case .addDotted:
                    try insertDottedLine(from: role, to: try roleRow(change.to!))
                case .removeDotted:
                    // A move onto the dotted manager has already made the line solid.
                    try db.run("DELETE FROM dotted_line WHERE role_id = ? AND manager_id = (SELECT id FROM role WHERE key = ?)",
                               [.integer(role.id), .text(change.from!)])
                }
            }
            plan.applied = true
            return plan
        }
    }

    private func makePlan(_ key: String, to type: PMOType) throws -> PMOTypePlan {
        let units = try units()
        let context = try PMOContext(units: units, db: db)
        let unitID = try unitID(key)
        guard let pmo = context.pmos[unitID] else {
            let unit = try fetchUnit(id: unitID)
            throw OrgError.notAPMO(unit: unit.key, kind: unit.kind)
        }
        var plan = PMOTypePlan(pmo: pmo.unit.key, from: pmo.type, to: type, changes: [], notes: [], applied: false)
        guard pmo.type != type else {
            plan.notes.append(PlanNote(situation: "\(pmo.unit.key) is already a \(type.rawValue) PMO; nothing changes", advice: "", remedy: nil))
            return plan
        }
        let roles = try RoleFactsCache(db: db)
        let head = try pmo.headID.map { try roles.facts($0) }
        let policy = PMOPolicy.of(type)
        if policy.headReportsToTop {
            if let other = context.pmos.values.first(where: { $0.type == .enterprise && $0.id != pmo.id }) {
                throw OrgError.secondEnterprisePMO(pmo: pmo.unit.key, existing: other.unit.key)
            }
            if let head, head.depth > 1, let top = head.chainIDs.last {
                let topKey = try roles.facts(top).key
                plan.changes.append(LineChange(action: .move, role: head.key, from: try roles.facts(head.managerID!).key,
                    to: topKey, reason: PMOPolicy.headReason))
                // A move onto a dotted manager takes the dotted line with it: the preview says so.
                if try db.integer("SELECT 1 FROM dotted_line WHERE role_id = ? AND manager_id = ?", [.integer(head.id), .integer(top)]) != nil {
                    plan.changes.append(LineChange(action: .removeDotted, role: head.key, from: topKey, to: nil,
                        reason: "the dotted line to \(topKey) becomes the solid line"))
                }
            }
        }
        // A project manager heading two governed units is planned for once.
        var planned = Set<Int64>()
        let governedHere = context.governedManagers.filter { $0.pmoID == pmo.id && planned.insert($0.roleID).inserted }
        let governedIDs = Set(governedHere.map(\.roleID))
        for governed in governedHere {
            let manager = try roles.facts(governed.roleID)
            let oldBoss = try manager.managerID.map { try roles.facts($0) }
            let lines = try PMOLines(of: manager, in: pmo, context: context, roles: roles, db: db)
            // A project manager under another governed manager of this PMO (a
            // programme's projects) keeps that manager and moves with it; only
            // its dotted line to the PMO follows the new type.
            if let oldBoss, governedIDs.contains(oldBoss.id) {
                let pmoDotted = try lines.dottedManagerIDs.map { try roles.facts($0) }
                    .filter { context.isMember(roleID: $0.id, unitID: $0.unitID, of: pmo) }
                if policy.dottedLine == .required, pmoDotted.isEmpty, let head {
                    plan.changes.append(LineChange(action: .addDotted, role: manager.key, from: nil, to: head.key,
                        reason: policy.dottedLineReason ?? ""))
                }
                if policy.dottedLine == .none {
                    for line in pmoDotted {
                        plan.changes.append(LineChange(action: .removeDotted, role: manager.key, from: line.key, to: nil,
                            reason: policy.dottedLineReason ?? ""))
                    }
                }
                continue
            }
            let dottedKeys = try lines.dottedManagerIDs.map { try roles.facts($0) }
            let business = try dottedKeys.first { !context.isMember(roleID: $0.id, unitID: $0.unitID, of: pmo) }
                ?? businessHead(above: governed.unitKey, outside: pmo, excluding: manager.id, units: units, context: context, roles: roles)
            switch policy.solidLine {
            case .intoPMO where !lines.solidInto:
                guard let head else { throw OrgError.pmoHasNoHead(pmo: pmo.unit.key) }
                plan.changes.append(LineChange(action: .move, role: manager.key, from: oldBoss?.key, to: head.key,
                    reason: policy.solidLineReason(type, business: nil)))
                if dottedKeys.contains(where: { $0.id == head.id }) {
                    plan.changes.append(LineChange(action: .removeDotted, role: manager.key, from: head.key, to: nil,
                        reason: "the dotted line to \(head.key) becomes the solid line"))
                }
                if let oldBoss, !dottedKeys.contains(where: { $0.id == oldBoss.id }) {
                    plan.changes.append(LineChange(action: .addDotted, role: manager.key, from: nil, to: oldBoss.key,
                        reason: "keeps the business line as a dotted line"))
                }
            case .inBusiness:
                var stillSolidInto = lines.solidInto
                if lines.solidInto {
                    if let business {
                        plan.changes.append(LineChange(action: .move, role: manager.key, from: oldBoss?.key, to: business.key,
                            reason: policy.solidLineReason(type, business: business.key)))
                        if dottedKeys.contains(where: { $0.id == business.id }) {
                            plan.changes.append(LineChange(action: .removeDotted, role: manager.key, from: business.key, to: nil,
                                reason: "the dotted line to \(business.key) becomes the solid line"))
                        }
                        stillSolidInto = false
                    } else {
                        plan.notes.append(PlanNote(
                            situation: "no business line is known for \(manager.key) (no dotted line, and no unit head above it, outside the PMO)",
                            advice: "; move it by hand to a manager you choose", remedy: .moveRole(role: manager.key, to: nil)))
                    }
                }
                let pmoDotted = dottedKeys.filter { context.isMember(roleID: $0.id, unitID: $0.unitID, of: pmo) }
                if policy.dottedLine == .required, !stillSolidInto, pmoDotted.isEmpty {
                    if let head {
                        plan.changes.append(LineChange(action: .addDotted, role: manager.key, from: nil, to: head.key,
                            reason: policy.dottedLineReason ?? ""))
                    } else {
                        plan.notes.append(PlanNote(situation: "\(pmo.unit.key) has no head, so \(manager.key) gets no dotted line to it",
                                                   advice: "; give it a head role", remedy: .setUnitHead(unit: pmo.unit.key, role: nil)))
                    }
                }
                if policy.dottedLine == .none {
                    for line in pmoDotted {
                        plan.changes.append(LineChange(action: .removeDotted, role: manager.key, from: line.key, to: nil,
                            reason: policy.dottedLineReason ?? ""))
                    }
                }
            default:
                break
            }
        }
        return plan
    }
}

extension OrgDatabase {
    /// The head of the nearest unit above `unitKey` that lies outside the PMO:
    /// the business line a project returns to when no dotted line names one.
    fileprivate func businessHead(above unitKey: String, outside pmo: PMOContext.PMO, excluding roleID: Int64,
                                  units: UnitDirectory, context: PMOContext, roles: RoleFactsCache) throws -> RoleFacts? {
        guard let start = units.byID.values.first(where: { $0.unit.key == unitKey })?.parentID else { return nil }
        let headKey = units.nearest(from: start) { id -> String? in
            guard !pmo.memberUnitIDs.contains(id) else { return nil }
            return units.byID[id]?.unit.head
        }
        guard let headKey, let head = try? roleRow(headKey), head.id != roleID else { return nil }
        let facts = try roles.facts(head.id)
        return context.isMember(roleID: facts.id, unitID: facts.unitID, of: pmo) ? nil : facts
    }
}

/// What changing a PMO's type does to the reporting lines.
public struct PMOTypePlan: Sendable, Equatable, Codable {
    public var pmo: String
    public var from: PMOType
    public var to: PMOType
    /// The line changes, in the order they are applied.
    public var changes: [LineChange]
    /// Things the plan cannot do by itself, for a person to decide.
    public var notes: [PlanNote]
    /// True once the change has been written.
    public var applied: Bool
}

/// Something a plan cannot do by itself, for a person to decide: in plain
/// words, and as data where a change would settle it.
public struct PlanNote: Sendable, Equatable, Codable {
    /// What the plan met and the advice, in plain words that name no command.
    public var message: String
    /// What the plan met, without the advice: for a caller that words the
    /// fix itself, from ``remedy``.
    public var situation: String
    /// The change that would settle it, if there is one.
    public var remedy: Remedy?

    public init(message: String, situation: String, remedy: Remedy?) {
        self.message = message
        self.situation = situation
        self.remedy = remedy
    }

    init(situation: String, advice: String, remedy: Remedy?) {
        self.init(message: situation + advice, situation: situation, remedy: remedy)
    }
}

/// One reporting-line change in a plan.
public struct LineChange: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable {
        /// Change the solid line from `from` to `to`.
        case move
        /// Add a dotted line to `to`.
        case addDotted = "add-dotted"
        /// Remove the dotted line to `from`.
        case removeDotted = "remove-dotted"
    }

    public var action: Action
    public var role: String
    public var from: String?
    public var to: String?
    /// Why the new type implies the change.
    public var reason: String
}
