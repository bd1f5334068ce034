import CRsvg
#if canImport(Glibc)
import Glibc
#endif

/// The text of orgctl's own SVG drawn with cairo's plain text calls instead
/// of through librsvg and Pango, which spend most of a big chart's drawing
/// time laying out thousands of short lines one by one. orgctl writes every
/// line with an explicit position and a class that fixes its font, so
/// nothing needs laying out; cairo's PDF surface still writes real,
/// selectable text. A line with characters beyond Latin, Greek and
/// Cyrillic (which need shaping, bidi or another font) is left in the SVG
/// for librsvg, as is any text this does not recognise.
struct FastText {
    struct Run {
        var x: Double, y: Double
        var size: Double
        var bold: Bool, italic: Bool
        var colour: (Double, Double, Double)
        var centred: Bool
        var text: String
    }

    private(set) var runs: [Run] = []
    /// The SVG without the text taken out.
    private(set) var rest: [UInt8] = []
    /// The boxes and lines, when every one of them was recognised.
    private(set) var shapes: FastShapes?
    /// The SVG without the text or the shapes taken out: what is left for
    /// librsvg when `shapes` is drawn directly.
    private(set) var leftover: [UInt8] = []
    /// The page's size, from the `<svg>` element.
    private(set) var size: (width: Double, height: Double)?

