#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Descriptor {
    /// The largest file `readAll` takes: room for a few million roles, while
    /// a device that never ends (/dev/zero, /dev/urandom) is stopped.
    static let inputLimit = 1 << 30

    /// The whole content of the file at `path`, refused when it is larger than
    /// `limit` bytes or when its first chunk holds a NUL byte, which no CSV or
    /// JSON chart has: a binary file is refused before it is read through.
    static func readAll(_ path: String, limit: Int = inputLimit) throws(OutputError) -> [UInt8] {
        let shown = TerminalText.safe(path)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw OutputError(message: "cannot read \(shown): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let tooLarge = OutputError(refused: "refused: \(shown) is larger than \(sizeText(limit)), the most orgctl imports at once; import it in parts")
        var info = stat()
        if fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && Int(info.st_size) > limit { throw tooLarge }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputError(message: "cannot read \(shown): \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            if bytes.isEmpty, let nul = chunk[..<count].firstIndex(of: 0) {
                let line = 1 + chunk[..<nul].count { $0 == UInt8(ascii: "\n") }
                throw OutputError(refused: "\(shown):\(line): a NUL byte (a control character): the file is binary, not a CSV or JSON chart; nothing was imported. Give a roles file as 'orgctl import --help' describes")
            }
            if bytes.count + count > limit { throw tooLarge }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    private static func sizeText(_ bytes: Int) -> String {
        if bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        return "\(bytes) bytes"
    }
}
