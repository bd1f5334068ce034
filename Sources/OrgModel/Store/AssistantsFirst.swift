/// Assistants are listed first under the role they assist. The path index
/// orders siblings by id, so a list read in path order is put in that order
/// here: each role's assistants' branches, then its other reports' branches,
/// each group in its own order.
enum AssistantsFirst {
    /// `entries`, a depth-first list of solid reports, with each role's
    /// assistants moved before its other reports. Unchanged (and not copied)
    /// when no entry is an assistant.
    static func ordered(_ entries: [ReportEntry]) -> [ReportEntry] {
        guard entries.contains(where: { $0.role.assistantTo != nil }) else { return entries }
        var result: [ReportEntry] = []
        result.reserveCapacity(entries.count)
        append(entries[...], into: &result)
        return result
    }

    /// Appends the branches in `slice` (siblings at its first entry's depth,
    /// each followed by its branch), assistants' branches first.
    private static func append(_ slice: ArraySlice<ReportEntry>, into result: inout [ReportEntry]) {
        guard let first = slice.first else { return }
        var branches: [Range<Int>] = []
        var start = slice.startIndex
        for index in slice.indices.dropFirst() where slice[index].depth <= first.depth {
            branches.append(start..<index)
            start = index
        }
        branches.append(start..<slice.endIndex)
        let assisting = branches.filter { slice[$0.lowerBound].role.assistantTo != nil }
        let others = branches.filter { slice[$0.lowerBound].role.assistantTo == nil }
        for branch in assisting + others {
            result.append(slice[branch.lowerBound])
            append(slice[(branch.lowerBound + 1)..<branch.upperBound], into: &result)
        }
    }
}