    init(svg: ArraySlice<UInt8>) {
        let bytes = Array(svg)
        var output: [UInt8] = [], withoutShapes: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var origins: [(Double, Double)?] = []
        var groups: [Substring] = []
        var shapes: FastShapes? = FastShapes()
        var legend = 0, vacant = false, inDefinitions = false
        var index = 0
        let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">")
        while index < bytes.count {
            guard let open = bytes[index...].firstIndex(of: lt), let close = bytes[open...].firstIndex(of: gt) else { break }
            output += bytes[index..<open]
            withoutShapes += bytes[index..<open]
            let tag = bytes[open...close]
            if Self.starts(tag, "<g ") || Self.starts(tag, "<g>") {
                let text = String(decoding: tag, as: UTF8.self)[...]
                origins.append(Self.translate(text))
                groups.append(Self.attribute("class", text) ?? "")
                if Self.find(tag, "class=\"legend\"") != nil { legend = origins.count }
                if Self.find(tag, "id=\"role-") != nil { vacant = Self.find(tag, " vacant") != nil }
            } else if Self.starts(tag, "</g>") {
                if origins.count == legend { legend = 0 }
                _ = origins.popLast()
                _ = groups.popLast()
            } else if Self.starts(tag, "<svg "), size == nil {
                let text = String(decoding: tag, as: UTF8.self)[...]
                if let width = Self.attribute("width", text).flatMap({ Double($0) }),
                   let height = Self.attribute("height", text).flatMap({ Double($0) }) { size = (width, height) }
            } else if Self.starts(tag, "<defs") {
                inDefinitions = !Self.starts(tag.suffix(2), "/>")
            } else if Self.starts(tag, "</defs") {
                inDefinitions = false
            } else if Self.starts(tag, "<style"), let end = Self.find(bytes[close...], "</style>") {
                shapes?.readStyle(String(decoding: bytes[close + 1..<end], as: UTF8.self)[...])
            } else if !inDefinitions, Self.starts(tag, "<rect ") || Self.starts(tag, "<path ") {
                let origin = origins.reversed().compactMap { $0 }.first ?? (0, 0)
                if shapes?.take(String(decoding: tag, as: UTF8.self)[...], context: groups, origin: origin) == true {
                    output += tag
                    index = close + 1
                    continue
                }
                shapes = nil
            } else if !inDefinitions, Self.drawsSomething(tag) {
                // Anything else drawn (an image, a circle…) leaves the whole page to librsvg.
                shapes = nil
            } else if Self.starts(tag, "<text"), let end = Self.find(bytes[close...], "</text>") {
                let element = String(decoding: bytes[open..<end + 7], as: UTF8.self)[...]
                let tagText = element[..<element.index(element.startIndex, offsetBy: tag.count)]
                let origin = origins.reversed().compactMap { $0 }.first ?? (0, 0)
                if let found = Self.runs(element, tag: tagText, origin: origin, inLegend: legend > 0, vacant: vacant) {
                    runs += found
                    index = end + 7
                    continue
                }
            }
            output += tag
            withoutShapes += tag
            index = close + 1
        }
        if index < bytes.count {
            output += bytes[index...]
            withoutShapes += bytes[index...]
        }
        rest = output
        if size != nil, let shapes {
            self.shapes = shapes
            leftover = withoutShapes
        }
    }

    /// Whether `tag` opens an element that paints (other than text, rect and path).
    private static func drawsSomething(_ tag: ArraySlice<UInt8>) -> Bool {
        starts(tag, "<circle") || starts(tag, "<ellipse") || starts(tag, "<line") || starts(tag, "<poly")
            || starts(tag, "<image") || starts(tag, "<use") || starts(tag, "<foreignObject") || starts(tag, "<switch")
    }

    /// Whether the leftover SVG still holds text for librsvg to draw.
    var leftoverHasText: Bool { Self.find(leftover[...], "<text") != nil }

    private static func starts(_ bytes: ArraySlice<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        return prefix.withUTF8Buffer { bytes.prefix(count).elementsEqual($0) }
    }

    /// Where `needle` starts in `bytes`, as an index of the whole array.
    private static func find(_ bytes: ArraySlice<UInt8>, _ needle: StaticString) -> Int? {
        needle.withUTF8Buffer { pattern -> Int? in
            guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
            var at = bytes.startIndex
            let last = bytes.endIndex - pattern.count
            while at <= last {
                guard let hit = bytes[at...last].firstIndex(of: first) else { return nil }
                if bytes[hit..<hit + pattern.count].elementsEqual(pattern) { return hit }
                at = hit + 1
            }
            return nil
        }
    }

    /// Where `needle` first occurs in `text`, found byte by byte: the
    /// standard library's generic search took most of a page's time.
    static func range(of needle: String, in text: Substring) -> Range<Substring.Index>? {
        let utf8 = text.utf8
        var pattern = needle
        let found = pattern.withUTF8 { p -> Int? in
            utf8.withContiguousStorageIfAvailable { haystack -> Int? in
                guard let first = p.first, haystack.count >= p.count else { return nil }
                var at = 0
                let last = haystack.count - p.count
                while at <= last {
                    if haystack[at] == first, memcmp(haystack.baseAddress! + at, p.baseAddress!, p.count) == 0 { return at }
                    at += 1
                }
                return nil
            } ?? text.firstRange(of: needle).map { utf8.distance(from: utf8.startIndex, to: $0.lowerBound) }
        }
        guard let found else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: found)
        return start..<utf8.index(start, offsetBy: pattern.utf8.count)
    }

    static func attribute(_ name: String, _ tag: Substring) -> Substring? {
        guard let start = range(of: " \(name)=\"", in: tag) else { return nil }
        let value = tag[start.upperBound...]
        return value[..<(range(of: "\"", in: value)?.lowerBound ?? value.endIndex)]
    }

    private static func translate(_ tag: Substring) -> (Double, Double)? {
        guard let transform = attribute("transform", tag), transform.hasPrefix("translate("), transform.hasSuffix(")") else { return nil }
        let numbers = transform.dropFirst(10).dropLast().split(separator: ",").compactMap { Double($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }

    /// The lines of one `<text>` element, or nil to leave it to librsvg.
    private static func runs(_ element: Substring, tag: Substring, origin: (Double, Double), inLegend: Bool,
                             vacant: Bool) -> [Run]? {
        let kind = attribute("class", tag) ?? ""
        var run = Run(x: 0, y: 0, size: 12, bold: false, italic: false, colour: (0.102, 0.102, 0.102), centred: !inLegend, text: "")
        switch kind {
        case "caption": (run.size, run.bold, run.centred) = (18, true, false)
        case "as-of": (run.size, run.colour, run.centred) = (12, (0.302, 0.302, 0.302), false)
        case "t": (run.size, run.bold) = (13, true)
        case "h": run.size = 12
            if vacant { (run.italic, run.colour) = (true, (0.431, 0.431, 0.431)) }
        case "k": (run.size, run.colour) = (10, (0.349, 0.349, 0.349))
        case "b": (run.size, run.italic, run.colour) = (10, true, (0.357, 0.227, 0.557))
        case "" where inLegend && attribute("style", tag) == nil: run.size = 12
        case "swatch-vacant" where inLegend && attribute("style", tag) == "font-style:italic;fill:#6e6e6e;font-size:12px":
            (run.italic, run.colour, run.centred) = (true, (0.431, 0.431, 0.431), false)
        default: return nil
        }
        if attribute("style", tag) != nil, kind != "swatch-vacant" { return nil }
        var lines: [Run] = []
        let body = element[tag.endIndex...].dropLast(7)  // up to </text>
        if !body.contains("<") {
            guard let x = attribute("x", tag).flatMap({ Double($0) }), let y = attribute("y", tag).flatMap({ Double($0) }),
                  let text = plain(body) else { return nil }
            run.x = origin.0 + x
            run.y = origin.1 + y
            run.text = text
            return [run]
        }
        var rest = body[...]
        while let open = range(of: "<tspan ", in: rest) {
            guard let close = range(of: ">", in: rest[open.upperBound...])?.lowerBound,
                  let end = range(of: "</tspan>", in: rest[close...]) else { return nil }
            let span = rest[open.lowerBound...close]
            guard let x = attribute("x", span).flatMap({ Double($0) }), let y = attribute("y", span).flatMap({ Double($0) }),
                  let text = plain(rest[rest.index(after: close)..<end.lowerBound]) else { return nil }
            var line = run
            (line.x, line.y, line.text) = (origin.0 + x, origin.1 + y, text)
            lines.append(line)
            rest = rest[end.upperBound...]
        }
        return lines.isEmpty ? nil : lines
    }

    /// The text with orgctl's five escapes undone; nil when it holds
    /// anything cairo's plain text calls cannot draw as librsvg would.
    private static func plain(_ escaped: Substring) -> String? {
        guard escaped.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x530 && $0 != "<" }) else { return nil }
        guard escaped.utf8.contains(UInt8(ascii: "&")) else { return String(escaped) }
        return String(escaped).replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"")
            .replacing("&#39;", with: "'").replacing("&amp;", with: "&")
    }

    /// Draws the runs on `cairo`, whose user space is the SVG's.
    func draw(on cairo: OpaquePointer) {
        var face = (bold: false, italic: false, size: 0.0)
        cairo_select_font_face(cairo, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        for run in runs {
            if face.bold != run.bold || face.italic != run.italic {
                cairo_select_font_face(cairo, "DejaVu Sans", run.italic ? CAIRO_FONT_SLANT_OBLIQUE : CAIRO_FONT_SLANT_NORMAL,
                                       run.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
                face.size = 0
            }
            if face.size != run.size { cairo_set_font_size(cairo, run.size) }
            face = (run.bold, run.italic, run.size)
            cairo_set_source_rgb(cairo, run.colour.0, run.colour.1, run.colour.2)
            var x = run.x
            if run.centred {
                var extents = cairo_text_extents_t()
                cairo_text_extents(cairo, run.text, &extents)
                x -= extents.x_advance / 2
            }
            cairo_move_to(cairo, x, run.y)
            cairo_show_text(cairo, run.text)
        }
    }
}

