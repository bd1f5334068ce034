import ArgumentParser

/// A command that does its work and writes its report to the sink it is
/// given, rather than to standard output directly: `main` gives it the
/// checked standard output, a test a ``MemoryOutput``.
protocol OrgCommand: ParsableCommand {
    func run(writingTo output: OutputSink) throws
}

extension OrgCommand {
    /// Runs the command as ArgumentParser would, writing to standard output.
    /// `Orgctl.main` calls `run(writingTo:)` instead, to report a failed write.
    mutating func run() throws {
        let output = StandardOutput()
        var succeeded = false
        defer { _ = output.finish(success: succeeded) }
        try run(writingTo: output)
        succeeded = true
    }
}
