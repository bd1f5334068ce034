/// What an import reads: roles and units as text fields, each with the line
/// of the file it came from, before any checking.
///
/// Make one with ``csv(roles:file:units:unitsFile:options:)`` or
/// ``json(_:file:options:)`` and hand it to ``OrgDatabase/importChart(_:options:)``:
///
/// ```swift
/// let csv = Array("key,title,reports_to\nceo,Chief Executive Officer,\n".utf8)
/// let source = try ImportSource.csv(roles: csv, file: "roles.csv", options: ImportOptions())
/// try org.importChart(source)
/// ```
public struct ImportSource: Sendable {
    /// The fields a role record may hold, by their column names.
    enum RoleField: Int, CaseIterable, Sendable {
        case key, title, holder, reportsTo, unit, dottedTo, grade, salary, currency, rung, assistantTo

        /// The column name in CSV files.
        var column: String {
            switch self {
            case .reportsTo: "reports_to"
            case .dottedTo: "dotted_to"
            case .assistantTo: "assistant_to"
            default: String(describing: self)
            }
        }
    }

    /// The fields a unit record may hold, by their column names.
    enum UnitField: Int, CaseIterable, Sendable {
        case key, name, kind, pmoType, parent, head, governedBy

        /// The column name in CSV files.
        var column: String {
            switch self {
            case .pmoType: "pmo_type"
            case .governedBy: "governed_by"
            default: String(describing: self)
            }
        }
    }

    /// One record: a value per field, nil where the file has no such column.
    struct Record<Field: RawRepresentable & CaseIterable>: Sendable where Field.RawValue == Int {
        /// The line of the file the record starts on.
        var line: Int
        var values: [String?]

        init(line: Int) {
            self.line = line
            values = Array(repeating: nil, count: Field.allCases.count)
        }

        /// The value of `field`: nil when absent, trimmed otherwise.
        subscript(field: Field) -> String? {
            get { values[field.rawValue] }
            set { values[field.rawValue] = newValue }
        }

        /// The value of `field`, nil when absent or empty.
        func nonEmpty(_ field: Field) -> String? {
            values[field.rawValue].flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// The file the roles came from, for messages.
    public var rolesFile: String
    /// The role records, in file order.
    var roles: RecordTable<RoleField>
    /// The file the units came from (the roles file for JSON).
    public var unitsFile: String
    /// The unit records, in file order.
    var units: RecordTable<UnitField>
    /// For several directory files read as one, where each begins in the
    /// lines the records count (see ``located(_:)``).
    var segments: [(file: String, start: Int)] = []

    /// How many role records the source holds.
    public var roleCount: Int { roles.count }
    /// How many unit records the source holds.
    public var unitCount: Int { units.count }
}

/// Records kept as one buffer of cell bytes rather than a string per cell: a
/// million-row file then costs a few allocations instead of millions, and an
/// import can bind cells to SQL straight from the buffer. The bytes are
/// always well-formed UTF-8 (the CSV and JSON readers refuse a file that is
/// not), so making strings of them never replaces a byte.
struct RecordTable<Field: RawRepresentable & CaseIterable>: RandomAccessCollection, Sendable where Field.RawValue == Int {
    /// One record of the table.
    typealias Record = ImportSource.Record<Field>

    /// Every cell's bytes, record after record, field after field.
    private(set) var text: [UInt8] = []
    /// Where each cell ends in `text` (it starts where the one before ends),
    /// with `absent` set when the record has no such field.
    private var ends: [UInt32] = []
    private var lines: [Int] = []
    private static var absent: UInt32 { 0x8000_0000 }
    /// `text` is addressed with 31 bits: a cell that would take it past
    /// this is refused, naming its file and line.
    private static var capacity: Int { Int(absent) - 1 }
    static var fieldCount: Int { Field.allCases.count }

    init() {}

    init(_ records: [Record], file: String) throws(OrgError) {
        for record in records {
            startRecord(line: record.line)
            for value in record.values {
                guard append(value.map { Array($0.utf8)[...] }) else { throw Self.tooLarge(file: file, line: record.line) }
            }
        }
    }

    static func tooLarge(file: String, line: Int) -> OrgError {
        .importFailed(file: file, line: line, column: nil,
                      message: "the file holds more than 2 GB of text, too much to import at once; split it into several files")
    }

    /// The first record's position: always 0.
    var startIndex: Int { 0 }
    /// The number of records.
    var endIndex: Int { lines.count }

    /// The record at `index`, its cells made into strings.
    subscript(index: Int) -> Record {
        var record = Record(line: lines[index])
        for field in Field.allCases {
            record[field] = cell(index, field).map { String(decoding: text[$0], as: UTF8.self) }
        }
        return record
    }

    /// The line the record at `index` came from.
    func line(_ index: Int) -> Int { lines[index] }

    /// The cell of `field` in the record at `index` as a string, nil when
    /// absent: one cell, where `self[index]` makes a string of every one.
    func string(_ index: Int, _ field: Field) -> String? {
        cell(index, field).map { String(decoding: text[$0], as: UTF8.self) }
    }

