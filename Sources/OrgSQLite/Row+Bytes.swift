import CSQLite

extension Row {
    /// Calls `body` with the bytes of column `column` as SQLite holds them,
    /// or nil for NULL; the bytes are valid only during the call. A scan of
    /// a million rows looks their keys up this way without making a string
    /// for each.
    package func withTextBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>?) throws -> T) rethrows -> T {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return try body(nil) }
        let start = sqlite3_column_text(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeBufferPointer(start: start, count: start == nil ? 0 : count))
    }

    /// True when column `column` holds text (not NULL, not a number) whose
    /// bytes are exactly `bytes`.
    package func holdsText(_ column: Int32, equalTo bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard sqlite3_column_type(handle, column) == SQLITE_TEXT else { return false }
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count == bytes.count else { return false }
        guard count > 0, let start = sqlite3_column_blob(handle, column), let other = bytes.baseAddress else { return count == 0 }
        return UnsafeRawBufferPointer(start: start, count: count).elementsEqual(UnsafeRawBufferPointer(start: other, count: count))
    }

    /// True when column `column` holds the integer `value` (not NULL, not text).
    package func holdsInteger(_ column: Int32, equalTo value: Int64) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_INTEGER && sqlite3_column_int64(handle, column) == value
    }
}
