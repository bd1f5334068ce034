/// What a move would bring to light, worked out before anyone makes it.
public struct MovePreview: Sendable, Equatable {
    /// What the move would do, as ``OrgDatabase/move(_:to:)`` reports it.
    public let report: MoveReport
    /// The findings ``OrgDatabase/check(limits:)`` would give after the move
    /// that it does not give now, in check's order.
    public let newFindings: [Finding]
}

extension OrgDatabase {
    /// What moving `key` (with its tree) under `manager` would do and which
    /// rules it would newly break, without changing the file: the move is
    /// made inside a transaction, the chart checked before and after it, and
    /// everything rolled back. The same refusals as the move itself (an
    /// unknown key, a loop) are thrown. Checking reads every role twice, so
    /// this costs two checks of the chart.
    ///
    /// ```swift
    /// let preview = try org.previewMove("pm-payments", to: "cfo")
    /// for finding in preview.newFindings { print(finding.message) }
    /// ```
    public func previewMove(_ key: String, to manager: String?, limits: CheckLimits = CheckLimits()) throws(OrgError) -> MovePreview {
        try writeAtItsMomentKnowingPlans(commit: false) { _ in
            // Both checks see the chart at the move's own moment, in one transaction.
            let before = try check(limits: limits)
            let report = try performMove(try roleRow(key), to: try manager.map { try roleRow($0) })
            let after = try check(limits: limits)
            return MovePreview(report: report, newFindings: after.filter { !before.contains($0) })
        }
    }
}
