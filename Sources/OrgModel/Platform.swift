#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few calls to the operating system the library makes, the only place
/// it imports the C library (Glibc on Linux, Darwin on macOS).
enum Platform {
    /// True when something exists at `path`.
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Up to `count` bytes from the start of the file at `path`: nil when it
    /// cannot be opened or read, empty for an empty file.
    static func head(of path: String, count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard got >= 0 else { return nil }
        bytes.removeSubrange(got...)
        return bytes
    }

    /// The whole file at `path`, read in chunks: nil when it cannot be opened
    /// or read, or is longer than `limit` bytes.
    static func contents(of path: String, limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 { return nil }
            if got == 0 { return bytes }
            bytes += chunk[0..<got]
            if bytes.count > limit { return nil }
        }
    }

    /// Waits `microseconds`.
    static func sleep(microseconds: UInt32) {
        usleep(microseconds)
    }

    /// The current time of day, in milliseconds since 1970-01-01T00:00:00Z.
    static func millisecondsSinceEpoch() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
