/// What kind of organisational unit a unit is.
public enum UnitKind: String, Sendable, CaseIterable, Codable {
    /// The whole organisation, or a company within a group.
    case company
    /// A major part of a company.
    case division
    /// A part of a division or company.
    case department
    /// A Project Management Office; the only kind with a ``PMOType``.
    case pmo
    /// A set of related projects.
    case programme
    /// A set of programmes and projects managed together.
    case portfolio
    /// One project, headed by its project manager.
    case project
    /// A team.
    case team
}

/// The four PMO types of the PMBOK Guide (and the wider PMO literature for
/// `enterprise`), ordered by the degree of control they exert.
public enum PMOType: String, Sendable, CaseIterable, Codable, Comparable {
    /// Consultative: templates, training, lessons learned. Project managers
    /// keep their line in the business.
    case supportive
    /// Support plus required compliance. Project managers keep a solid line to
    /// the business and have a dotted line to the PMO.
    case controlling
    /// Manages projects directly. Project managers report (solid) to the PMO.
    case directive
    /// Aligns all programmes and projects with strategy; reports to the top.
    case enterprise

    /// The degree of control, as the domain describes it.
    public var degreeOfControl: String {
        switch self {
        case .supportive: "low"
        case .controlling: "moderate"
        case .directive: "high"
        case .enterprise: "enterprise-wide"
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    /// Orders the types by the degree of control they exert, supportive lowest.
    public static func < (lhs: PMOType, rhs: PMOType) -> Bool { lhs.rank < rhs.rank }
}
