#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's calls that a nearby name (a method, a parameter) hides,
/// reached without naming the module that provides them on each system
/// (Glibc on Linux, Darwin on macOS).
enum LibC {
    /// True when `path` names a folder (following links).
    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    static func openFile(_ path: String, _ flags: Int32) -> Int32 {
        open(path, flags)
    }

    static func writeBytes(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        write(fd, buffer, count)
    }

    static func exitProcess(_ status: Int32) -> Never {
        exit(status)
    }

    /// Puts back the default action of `signal` (for a handler that then
    /// raises it again).
    static func restoreDefault(signal number: Int32) {
        _ = signal(number, SIG_DFL)
    }
}
