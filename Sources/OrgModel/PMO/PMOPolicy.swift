/// What each PMO type requires of the reporting lines of the project managers
/// it governs, written once: `check` judges the chart by it, and the plan for
/// a change of type works out the lines from it.
struct PMOPolicy: Sendable {
    /// Where a governed project manager's solid line goes.
    enum SolidLine: Sendable {
        /// Into the PMO (its head or a role inside it).
        case intoPMO
        /// To the business, outside the PMO.
        case inBusiness
        /// The type has no rule for it.
        case either
    }

    /// Whether a governed project manager has a dotted line into the PMO.
    enum DottedLine: Sendable {
        /// It must have one.
        case required
        /// It has none (a directive PMO's solid line replaces it; a supportive
        /// PMO has no line to project managers at all).
        case none
        /// The type has no rule for it.
        case either
    }

    let solidLine: SolidLine
    let dottedLine: DottedLine
    /// The `check` rule a solid line in the wrong place breaks.
    let solidLineRule: CheckRule?
    /// The `check` rule a missing dotted line breaks.
    let dottedLineRule: CheckRule?
    /// Why the type asks for its solid line, as `check` says it: "a directive
    /// PMO manages its projects directly".
    let reason: String
    /// Why a plan adds or removes a dotted line into the PMO.
    let dottedLineReason: String?
    /// Whether the PMO's head reports to the top of the organisation.
    let headReportsToTop: Bool

    /// Why a plan moves a project manager's solid line, as the plan says it.
    func solidLineReason(_ type: PMOType, business: String?) -> String {
        switch solidLine {
        case .intoPMO: "a \(type.rawValue) PMO's project managers report into it"
        case .inBusiness, .either: "a \(type.rawValue) PMO's project managers report to the business, here \(business ?? "")"
        }
    }

    /// Why a plan moves the head of an enterprise PMO.
    static let headReason = "an enterprise PMO's head reports to the top of the organisation"

    static func of(_ type: PMOType) -> PMOPolicy {
        switch type {
        case .directive:
            PMOPolicy(solidLine: .intoPMO, dottedLine: .none, solidLineRule: .directivePMReportsToPMO, dottedLineRule: nil,
                      reason: "a directive PMO manages its projects directly",
                      dottedLineReason: "the solid line into the PMO replaces it", headReportsToTop: false)
        case .controlling:
            PMOPolicy(solidLine: .inBusiness, dottedLine: .required, solidLineRule: .controllingPMReportsToBusiness,
                      dottedLineRule: .controllingPMDottedToPMO,
                      reason: "a controlling PMO oversees without taking the line",
                      dottedLineReason: "a controlling PMO oversees its project managers through a dotted line", headReportsToTop: false)
        case .supportive:
            PMOPolicy(solidLine: .inBusiness, dottedLine: .none, solidLineRule: .supportiveHasNoSolidPMs, dottedLineRule: nil,
                      reason: "a supportive PMO only advises",
                      dottedLineReason: "a supportive PMO has no reporting line to project managers", headReportsToTop: false)
        case .enterprise:
            PMOPolicy(solidLine: .either, dottedLine: .either, solidLineRule: nil, dottedLineRule: nil,
                      reason: "an enterprise PMO answers to the CEO or president",
                      dottedLineReason: nil, headReportsToTop: true)
        }
    }
}
