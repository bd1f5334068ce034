import HTTPTypes
import Hummingbird

/// Turning JSON and refusals into HTTP answers.
enum Answer {
    static func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        json(body: body(value), status: status)
    }

    /// The bytes of an answer: the JSON text and a line end.
    static func body(_ value: JSON) -> ByteBuffer {
        ByteBuffer(string: value.text + "\n")
    }

    /// An answer of bytes written before (``body(_:)``).
    static func json(body: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// Built once: every JSON answer carries the same headers (a kept
    /// answer written by ``KeptAnswerHandler`` too).
    static let headers: HTTPFields = {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.xContentTypeOptions] = "nosniff"
        return headers
    }()

    static func error(_ error: APIError) -> Response {
        var response = json(error.json, status: error.status)
        if error.status == .tooManyRequests { response.headers[.retryAfter] = "1" }
        return response
    }
}
