import HTTPTypes
import Hummingbird

/// Turning JSON and refusals into HTTP answers.
enum Answer {
    static func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: value.text + "\n")))
    }

    static func error(_ error: APIError) -> Response {
        var response = json(error.json, status: error.status)
        if error.status == .tooManyRequests { response.headers[.retryAfter] = "1" }
        return response
    }
}
