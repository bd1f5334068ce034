import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers a GET whose answer is kept (``ChartAPI/keptAnswer(for:)``) on the
/// connection's own event loop, as soon as the request is read, and passes
/// every other request on to the router.
///
/// The router answers each request in a task of its own: a hop to Swift's
/// concurrency threads and back for every request, which cost more than the
/// answer itself when the answer is kept (most of the server's time under
/// load went to those hops, not to the chart). A kept answer needs nothing
/// the router does: the token is known, the limits are counted, the bytes
/// are ready. The answer written here is byte for byte the router's (the
/// same headers, in the same order, and the date), and a request is only
/// answered here when no earlier request on the connection is still being
/// answered by the router, so that answers leave in the order requests came.
/// Hummingbird's connection-state handler comes after this one and never
/// sees a request answered here: were an idle timeout ever set, a connection
/// served only kept answers would look idle to it.
final class KeptAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let api: ChartAPI
    /// Requests passed on to the router whose answers have not been written to the end yet.
    private var passedOn = 0
    /// The kept answer to the request being read, written once its end is read.
    private var answer: ByteBuffer?

    init(api: ChartAPI) {
        self.api = api
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            // A connection that cannot take more bytes now is left to the
            // router, whose writes wait for it (and stop reading meanwhile).
            if passedOn == 0, context.channel.isWritable, let kept = api.keptAnswer(for: request) {
                answer = kept
                return
            }
            passedOn += 1
        case .body:
            // A GET's body, which no read route reads.
            if answer != nil { return }
        case .end:
            if let body = answer {
                answer = nil
                write(body, context: context)
                return
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { passedOn = max(passedOn - 1, 0) }
        context.write(data, promise: promise)
    }

    private func write(_ body: ByteBuffer, context: ChannelHandlerContext) {
        var head = HTTPResponse(status: .ok, headerFields: Answer.headers)
        head.headerFields[.contentLength] = String(body.readableBytes)
        head.headerFields[.date] = HTTPDate.now()
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
