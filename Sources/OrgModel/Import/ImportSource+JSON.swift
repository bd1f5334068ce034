/// Reading the JSON document that `export --format json` writes, as strictly
/// as a CSV header is read: a field the importer does not know, or one given
/// twice, would otherwise be dropped without a word (a misspelt "reportsTo"
/// makes a root of its role).
extension ImportSource {
    /// What the JSON export writes as "format": the name of the file format,
    /// kept from the first files written, not a program to run.
    static let jsonFormat = "orgctl"
    /// The highest "version" this build reads, and the one its export writes.
    static let jsonVersion = 1

    /// The JSON names of the fields, in the order the export writes them.
    static let jsonRoleFields: [(RoleField, String)] = [
        (.key, "key"), (.title, "title"), (.holder, "holder"), (.reportsTo, "reportsTo"), (.unit, "unit"),
        (.dottedTo, "dottedTo"), (.grade, "grade"), (.salary, "salary"), (.rung, "rung"),
        (.assistantTo, "assistantTo"),
    ]
    static let jsonUnitFields: [(UnitField, String)] = [
        (.key, "key"), (.name, "name"), (.kind, "kind"), (.pmoType, "pmoType"), (.parent, "parent"),
        (.head, "head"), (.governedBy, "governedBy"),
    ]

    /// Roles and units from an orgctl JSON document. Each record's line is
    /// the line its object starts on. With `options.ignoreUnknownColumns`,
    /// unknown fields are ignored instead of refused, as unknown CSV columns are.
    public static func json(_ bytes: [UInt8], file: String, options: ImportOptions = ImportOptions()) throws(OrgError) -> ImportSource {
        if let failure = UTF8Validation.failure(in: bytes) {
            throw .importFailed(file: file, line: failure.line, column: nil, message: failure.message)
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes)
        } catch {
            throw .importFailed(file: file, line: error.line, column: nil, message: "not valid JSON: \(error.message)")
        }
        guard options.columnMap.isEmpty else {
            throw .importFailed(file: file, line: 1, column: nil,
                                message: "column mappings apply to CSV files; a JSON chart names its fields as the JSON export writes them")
        }
        let reader = JSONRecordReader(file: file, ignoreUnknown: options.ignoreUnknownColumns)
        guard case .object(let top) = document else {
            throw .importFailed(file: file, line: 1, column: nil,
                                message: "expected an object with \"format\", \"version\" and \"roles\", as the JSON export writes")
        }
        let members = try reader.members(of: top, in: "the document", known: ["format", "version", "units", "roles"])
        try reader.checkFormat(top, members)
        if let unknown = members.unknown { throw reader.unknownField(unknown, in: top, of: "the document", known: members.names) }

        let units: [JSONValue]
        let unitLines: [Int]
        switch members.value(of: "units", in: top) {
        case .array(let list)?: (units, unitLines) = (list.items, list.lines)
        case nil, .null?: (units, unitLines) = ([], [])
        default:
            throw .importFailed(file: file, line: members.line(of: "units", in: top) ?? 1, column: "units", message: "expected an array of units")
        }
        guard case .array(let roles)? = members.value(of: "roles", in: top) else {
            throw .importFailed(file: file, line: members.line(of: "roles", in: top) ?? 1, column: "roles",
                                message: "expected an array of roles (\"roles\": […]), as the JSON export writes")
        }
        return ImportSource(
            rolesFile: file,
            roles: try RecordTable(try roles.items.indices.map { (index) throws(OrgError) in
                try reader.record(roles.items[index], line: roles.lines[index], place: "role \(index + 1)", fields: jsonRoleFields)
            }, file: file),
            unitsFile: file,
            units: try RecordTable(try units.indices.map { (index) throws(OrgError) in
                try reader.record(units[index], line: unitLines[index], place: "unit \(index + 1)", fields: jsonUnitFields)
            }, file: file))
    }
}

/// The checks and conversions of one JSON import, with the file they name.
private struct JSONRecordReader {
    let file: String
    let ignoreUnknown: Bool

    /// Which member of an object gives each known name, and the first
    /// member whose name is not known.
    struct Members {
        let names: [String]
        var indices: [Int?]
        var unknown: Int?

        func value(of name: String, in object: JSONObject) -> JSONValue? {
            names.firstIndex(of: name).flatMap { indices[$0] }.map { object.members[$0].value }
        }

        func line(of name: String, in object: JSONObject) -> Int? {
            names.firstIndex(of: name).flatMap { indices[$0] }.map { object.lines[$0] }
        }
    }

    /// The members of `object` by name; a name given twice is refused.
    func members(of object: JSONObject, in place: String, known names: [String]) throws(OrgError) -> Members {
        var members = Members(names: names, indices: Array(repeating: nil, count: names.count), unknown: nil)
        for (index, member) in object.members.enumerated() {
            guard let field = names.firstIndex(of: member.name) else {
                if members.unknown == nil, !ignoreUnknown { members.unknown = index }
                continue
            }
            if let earlier = members.indices[field] {
                throw .importFailed(file: file, line: object.lines[index], column: nil,
                                    message: "the field \(member.name.quotedForMessage) appears twice in \(place) (also on line \(object.lines[earlier])); keep one")
            }
            members.indices[field] = index
        }
        return members
    }

