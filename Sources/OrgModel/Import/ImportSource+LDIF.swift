/// Reading people from LDIF, as `ldapsearch -LLL` and `ldifde` print
/// inetOrgPerson (and Active Directory user) entries.
extension ImportSource {
    /// The attributes each field is read from in LDIF, first present first.
    /// The key is `uid`, an account name that stays when a person is
    /// renamed or moved (a DN changes then); a map such as
    /// `employeeNumber=key` or `sAMAccountName=key` chooses another.
    static let ldifMapping = DirectoryMapping(
        fields: [(.key, [["uid"]]), (.holder, [["displayName"], ["cn"]]), (.title, [["title"]]),
                 (.reportsTo, [["manager"]]), (.unit, [["ou"], ["departmentNumber"], ["department"]])],
        assistants: "secretary")

    /// Attributes holding DNs of people.
    private static let ldifReferences: Set<String> = ["manager", "secretary"]
    /// Object classes of people; other entries (an `ou`, a group) in the
    /// output are skipped. An entry listing no objectClass is read.
    private static let personClasses: Set<String> = ["person", "organizationalperson", "inetorgperson", "user"]

    /// The people of an LDIF file, as directory entries. `lineOffset` is
    /// added to every line, for several files read as one. With `keeping`,
    /// only those attributes (by loose name) are kept: the file is read
    /// record by record, and what a mapping does not read (mail, phones,
    /// object classes) is never held for every person at once.
    static func ldifEntries(_ bytes: [UInt8], file: String, lineOffset: Int = 0, keeping: Set<String>? = nil) throws(OrgError) -> [DirectoryEntry] {
        if let failure = UTF8Validation.failure(in: bytes) {
            throw .importFailed(file: file, line: failure.line, column: nil, message: failure.message)
        }
        var records = LDIFReader.Records(bytes)
        var entries: [DirectoryEntry] = []
        let loose = ColumnResolver<RoleField>.loose
        // Many people name the same manager: each DN is parsed and
        // normalised once, not once per report.
        var parsed: [String: DirectoryReference] = [:]
        while true {
            let next: LDIFReader.Entry?
            do {
                next = try records.next()
            } catch {
                throw .importFailed(file: file, line: error.line + lineOffset, column: nil, message: "not LDIF: \(error.message)")
            }
            guard let record = next else { break }
            if let type = record.changeType {
                throw .importFailed(file: file, line: record.changeLine + lineOffset, column: nil,
                                    message: "the record \(QuotedValue.quoted(record.dn)) is a change (changetype: \(type)), not an entry; "
                                        + "give a full listing of the entries, as ldapsearch -LLL prints it")
            }
            let classes = try record.values(of: "objectclass").map { (value) throws(OrgError) in try text(value, file: file, offset: lineOffset).lowercased() }
            if !classes.isEmpty, !classes.contains(where: personClasses.contains) { continue }
            guard let dn = DistinguishedName(record.dn) else {
                throw .importFailed(file: file, line: record.line + lineOffset, column: nil,
                                    message: "\(QuotedValue.quoted(record.dn)) is not a distinguished name (name=value parts separated by commas)")
            }
            var entry = DirectoryEntry(file: file, line: record.line + lineOffset, dn: record.dn, identities: [dn.normalised])
            if keeping?.contains(loose("dn")) ?? true { entry.add("dn", record.dn) }
            for value in record.values where keeping?.contains(loose(value.name)) ?? true {
                // Binary values (a photo) are kept out: only text is read.
                guard !["jpegphoto", "usercertificate", "thumbnailphoto", "objectguid", "objectsid", "usersmimecertificate"].contains(value.name) else { continue }
                let string = try text(value, file: file, offset: lineOffset)
                guard ldifReferences.contains(value.name) else {
                    entry.add(value.name, string)
                    continue
                }
                var reference: DirectoryReference
                if let known = parsed[string] {
                    reference = known
                } else {
                    guard let target = DistinguishedName(string) else {
                        throw .importFailed(file: file, line: value.line + lineOffset, column: nil,
                                            message: "the \(value.name) of \(entry.place) is \(QuotedValue.quoted(string)), which is not a distinguished name")
                    }
                    reference = DirectoryReference(identity: target.normalised, shown: string, line: 0)
                    if let leaf = target.components.first, leaf.count == 1 {
                        reference.known[ColumnResolver<RoleField>.loose(leaf[0].type)] = leaf[0].value.trimmingSpaces()
                    }
                    parsed[string] = reference
                }
                reference.line = value.line + lineOffset
                entry.refer(value.name, reference)
            }
            entries.append(entry)
        }
        return entries
    }

    /// A value as text: refused, naming its line, when a base64 value is not UTF-8.
    private static func text(_ value: LDIFReader.Value, file: String, offset: Int) throws(OrgError) -> String {
        if UTF8Validation.failure(in: value.bytes) != nil {
            throw .importFailed(file: file, line: value.line + offset, column: value.name,
                                message: "the value is not UTF-8 text; LDIF values are UTF-8 (base64 after \"::\")")
        }
        return Validation.nfc(String(decoding: value.bytes, as: UTF8.self))
    }
}
