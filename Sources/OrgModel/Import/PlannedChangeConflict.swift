/// A value the source gives that a change planned for later also sets: the
/// source is not written there, so that the plan still does at its date what
/// it was recorded to do. A source that knows nothing of the plan (last
/// month's HR export) meets one whenever it changes what the plan changes.
public struct PlannedChangeConflict: Sendable, Equatable, Codable {
    /// The role concerned.
    public var key: String
    /// The field, by its column name (`reports_to`, `holder`, `title`, …),
    /// or `role` when the plan adds or removes the role itself.
    public var field: String
    /// What the source says, as the file wrote it; nil for an empty value.
    public var sourceValue: String?
    /// What the planned change sets it to; nil when it clears it (or, for
    /// `role`, removes the role).
    public var plannedValue: String?
    /// The planned change's number in the history.
    public var change: Int64
    /// When the planned change takes effect.
    public var effective: Timestamp

    /// A conflict between the source and one planned change.
    public init(key: String, field: String, sourceValue: String?, plannedValue: String?, change: Int64, effective: Timestamp) {
        self.key = key
        self.field = field
        self.sourceValue = sourceValue
        self.plannedValue = plannedValue
        self.change = change
        self.effective = effective
    }
}
