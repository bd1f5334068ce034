/// Reading roles and units from CSV files with a header row.
extension ImportSource {
    /// Roles from `rolesCSV` and, when given, units from `unitsCSV`.
    public static func csv(roles rolesCSV: [UInt8], file: String, units unitsCSV: [UInt8]? = nil, unitsFile: String = "",
                           options: ImportOptions) throws(OrgError) -> ImportSource {
        ImportSource(
            rolesFile: file,
            // When updating, a file may change just some fields of existing
            // roles; a new role without a title is still refused, by its line.
            roles: try records(try TextDecoding.utf8(rolesCSV, encoding: options.encoding, file: file), file: file,
                               required: options.update ? [.key] : [.key, .title], options: options),
            unitsFile: unitsFile,
            units: try unitsCSV.map { bytes throws(OrgError) in
                try records(try TextDecoding.utf8(bytes, encoding: options.encoding, file: unitsFile), file: unitsFile,
                            required: [UnitField.key, .name, .kind], options: options)
            } ?? RecordTable())
    }

    private static func records<Field>(_ bytes: [UInt8], file: String, required: [Field], options: ImportOptions)
        throws(OrgError) -> RecordTable<Field> where Field: RawRepresentable & CaseIterable & ColumnNamed, Field.RawValue == Int
    {
        var scanner = CSVReader.Scanner(bytes, delimiter: options.delimiter?.asciiValue)
        func next() throws(OrgError) -> Bool {
            do {
                return try scanner.next()
            } catch {
                throw .importFailed(file: file, line: error.line, column: nil, message: error.message)
            }
        }
        guard try next() else {
            throw .importFailed(file: file, line: 1, column: nil, message: "the file is empty; it needs a header row naming its columns")
        }
        let header = (0..<scanner.count).map { scanner.string($0) }
        let columns = try ColumnResolver<Field>.resolve(header: header, file: file, required: required, options: options)
        // The column of each field, in field order, as the table stores cells;
        // a field read from several columns (`A+B=holder`) has them all.
        var columnOfField = [Int?](repeating: nil, count: Field.allCases.count)
        var joined: [Int: [Int]] = [:]
        for (index, field) in columns {
            if columnOfField[field.rawValue] != nil { joined[field.rawValue, default: [columnOfField[field.rawValue]!]].append(index) }
            columnOfField[field.rawValue] = columnOfField[field.rawValue] ?? index
        }
        // Defaults, by field: for a field without a column, or an empty cell.
        var defaults = [[UInt8]?](repeating: nil, count: Field.allCases.count)
        for (name, value) in options.defaults {
            guard let field = Field.allCases.first(where: { ColumnResolver<Field>.loose($0.column) == ColumnResolver<Field>.loose(name) }) else {
                if Field.self == ImportSource.RoleField.self {
                    throw .importRefused(file: file, line: 1, column: name,
                                         problem: .mapTargetNotAField(target: name, fields: Field.allCases.map(\.column)))
                }
                continue
            }
            defaults[field.rawValue] = Array(value.utf8)
        }
        let salaryField = Field.allCases.first { $0.column == "salary" }?.rawValue
        var records = RecordTable<Field>()
        // A typical file has a newline every 60 bytes or so and keeps most of its bytes as cells.
        records.reserveCapacity(records: bytes.count / 48, bytes: bytes.count)
        // Without joined columns or defaults (the usual file) each cell is
        // copied straight from the file's bytes.
        let plain = joined.isEmpty && defaults.allSatisfy { $0 == nil }
        while try next() {
            guard scanner.count <= header.count else {
                throw .importFailed(file: file, line: scanner.line, column: nil,
                                    message: "\(scanner.count) fields, but the header names \(header.count) columns")
            }
            records.startRecord(line: scanner.line)
            if plain {
                let fieldCount = scanner.count
                let fits = scanner.withFieldBuffers { field in
                    for column in columnOfField {
                        guard let column else {
                            _ = records.append(nil)
                            continue
                        }
                        let cell = column < fieldCount ? field(column) : UnsafeBufferPointer(start: nil, count: 0)
                        // Blank, non-ASCII or quote-guarded ends go through `cleaned`.
                        if let first = cell.first, let last = cell.last,
                           first == 0x20 || last == 0x20 || first >= 0x80 || last >= 0x80 || first == UInt8(ascii: "'") {
                            guard records.append(cleaned(ArraySlice(cell))) else { return false }
                        } else {
                            guard records.append(borrowing: cell) else { return false }
                        }
                    }
                    return true
                }
                guard fits else { throw RecordTable<Field>.tooLarge(file: file, line: scanner.line) }
                continue
            }
            var salaryEmpty = true
            for (field, column) in columnOfField.enumerated() {
                var cell: ArraySlice<UInt8>? = nil
                if let parts = joined[field] {
                    // Several columns into one field, joined by a space.
                    let words = parts.map { $0 < scanner.count ? scanner.withField($0) { cleaned($0) } : [] }.filter { !$0.isEmpty }
                    cell = ArraySlice(Array(words.joined(separator: [UInt8(ascii: " ")])))
                } else if let column {
                    cell = column < scanner.count ? scanner.withField(column) { cleaned($0) } : []
                }
                if field == salaryField { salaryEmpty = cell?.isEmpty ?? true }
                // A default currency goes only with a salary the row has.
                if let fallback = defaults[field], cell?.isEmpty ?? true,
                   !(Field(rawValue: field)?.column == "currency" && salaryEmpty) {
                    cell = fallback[...]
                }
                guard records.append(cell) else { throw RecordTable<Field>.tooLarge(file: file, line: scanner.line) }
            }
        }
        return records
    }

