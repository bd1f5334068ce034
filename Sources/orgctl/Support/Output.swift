#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes what it reports. `main` gives every command the
/// checked standard output (``StandardOutput``); tests give it a
/// ``MemoryOutput`` and read back the text.
protocol OutputSink: AnyObject {
    /// Writes `text` as it is.
    func write(_ text: String)

    /// Writes bytes as they are: a PNG or a PDF.
    func write(bytes: [UInt8])

    /// Sends all further output to the file at `path` (`-o`), refusing to
    /// replace the database at `database`.
    func redirect(toFile path: String, sparing database: String) throws(OutputError)
}

extension OutputSink {
    /// Writes `text` followed by a newline.
    func line(_ text: String = "") {
        write(text)
        write("\n")
    }
}

/// Standard output (or the file of `-o`) through one buffer, written with
/// write(2) and checked: a closed pipe or a full disk makes the command fail
/// loudly instead of reporting success.
final class StandardOutput: OutputSink {
    private var buffer: [UInt8] = []
    private var failure: Int32 = 0
    private var descriptor: Int32 = 1
    private var target: OutputTarget?
    /// The file of `-o` as messages name it; nil for standard output.
    private(set) var destination: String?
    private let flushThreshold = 1 << 16

    init() {}

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold { flush() }
    }

    func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { flush() }
    }

    /// Sends all further output to the file at `path` (see ``OutputTarget``):
    /// a regular file is replaced by `finish` only when the command succeeds,
    /// so a failed export never leaves a half-written file.
    func redirect(toFile path: String, sparing database: String) throws(OutputError) {
        let opened = try OutputTarget.open(path, sparing: database)
        descriptor = opened.descriptor
        target = opened
        destination = TerminalText.safe(path)
    }

    /// Flushes the output; for a file replaced through a temporary one,
    /// renames it into place when `success` (and every write worked) or
    /// removes it otherwise. Returns the error number of any failed write.
    func finish(success: Bool) -> Int32? {
        flush()
        if let opened = target {
            let complete = failure == 0 && success
            if complete && opened.replacement != nil && fsync(descriptor) != 0 { failure = errno }
            if close(descriptor) != 0 && complete && failure == 0 { failure = errno }
            if let file = opened.replacement,
               let error = TemporaryFile.settle(file.temporary, as: file.final, keep: complete && failure == 0) {
                failure = error
            }
            target = nil
        }
        return failure == 0 ? nil : failure
    }

    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == 0, !buffer.isEmpty else { return }
        if let error = Descriptor.writeAll(descriptor, buffer) { failure = error }
    }
}

/// Output kept in memory, for running a command inside a test and reading
/// exactly what it wrote. `-o` opens no file here: the path is noted in
/// `redirectedTo` and the text is still collected.
final class MemoryOutput: OutputSink {
    private(set) var text = ""
    private(set) var redirectedTo: String?

    init() {}

    func write(_ text: String) { self.text += text }

    /// Bytes written (a PNG or PDF), kept apart from `text`.
    private(set) var bytes: [UInt8] = []

    func write(bytes: [UInt8]) { self.bytes += bytes }

    func redirect(toFile path: String, sparing database: String) throws(OutputError) { redirectedTo = path }

    /// The lines written, without the final newline.
    var lines: [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// A file orgctl cannot or will not write (or read), reported as one line.
struct OutputError: Error, CustomStringConvertible {
    let message: String
    /// 74 for a file that cannot be written; 1 for one refused, left as it was.
    let status: Int32
    var description: String { message }

    init(message: String) {
        self.message = message
        status = ExitStatus.storage
    }

    init(refused message: String) {
        self.message = message
        status = ExitStatus.refused
    }
}

/// Standard error, for the one-line messages people read. Messages quote
/// what users typed or files held, so they are escaped as stored text is.
enum Diagnostics {
    static func line(_ text: String) {
        _ = Descriptor.writeAll(2, Array((TerminalText.safe(text) + "\n").utf8))
    }

    /// True when standard error is a terminal, where progress is worth showing.
    static var isTerminal: Bool { isatty(2) == 1 }

    /// Overwrites the current terminal line with `text` (progress).
    static func progress(_ text: String) {
        _ = Descriptor.writeAll(2, Array(("\r\u{1B}[K" + TerminalText.safe(text)).utf8))
    }
}

enum Descriptor {
    /// Writes every byte to `fd`, retrying short writes; the errno on failure.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { LibC.writeBytes(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
