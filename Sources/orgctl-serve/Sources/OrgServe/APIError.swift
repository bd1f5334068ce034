import HTTPTypes
import OrgModel

/// A refusal as the API answers it: an HTTP status and
/// `{"error":{"code","message","fix","value"}}`.
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    /// The stable name a script tests for.
    var code: String
    /// One line for people.
    var message: String
    /// What to do about it, or nil.
    var fix: String?
    /// The value at fault, or nil.
    var value: String?
    /// More fields inside `error` (a conflict's changes).
    var extra: [(String, JSON)] = []

    var json: JSON {
        .object([("error", .object([
            ("code", .string(code)), ("message", .string(message)), ("fix", .optional(fix)), ("value", .optional(value)),
        ] + extra))])
    }

    static func unauthorized() -> APIError {
        APIError(status: .unauthorized, code: "unauthorized",
                 message: "This request carries no valid access token.",
                 fix: "Ask the chart's owner for a token and send it as the header Authorization: Bearer TOKEN.", value: nil)
    }

    static func forbidden(_ message: String, value: String?) -> APIError {
        APIError(status: .forbidden, code: "forbidden", message: message,
                 fix: "Ask the chart's owner for a token that allows this.", value: value)
    }

    static func readOnly() -> APIError {
        forbidden("This access token may read the chart but not change it.", value: nil)
    }

    static func outsideBranch(_ key: String) -> APIError {
        forbidden("\(key) is outside the branch this access token may change.", value: key)
    }

    static func notFound(_ key: String) -> APIError {
        APIError(status: .notFound, code: "not_found", message: "No role has the key \(key).",
                 fix: "Search for the role by name or title.", value: key)
    }

    static func noRoute(_ path: String) -> APIError {
        APIError(status: .notFound, code: "not_found", message: "Nothing is served at this address.",
                 fix: nil, value: nil)
    }

    static func invalid(_ message: String, value: String?, fix: String? = nil) -> APIError {
        APIError(status: .badRequest, code: "invalid", message: message, fix: fix, value: value)
    }

    static func tooLarge(limit: Int) -> APIError {
        APIError(status: .contentTooLarge, code: "too_large",
                 message: "The request body is larger than \(limit / 1024) KiB.", fix: "Send a smaller body.", value: nil)
    }

    static func rateLimited() -> APIError {
        APIError(status: .tooManyRequests, code: "rate_limited",
                 message: "Too many requests with this access token.", fix: "Wait a second and try again.", value: nil)
    }

    /// OrgModel's refusal, in its own words, with the fix worded for the web.
    init(_ error: OrgError) {
        message = error.description
        fix = error.remedy.flatMap(WebRemedy.text)
        value = Self.value(of: error)
        switch error {
        case .unknownKey, .unknownKeyNamesMatch:
            status = .notFound
            code = "not_found"
        case .busy:
            status = .serviceUnavailable
            code = "busy"
        default:
            switch error.category {
            case .refused:
                status = .unprocessableContent
                code = "refused"
            case .busy:
                status = .serviceUnavailable
                code = "busy"
            default:
                status = .internalServerError
                code = "internal"
            }
        }
    }

    private init(status: HTTPResponse.Status, code: String, message: String, fix: String?, value: String?) {
        self.status = status
        self.code = code
        self.message = message
        self.fix = fix
        self.value = value
    }

    private static func value(of error: OrgError) -> String? {
        switch error {
        case .unknownKey(let key, _, _), .unknownKeyNamesMatch(let key, _, _), .duplicateKey(let key, _),
             .invalidKey(let key, _), .wouldOrphan(let key, _), .tooDeep(let key, _, _):
            return key
        case .invalidText(_, let value, _), .invalidValue(_, let value, _), .invalidTimestamp(_, let value):
            return value
        case .cycle(let path):
            return path.first
        case .lineExists(let role, _, _), .noSuchLine(let role, _):
            return role
        case .cannotUndo(let change, _, _):
            return String(change)
        default:
            return nil
        }
    }
}
