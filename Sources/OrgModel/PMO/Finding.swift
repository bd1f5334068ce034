/// One result of `check`: a rule the chart breaks, with who is involved, a
/// plain sentence saying why it matters and what would fix it, and the fix as data.
public struct Finding: Sendable, Equatable, Codable {
    /// Errors break a rule of the PMO type; warnings are worth a look.
    public enum Severity: String, Sendable, Codable, Comparable {
        case error, warning
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    public var severity: Severity
    public var rule: CheckRule
    /// The keys of the roles involved.
    public var roles: [String]
    /// The keys of the units involved.
    public var units: [String]
    /// Why it matters and what would fix it, in plain words that name no
    /// command: ``situation`` followed by the advice.
    public var message: String
    /// What is wrong and why it matters, without the advice: for a caller
    /// that words the fix itself, from ``remedy``.
    public var situation: String
    /// What would fix it, as data; nil when the fix is a judgement the
    /// message can only describe.
    public var remedy: Remedy?
}

/// The rules `check` evaluates; the raw values are stable names for scripts.
public enum CheckRule: String, Sendable, Codable, CaseIterable {
    case directivePMReportsToPMO = "directive-pm-reports-to-pmo"
    case controllingPMReportsToBusiness = "controlling-pm-reports-to-business"
    case controllingPMDottedToPMO = "controlling-pm-dotted-to-pmo"
    case supportiveHasNoSolidPMs = "supportive-pmo-has-no-solid-pms"
    case enterpriseHeadReportsToTop = "enterprise-pmo-head-reports-to-top"
    case singleEnterprisePMO = "single-enterprise-pmo"
    case pmoUnderEnterprise = "pmo-under-enterprise-pmo"
    case spanOfControl = "span-of-control"
    case chainDepth = "chain-depth"
    case vacantHead = "vacant-head"
    case ladderInversion = "ladder-inversion"

    /// What the rule asks, in one sentence, for the README and `check --rules`.
    public var summary: String {
        switch self {
        case .directivePMReportsToPMO: "A project manager of a unit governed by a directive PMO reports (solid) into that PMO."
        case .controllingPMReportsToBusiness: "A project manager of a unit governed by a controlling PMO keeps its solid line in the business, outside the PMO."
        case .controllingPMDottedToPMO: "A project manager of a unit governed by a controlling PMO has a dotted line to the PMO."
        case .supportiveHasNoSolidPMs: "A supportive PMO has no project managers reporting (solid) into it."
        case .enterpriseHeadReportsToTop: "The head of an enterprise PMO reports (solid) to the top of the organisation, a root role."
        case .singleEnterprisePMO: "An organisation has at most one enterprise PMO."
        case .pmoUnderEnterprise: "Where there is an enterprise PMO, every other PMO sits inside it or its head reports to it (solid or dotted)."
        case .spanOfControl: "No manager has more direct reports than the span limit."
        case .chainDepth: "No reporting chain is deeper than the depth limit."
        case .vacantHead: "Every unit has a head, and the head role is filled."
        case .ladderInversion: "Nobody reports (solid) to a lower rung of their own career ladder."
        }
    }

    /// How serious a breach is.
    public var severity: Finding.Severity {
        switch self {
        case .directivePMReportsToPMO, .controllingPMReportsToBusiness, .controllingPMDottedToPMO,
             .supportiveHasNoSolidPMs, .enterpriseHeadReportsToTop, .singleEnterprisePMO:
            .error
        case .pmoUnderEnterprise, .spanOfControl, .chainDepth, .vacantHead, .ladderInversion:
            .warning
        }
    }
}

/// The limits `check` and `stats` apply.
public struct CheckLimits: Sendable {
    /// Most direct reports a manager should have.
    public var maxSpan: Int
    /// Deepest a reporting chain should be (levels below its root).
    public var maxDepth: Int

    public init(maxSpan: Int = 10, maxDepth: Int = 12) {
        self.maxSpan = maxSpan
        self.maxDepth = maxDepth
    }
}