    /// Where in `text` the cell of `field` in the record at `index` lies; nil when absent.
    func cell(_ index: Int, _ field: Field) -> Range<Int>? {
        let position = index * Self.fieldCount + field.rawValue
        let end = ends[position]
        guard end & Self.absent == 0 else { return nil }
        let start = position == 0 ? 0 : Int(ends[position - 1] & ~Self.absent)
        return start..<Int(end)
    }

    mutating func reserveCapacity(records: Int, bytes: Int) {
        lines.reserveCapacity(records)
        ends.reserveCapacity(records * Self.fieldCount)
        text.reserveCapacity(bytes)
    }

    /// Starts a record; its cells follow, one per field in order.
    mutating func startRecord(line: Int) {
        lines.append(line)
    }

    /// Appends the next cell of the current record, nil when the record has
    /// no such field; false, appending nothing, when the cell would take the
    /// text past what its offsets address.
    /// Appends the next cell of the current record from bytes borrowed in
    /// place; false, appending nothing, as ``append(_:)``.
    mutating func append(borrowing bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count + bytes.count <= Self.capacity else { return false }
        text.append(contentsOf: bytes)
        ends.append(UInt32(truncatingIfNeeded: text.count))
        return true
    }

    mutating func append(_ bytes: ArraySlice<UInt8>?) -> Bool {
        let end = UInt32(truncatingIfNeeded: text.count)
        guard let bytes else {
            ends.append(end | Self.absent)
            return true
        }
        guard text.count + bytes.count <= Self.capacity else { return false }
        text.append(contentsOf: bytes)
        ends.append(UInt32(truncatingIfNeeded: text.count))
        return true
    }
}

/// How to read the columns of a file and what to do with existing keys.
public struct ImportOptions: Sendable {
    /// Column names in the file mapped onto orgctl's fields: `SOURCE=FIELD`;
    /// `A+B=FIELD` reads several columns into one field, joined by a space;
    /// a FIELD of `-` ignores the column.
    public var columnMap: [String: String]
    /// Columns that are neither orgctl fields nor mapped are ignored instead of refused.
    public var ignoreUnknownColumns: Bool
    /// Existing keys are updated instead of refused.
    public var update: Bool
    /// Everything is checked and counted, then nothing is written.
    public var dryRun: Bool

    /// The encoding of a CSV file that is not UTF-8 (UTF-8, with or
    /// without a BOM, and UTF-16 with a BOM are recognised by themselves).
    public var encoding: SourceEncoding?
    /// The byte between a CSV file's fields (an ASCII character); nil to
    /// find it from the header: comma, semicolon or tab, whichever it has most of.
    public var delimiter: Character?

    /// Values for fields the file leaves out, by field name (`currency`:
    /// `USD`): used where the file has no such column or the cell is empty
    /// (a currency only beside a salary).
    public var defaults: [String: String] = [:]

    /// Units the roles name that the chart does not have are created (kind
    /// department), instead of refused: a unit cell is matched with a
    /// unit's key, then with its name.
    public var createUnits = false

    /// A set of maps for an HR system's export; `columnMap` overrides it.
    public var preset: ImportPreset?

    /// Options for one import; the defaults refuse unknown columns and existing keys.
    public init(columnMap: [String: String] = [:], ignoreUnknownColumns: Bool = false, update: Bool = false, dryRun: Bool = false,
                encoding: SourceEncoding? = nil, delimiter: Character? = nil) {
        self.columnMap = columnMap
        self.ignoreUnknownColumns = ignoreUnknownColumns
        self.update = update
        self.dryRun = dryRun
        self.encoding = encoding
        self.delimiter = delimiter
    }
}

/// What an import did (or, in a dry run, would do).
public struct ImportReport: Sendable, Equatable, Codable {
    /// Roles the import created.
    public var rolesAdded = 0
    /// Existing roles whose fields changed (a role can also have moved).
    public var rolesUpdated = 0
    /// Existing roles given a new solid-line manager.
    public var rolesMoved = 0
    /// Units the import created.
    public var unitsAdded = 0
    /// Existing units whose name, type, parent, head or governing PMO changed.
    public var unitsUpdated = 0
    /// Dotted lines drawn.
    public var dottedLinesAdded = 0
    /// Dotted lines an update took away.
    public var dottedLinesRemoved = 0
    /// Units newly governed by a PMO.
    public var governanceAdded = 0
    /// True when nothing was written.
    public var dryRun = false
    /// Values of the file left alone because a change planned for later
    /// sets them: the planned change is kept.
    public var plannedConflicts: [PlannedChangeConflict] = []

    /// True when the import added, changed and removed nothing.
    public var changesNothing: Bool {
        rolesAdded + rolesUpdated + rolesMoved + unitsAdded + unitsUpdated + dottedLinesAdded + dottedLinesRemoved
            + governanceAdded == 0
    }
}
