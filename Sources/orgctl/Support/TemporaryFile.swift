#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file an export is written to before it is renamed into place: an
/// unpredictable name, so that nobody can occupy it beforehand, and removed
/// when SIGINT, SIGTERM or SIGHUP ends orgctl first.
enum TemporaryFile {
    static let signals = [SIGINT, SIGTERM, SIGHUP]
    private static let capacity = Int(PATH_MAX) + 1

    /// The current temporary's path as a C string, empty when there is none.
    /// A signal handler may only read plain memory and call async-signal-safe
    /// functions, so the path waits here, not in a Swift String.
    nonisolated(unsafe) private static let pendingPath: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        buffer.initialize(repeating: 0, count: capacity)
        return buffer
    }()

    /// Creates an empty file beside `final` that only its owner may read,
    /// named `.NAME.orgctl-RANDOM.tmp`; returns its descriptor and path.
    static func create(beside final: String) throws(OutputError) -> (descriptor: Int32, path: String) {
        let slash = final.lastIndex(of: "/")
        let folder = slash.map { String(final[...$0]) } ?? ""
        var name = slash.map { String(final[final.index(after: $0)...]) } ?? final
        // Room for the prefix and suffix within the 255 bytes a name may have.
        if name.utf8.count > 200 { name = String(name.unicodeScalars.prefix(50)) }
        installHandlers()
        var failure = ENAMETOOLONG
        for _ in 0..<100 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let path = folder + "." + name + ".orgctl-" + suffix + ".tmp"
            guard path.utf8.count < capacity else { break }
            // Blocked, a signal cannot arrive between making the file and
            // noting its name, which would leave it behind.
            let (descriptor, error) = withSignalsBlocked {
                let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
                if descriptor >= 0 { note(path) }
                return (descriptor, errno)
            }
            if descriptor >= 0 { return (descriptor, path) }
            failure = error
            if error != EEXIST { break }
        }
        throw OutputError(message: "cannot write \(TerminalText.safe(final)): \(String(cString: strerror(failure))); check the folder exists and is writable")
    }

    /// Renames the temporary over `final`, or removes it when `keep` is false;
    /// the errno of a failed rename.
    static func settle(_ path: String, as final: String, keep: Bool) -> Int32? {
        withSignalsBlocked {
            var failure: Int32?
            if keep && rename(path, final) != 0 { failure = errno }
            if !keep || failure != nil { unlink(path) }
            note("")
            if keep && failure == nil { syncFolder(of: final) }
            return failure
        }
    }

    /// Makes the rename itself durable: until the folder's entry reaches the
    /// disk, a crash can bring back the old file (or none). A folder that
    /// cannot be opened or synced (some file systems refuse) is no failure of
    /// the export, whose data is already on disk.
    private static func syncFolder(of final: String) {
        let folder = final.lastIndex(of: "/").map { String(final[...$0]) } ?? "."
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func note(_ path: String) {
        path.withCString { _ = strncpy(pendingPath, $0, capacity - 1) }
    }

    private static func withSignalsBlocked<T>(_ body: () -> T) -> T {
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        for signal in signals { sigaddset(&blocked, signal) }
        sigprocmask(SIG_BLOCK, &blocked, &previous)
        defer { sigprocmask(SIG_SETMASK, &previous, nil) }
        return body()
    }

    private static func installHandlers() {
        // Made now, so that a handler never runs the buffer's lazy set-up.
        _ = pendingPath
        var action = sigaction()
        action.__sigaction_handler.sa_handler = removeAndDie
        sigemptyset(&action.sa_mask)
        for signal in signals { sigaddset(&action.sa_mask, signal) }
        for signal in signals {
            var current = sigaction()
            // One ignored by whoever started orgctl (nohup, say) stays ignored.
            guard sigaction(signal, nil, &current) == 0,
                  unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self)
            else { continue }
            sigaction(signal, &action, nil)
        }
    }

    /// Removes the temporary, then dies of the same signal, so that whoever
    /// waits for orgctl still sees it was killed.
    private static let removeAndDie: @convention(c) (Int32) -> Void = { signal in
        if pendingPath.pointee != 0 { unlink(pendingPath) }
        LibC.restoreDefault(signal: signal)
        raise(signal)
    }
}
