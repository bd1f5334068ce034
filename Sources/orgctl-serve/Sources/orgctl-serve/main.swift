import ArgumentParser

// Swift's concurrency keeps its own pool: NIO's event loops are not installed
// as its global executor. Run there, a job runs "on" the loop's serial
// executor, so every call into nonisolated async code hops back onto the
// same loop; swift-async-algorithms' merge (under Hummingbird's date cache
// and ServiceLifecycle's cancelOnGracefulShutdown) holds its lock across such
// a hop, and the next job on that loop to want the lock blocked the loop for
// good: every connection on it, and SIGTERM, went unanswered.

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
