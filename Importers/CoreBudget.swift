import Foundation

/// The cores that importing threads share: a BibTeX reader holds one while it reads a file, and a helper thread
/// that maps its batches starts only while a core is free.
///
/// `evidence import` reads one file per core at a time, and the BibTeX reader hands batches to a helper that maps
/// them while it splits the next. When every core is already reading a file, helpers would only take turns with the
/// readers, and each reader then waits for its helper's batch: on two cores, the parse of glottolog's 31 BibTeX files
/// ran at 74-104 MB/s with a helper per reader and at 100-135 MB/s with none. When a core is free (a single file, or
/// the last one of many), a helper uses it.
///
/// The RIS mapper does not ask: its reader spends most of its time waiting for its batches, so a helper seldom
/// competes with it, and limiting a single file to one helper made glottolog's RIS parse slower (0.28-0.48 s against
/// 0.24-0.47 s, interleaved).
final class CoreBudget: @unchecked Sendable {
    /// The budget of this process's cores.
    static let shared = CoreBudget(cores: ProcessInfo.processInfo.activeProcessorCount)

    private let cores: Int
    private let lock = NSLock()
    /// Readers reading and helpers running.
    private var inUse = 0

    init(cores: Int) { self.cores = max(1, cores) }

    /// Runs `read` holding a core for a reader; a reader holds one even when none is free, since it has to run.
    func reading<Result>(_ read: () throws -> Result) rethrows -> Result {
        lock.withLock { inUse += 1 }
        defer { lock.withLock { inUse -= 1 } }
        return try read()
    }

    /// Takes a free core for a helper, or returns false when every core is in use; a helper that got one gives it
    /// back with `release()` when it is done.
    func takeFreeCore() -> Bool {
        lock.withLock {
            guard inUse < cores else { return false }
            inUse += 1
            return true
        }
    }

    /// Gives back a core a helper took.
    func release() { lock.withLock { inUse -= 1 } }
}
