import CRsvg
#if canImport(Glibc)
import Glibc
#endif

/// The boxes, connectors, dotted lines and legend swatches of orgctl's own
/// SVG, drawn with cairo directly. librsvg spends most of a big chart's time
/// matching the style sheet against every element and building its render
/// tree; orgctl writes a handful of known shapes whose look is fixed by
/// their class, so they can be drawn from the tags alone. A shape this does
/// not recognise makes the page go to librsvg whole (see `FastText.rest`).
struct FastShapes {
    struct Colour: Equatable {
        var red: Double, green: Double, blue: Double

        /// `#rrggbb` or `#rgb`.
        init?(_ hex: Substring) {
            guard hex.first == "#" else { return nil }
            var digits = Array(hex.dropFirst())
            if digits.count == 3 { digits = digits.flatMap { [$0, $0] } }
            guard digits.count == 6, let value = Int(String(digits), radix: 16) else { return nil }
            (red, green, blue) = (Double(value >> 16) / 255, Double((value >> 8) & 0xFF) / 255, Double(value & 0xFF) / 255)
        }

        static let white = Colour("#fff")!
        static let box = Colour("#4d4d4d")!
        static let connector = Colour("#7a7a7a")!
        static let dotted = Colour("#5b3a8e")!
    }

    enum Outline {
        case rectangle(x: Double, y: Double, width: Double, height: Double, radius: Double)
        case path([(Double, Double)])
    }

    struct Shape {
        var outline: Outline
        var fill: Colour?
        var stroke: Colour?
        var lineWidth = 1.0
        var dashed = false
        /// The dotted-line arrowhead at the path's end.
        var arrow = false
    }

    private(set) var shapes: [Shape] = []
    /// The fill of each PMO type's boxes, read from the style sheet.
    private var fills: [Substring: Colour] = [:]

    /// Reads `.pmo-NAME rect,…{fill:#…}` rules from orgctl's style sheet.
    mutating func readStyle(_ css: Substring) {
        for line in css.split(separator: "\n") where line.hasPrefix(".pmo-") {
            let name = line.dropFirst(5).prefix { $0 != " " && $0 != "{" }
            if let fill = FastText.range(of: "fill:", in: line) {
                fills[name] = Colour(line[fill.upperBound...].prefix { $0 != ";" && $0 != "}" })
            }
        }
    }

    /// Takes one `<rect …/>` or `<path …/>` tag inside the groups named by
    /// `context` (the classes of the enclosing `<g>` elements, innermost
    /// last) at `origin`; false when it is not one of orgctl's shapes.
    mutating func take(_ tag: Substring, context: [Substring], origin: (Double, Double)) -> Bool {
        guard tag.hasSuffix("/>") else { return false }
        let classes = (FastText.attribute("class", tag) ?? "").split(separator: " ")
        let style = FastText.attribute("style", tag).map(Self.declarations) ?? [:]
        if tag.hasPrefix("<rect ") {
            guard let width = number("width", tag), let height = number("height", tag) else { return false }
            let x = origin.0 + (number("x", tag) ?? 0), y = origin.1 + (number("y", tag) ?? 0)
            let radius = number("rx", tag) ?? 0
            var shape = Shape(outline: .rectangle(x: x, y: y, width: width, height: height, radius: radius))
            if classes == ["page"], context.isEmpty {
                shape.fill = .white
            } else if classes.first == "swatch", context.last == "legend" {
                shape.fill = style["fill"].flatMap { Colour($0) } ?? classes.dropFirst().first.flatMap(pmoFill) ?? .white
                shape.stroke = style["stroke"].flatMap { Colour($0) }
                shape.dashed = style["stroke-dasharray"] != nil
                guard style.keys.allSatisfy({ ["fill", "stroke", "stroke-dasharray"].contains($0) }) else { return false }
            } else if classes.isEmpty, style.isEmpty, let role = context.last, role == "role" || role.hasPrefix("role ") {
                // A role's box: its look comes from its group's classes.
                let groupClasses = role.split(separator: " ")
                shape.fill = groupClasses.compactMap(pmoFill).first ?? .white
                let dottedReport = groupClasses.contains("dotted-report")
                (shape.stroke, shape.lineWidth, shape.dashed) = (dottedReport ? .dotted : .box, 1.2, dottedReport)
            } else {
                return false
            }
            shapes.append(shape)
            return true
        }
        guard tag.hasPrefix("<path "), style.isEmpty, let d = FastText.attribute("d", tag),
              var points = Self.points(d) else { return false }
        for index in points.indices { points[index].0 += origin.0; points[index].1 += origin.1 }
        var shape = Shape(outline: .path(points), stroke: .connector, lineWidth: 1.5)
        if context.last == "solid", classes.isEmpty || classes == ["dotted-report"] {
            if !classes.isEmpty { (shape.stroke, shape.dashed) = (.dotted, true) }
        } else if classes == ["dotted"], context.last == "dotted-lines" || context.last == "legend" {
            (shape.stroke, shape.dashed) = (.dotted, true)
            if let marker = FastText.attribute("marker-end", tag) {
                guard marker == "url(#dotted-arrow)" else { return false }
                shape.arrow = true
            }
        } else {
            return false
        }
        shapes.append(shape)
        return true
    }

    private func pmoFill(_ name: Substring) -> Colour? {
        name.hasPrefix("pmo-") ? fills[name.dropFirst(4)] : nil
    }

