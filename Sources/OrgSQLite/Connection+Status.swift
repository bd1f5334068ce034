import CSQLite

/// What SQLite can tell about a connection's work as it goes: for the
/// library's own checks and for tests that measure the queries it runs.
extension Connection {
    /// The closures SQLite calls back, boxed so that a C pointer can name them.
    struct Hooks {
        var trace: Box<(String) -> Void>?
        var progress: Box<() -> Void>?
    }

    final class Box<T> {
        let value: T
        init(_ value: T) { self.value = value }
    }

    /// The number of foreign-key violations a deferred check would report if
    /// the transaction committed now.
    package var deferredForeignKeyViolations: Int {
        var current: Int32 = 0, highest: Int32 = 0
        sqlite3_db_status(handle, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highest, 0)
        return Int(current)
    }

    /// Calls `body` with the SQL of every statement the connection starts, as
    /// prepared (parameters unbound), until called again with nil.
    package func traceStatements(_ body: ((String) -> Void)?) {
        guard let body else {
            sqlite3_trace_v2(handle, 0, nil, nil)
            hooks.trace = nil
            return
        }
        let box = Box(body)
        hooks.trace = box
        sqlite3_trace_v2(handle, UInt32(SQLITE_TRACE_STMT), { _, context, statement, _ in
            guard let context, let statement, let text = sqlite3_sql(OpaquePointer(statement)) else { return 0 }
            Unmanaged<Box<(String) -> Void>>.fromOpaque(context).takeUnretainedValue().value(String(cString: text))
            return 0
        }, Unmanaged.passUnretained(box).toOpaque())
    }

    /// Calls `body` every `interval` steps of SQLite's virtual machine (every
    /// statement, trigger programs included), until called again with nil.
    package func onProgress(every interval: Int32, _ body: (() -> Void)?) {
        guard let body else {
            sqlite3_progress_handler(handle, 0, nil, nil)
            hooks.progress = nil
            return
        }
        let box = Box(body)
        hooks.progress = box
        sqlite3_progress_handler(handle, interval, { context in
            guard let context else { return 0 }
            Unmanaged<Box<() -> Void>>.fromOpaque(context).takeUnretainedValue().value()
            return 0
        }, Unmanaged.passUnretained(box).toOpaque())
    }

    /// Every statement the connection has prepared and not finalised, with
    /// the rows its full scans have stepped through; `reset` starts each count
    /// again from zero.
    package func fullScanSteps(reset: Bool = false) -> [(sql: String, steps: Int)] {
        var result: [(sql: String, steps: Int)] = []
        var statement = sqlite3_next_stmt(handle, nil)
        while let current = statement {
            let steps = sqlite3_stmt_status(current, SQLITE_STMTSTATUS_FULLSCAN_STEP, reset ? 1 : 0)
            result.append((sqlite3_sql(current).map { String(cString: $0) } ?? "", Int(steps)))
            statement = sqlite3_next_stmt(handle, current)
        }
        return result
    }
}