    func unknownField(_ index: Int, in object: JSONObject, of place: String, known names: [String]) -> OrgError {
        let name = object.members[index].name
        let hint = Self.suggestion(for: name, among: names).map { "did you mean \($0.quotedForMessage)?" }
            ?? "the fields here are " + names.joined(separator: ", ")
        return .importFailed(file: file, line: object.lines[index], column: nil, message: "unknown field \(name.quotedForMessage) in \(place); \(hint)")
    }

    /// The known name closest to `name`, when it is close enough to be a slip.
    static func suggestion(for name: String, among names: [String]) -> String? {
        // The distance costs the product of the lengths: a name far longer
        // than any field is no slip, and is not measured.
        guard name.utf8.count <= 64 else { return nil }
        let target = Array(name.lowercased().utf8)
        let limit = max(2, target.count / 3)
        return names
            .map { (name: $0, distance: EditDistance.between(target, Array($0.lowercased().utf8))) }
            .filter { $0.distance <= limit }
            .min { $0.distance < $1.distance }?.name
    }

    /// "format" must say this is an orgctl chart, and "version" one this build reads.
    func checkFormat(_ top: JSONObject, _ members: Members) throws(OrgError) {
        let expected = "{\"format\": \"\(ImportSource.jsonFormat)\", \"version\": \(ImportSource.jsonVersion), …}"
        switch members.value(of: "format", in: top) {
        case .string(ImportSource.jsonFormat)?:
            break
        case nil:
            throw .importFailed(file: file, line: 1, column: nil,
                                message: "the document has no \"format\"; a chart from the JSON export begins \(expected)")
        case let value?:
            throw .importFailed(file: file, line: members.line(of: "format", in: top) ?? 1, column: nil,
                                message: "\"format\" is \(Self.shown(value)), but a chart from the JSON export has \"format\": \"\(ImportSource.jsonFormat)\"")
        }
        let line = members.line(of: "version", in: top) ?? 1
        switch members.value(of: "version", in: top) {
        case .number(let version)? where version == version.rounded() && version >= 1:
            guard version <= Double(ImportSource.jsonVersion) else {
                throw .importFailed(file: file, line: line, column: nil,
                                    message: "the file was written by a newer version (JSON version \(Self.shown(.number(version))); this version reads up to \(ImportSource.jsonVersion)); upgrade to import it")
            }
        case nil:
            throw .importFailed(file: file, line: 1, column: nil,
                                message: "the document has no \"version\"; a chart from the JSON export begins \(expected)")
        case let value?:
            throw .importFailed(file: file, line: line, column: nil,
                                message: "\"version\" is \(Self.shown(value)), but versions are whole numbers from 1; this version reads \(ImportSource.jsonVersion)")
        }
    }

    /// A scalar as a message shows it; containers by their kind.
    private static func shown(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text.quotedForMessage
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): String(flag)
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// One record from a JSON object: each field's value as the CSV cell
    /// that would say the same, so that both formats share every later rule.
    func record<Field>(_ item: JSONValue, line: Int, place number: String, fields: [(Field, String)])
        throws(OrgError) -> ImportSource.Record<Field> where Field: RawRepresentable & CaseIterable, Field.RawValue == Int
    {
        guard case .object(let object) = item else {
            throw .importFailed(file: file, line: line, column: nil, message: "\(number) is not an object")
        }
        // Messages name the record by its key too, when it has one.
        let place = if case .string(let key)? = object["key"] { "\(number) (\(key.quotedForMessage))" } else { number }
        let names = fields.map(\.1)
        let found = try members(of: object, in: place, known: names)
        if let unknown = found.unknown { throw unknownField(unknown, in: object, of: place, known: names) }
        var record = ImportSource.Record<Field>(line: line)
        for (position, (field, name)) in fields.enumerated() {
            guard let index = found.indices[position] else { continue }
            let value = object.members[index].value
            let valueLine = object.lines[index]
            switch value {
            case .null: record[field] = ""
            case .string(let text): record[field] = text
            case .number(let number) where number == number.rounded() && abs(number) < 1e15: record[field] = String(Int64(number))
            case .array(let items):
                // dottedTo: a list of keys, kept in the CSV cell's form.
                record[field] = try items.map { item throws(OrgError) -> String in
                    guard case .string(let key) = item else {
                        throw .importFailed(file: file, line: valueLine, column: name, message: "expected a list of keys")
                    }
                    return key
                }.joined(separator: ";")
            case .object(let salary) where name == "salary":
                // {"amount": "51638.50", "currency": "GBP"}
                let shape = "expected {\"amount\": \"…\", \"currency\": \"…\"}"
                let parts = try self.members(of: salary, in: "the salary of \(place)", known: ["amount", "currency"])
                if let unknown = parts.unknown {
                    throw unknownField(unknown, in: salary, of: "the salary of \(place)", known: parts.names)
                }
                guard case .string(let amount)? = parts.value(of: "amount", in: salary),
                      case .string(let currency)? = parts.value(of: "currency", in: salary)
                else { throw .importFailed(file: file, line: valueLine, column: name, message: shape) }
                record[field] = amount
                if let currencyField = Field(rawValue: ImportSource.RoleField.currency.rawValue) { record[currencyField] = currency }
            default:
                throw .importFailed(file: file, line: valueLine, column: name, message: "this value has the wrong type")
            }
        }
        return record
    }
}
