#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `orgctl-render`, the program installed next to orgctl that draws
/// the SVG of a chart as a PDF or PNG with librsvg and cairo. Keeping those
/// libraries out of orgctl keeps it a static executable whose every other
/// command starts fast.
enum PictureRenderer {
    static let program = "orgctl-render"

    /// The renderer's output for `svg` (pages separated by form feeds),
    /// run with `arguments`.
    static func render(_ svg: String, arguments: [String]) throws(OutputError) -> [UInt8] {
        guard let path = CompanionProgram.locate(program) else {
            throw OutputError(message: "\(program) is not installed next to orgctl, and PNG and PDF need it; "
                + "run 'make install' (or put \(program) beside orgctl), or export --format svg instead",
                status: ExitStatus.unavailable)
        }
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        guard pipe(&input) == 0, pipe(&output) == 0 else { throw OutputError(message: "cannot start \(program): no pipes left") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        for descriptor in input + output { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child = pid_t()
        let spawned = posix_spawn(&child, path, &actions, nil, argv, environ)
        close(input[0])
        close(output[1])
        guard spawned == 0 else {
            close(input[1])
            close(output[0])
            throw OutputError(message: "cannot start \(path): \(String(cString: strerror(spawned)))", status: ExitStatus.unavailable)
        }
        // The renderer reads all of its input before it writes a byte, so
        // writing everything first and then reading cannot deadlock. A
        // renderer that dies early closes the pipe: SIGPIPE is ignored for
        // the write, and the exit status says what happened.
        let previous = signal(SIGPIPE, SIG_IGN)
        _ = Descriptor.writeAll(input[1], Array(svg.utf8))
        close(input[1])
        signal(SIGPIPE, previous)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(output[0], $0.baseAddress, $0.count) }
            if got < 0 { if errno == EINTR { continue }; break }
            if got == 0 { break }
            bytes += chunk[0..<got]
        }
        close(output[0])
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        guard status == 0, !bytes.isEmpty else {
            // The renderer has said why on standard error.
            throw OutputError(message: "\(program) could not draw the chart (see its message above)", status: ExitStatus.software)
        }
        return bytes
    }

}

extension OutputError {
    init(message: String, status: Int32) {
        self.message = message
        self.status = status
    }
}
