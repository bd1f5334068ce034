/// The advance widths of a TrueType font, read from the font file's own
/// tables (`head`, `hhea`, `hmtx`, `cmap`), so that the layout measures text
/// the way the renderer will draw it. Kerning is left out: it only ever
/// narrows Latin text, so a measured line errs on fitting.
struct FontMetrics: Sendable {
    /// The family the SVG names, which the renderer finds through fontconfig.
    static let family = "DejaVu Sans"

    /// DejaVu Sans and its bold face, from Debian's fonts-dejavu-core; nil
    /// when the font is not installed, and the layout falls back on estimates.
    static let regular = load(["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                               "/usr/local/share/fonts/DejaVuSans.ttf", "/Library/Fonts/DejaVuSans.ttf"])
    static let bold = load(["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
                            "/usr/local/share/fonts/DejaVuSans-Bold.ttf", "/Library/Fonts/DejaVuSans-Bold.ttf"])

    private static func load(_ paths: [String]) -> FontMetrics? {
        for path in paths {
            if let bytes = Platform.contents(of: path, limit: 16 << 20), let font = FontMetrics(bytes) { return font }
        }
        return nil
    }

    let unitsPerEm: Double
    /// The advance of each character of the Basic Multilingual Plane, in font
    /// units; `missing` for one the font has no glyph for.
    private let basic: [UInt16]
    /// Characters beyond the BMP, as ranges mapped to glyphs (cmap format 12).
    private let supplementary: [(first: UInt32, last: UInt32, glyph: UInt32)]
    private let glyphAdvances: [UInt16]
    private static let missing = UInt16.max

    /// Reads the tables of a TrueType or OpenType (glyf or CFF) font; nil
    /// when the bytes are not one or lack a table it needs.
    init?(_ bytes: [UInt8]) {
        let font = Bytes(bytes)
        guard let tableCount = font.u16(4) else { return nil }
        var tables: [String: Int] = [:]
        for index in 0..<Int(tableCount) {
            let record = 12 + 16 * index
            guard let offset = font.u32(record + 8), record + 4 <= bytes.count else { return nil }
            tables[String(decoding: bytes[record..<record + 4], as: UTF8.self)] = Int(offset)
        }
        guard let head = tables["head"], let hhea = tables["hhea"], let hmtx = tables["hmtx"], let cmap = tables["cmap"],
              let units = font.u16(head + 18), units > 0, let metricCount = font.u16(hhea + 34), metricCount > 0
        else { return nil }
        unitsPerEm = Double(units)
        var advances: [UInt16] = []
        advances.reserveCapacity(Int(metricCount))
        for index in 0..<Int(metricCount) {
            guard let advance = font.u16(hmtx + 4 * index) else { return nil }
            advances.append(advance)
        }
        glyphAdvances = advances
        func advance(_ glyph: Int) -> UInt16 {
            glyph == 0 ? Self.missing : advances[min(glyph, advances.count - 1)]
        }
        // The Windows Unicode subtables: format 12 (full repertoire) when
        // present, format 4 (the BMP) otherwise.
        var format4: Int?, format12: Int?
        guard let subtableCount = font.u16(cmap + 2) else { return nil }
        for index in 0..<Int(subtableCount) {
            let record = cmap + 4 + 8 * index
            guard let platform = font.u16(record), let encoding = font.u16(record + 2),
                  let offset = font.u32(record + 4) else { return nil }
            let subtable = cmap + Int(offset)
            guard platform == 3 || platform == 0, let format = font.u16(subtable) else { continue }
            if format == 4, encoding != 0 || platform == 0 { format4 = format4 ?? subtable }
            if format == 12 { format12 = format12 ?? subtable }
        }
        var basic = [UInt16](repeating: Self.missing, count: 0x10000)
        var supplementary: [(UInt32, UInt32, UInt32)] = []
        if let table = format12, let groups = font.u32(table + 12) {
            for index in 0..<Int(groups) {
                let group = table + 16 + 12 * index
                guard let first = font.u32(group), let last = font.u32(group + 4), let glyph = font.u32(group + 8),
                      first <= last else { return nil }
                if last >= 0x10000 { supplementary.append((max(first, 0x10000), last, glyph + (max(first, 0x10000) - first))) }
                guard first < 0x10000 else { continue }
                for scalar in first...min(last, 0xFFFF) { basic[Int(scalar)] = advance(Int(glyph + scalar - first)) }
            }
        } else if let table = format4, let doubled = font.u16(table + 6) {
            let segments = Int(doubled) / 2
            let ends = table + 14, starts = ends + 2 * segments + 2
            let deltas = starts + 2 * segments, rangeOffsets = deltas + 2 * segments
            for segment in 0..<segments {
                guard let end = font.u16(ends + 2 * segment), let start = font.u16(starts + 2 * segment),
                      let delta = font.u16(deltas + 2 * segment), let rangeOffset = font.u16(rangeOffsets + 2 * segment),
                      start <= end else { continue }
                for scalar in Int(start)...Int(end) {
                    var glyph: Int
                    if rangeOffset == 0 {
                        glyph = (scalar + Int(delta)) & 0xFFFF
                    } else {
                        let at = rangeOffsets + 2 * segment + Int(rangeOffset) + 2 * (scalar - Int(start))
                        glyph = Int(font.u16(at) ?? 0)
                        if glyph != 0 { glyph = (glyph + Int(delta)) & 0xFFFF }
                    }
                    basic[scalar] = advance(glyph)
                }
            }
        } else {
            return nil
        }
        self.basic = basic
        self.supplementary = supplementary
    }

    /// The width of `text` at `size` points (or pixels), laid out on one line.
    /// A character the font lacks counts a full em, as the fallback face that
    /// draws it will be at most about that wide.
    func width(of text: Substring, size: Double) -> Double {
        var units = 0
        for scalar in text.unicodeScalars {
            units += Int(advance(of: scalar))
        }
        return Double(units) * size / unitsPerEm
    }

    /// `width(of:size:)` for a whole string.
    func width(of text: String, size: Double) -> Double { width(of: text[...], size: size) }

    /// A scalar's advance in font units: 0 for the controls a drawing drops.
    func advance(of scalar: Unicode.Scalar) -> UInt16 {
        if MarkupText.isDropped(scalar) { return 0 }
        let value = scalar.value
        if value < 0x10000 {
            let found = basic[Int(value)]
            return found == Self.missing ? UInt16(unitsPerEm) : found
        }
        for range in supplementary where range.first <= value && value <= range.last {
            let glyph = Int(range.glyph + value - range.first)
            return glyph == 0 ? UInt16(unitsPerEm) : glyphAdvances[min(glyph, glyphAdvances.count - 1)]
        }
        return UInt16(unitsPerEm)
    }

    /// Big-endian reads that return nil past the end instead of trapping.
    private struct Bytes {
        let bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        func u16(_ at: Int) -> UInt16? {
            guard at >= 0, at + 2 <= bytes.count else { return nil }
            return UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
        }

        func u32(_ at: Int) -> UInt32? {
            guard let high = u16(at), let low = u16(at + 2) else { return nil }
            return UInt32(high) << 16 | UInt32(low)
        }
    }
}
