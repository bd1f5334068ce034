import CSQLite

extension Row {
    /// True when column `column` of this row holds the same value as column
    /// `otherColumn` of `other`: the same type and the same integer, number
    /// or bytes. Compared where SQLite holds them, without making strings,
    /// so that two large tables compare at the speed of reading them.
    package func sameValue(_ column: Int32, as other: Row, _ otherColumn: Int32) -> Bool {
        let type = sqlite3_column_type(handle, column)
        guard type == sqlite3_column_type(other.handle, otherColumn) else { return false }
        switch type {
        case SQLITE_NULL:
            return true
        case SQLITE_INTEGER:
            return sqlite3_column_int64(handle, column) == sqlite3_column_int64(other.handle, otherColumn)
        case SQLITE_FLOAT:
            return sqlite3_column_double(handle, column) == sqlite3_column_double(other.handle, otherColumn)
        default:
            let left = sqlite3_column_blob(handle, column), right = sqlite3_column_blob(other.handle, otherColumn)
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count == Int(sqlite3_column_bytes(other.handle, otherColumn)) else { return false }
            guard count > 0, let left, let right else { return true }
            return UnsafeRawBufferPointer(start: left, count: count).elementsEqual(UnsafeRawBufferPointer(start: right, count: count))
        }
    }
}
