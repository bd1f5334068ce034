/// People read from a directory export (LDIF, Microsoft Graph, SCIM, Google
/// Workspace) before they become role records: each format's reader fills
/// these, and one mapping, the same for all, turns them into the records a
/// CSV file would give.
struct DirectoryEntry {
    /// The file and line the entry starts on, for messages.
    var file: String
    var line: Int
    /// Added to `line` in the record: the lines of the files read before this one.
    var offset = 0
    /// The entry as messages name it: its DN, or its place in the JSON
    /// document (`value[3]`). Worked out when a message needs it: quoting
    /// every DN of a large directory up front cost a twentieth of its reading.
    var place: String { dn.map { "the entry \(QuotedValue.quoted($0))" } ?? placeInDocument }
    private var placeInDocument: String
    private var dn: String?
    /// What other entries' references name this one by, normalised (a DN,
    /// an id, e-mail addresses in lower case).
    var identities: [String]
    /// Attribute values by name, names compared loosely (see
    /// ``ColumnResolver/loose(_:)``); nested JSON names are joined with dots.
    var attributes: [String: [String]] = [:]
    /// References to other people, by the attribute that holds them.
    var references: [String: [DirectoryReference]] = [:]

    init(file: String, line: Int, place: String, identities: [String]) {
        self.file = file
        self.line = line
        placeInDocument = place
        self.identities = identities
    }

    /// An LDAP entry, named in messages by its DN.
    init(file: String, line: Int, dn: String, identities: [String]) {
        self.init(file: file, line: line, place: "", identities: identities)
        self.dn = dn
    }

    /// Adds a value (text, trimmed; empty values are left out).
    mutating func add(_ name: String, _ value: String?) {
        guard let value = value?.trimmingSpaces(), !value.isEmpty else { return }
        attributes[ColumnResolver<ImportSource.RoleField>.loose(name), default: []].append(value)
    }

    /// Adds a reference to another person.
    mutating func refer(_ name: String, _ reference: DirectoryReference) {
        references[ColumnResolver<ImportSource.RoleField>.loose(name), default: []].append(reference)
    }
}

/// A reference from one entry to another: a manager, a secretary, a dotted-line manager.
struct DirectoryReference {
    /// The identity of the entry referred to, normalised as entries' identities are.
    var identity: String
    /// The reference as the file writes it, for messages.
    var shown: String
    var line: Int
    /// What the reference itself says of the person, by loose attribute
    /// name: the `uid` of `uid=jdoe,ou=people,…`, the fields of Graph's
    /// expanded manager. It gives the key of someone outside the file.
    var known: [String: String] = [:]
}

/// Which attributes give each field, format by format.
struct DirectoryMapping {
    /// The attributes read for each field, first present first; several
    /// names in one element are joined with a space (`givenName+sn`).
    var fields: [(ImportSource.RoleField, [[String]])]
    /// The attribute whose references name the people this entry's
    /// assistants assist: LDAP's `secretary`, Google's `assistant` relation.
    var assistants: String?

    /// The mapping with the caller's maps (`ATTRIBUTE=FIELD`, `A+B=FIELD`,
    /// `ATTRIBUTE=-`) over this default.
    func overridden(by columnMap: [String: String], file: String) throws(OrgError) -> DirectoryMapping {
        let loose = ColumnResolver<ImportSource.RoleField>.loose
        var mapping = self
        mapping.fields = fields.map { field, names in (field, names.map { $0.map(loose) }) }
        for (source, target) in columnMap.sorted(by: { $0.key < $1.key }) {
            let parts = source.split(separator: "+").map { loose(String($0).trimmingSpaces()) }
            if target.trimmingSpaces() == "-" {
                for index in mapping.fields.indices {
                    mapping.fields[index].1.removeAll { $0 == parts }
                }
                continue
            }
            guard let field = ImportSource.RoleField.allCases.first(where: { loose($0.column) == loose(target) }) else {
                throw .importRefused(file: file, line: 1, column: source,
                                     problem: .mapTargetNotAField(target: target, fields: ImportSource.RoleField.allCases.map(\.column)))
            }
            mapping.fields.removeAll { $0.0 == field }
            mapping.fields.append((field, [parts]))
        }
        return mapping
    }
}

