/// The lines of text drawn in one role's box: the title in bold, then the
/// holder, then the key, each wrapped at spaces onto as many lines as it
/// needs, measured with the font the drawing names.
struct BoxText: Sendable, Equatable {
    /// Font sizes and line pitches, in pixels.
    static let titleSize = 13.0, holderSize = 12.0, keySize = 10.0
    static let titlePitch = 16.0, holderPitch = 15.0, keyPitch = 13.0
    /// Space kept clear between the text and the box's sides, and above and
    /// below the block of lines.
    static let padding = 8.0, verticalPadding = 7.0
    /// Text longer than this may be cut, with an ellipsis, after
    /// `maxLines` lines; anything shorter always comes out whole.
    static let wholeBelow = 60
    static let maxLines = (title: 4, holder: 3, key: 2)

    static let badgeSize = 10.0, badgePitch = 13.0

    var title: [String]
    var holder: [String]
    var key: [String]
    /// "dotted to KEY (Holder)", one or more lines for each dotted line the
    /// box shows as a badge.
    var badges: [String]

    /// The lines for node `index` of `chart`, with badges for its dotted
    /// lines to `badges`, in a box `boxWidth` wide.
    init(_ chart: Chart, _ index: Int, badges managers: [Int] = [], boxWidth: Double) {
        let node = chart.nodes[index]
        let room = boxWidth - 2 * Self.padding
        badges = managers.flatMap { manager in
            let target = chart.nodes[manager]
            return TextWrap.lines("dotted to \(target.key) (\(target.holder ?? "vacant"))", width: room,
                                  size: Self.badgeSize, bold: false, maxLines: 2)
        }
        badges += node.dottedOffPage.flatMap { target in
            TextWrap.lines("dotted to \(target.key) (\(target.holder ?? "vacant")), page \(target.page)", width: room,
                           size: Self.badgeSize, bold: false, maxLines: 3)
        }
        if let page = node.continuedOn {
            let through = node.continuedThrough ?? page
            badges.append(through > page ? "continued on pages \(page)–\(through)" : "continued on page \(page)")
        }
        title = TextWrap.lines(node.title, width: room, size: Self.titleSize, bold: true, maxLines: Self.maxLines.title)
        holder = TextWrap.lines(node.holder ?? "vacant", width: room, size: Self.holderSize, bold: false,
                                maxLines: Self.maxLines.holder)
        key = TextWrap.lines(node.key, width: room, size: Self.keySize, bold: false, maxLines: Self.maxLines.key)
    }

    /// The height the lines take, padding included.
    var height: Double {
        Double(title.count) * Self.titlePitch + Double(holder.count) * Self.holderPitch
            + Double(key.count) * Self.keyPitch + Double(badges.count) * Self.badgePitch + 2 * Self.verticalPadding
    }

    /// Each line with its font size, whether bold, and its baseline below
    /// the top of a box `boxHeight` tall, the block centred in the box.
    func placed(boxHeight: Double) -> [(text: String, size: Double, bold: Bool, baseline: Double, kind: Character)] {
        var y = (boxHeight - height) / 2 + Self.verticalPadding
        var result: [(String, Double, Bool, Double, Character)] = []
        for (lines, size, pitch, bold, kind) in [(title, Self.titleSize, Self.titlePitch, true, Character("t")),
                                                 (holder, Self.holderSize, Self.holderPitch, false, "h"),
                                                 (key, Self.keySize, Self.keyPitch, false, "k"),
                                                 (badges, Self.badgeSize, Self.badgePitch, false, "b")] {
            for line in lines {
                // The baseline sits about a fifth of the pitch above the line's foot.
                y += pitch
                result.append((line, size, bold, y - (pitch - size) / 2 - size * 0.22, kind))
            }
        }
        return result
    }
}

/// Breaking text into lines that fit a width, by the font's metrics.
enum TextWrap {
    /// The width of `text` at `size`: DejaVu Sans's advances when the font is
    /// installed, a generous estimate otherwise.
    static func width(_ text: Substring, size: Double, bold: Bool) -> Double {
        if let font = bold ? FontMetrics.bold : FontMetrics.regular { return font.width(of: text, size: size) }
        return MarkupText.estimatedWidth(text, fontSize: size, bold: bold)
    }

    /// `text` broken at spaces into lines no wider than `width`; a word wider
    /// than a line is broken between characters. Past `maxLines`, text of
    /// ``BoxText/wholeBelow`` characters or more is cut with an ellipsis;
    /// shorter text takes the lines it needs.
    static func lines(_ text: String, width: Double, size: Double, bold: Bool, maxLines: Int) -> [String] {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard !words.isEmpty else { return [""] }
        var lines: [String] = []
        var line = ""
        for word in words {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if Self.width(candidate[...], size: size, bold: bold) <= width {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            // A word too wide on its own is split where it stops fitting.
            var rest = word[...]
            while Self.width(rest, size: size, bold: bold) > width {
                var end = rest.startIndex
                var used = 0.0
                for index in rest.indices {
                    let next = used + Self.width(rest[index...index], size: size, bold: bold)
                    if next > width, index > rest.startIndex { break }
                    used = next
                    end = rest.index(after: index)
                }
                lines.append(String(rest[..<end]))
                rest = rest[end...]
            }
            line = String(rest)
        }
        if !line.isEmpty { lines.append(line) }
        guard lines.count > maxLines, text.count >= BoxText.wholeBelow else { return lines }
        var kept = Array(lines.prefix(maxLines))
        var last = kept[maxLines - 1] + " " + lines[maxLines]
        while !last.isEmpty, Self.width((last + "…")[...], size: size, bold: bold) > width { last.removeLast() }
        while let end = last.last, end.isWhitespace { last.removeLast() }
        kept[maxLines - 1] = last + "…"
        return kept
    }
}