    private func number(_ name: String, _ tag: Substring) -> Double? {
        FastText.attribute(name, tag).flatMap { Double($0) }
    }

    private static func declarations(_ style: Substring) -> [Substring: Substring] {
        var result: [Substring: Substring] = [:]
        for declaration in style.split(separator: ";") {
            guard let colon = declaration.firstIndex(of: ":") else { continue }
            result[declaration[..<colon]] = declaration[declaration.index(after: colon)...]
        }
        return result
    }

    /// The corners of a path written with M, L, H, V and their relative
    /// forms, as orgctl writes them; nil for anything else.
    static func points(_ d: Substring) -> [(Double, Double)]? {
        var result: [(Double, Double)] = []
        var command: Character = " "
        var numbers: [Double] = []
        var current = (0.0, 0.0)
        func apply() -> Bool {
            switch command {
            case " ": return numbers.isEmpty
            case "M", "L", "m", "l":
                guard numbers.count == 2 else { return false }
                let relative = command == "m" || command == "l"
                current = relative && !result.isEmpty ? (current.0 + numbers[0], current.1 + numbers[1]) : (numbers[0], numbers[1])
                if command == "M" || command == "m" { guard result.isEmpty else { return false } }
            case "H", "h":
                guard numbers.count == 1, !result.isEmpty else { return false }
                current.0 = command == "h" ? current.0 + numbers[0] : numbers[0]
            case "V", "v":
                guard numbers.count == 1, !result.isEmpty else { return false }
                current.1 = command == "v" ? current.1 + numbers[0] : numbers[0]
            default: return false
            }
            result.append(current)
            numbers = []
            return true
        }
        var index = d.startIndex
        while index < d.endIndex {
            let character = d[index]
            if character.isLetter {
                guard apply() else { return nil }
                command = character
                index = d.index(after: index)
            } else if character == " " || character == "," {
                index = d.index(after: index)
            } else {
                let end = d[index...].dropFirst().firstIndex { !($0.isNumber || $0 == ".") } ?? d.endIndex
                guard let value = Double(d[index..<end]) else { return nil }
                numbers.append(value)
                index = end
            }
        }
        guard apply(), result.count >= 2 else { return nil }
        return result
    }

    /// Draws the shapes on `cairo`, whose user space is the SVG's.
    func draw(on cairo: OpaquePointer) {
        cairo_set_line_join(cairo, CAIRO_LINE_JOIN_MITER)
        var dashes = [5.0, 4.0]
        for shape in shapes {
            switch shape.outline {
            case let .rectangle(x, y, width, height, radius):
                Self.roundedRectangle(cairo, x, y, width, height, min(radius, width / 2, height / 2))
            case let .path(points):
                cairo_move_to(cairo, points[0].0, points[0].1)
                for point in points.dropFirst() { cairo_line_to(cairo, point.0, point.1) }
            }
            if let fill = shape.fill {
                cairo_set_source_rgb(cairo, fill.red, fill.green, fill.blue)
                if shape.stroke == nil { cairo_fill(cairo) } else { cairo_fill_preserve(cairo) }
            }
            if let stroke = shape.stroke {
                cairo_set_source_rgb(cairo, stroke.red, stroke.green, stroke.blue)
                cairo_set_line_width(cairo, shape.lineWidth)
                if shape.dashed { cairo_set_dash(cairo, &dashes, 2, 0) } else { cairo_set_dash(cairo, nil, 0, 0) }
                cairo_stroke(cairo)
            }
            if shape.arrow, case let .path(points) = shape.outline {
                Self.arrowhead(cairo, from: points[points.count - 2], to: points[points.count - 1], lineWidth: shape.lineWidth)
            }
        }
        cairo_set_dash(cairo, nil, 0, 0)
    }

    private static func roundedRectangle(_ cairo: OpaquePointer, _ x: Double, _ y: Double, _ width: Double, _ height: Double,
                                         _ radius: Double) {
        guard radius > 0 else { return cairo_rectangle(cairo, x, y, width, height) }
        let quarter = Double.pi / 2
        cairo_new_sub_path(cairo)
        cairo_arc(cairo, x + width - radius, y + radius, radius, -quarter, 0)
        cairo_arc(cairo, x + width - radius, y + height - radius, radius, 0, quarter)
        cairo_arc(cairo, x + radius, y + height - radius, radius, quarter, 2 * quarter)
        cairo_arc(cairo, x + radius, y + radius, radius, 2 * quarter, 3 * quarter)
        cairo_close_path(cairo)
    }

    /// orgctl's `dotted-arrow` marker: a triangle 8 units square whose point
    /// (7, 4) sits on the line's end, 7 line widths across, turned along
    /// the last segment.
    private static func arrowhead(_ cairo: OpaquePointer, from: (Double, Double), to: (Double, Double), lineWidth: Double) {
        cairo_save(cairo)
        cairo_translate(cairo, to.0, to.1)
        cairo_rotate(cairo, atan2(to.1 - from.1, to.0 - from.0))
        let scale = 7 * lineWidth / 8
        cairo_scale(cairo, scale, scale)
        cairo_translate(cairo, -7, -4)
        cairo_move_to(cairo, 0, 0)
        cairo_line_to(cairo, 8, 4)
        cairo_line_to(cairo, 0, 8)
        cairo_close_path(cairo)
        cairo_set_source_rgb(cairo, Colour.dotted.red, Colour.dotted.green, Colour.dotted.blue)
        cairo_fill(cairo)
        cairo_restore(cairo)
    }
}
