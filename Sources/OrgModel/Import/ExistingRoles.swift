/// The existing roles an update import's records name, by record index: two
/// numbers a record rather than a row of strings. A sync names every role
/// of the chart; a dictionary of rows with their keys and paths held about
/// 200 MB of a million-role sync's peak, these arrays 16 MB. The rare
/// message or new report below such a role reads the rest of its row then.
struct ExistingRoles {
    /// Each record's role id; 0 when the record names no existing role
    /// (ids start at 1). Empty until the first role is noted.
    private var ids: [Int64] = []
    /// Each record's role's manager id as read; 0 for none.
    private var managerIDs: [Int64] = []
    private let records: Int
    /// How many records name an existing role.
    private(set) var count = 0

    /// A table for `records` records, none naming an existing role yet.
    init(records: Int = 0) {
        self.records = records
    }

    var isEmpty: Bool { count == 0 }

    /// Notes that the record at `index` names the role `id`, whose manager is `managerID`.
    mutating func note(_ index: Int, id: Int64, managerID: Int64?) {
        if ids.isEmpty {
            ids = [Int64](repeating: 0, count: records)
            managerIDs = [Int64](repeating: 0, count: records)
        }
        if ids[index] == 0 { count += 1 }
        ids[index] = id
        managerIDs[index] = managerID ?? 0
    }

    /// The id of the role the record at `index` names, if it exists.
    func id(_ index: Int) -> Int64? {
        guard !ids.isEmpty, ids[index] != 0 else { return nil }
        return ids[index]
    }

    /// The manager of the role the record at `index` names, as read.
    func managerID(_ index: Int) -> Int64? {
        guard !ids.isEmpty, managerIDs[index] != 0 else { return nil }
        return managerIDs[index]
    }

    /// The indexes of the records that name existing roles, in file order.
    var indices: [Int] {
        guard count > 0 else { return [] }
        var found: [Int] = []
        found.reserveCapacity(count)
        for index in ids.indices where ids[index] != 0 { found.append(index) }
        return found
    }

    /// The ids of the existing roles named by the records `include` accepts.
    func idSet(where include: (Int) -> Bool) -> IDSet {
        var set = IDSet([])
        for index in ids.indices where ids[index] != 0 && include(index) { set.insert(ids[index]) }
        return set
    }
}
