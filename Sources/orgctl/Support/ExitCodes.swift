import OrgModel

/// The exit codes scripts can rely on; the README lists them.
enum ExitStatus {
    static let success: Int32 = 0
    /// The operation was refused: it would break a rule, or a key is unknown.
    /// `orgctl check` also uses it when it finds an error.
    static let refused: Int32 = 1
    /// The command line itself is wrong (from ArgumentParser).
    static let usage: Int32 = 64
    /// Files that are not a usable orgctl database, one code per reason.
    static let notSQLite: Int32 = 80
    static let textFile: Int32 = 81
    static let emptyFile: Int32 = 82
    static let otherApplication: Int32 = 83
    static let newerSchema: Int32 = 84
    static let damaged: Int32 = 85
    /// There is no database at the path given.
    static let missingDatabase: Int32 = 66
    /// Writing failed: the database is read-only, the disk is full, or
    /// standard output was closed.
    static let storage: Int32 = 74
    /// Another process held the database's lock for longer than the busy timeout.
    static let busy: Int32 = 75
    /// The change was committed, but standard output could not take its
    /// report: unlike 74, something was written, so running it again is wrong.
    static let reportLost: Int32 = 76
    /// A fault in orgctl itself; please report it.
    static let software: Int32 = 70
    /// A program orgctl needs is missing: `orgctl-render`, for PNG and PDF.
    static let unavailable: Int32 = 69

    static func forError(_ error: OrgError) -> Int32 {
        switch error.category {
        case .refused: refused
        case .missingDatabase: missingDatabase
        case .unusableFile(.notSQLite): notSQLite
        case .unusableFile(.textFile): textFile
        case .unusableFile(.emptyFile): emptyFile
        case .unusableFile(.otherApplication): otherApplication
        case .unusableFile(.damaged): damaged
        case .newerSchema: newerSchema
        case .busy: busy
        case .storage: storage
        case .internal: software
        }
    }
}
