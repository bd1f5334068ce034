import OrgSQLite

/// The records of an update import (or a sync) whose cells, as
/// `RoleUpdateBatch` would be given them, hold what their roles already
/// hold: the import skips them instead of staging them for the set-based
/// UPDATE, which would have found no difference.
///
/// A monthly sync names every role of a million-role chart and changes one
/// in a hundred. Staging every row filled a temporary table of a million
/// rows in the file's (random) key order: its B-tree outgrew the page cache
/// and was written to and read back from a temporary file page by page,
/// gigabytes of I/O, most of the sync's time. The stored row is read anyway
/// (the key look-up, or the scan in storage order), so its fields are
/// compared there, from the file's bytes.
///
/// The comparison only ever says "unchanged" when the UPDATE would have
/// changed nothing: it judges only cells that `RoleImport` binds from the
/// file's bytes as they are (plain ASCII text, unit keys, plain numbers,
/// empty cells) and compares them byte for byte, type included. Any other
/// cell (text the string rules would normalise, a decimal amount) leaves the
/// record to the staged path, where it is validated and compared as before;
/// no cell judged here could have been refused there.
struct UnchangedRecords {
    typealias Field = ImportSource.RoleField

    /// The role columns compared, in the order of `RoleUpdateBatch.columns`,
    /// read from a row starting at some column.
    static let columns = RoleUpdateBatch.columns.joined(separator: ", ")

    /// One bit per record.
    private var bits: [UInt64] = []

    /// No record known to be unchanged, for `records` records.
    init(records: Int = 0) {
        bits = [UInt64](repeating: 0, count: (records + 63) / 64)
    }

    /// True when the record at `index` was found to change nothing.
    func contains(_ index: Int) -> Bool {
        bits[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    /// Notes the record at `index` as unchanged when its cells hold what
    /// `row` holds in `columns`, from column `first` on.
    mutating func judge(_ index: Int, _ row: Row, from first: Int32, roles: RecordTable<Field>, text: UnsafeBufferPointer<UInt8>,
                        unitKeys: KeyTable, unitIDs: [Int64]) {
        guard Self.matches(index, row, from: first, roles: roles, text: text, unitKeys: unitKeys, unitIDs: unitIDs) else { return }
        bits[index >> 6] |= 1 << UInt64(index & 63)
    }

    /// Whether every cell the record gives is bound as it is and equals the stored value.
    static func matches(_ index: Int, _ row: Row, from first: Int32, roles: RecordTable<Field>, text: UnsafeBufferPointer<UInt8>,
                        unitKeys: KeyTable, unitIDs: [Int64]) -> Bool {
        func bytes(_ cell: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: text[cell]) }
        // Column numbers in the row, as RoleUpdateBatch.columns orders them.
        let (title, holder, unit, grade, rung, minor, currency) = (first, first + 1, first + 2, first + 3, first + 4, first + 5, first + 6)
        if let cell = roles.cell(index, .title) {
            guard let trimmed = PlainCell.text(cell, in: text), row.holdsText(title, equalTo: bytes(trimmed)) else { return false }
        }
        if let cell = roles.cell(index, .holder) {
            if cell.isEmpty {
                guard row.isNull(holder) else { return false }
            } else {
                guard let trimmed = PlainCell.text(cell, in: text), row.holdsText(holder, equalTo: bytes(trimmed)) else { return false }
            }
        }
        if let cell = roles.cell(index, .unit) {
            if cell.isEmpty {
                guard row.isNull(unit) else { return false }
            } else {
                guard let number = unitKeys.find(bytes(cell)), row.holdsInteger(unit, equalTo: unitIDs[number]) else { return false }
            }
        }
        if let cell = roles.cell(index, .grade) {
            if cell.isEmpty {
                guard row.isNull(grade) else { return false }
            } else {
                guard let value = PlainCell.grade(bytes(cell)), row.holdsInteger(grade, equalTo: value) else { return false }
            }
        }
        if let cell = roles.cell(index, .rung) {
            // A stored rung is one of the lowercase names, which the rule keeps as it is.
            if cell.isEmpty {
                guard row.isNull(rung) else { return false }
            } else {
                guard row.holdsText(rung, equalTo: bytes(cell)) else { return false }
            }
        }
        if let amount = roles.cell(index, .salary) {
            let currencyCell = roles.cell(index, .currency)
            if amount.isEmpty && (currencyCell?.isEmpty ?? true) {
                guard row.isNull(minor), row.isNull(currency) else { return false }
            } else {
                guard let currencyCell, let value = PlainCell.amount(bytes(amount)), PlainCell.isCurrency(bytes(currencyCell)),
                      row.holdsInteger(minor, equalTo: value), row.holdsText(currency, equalTo: bytes(currencyCell)) else { return false }
            }
        }
        return true
    }
}
