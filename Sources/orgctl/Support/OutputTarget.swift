#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `-o PATH` sends the output. A regular file (or a new one) is
/// replaced whole through a temporary file renamed over it; anything else (a
/// device, a named pipe, a descriptor of this process) is written through as
/// it is, since renaming over it would destroy it rather than write to it.
struct OutputTarget {
    let descriptor: Int32
    /// The temporary file and the path it replaces; nil when written through.
    let replacement: (temporary: String, final: String)?

    /// Opens `path` for output, refusing to replace the database at
    /// `database` (by any name) or any other SQLite database.
    static func open(_ path: String, sparing database: String) throws(OutputError) -> OutputTarget {
        let shown = TerminalText.safe(path)
        let final = try followingLinks(path)
        if let number = inheritedDescriptor(final) {
            let descriptor = dup(number)
            guard descriptor >= 0 else { throw OutputError.cannotWrite(shown) }
            return OutputTarget(descriptor: descriptor, replacement: nil)
        }
        var info = stat()
        guard stat(final, &info) == 0 else {
            guard errno == ENOENT else { throw OutputError.cannotWrite(shown) }
            // A new file: 0666 less the umask, as the shell's `>` would make it.
            return try replacing(final, mode: 0o666, owner: nil)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            try refuseDatabase(final, info, shown: shown, database: database)
            return try replacing(final, mode: info.st_mode & 0o7777, owner: (info.st_uid, info.st_gid))
        case S_IFDIR:
            throw OutputError(refused: "refused: \(shown) is a folder; give -o a file name, such as \(shown)/chart.svg")
        case S_IFSOCK:
            throw OutputError(message: "cannot write \(shown): it is a socket, which cannot be opened as a file; pipe standard output to it instead")
        default:
            let descriptor = LibC.openFile(final, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard descriptor >= 0 else { throw OutputError.cannotWrite(shown) }
            return OutputTarget(descriptor: descriptor, replacement: nil)
        }
    }

    /// A temporary file beside `final`, given the mode and owner `final` has
    /// (or, for a new file, `mode` less the umask) before a byte is written.
    private static func replacing(_ final: String, mode: mode_t, owner: (uid: uid_t, gid: gid_t)?) throws(OutputError) -> OutputTarget {
        let (descriptor, temporary) = try TemporaryFile.create(beside: final)
        var kept = true
        if let owner {
            // Owner first: a change of owner clears set-user-ID bits, which
            // the mode then restores. Someone else's file keeps at least its
            // group when its owner cannot be kept, as `sed -i` does.
            if fchown(descriptor, owner.uid, owner.gid) != 0 { _ = fchown(descriptor, uid_t.max, owner.gid) }
            kept = fchmod(descriptor, mode) == 0
        } else {
            let mask = umask(0)
            umask(mask)
            kept = fchmod(descriptor, mode & ~mask) == 0
        }
        guard kept else {
            let error = OutputError.cannotWrite(TerminalText.safe(final))
            close(descriptor)
            _ = TemporaryFile.settle(temporary, as: final, keep: false)
            throw error
        }
        return OutputTarget(descriptor: descriptor, replacement: (temporary, final))
    }

    /// Refuses to replace the database the command reads (its file, its
    /// journal or write-ahead log, through any link) and any file that holds
    /// a SQLite database: an export written over it would destroy the chart.
    private static func refuseDatabase(_ final: String, _ info: stat, shown: String, database: String) throws(OutputError) {
        for file in [database, database + "-wal", database + "-shm", database + "-journal"] {
            var other = stat()
            if stat(file, &other) == 0 && other.st_dev == info.st_dev && other.st_ino == info.st_ino {
                throw OutputError(refused: "refused: \(shown) is the database being exported (or one of its files); give -o another file name")
            }
        }
        let descriptor = LibC.openFile(final, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var head = [UInt8](repeating: 0, count: 16)
        let count = head.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count == 16 && head == Array("SQLite format 3\u{0}".utf8) {
            throw OutputError(refused: "refused: \(shown) is a SQLite database, which -o never overwrites; give -o another file name, or remove it first")
        }
    }

    /// `path` with the symbolic links at its end followed, so that the file
    /// they lead to is replaced and the links stay links.
    private static func followingLinks(_ path: String) throws(OutputError) -> String {
        var current = path
        for _ in 0..<40 {
            if inheritedDescriptor(current) != nil { return current }
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &target, Int(PATH_MAX))
            // Not a link, or nothing there yet: this is the file.
            guard count >= 0 else { return current }
            let link = String(decoding: target[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let folder = current.lastIndex(of: "/").map { String(current[...$0]) } ?? ""
            current = link.hasPrefix("/") ? link : folder + link
        }
        throw OutputError(message: "cannot write \(TerminalText.safe(path)): too many levels of symbolic links; point -o at the file itself")
    }

    /// The descriptor number that `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`
    /// or `/proc/self/fd/N` names: written through the descriptor orgctl
    /// already has, not reopened, so output appended to a file stays appended.
    private static func inheritedDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }
}

extension OutputError {
    static func cannotWrite(_ shown: String) -> OutputError {
        OutputError(message: "cannot write \(shown): \(String(cString: strerror(errno))); check the path and its permissions")
    }
}
