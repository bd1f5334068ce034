// orgctl-render: draws the SVG pages orgctl lays out as a PDF or a PNG with
// cairo (orgctl's own boxes, lines and text directly, anything else through
// librsvg). It is a program of its own, dynamically linked, so that
// orgctl stays a static executable that starts fast and loads the rendering
// libraries only when a picture is asked for.
//
//   orgctl-render pdf [--paper WIDTHxHEIGHT] < pages    (points; fit to the sheet)
//   orgctl-render png [--scale N] < page
//
// Standard input holds one SVG document per page, separated by form feeds
// (U+000C, which an SVG of orgctl's never contains); the picture goes to
// standard output. Errors are one line on standard error, exit status 1.
import CRsvg
#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
    let line = Array("orgctl-render: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
}

/// Everything on standard input.
func readInput() -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let got = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if got < 0 { if errno == EINTR { continue }; fail("cannot read standard input") }
        if got == 0 { return bytes }
        bytes += chunk[0..<got]
    }
}

/// The cairo write callback: every byte to standard output.
let writeOut: cairo_write_func_t = { _, data, length in
    var done = 0
    while done < Int(length) {
        let wrote = write(1, data! + done, Int(length) - done)
        if wrote < 0 { if errno == EINTR { continue }; return CAIRO_STATUS_WRITE_ERROR }
        done += wrote
    }
    return CAIRO_STATUS_SUCCESS
}

/// One page: orgctl's own shapes and text drawn with cairo directly, and
/// whatever is left (text that needs shaping, or a whole page this does not
/// recognise) drawn by librsvg.
struct Page {
    let handle: UnsafeMutablePointer<RsvgHandle>?
    let width: Double
    let height: Double
    let text: FastText

    init(_ bytes: ArraySlice<UInt8>, number: Int) {
        text = FastText(svg: bytes)
        if let size = text.size, text.shapes != nil {
            (width, height) = size
            handle = text.leftoverHasText ? Self.handle(text.leftover, number: number) : nil
            return
        }
        let made = Self.handle(text.rest, number: number)
        handle = made
        var (w, h) = (0.0, 0.0)
        guard rsvg_handle_get_intrinsic_size_in_pixels(made, &w, &h) != 0 else { fail("page \(number) has no size") }
        (width, height) = (w, h)
    }

    private static func handle(_ svg: [UInt8], number: Int) -> UnsafeMutablePointer<RsvgHandle> {
        var error: UnsafeMutablePointer<GError>?
        let made = svg.withUnsafeBufferPointer { rsvg_handle_new_from_data($0.baseAddress, gsize($0.count), &error) }
        guard let made else {
            fail("page \(number) is not a drawing: " + (error.map { String(cString: $0.pointee.message) } ?? "unknown error"))
        }
        return made
    }

    func draw(on cairo: OpaquePointer, x: Double, y: Double, scale: Double) {
        if let shapes = text.shapes {
            cairo_save(cairo)
            cairo_translate(cairo, x, y)
            cairo_scale(cairo, scale, scale)
            shapes.draw(on: cairo)
            text.draw(on: cairo)
            cairo_restore(cairo)
            if let handle { render(handle, on: cairo, x: x, y: y, scale: scale) }
            return
        }
        render(handle!, on: cairo, x: x, y: y, scale: scale)
        cairo_save(cairo)
        cairo_translate(cairo, x, y)
        cairo_scale(cairo, scale, scale)
        text.draw(on: cairo)
        cairo_restore(cairo)
    }

    private func render(_ handle: UnsafeMutablePointer<RsvgHandle>, on cairo: OpaquePointer, x: Double, y: Double, scale: Double) {
        var viewport = RsvgRectangle(x: x, y: y, width: width * scale, height: height * scale)
        var error: UnsafeMutablePointer<GError>?
        guard rsvg_handle_render_document(handle, cairo, &viewport, &error) != 0 else {
            fail("cannot draw: " + (error.map { String(cString: $0.pointee.message) } ?? "unknown error"))
        }
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let format = arguments.first, format == "pdf" || format == "png" else {
    fail("usage: orgctl-render pdf [--paper WIDTHxHEIGHT] | png [--scale N], SVG pages on standard input")
}
var paper: (width: Double, height: Double)?
var scale = 1.0
var index = 1
while index < arguments.count {
    let value = index + 1 < arguments.count ? arguments[index + 1] : ""
    switch arguments[index] {
    case "--paper":
        let sides = value.split(separator: "x").compactMap { Double($0) }
        guard sides.count == 2, sides.allSatisfy({ $0 > 0 }) else { fail("--paper takes WIDTHxHEIGHT in points, such as 595x842") }
        paper = (sides[0], sides[1])
    case "--scale":
        guard let number = Double(value), number > 0, number <= 16 else { fail("--scale takes a number from 0 to 16, such as 2") }
        scale = number
    default:
        fail("unknown argument \(arguments[index])")
    }
    index += 2
}

let input = readInput()
let pages = input.split(separator: 0x0C).filter { $0.contains(where: { $0 > 0x20 }) }
    .enumerated().map { Page($1, number: $0 + 1) }
guard let first = pages.first else { fail("no page on standard input") }

if format == "png" {
    let (width, height) = (Int((first.width * scale).rounded(.up)), Int((first.height * scale).rounded(.up)))
    // Beyond this a PNG takes more memory than it is worth; a PDF has no limit.
    guard width * height <= 100_000_000, width < 32_768, height < 32_768 else {
        fail("a \(width)×\(height) picture is too big for a PNG; use a smaller --scale (such as 0.5) or --format pdf --pages")
    }
    let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
    guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { fail("not enough memory for a \(width)×\(height) PNG") }
    let cairo = cairo_create(surface)!
    first.draw(on: cairo, x: 0, y: 0, scale: scale)
    cairo_destroy(cairo)
    guard cairo_surface_write_to_png_stream(surface, writeOut, nil) == CAIRO_STATUS_SUCCESS else {
        fail("cannot write the PNG")
    }
    cairo_surface_destroy(surface)
} else {
    // Without a paper size each page is the drawing's own size (96 pixels
    // to the inch); with one, the drawing is fitted inside a 10 mm margin
    // and centred.
    let pointsPerPixel = 72.0 / 96.0
    let surface = cairo_pdf_surface_create_for_stream(writeOut, nil, 1, 1)
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "orgctl")
    let cairo = cairo_create(surface)!
    for page in pages {
        if let paper {
            cairo_pdf_surface_set_size(surface, paper.width, paper.height)
            let margin = 28.35
            let fit = min((paper.width - 2 * margin) / page.width, (paper.height - 2 * margin) / page.height)
            page.draw(on: cairo, x: (paper.width - page.width * fit) / 2, y: (paper.height - page.height * fit) / 2, scale: fit)
        } else {
            cairo_pdf_surface_set_size(surface, page.width * pointsPerPixel, page.height * pointsPerPixel)
            page.draw(on: cairo, x: 0, y: 0, scale: pointsPerPixel)
        }
        cairo_show_page(cairo)
    }
    cairo_destroy(cairo)
    cairo_surface_finish(surface)
    guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { fail("cannot write the PDF") }
    cairo_surface_destroy(surface)
}
