/// The manager of each row of a depth-first walk, without a join: in path
/// order every role comes after its manager, and the manager is the most
/// recent row one level up. A walk of a million roles saves a million
/// look-ups of the manager's key this way.
struct DepthFirstKeys {
    /// The key of the most recent row at each level below the walk's top.
    private var keys: [String] = []
    /// The top row's manager, which is outside the walk.
    private let aboveTop: String?
    private let topDepth: Int

    init(topDepth: Int, aboveTop: String?) {
        self.topDepth = topDepth
        self.aboveTop = aboveTop
    }

    /// Notes a row at `depth` and returns its manager's key.
    mutating func visit(key: String, depth: Int) -> String? {
        let level = depth - topDepth
        keys.removeLast(max(0, keys.count - level))
        let manager = level == 0 ? aboveTop : keys.last
        keys.append(key)
        return manager
    }
}
