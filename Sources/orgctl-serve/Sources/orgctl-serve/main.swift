import ArgumentParser
import NIOCore
import NIOPosix

// Swift's concurrency runs on NIO's event loops rather than a pool of its
// own: a request is read, answered and written on one thread, without the two
// hops between the pools that cost more than a kept answer itself. It must
// be done first, on the main thread, before any task runs.
NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

// What AsyncParsableCommand's own main does (here, top-level code would pick
// the synchronous one, which only prints the help).
do {
    var command = try ServeCommand.parseAsRoot()
    if let serve = command as? ServeCommand {
        try await serve.run()
    } else {
        // --help and the like.
        try command.run()
    }
} catch {
    ServeCommand.exit(withError: error)
}