extension ImportSource {
    /// Role records from directory entries: every attribute as `mapping`
    /// says, references (a manager, dotted-line managers) as the key of the
    /// entry they name, or, for someone outside the file, the key the
    /// reference itself gives.
    static func directory(_ entries: [DirectoryEntry], mapping defaults: DirectoryMapping, file: String, options: ImportOptions)
        throws(OrgError) -> ImportSource
    {
        let mapping = try defaults.overridden(by: options.columnMap, file: file)
        let loose = ColumnResolver<RoleField>.loose
        let keyNames = mapping.fields.first { $0.0 == .key }?.1 ?? []
        // A map naming an attribute no entry has is a slip, not a choice.
        for source in options.columnMap.keys {
            for part in source.split(separator: "+").map({ loose(String($0).trimmingSpaces()) })
            where !entries.contains(where: { $0.attributes[part] != nil || $0.references[part] != nil }) && !entries.isEmpty {
                throw .importRefused(file: file, line: 1, column: String(part), problem: .mappedColumnMissing)
            }
        }
        func value(_ entry: DirectoryEntry, _ names: [[String]]) -> String? {
            for group in names {
                let words = group.compactMap { entry.attributes[$0]?.first }
                if !words.isEmpty { return words.joined(separator: " ") }
            }
            return nil
        }
        // Every entry's key first: references are resolved through them.
        var keys: [String] = []
        var byIdentity: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            guard let key = value(entry, keyNames) else {
                let wanted = keyNames.map { $0.joined(separator: "+") }.joined(separator: " or ")
                throw .importFailed(file: entry.file, line: entry.line, column: nil,
                                    message: "\(entry.place) has no \(wanted.isEmpty ? "key" : wanted), the attribute read as the key; give every entry one, or read another attribute as the key (a map such as employeeNumber=key)")
            }
            keys.append(key)
            for identity in entry.identities where byIdentity[identity] == nil { byIdentity[identity] = index }
        }
        func key(of reference: DirectoryReference, from entry: DirectoryEntry, as field: String) throws(OrgError) -> String {
            if let index = byIdentity[reference.identity] { return keys[index] }
            for group in keyNames where group.count == 1 {
                if let known = reference.known[group[0]] { return known }
            }
            throw .importFailed(file: entry.file, line: reference.line, column: nil,
                                message: "\(entry.place) names \(QuotedValue.quoted(reference.shown)) as its \(field), who is not in the file; read that person's entry too (several files can be read together), or leave the reference out")
        }
        // A field no entry gives is left as the chart has it, not emptied:
        // a directory without departments keeps the units set by hand.
        let given = Set(mapping.fields.filter { _, names in
            names.contains { group in entries.contains { entry in group.contains { entry.attributes[$0] != nil || entry.references[$0] != nil } } }
        }.map(\.0.rawValue))
        let assists = assistantTo(of: entries, keys: keys, mapping: mapping)
        let assistsGiven = assists.contains { $0 != nil }
        // Each record goes straight into the table a CSV file fills: the
        // entries' strings are not held a second time as records.
        var table = RecordTable<RoleField>()
        for (index, entry) in entries.enumerated() {
            var record = Record<RoleField>(line: entry.line + entry.offset)
            record[.key] = keys[index]
            for (field, names) in mapping.fields where field != .key && given.contains(field.rawValue) {
                switch field {
                case .reportsTo, .dottedTo:
                    // A reference attribute names people; any other gives keys as they are.
                    let what = field == .reportsTo ? "manager" : "dotted-line manager"
                    var found: [String] = []
                    for group in names {
                        if group.count == 1, let references = entry.references[group[0]] {
                            for reference in references { found.append(try key(of: reference, from: entry, as: what)) }
                        } else if let text = value(entry, [group]) {
                            found.append(text)
                        }
                        if !found.isEmpty { break }
                    }
                    record[field] = field == .reportsTo ? (found.first ?? "") : found.joined(separator: ";")
                default:
                    if let text = value(entry, names) { record[field] = text } else if field != .title { record[field] = "" }
                }
                if record[field]?.isEmpty ?? true, let fallback = options.defaults.first(where: { loose($0.key) == loose(field.column) })?.value {
                    record[field] = fallback
                }
            }
            // A directory names assistants on the person assisted (LDAP's
            // secretary, Google's assistant relation); the chart's assistant
            // reports to the role it assists, so one who reports elsewhere
            // in the directory is an ordinary report here. An empty cell
            // ends an assisting the directory no longer states.
            if assistsGiven {
                var assisting = ""
                if let assisted = assists[index], let manager = record[.reportsTo], manager == assisted { assisting = assisted }
                record[.assistantTo] = assisting
            }
            table.startRecord(line: record.line)
            for value in record.values {
                guard table.append(value.map { Array($0.utf8)[...] }) else { throw RecordTable<RoleField>.tooLarge(file: file, line: record.line) }
            }
        }
        return ImportSource(rolesFile: file, roles: table, unitsFile: file, units: RecordTable())
    }

    /// For each entry, the key of the person it assists: LDAP's `secretary`
    /// and Google's `assistant` relation are written on the person assisted
    /// and name the assistant, so the link is read the other way round.
    static func assistantTo(of entries: [DirectoryEntry], keys: [String], mapping: DirectoryMapping) -> [String?] {
        guard let attribute = mapping.assistants.map(ColumnResolver<RoleField>.loose) else { return entries.map { _ in nil } }
        var byIdentity: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            for identity in entry.identities where byIdentity[identity] == nil { byIdentity[identity] = index }
        }
        var result = [String?](repeating: nil, count: entries.count)
        for (index, entry) in entries.enumerated() {
            for reference in entry.references[attribute] ?? [] {
                if let assistant = byIdentity[reference.identity], result[assistant] == nil { result[assistant] = keys[index] }
            }
        }
        return result
    }
}
