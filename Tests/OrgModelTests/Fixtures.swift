import Testing
@testable import OrgModel

/// A fresh in-memory database holding the enterprise PMO example.
func exampleDatabase() throws -> OrgDatabase {
    let org = try OrgDatabase.inMemory()
    try org.initialise(with: .enterprisePMO)
    return org
}

/// A fresh, empty in-memory database.
func emptyDatabase() throws -> OrgDatabase {
    try OrgDatabase.inMemory()
}
