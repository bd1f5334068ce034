/// The parts of `schema.sql` that bring a database from one version to the
/// next. The file is the whole schema, for a new database; a line
/// `-- @since N: …` starts the section that version N added, which alone is
/// run to upgrade a database of an earlier version. Sections add, or replace
/// an earlier section's object of the same name (dropping it first, if it
/// exists), so the file stays the one description of the schema.
enum SchemaScript {
    /// The SQL that brings a database at `version` (0 for a new one) to the latest.
    static func upgrade(from version: Int) -> String {
        guard version > 0 else { return OrgDatabase.schemaSQL }
        var script = ""
        var including = false
        for line in OrgDatabase.schemaSQL.split(separator: "\n", omittingEmptySubsequences: false) {
            if let since = sectionVersion(line) { including = since > version }
            if including { script += line + "\n" }
        }
        return script
    }

    private static func sectionVersion(_ line: Substring) -> Int? {
        guard line.hasPrefix("-- @since ") else { return nil }
        return Int(line.dropFirst("-- @since ".count).prefix { $0.isNumber })
    }
}
