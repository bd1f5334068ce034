import Glibc

/// Standard output through one buffer, written with write(2) and checked: a
/// closed pipe or a full disk makes the command fail loudly instead of
/// reporting success.
enum Output {
    nonisolated(unsafe) private static var buffer: [UInt8] = []
    nonisolated(unsafe) private static var failure: Int32 = 0
    private static let flushThreshold = 1 << 16

    /// Writes `text` followed by a newline.
    static func line(_ text: String = "") {
        write(text)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= flushThreshold { flush() }
    }

    /// Writes `text` as it is.
    static func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold { flush() }
    }

    /// Flushes standard output, returning the error number of any failed write.
    static func finish() -> Int32? {
        flush()
        return failure == 0 ? nil : failure
    }

    private static func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == 0 else { return }
        if let error = Descriptor.writeAll(1, buffer) { failure = error }
    }
}

/// Standard error, for the one-line messages people read.
enum Diagnostics {
    static func line(_ text: String) {
        _ = Descriptor.writeAll(2, Array((text + "\n").utf8))
    }
}

enum Descriptor {
    /// Writes every byte to `fd`, retrying short writes; the errno on failure.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
