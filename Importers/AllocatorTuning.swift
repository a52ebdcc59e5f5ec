internal import CAllocatorSetup

/// Sets up the C allocator for parses whose records are freed on another thread than the one that made them.
///
/// A RIS or BibTeX parse maps records on worker threads, each allocating from its own glibc arena, and the reader (or
/// the store's writer) frees them. glibc frees a chunk of another thread's arena under that arena's lock, against
/// which the worker's own allocations then wait, unless the chunk fits a fast bin, which takes it without the lock.
/// Fast bins hold chunks up to 128 bytes by default; `M_MXFAST` raises that to the most glibc allows, 160 bytes
/// (glibc `malloc.c`, `MAX_FAST_SIZE`), which adds the strings of about 90 to 120 bytes, many titles among them.
/// Glottolog's RIS parse in a slow phase, 16 interleaved runs each: median 0.387 to 0.334 s, context switches 3,232
/// to 2,656 (almost all of them waits for an arena lock); unchanged in a quiet phase and for the import
/// (`Benchmarks/perf.md`, session 14). Where the C library is not glibc it does nothing.
public enum AllocatorTuning {
    /// Applies the setting; call once, before the first parse. Safe to call again.
    public static func forRecordsFreedAcrossThreads() {
        _ = evidence_allocator_raise_fast_bins()
    }
}
