import CSQLite

extension Row {
    /// True when column `column` of this row and column `otherColumn` of
    /// `other`, both holding only text or NULL (TEXT affinity), hold the same
    /// value. Compared where SQLite holds them, without making strings and in
    /// as few calls into SQLite as can tell, so that two large tables compare
    /// at the speed of reading them.
    package func sameText(_ column: Int32, as other: Row, _ otherColumn: Int32) -> Bool {
        // The blob of a NULL, and of an empty string, is a null pointer.
        let left = sqlite3_column_blob(handle, column), right = sqlite3_column_blob(other.handle, otherColumn)
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count == Int(sqlite3_column_bytes(other.handle, otherColumn)) else { return false }
        guard let left, let right else { return left == nil && right == nil && isNull(column) == other.isNull(otherColumn) }
        return UnsafeRawBufferPointer(start: left, count: count).elementsEqual(UnsafeRawBufferPointer(start: right, count: count))
    }

    /// True when the two columns, both holding only integers or NULL, hold
    /// the same value, read as ``optionalInt(_:)`` reads them.
    package func sameInteger(_ column: Int32, as other: Row, _ otherColumn: Int32) -> Bool {
        let left = sqlite3_column_int64(handle, column)
        guard left == sqlite3_column_int64(other.handle, otherColumn) else { return false }
        // NULL reads as 0 too.
        return left != 0 || isNull(column) == other.isNull(otherColumn)
    }
}
