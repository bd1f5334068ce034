extension ExampleContent {
    /// Acme Holdings: about thirty roles showing all four PMO types.
    ///
    /// - The enterprise PMO's head, the Chief Project Officer, reports to the
    ///   CEO, with the PMO ladder from coordinator to CPO below.
    /// - IT's delivery PMO is directive: its project managers report into it.
    /// - Operations' PMO is controlling: project managers report to the
    ///   business, with a dotted line to the PMO.
    /// - Marketing's PMO is supportive: no project manager reports to it.
    /// - The division PMOs have dotted lines to the CPO; some roles are vacant.
    static let enterprisePMO = ExampleContent(
        units: [
            UnitDraft(key: "acme", name: "Acme Holdings", kind: .company),
            UnitDraft(key: "epmo", name: "Enterprise PMO", kind: .pmo, pmoType: .enterprise, parent: "acme"),
            UnitDraft(key: "it", name: "Information Technology", kind: .division, parent: "acme"),
            UnitDraft(key: "pmo-it", name: "IT Delivery PMO", kind: .pmo, pmoType: .directive, parent: "it"),
            UnitDraft(key: "prog-digital", name: "Digital Channels Programme", kind: .programme, parent: "pmo-it"),
            UnitDraft(key: "proj-payments", name: "Payments Platform", kind: .project, parent: "prog-digital"),
            UnitDraft(key: "proj-crm", name: "CRM Replacement", kind: .project, parent: "prog-digital"),
            UnitDraft(key: "it-eng", name: "Engineering", kind: .department, parent: "it"),
            UnitDraft(key: "ops", name: "Operations", kind: .division, parent: "acme"),
            UnitDraft(key: "pmo-ops", name: "Operations PMO", kind: .pmo, pmoType: .controlling, parent: "ops"),
            UnitDraft(key: "proj-warehouse", name: "Warehouse Automation", kind: .project, parent: "ops"),
            UnitDraft(key: "proj-fleet", name: "Fleet Electrification", kind: .project, parent: "ops"),
            UnitDraft(key: "mkt", name: "Marketing", kind: .division, parent: "acme"),
            UnitDraft(key: "pmo-mkt", name: "Marketing PMO", kind: .pmo, pmoType: .supportive, parent: "mkt"),
            UnitDraft(key: "proj-rebrand", name: "Brand Refresh", kind: .project, parent: "mkt"),
            UnitDraft(key: "fin", name: "Finance", kind: .division, parent: "acme"),
        ],
        roles: [
            RoleDraft(key: "ceo", title: "Chief Executive Officer", holder: "Amara Okafor", unit: "acme",
                      grade: 10, salary: Money(minorUnits: 260_000_00, currency: "GBP")),
            // Enterprise PMO: the ladder from Chief Project Officer down to coordinator.
            RoleDraft(key: "cpo", title: "Chief Project Officer", holder: "Grace Whitfield", reportsTo: "ceo",
                      unit: "epmo", grade: 9, salary: Money(minorUnits: 165_000_00, currency: "GBP")),
            RoleDraft(key: "epmo-director", title: "PMO Director", holder: "Tomasz Nowak", reportsTo: "cpo",
                      unit: "epmo", grade: 8, salary: Money(minorUnits: 98_000_00, currency: "GBP")),
            RoleDraft(key: "portfolio-manager", title: "Portfolio Manager", holder: "Priya Raman", reportsTo: "cpo",
                      unit: "epmo", grade: 8, salary: Money(minorUnits: 92_500_00, currency: "GBP")),
            RoleDraft(key: "epmo-manager", title: "PMO Manager", holder: "Sofia Marques", reportsTo: "epmo-director",
                      unit: "epmo", grade: 7, salary: Money(minorUnits: 72_000_00, currency: "GBP")),
            RoleDraft(key: "epmo-analyst", title: "PMO Analyst", holder: "Daniel Osei", reportsTo: "epmo-manager",
                      unit: "epmo", grade: 5, salary: Money(minorUnits: 51_638_00, currency: "GBP")),
            RoleDraft(key: "epmo-coordinator", title: "PMO Coordinator", reportsTo: "epmo-manager",
                      unit: "epmo", grade: 4),
            // IT: a directive PMO. Its project managers report into it.
            RoleDraft(key: "cio", title: "Chief Information Officer", holder: "Henrik Lund", reportsTo: "ceo",
                      unit: "it", grade: 9, salary: Money(minorUnits: 175_000_00, currency: "GBP")),
            RoleDraft(key: "pmo-it-director", title: "PMO Director", holder: "Lena Fischer", reportsTo: "cio",
                      unit: "pmo-it", grade: 8, salary: Money(minorUnits: 95_000_00, currency: "GBP")),
            RoleDraft(key: "pmo-it-analyst", title: "PMO Analyst", reportsTo: "pmo-it-director", unit: "pmo-it", grade: 5),
            RoleDraft(key: "prog-digital-manager", title: "Programme Manager", holder: "Kwame Mensah",
                      reportsTo: "pmo-it-director", unit: "prog-digital", grade: 7,
                      salary: Money(minorUnits: 85_000_00, currency: "GBP")),
            RoleDraft(key: "pm-payments", title: "Project Manager", holder: "Jane Doe",
                      reportsTo: "prog-digital-manager", unit: "proj-payments", grade: 6,
                      salary: Money(minorUnits: 68_000_00, currency: "GBP")),
            RoleDraft(key: "pm-crm", title: "Project Manager", holder: "Ravi Patel",
                      reportsTo: "prog-digital-manager", unit: "proj-crm", grade: 6,
                      salary: Money(minorUnits: 66_500_00, currency: "GBP")),
            RoleDraft(key: "eng-director", title: "Director of Engineering", holder: "Mei Chen", reportsTo: "cio",
                      unit: "it-eng", grade: 8, salary: Money(minorUnits: 120_000_00, currency: "GBP")),
            RoleDraft(key: "eng-lead-payments", title: "Engineering Lead", holder: "Oliver Grant",
                      reportsTo: "eng-director", unit: "it-eng", grade: 6),
            // Operations: a controlling PMO. Project managers stay in the business.
            RoleDraft(key: "coo", title: "Chief Operating Officer", holder: "Isabel Duarte", reportsTo: "ceo",
                      unit: "ops", grade: 9, salary: Money(minorUnits: 170_000_00, currency: "GBP")),
            RoleDraft(key: "ops-director", title: "Director of Operations", holder: "Pieter de Vries",
                      reportsTo: "coo", unit: "ops", grade: 8, salary: Money(minorUnits: 105_000_00, currency: "EUR")),
            RoleDraft(key: "pmo-ops-manager", title: "PMO Manager", holder: "Fatima Zahra", reportsTo: "coo",
                      unit: "pmo-ops", grade: 7, salary: Money(minorUnits: 78_000_00, currency: "EUR")),
            RoleDraft(key: "pmo-ops-coordinator", title: "PMO Coordinator", holder: "Lucas Moreau",
                      reportsTo: "pmo-ops-manager", unit: "pmo-ops", grade: 4),
            RoleDraft(key: "pm-warehouse", title: "Project Manager", holder: "Anna Kowalska",
                      reportsTo: "ops-director", unit: "proj-warehouse", grade: 6,
                      salary: Money(minorUnits: 71_000_00, currency: "EUR")),
            RoleDraft(key: "pm-fleet", title: "Project Manager", reportsTo: "ops-director", unit: "proj-fleet", grade: 6),
            // Marketing: a supportive PMO. Project managers report to the business.
            RoleDraft(key: "cmo", title: "Chief Marketing Officer", holder: "Chloé Bernard", reportsTo: "ceo",
                      unit: "mkt", grade: 9, salary: Money(minorUnits: 150_000_00, currency: "GBP")),
            RoleDraft(key: "brand-director", title: "Brand Director", holder: "Samuel Adeyemi", reportsTo: "cmo",
                      unit: "mkt", grade: 8),
            RoleDraft(key: "pmo-mkt-manager", title: "PMO Manager", holder: "Yuki Tanaka", reportsTo: "cmo",
                      unit: "pmo-mkt", grade: 7, salary: Money(minorUnits: 69_000_00, currency: "GBP")),
            RoleDraft(key: "pm-rebrand", title: "Project Manager", holder: "Noah Williams",
                      reportsTo: "brand-director", unit: "proj-rebrand", grade: 6),
            // Finance.
            RoleDraft(key: "cfo", title: "Chief Financial Officer", reportsTo: "ceo", unit: "fin", grade: 9),
            RoleDraft(key: "fin-controller", title: "Financial Controller", holder: "Ahmed Hassan",
                      reportsTo: "cfo", unit: "fin", grade: 7),
        ],
        heads: [
            ("acme", "ceo"), ("epmo", "cpo"), ("it", "cio"), ("pmo-it", "pmo-it-director"),
            ("prog-digital", "prog-digital-manager"), ("proj-payments", "pm-payments"), ("proj-crm", "pm-crm"),
            ("it-eng", "eng-director"), ("ops", "coo"), ("pmo-ops", "pmo-ops-manager"),
            ("proj-warehouse", "pm-warehouse"), ("proj-fleet", "pm-fleet"), ("mkt", "cmo"),
            ("pmo-mkt", "pmo-mkt-manager"), ("proj-rebrand", "pm-rebrand"), ("fin", "cfo"),
        ],
        dottedLines: [
            ("pmo-it-director", "cpo"), ("pmo-ops-manager", "cpo"), ("pmo-mkt-manager", "cpo"),
            ("pm-warehouse", "pmo-ops-manager"), ("pm-fleet", "pmo-ops-manager"),
            ("eng-lead-payments", "pm-payments"),
        ],
        governance: [
            ("pmo-it", "prog-digital"), ("pmo-ops", "proj-warehouse"), ("pmo-ops", "proj-fleet"),
            ("pmo-mkt", "proj-rebrand"),
        ])
}
