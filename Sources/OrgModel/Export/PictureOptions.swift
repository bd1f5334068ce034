/// How a picture of the chart draws a dotted line.
public enum DottedLineStyle: String, Sendable, CaseIterable {
    /// A dashed line routed around the boxes, or a badge on the role's box
    /// where the route would cross a box or run too far.
    case lines
    /// A badge on the role's box naming the manager, for every dotted line.
    case badges
    /// Dotted lines left out.
    case none
}

/// What a picture of the chart (SVG, HTML, or the pages of a PDF or PNG)
/// shows besides its boxes.
public struct PictureOptions: Sendable, Equatable {
    /// The caption at the top.
    public var title: String
    /// The moment the chart is drawn as of, shown under the caption; nil
    /// leaves it out.
    public var asOf: String?
    /// How dotted lines are drawn.
    public var dotted: DottedLineStyle

    /// Options captioned `title`.
    public init(title: String, asOf: String? = nil, dotted: DottedLineStyle = .lines) {
        self.title = title
        self.asOf = asOf
        self.dotted = dotted
    }
}
