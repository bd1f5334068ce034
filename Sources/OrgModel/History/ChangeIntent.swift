/// What the writes a client makes are recorded as: the command behind them
/// and when they take effect. The CLI sets it from its command line.
public struct ChangeIntent: Sendable, Equatable {
    /// The command as typed, shown by `orgctl history`.
    public var command: String
    /// When the change takes effect; nil means when it is recorded.
    public var effective: Timestamp?

    /// What to record the next writes as; the defaults record no command, effective when recorded.
    public init(command: String = "", effective: Timestamp? = nil) {
        self.command = command
        self.effective = effective
    }
}

/// One recorded change, as `orgctl history` lists it.
public struct ChangeRecord: Sendable, Equatable {
    /// The change's number, in the order changes were recorded.
    public var id: Int64
    /// When the change was written.
    public var recordedAt: Timestamp
    /// When it takes effect: its recording time unless it was planned or backdated.
    public var effectiveAt: Timestamp
    /// The command that made it, as recorded in ``ChangeIntent/command``.
    public var command: String
    /// What changed, in plain words, one line each.
    public var summary: [String]
    /// The change this one reverted, when it was an `undo`.
    public var undoes: Int64?
}