    /// A cell trimmed of surrounding blanks, with an export's formula guard removed.
    private static func cleaned(_ cell: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var cell = cell
        // Plain ASCII ends need no look-up of Unicode properties.
        if let first = cell.first, let last = cell.last, first != 0x20, last != 0x20, first < 0x80, last < 0x80 {
        } else if !cell.isEmpty {
            cell = Array(String(decoding: cell, as: UTF8.self).trimmingSpaces().utf8)[...]
        }
        guard cell.first == UInt8(ascii: "'"), cell.count > 1, FormulaGuard.isTrigger(cell[cell.startIndex + 1]) else { return cell }
        // A combining mark after the trigger makes one character of the two,
        // which the guard does not cover: leave that to the string rules.
        if cell.count == 2 || cell[cell.startIndex + 2] < 0x80 { return cell.dropFirst() }
        return Array(FormulaGuard.restored(String(decoding: cell, as: UTF8.self)).utf8)[...]
    }
}

/// Fields known by a column name.
protocol ColumnNamed {
    var column: String { get }
}

extension ImportSource.RoleField: ColumnNamed {}
extension ImportSource.UnitField: ColumnNamed {}

/// Which column of a header holds which field: by name (`reports_to`,
/// `reportsTo` and `Reports To` all match), or as the column map says.
enum ColumnResolver<Field: RawRepresentable & CaseIterable & ColumnNamed> where Field.RawValue == Int {
    static func resolve(header: [String], file: String, required: [Field], options: ImportOptions) throws(OrgError) -> [(Int, Field)] {
        let byName = Dictionary(Field.allCases.map { (loose($0.column), $0) }, uniquingKeysWith: { first, _ in first })
        let looseNames = Set(header.map { loose($0.trimmingSpaces()) })
        // A preset's maps, less those for columns the file lacks and for
        // fields the caller's own maps give.
        var columnMap = options.preset?.columnMap.filter { source, target in
            let parts = looseNames.contains(loose(source)) ? [source] : source.split(separator: "+").map(String.init)
            return parts.allSatisfy { looseNames.contains(loose($0)) } && !options.columnMap.values.contains { loose($0) == loose(target) }
        } ?? [:]
        for (source, target) in options.columnMap { columnMap[source] = target }
        let mapped = Dictionary(columnMap.map { (loose($0.key), $0.value) }, uniquingKeysWith: { _, last in last })
        var result: [(Int, Field)] = []
        var taken: [Int: String] = [:]
        let looseHeader = header.map { loose($0.trimmingSpaces()) }
        var combined: Set<String> = []
        // `A+B=field`: several columns read into one field, in the order given.
        for (source, target) in columnMap where source.contains("+") && !looseHeader.contains(loose(source)) {
            guard let field = byName[loose(target)] else {
                throw .importRefused(file: file, line: 1, column: source,
                                     problem: .mapTargetNotAField(target: target, fields: Field.allCases.map(\.column)))
            }
            for part in source.split(separator: "+").map({ String($0).trimmingSpaces() }) {
                guard let index = looseHeader.firstIndex(of: loose(part)) else {
                    throw .importRefused(file: file, line: 1, column: part, problem: .mappedColumnMissing)
                }
                result.append((index, field))
                combined.insert(loose(part))
            }
            taken[field.rawValue] = source
        }
        for (index, rawName) in header.enumerated() {
            let name = rawName.trimmingSpaces()
            let field: Field?
            if combined.contains(loose(name)) { continue }
            if mapped[loose(name)] == "-" { continue }
            if let target = mapped[loose(name)] {
                guard let known = byName[loose(target)] else {
                    throw .importRefused(file: file, line: 1, column: name,
                                         problem: .mapTargetNotAField(target: target, fields: Field.allCases.map(\.column)))
                }
                field = known
            } else if let known = byName[loose(name)], !mapped.values.contains(where: { loose($0) == loose(name) }) {
                field = known
            } else {
                field = nil
            }
            guard let field else {
                if options.ignoreUnknownColumns || mapped[loose(name)] != nil { continue }
                throw .importRefused(file: file, line: 1, column: name, problem: .unknownColumn(known: Field.allCases.map(\.column)))
            }
            if let earlier = taken[field.rawValue] {
                throw .importFailed(file: file, line: 1, column: name, message: "both \(earlier.quotedForMessage) and \(name.quotedForMessage) give the field \(field.column); keep one")
            }
            taken[field.rawValue] = name
            result.append((index, field))
        }
        for source in options.columnMap.keys where !header.contains(where: { loose($0.trimmingSpaces()) == loose(source) })
            && !(source.contains("+") && taken.values.contains(source)) {
            throw .importRefused(file: file, line: 1, column: source, problem: .mappedColumnMissing)
        }
        for field in required where taken[field.rawValue] == nil {
            throw .importRefused(file: file, line: 1, column: nil, problem: .requiredFieldMissing(field: field.column))
        }
        return result
    }

    /// A column name without case, spaces, underscores or hyphens.
    static func loose(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "-" })
    }
}
