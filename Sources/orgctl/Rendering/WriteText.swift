import OrgModel

/// What a write says it did: done now, or planned for a later moment.
extension WriteOptions {
    /// The moment a planned write takes effect, as people read it; nil when
    /// the write takes effect now (or took effect in the past).
    var plannedFor: String? { WriteMoment(effective: effective).plannedFor }

    /// `done` for a write in force now; `Planned for DATE: planned` for a planned one.
    func says(_ done: String, planned: String) -> String { WriteMoment(effective: effective).says(done, planned: planned) }

    /// The `plannedFor` field of a write's `--json`: the moment, or null.
    var plannedJSON: (String, JSON) { WriteMoment(effective: effective).plannedJSON }
}

/// When a write takes effect (`--effective`, else now), for what it says it
/// did: the plain value behind ``WriteOptions``, which a point command read
/// by hand also has.
struct WriteMoment {
    /// `--effective`, when given.
    var effective: DateArgument?

    /// The moment a planned write takes effect, as people read it; nil when
    /// the write takes effect now (or took effect in the past).
    var plannedFor: String? {
        guard let moment = effective?.timestamp(day: .start), moment > .now() else { return nil }
        return History.shown(moment)
    }

    /// `done` for a write in force now; `Planned for DATE: planned` for a planned one.
    func says(_ done: String, planned: String) -> String {
        plannedFor.map { "Planned for \($0): \(planned)" } ?? done
    }

    /// The `plannedFor` field of a write's `--json`: the moment, or null.
    var plannedJSON: (String, JSON) {
        guard let moment = effective?.timestamp(day: .start), moment > .now() else { return ("plannedFor", .null) }
        return ("plannedFor", .string(moment.description))
    }
}
