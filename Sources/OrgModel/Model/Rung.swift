/// A rung on one of the two career ladders around a PMO, lowest first.
public enum Rung: String, Sendable, CaseIterable, Codable {
    /// The first rung of the PMO ladder.
    case pmoCoordinator = "pmo-coordinator"
    /// PMO Analyst.
    case pmoAnalyst = "pmo-analyst"
    /// PMO Manager.
    case pmoManager = "pmo-manager"
    /// PMO Director.
    case pmoDirector = "pmo-director"
    /// Chief Project Officer, the top of the PMO ladder.
    case chiefProjectOfficer = "chief-project-officer"
    /// The first rung of the project ladder.
    case projectManager = "project-manager"
    /// Programme Manager.
    case programmeManager = "programme-manager"
    /// Portfolio Manager.
    case portfolioManager = "portfolio-manager"
    /// Head of Projects (or VP of Project Management), the top of the project ladder.
    case headOfProjects = "head-of-projects"

    /// The two ladders.
    public enum Ladder: String, Sendable, CaseIterable, Codable {
        /// PMO Coordinator → PMO Analyst → PMO Manager → PMO Director → Chief Project Officer.
        case pmo
        /// Project Manager → Programme Manager → Portfolio Manager → Head of Projects.
        case project

        /// The ladder's rungs, lowest first.
        public var rungs: [Rung] { Rung.allCases.filter { $0.ladder == self } }

        /// The ladder's name in sentences: `PMO ladder`, `Project ladder`.
        public var name: String {
            switch self {
            case .pmo: "PMO ladder"
            case .project: "Project ladder"
            }
        }
    }

    /// The ladder this rung is on.
    public var ladder: Ladder {
        switch self {
        case .pmoCoordinator, .pmoAnalyst, .pmoManager, .pmoDirector, .chiefProjectOfficer: .pmo
        default: .project
        }
    }

    /// The position on its ladder, from 1 for the lowest rung.
    public var rank: Int { ladder.rungs.firstIndex(of: self)! + 1 }

    /// The usual title of the rung.
    public var title: String {
        switch self {
        case .pmoCoordinator: "PMO Coordinator"
        case .pmoAnalyst: "PMO Analyst"
        case .pmoManager: "PMO Manager"
        case .pmoDirector: "PMO Director"
        case .chiefProjectOfficer: "Chief Project Officer"
        case .projectManager: "Project Manager"
        case .programmeManager: "Programme Manager"
        case .portfolioManager: "Portfolio Manager"
        case .headOfProjects: "Head of Projects"
        }
    }

    /// The rung a job title places a role on, when the title is one the
    /// ladders know (in any case, with common variants such as "Program
    /// Manager", "CPO" or "VP of Project Management").
    public static func inferred(fromTitle title: String) -> Rung? {
        // Nearly every title in a large chart names no rung: rule those out
        // from the bytes before any Unicode work.
        let lower = title.utf8.map { $0 | (($0 >= 65 && $0 <= 90) ? 0x20 : 0) }
        guard hintBytes.contains(where: { hint in lower.firstRange(of: hint) != nil }) else { return nil }
        let words = title.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: " ")
        for (rung, patterns) in titlePatterns where patterns.contains(where: { words == $0 || words.hasPrefix($0 + " ") || words.hasSuffix(" " + $0) }) {
            return rung
        }
        return nil
    }

    /// Fragments that every pattern below contains one of.
    private static let hintBytes: [[UInt8]] = ["pmo", "proj", "progr", "portf", "cpo", "cpmo"].map { Array($0.utf8) }

    // Longer, more specific titles first, so that "senior pmo manager" is a
    // PMO Manager and not a Project Manager.
    private static let titlePatterns: [(Rung, [String])] = [
        (.chiefProjectOfficer, ["chief project officer", "chief project management officer", "cpo", "cpmo"]),
        (.headOfProjects, ["head of projects", "head of project management", "vp of project management",
                           "vice president of project management", "director of project management",
                           "manager of project managers"]),
        (.pmoDirector, ["pmo director", "director of the pmo", "director pmo", "head of pmo"]),
        (.pmoManager, ["pmo manager", "pmo lead"]),
        (.pmoAnalyst, ["pmo analyst"]),
        (.pmoCoordinator, ["pmo coordinator", "pmo officer", "pmo administrator"]),
        (.portfolioManager, ["portfolio manager"]),
        (.programmeManager, ["programme manager", "program manager"]),
        (.projectManager, ["project manager"]),
    ]
}
