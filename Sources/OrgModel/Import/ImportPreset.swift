/// The column names of common HR systems' exports, as maps and defaults: a
/// preset reads a file as that system writes it, and `columnMap` overrides
/// any of its maps. A column the preset names and the file lacks is left
/// out, not refused.
public enum ImportPreset: String, Sendable, CaseIterable {
    /// BambooHR's employee report.
    case bamboohr
    /// HiBob's people export.
    case hibob
    /// Personio's employee list export.
    case personio
    /// Workday's org-chart (worker) report.
    case workday
    /// Odoo's employee export.
    case odoo

    /// The preset's maps, file column to field; `A+B` joins columns with a space.
    public var columnMap: [String: String] {
        switch self {
        case .bamboohr:
            ["Employee #": "key", "First Name+Last Name": "holder", "Job Title": "title", "Supervisor EID": "reports_to",
             "Department": "unit"]
        case .hibob:
            ["Employee ID": "key", "Display name": "holder", "Job title": "title", "Reports to ID": "reports_to", "Department": "unit"]
        case .personio:
            ["ID": "key", "First name+Last name": "holder", "Position": "title", "Supervisor ID": "reports_to", "Department": "unit"]
        case .workday:
            ["Employee ID": "key", "Worker": "holder", "Business Title": "title", "Manager Employee ID": "reports_to",
             "Supervisory Organization": "unit"]
        case .odoo:
            ["ID": "key", "Employee Name": "holder", "Job Title": "title", "Manager/ID": "reports_to", "Department": "unit"]
        }
    }
}
