/// Reading the JSON document that `export --format json` writes.
extension ImportSource {
    /// Roles and units from an orgctl JSON document.
    public static func json(_ bytes: [UInt8], file: String) throws(OrgError) -> ImportSource {
        if let failure = UTF8Validation.failure(in: bytes) {
            throw .importFailed(file: file, line: failure.line, column: nil, message: failure.message)
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes)
        } catch {
            throw .importFailed(file: file, line: error.line, column: nil, message: "not valid JSON: \(error.message)")
        }
        guard case .array(let roles)? = document["roles"] else {
            throw .importFailed(file: file, line: 1, column: nil, message: "expected an object with a \"roles\" array, as 'orgctl export --format json' writes")
        }
        let units: [JSONValue]
        switch document["units"] {
        case .array(let list)?: units = list.items
        case nil, .null?: units = []
        default: throw .importFailed(file: file, line: 1, column: "units", message: "expected an array of units")
        }
        return ImportSource(
            rolesFile: file,
            roles: try RecordTable(try roles.enumerated().map { (offset, item) throws(OrgError) in
                try record(item, number: offset + 1, file: file, what: "roles", names: [
                    .key: "key", .title: "title", .holder: "holder", .reportsTo: "reportsTo", .unit: "unit",
                    .dottedTo: "dottedTo", .grade: "grade", .salary: "salary", .rung: "rung",
                ])
            }, file: file),
            unitsFile: file,
            units: try RecordTable(try units.enumerated().map { (offset, item) throws(OrgError) in
                try record(item, number: offset + 1, file: file, what: "units", names: [
                    .key: "key", .name: "name", .kind: "kind", .pmoType: "pmoType", .parent: "parent",
                    .head: "head", .governedBy: "governedBy",
                ])
            }, file: file))
    }

    /// One record from a JSON object. The "line" of a JSON record is its
    /// position in its array, which messages name as such.
    private static func record<Field>(_ item: JSONValue, number: Int, file: String, what: String, names: [Field: String])
        throws(OrgError) -> Record<Field> where Field: Hashable & RawRepresentable & CaseIterable, Field.RawValue == Int
    {
        guard case .object = item else {
            throw .importFailed(file: file, line: number, column: nil, message: "item \(number) of \"\(what)\" is not an object")
        }
        var record = Record<Field>(line: number)
        for (field, name) in names {
            guard let value = item[name] else { continue }
            switch value {
            case .null: record[field] = ""
            case .string(let text): record[field] = text
            case .number(let number) where number == number.rounded() && abs(number) < 1e15: record[field] = String(Int64(number))
            case .array(let items):
                // dottedTo: a list of keys, kept in the CSV cell's form.
                record[field] = try items.map { item throws(OrgError) -> String in
                    guard case .string(let key) = item else {
                        throw .importFailed(file: file, line: number, column: name, message: "expected a list of keys")
                    }
                    return key
                }.joined(separator: ";")
            case .object where name == "salary":
                // {"amount": "51638.50", "currency": "GBP"}
                guard case .string(let amount)? = value["amount"], case .string(let currency)? = value["currency"] else {
                    throw .importFailed(file: file, line: number, column: name, message: "expected {\"amount\": \"…\", \"currency\": \"…\"}")
                }
                record[field] = amount
                if let currencyField = Field(rawValue: ImportSource.RoleField.currency.rawValue) { record[currencyField] = currency }
            default:
                throw .importFailed(file: file, line: number, column: name, message: "this value has the wrong type")
            }
        }
        return record
    }
}
