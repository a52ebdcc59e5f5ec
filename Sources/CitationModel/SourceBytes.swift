import Foundation

/// The bytes of one input, read-only: a file mapped into memory, or bytes held in memory of their own.
///
/// A regular file of 1 MiB or more is mapped rather than read (`init(contentsOfFile:)`). Reading copies the file's
/// pages from the kernel's file cache into new memory, which the kernel must first clear, one page at a time; a
/// mapping shows the cached pages as they are. For glottolog as RIS (18.5 MB) reading took 5-60 ms, most of it
/// clearing pages, where mapping takes under 2 ms (`Benchmarks/perf.md`, session 14), and the parse could not start
/// before it was done.
///
/// The bytes stay valid for as long as any copy of the value lives. As with every program that maps its input
/// (git, ripgrep), a file that another program truncates while it is being read ends the process (`SIGBUS`).
@frozen
public struct SourceBytes: RandomAccessCollection, @unchecked Sendable {
    /// Keeps the memory alive; it unmaps or frees it when the last copy goes.
    @usableFromInline let owner: Owner
    /// The bytes (`owner`'s, never written).
    @usableFromInline let buffer: UnsafeBufferPointer<UInt8>

    /// A copy of `bytes`, in memory of its own.
    public init(_ bytes: some Collection<UInt8>) {
        let count = bytes.count
        self.init(unsafeUninitializedCapacity: count) { target in
            _ = target.initialize(fromContentsOf: bytes)
            return count
        }
    }

    /// A copy of `data`.
    public init(_ data: Data) {
        self.init(unsafeUninitializedCapacity: data.count) { target in data.copyBytes(to: target) }
    }

    /// Bytes written by `initializer` into new memory of `capacity` bytes; it returns how many it wrote (at most
    /// `capacity`). Like `Array(unsafeUninitializedCapacity:initializingWith:)`, without the array.
    public init(
        unsafeUninitializedCapacity capacity: Int, initializingWith initializer: (UnsafeMutableBufferPointer<UInt8>) throws -> Int
    ) rethrows {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(capacity, 1), alignment: 16)
        let owner = Owner(allocated: memory)
        let count = try initializer(UnsafeMutableBufferPointer(start: memory.bindMemory(to: UInt8.self, capacity: capacity), count: capacity))
        precondition(count >= 0 && count <= capacity, "SourceBytes: initializer wrote \(count) bytes into \(capacity)")
        self.init(owner: owner, base: UnsafeRawPointer(memory), count: count)
    }

    /// `count` bytes at `base`, kept alive by `owner`.
    private init(owner: Owner, base: UnsafeRawPointer, count: Int) {
        self.owner = owner
        buffer = UnsafeBufferPointer(start: base.bindMemory(to: UInt8.self, capacity: count), count: count)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { buffer.count }
    @inlinable public var count: Int { buffer.count }
    @inlinable public var isEmpty: Bool { buffer.isEmpty }

    /// The byte at `index`, checked to be in range as an array's subscript is.
    @inlinable public subscript(index: Int) -> UInt8 {
        precondition(UInt(bitPattern: index) < UInt(bitPattern: buffer.count), "SourceBytes: index out of range")
        return buffer[index]
    }

    /// The bytes in place, for a loop that a closure would slow down: valid only while this value, or a copy of
    /// it, lives (keep one with `withExtendedLifetime` until the last read).
    @inlinable public var unsafeBuffer: UnsafeBufferPointer<UInt8> { buffer }

    /// Calls `body` with the bytes, in place.
    @inlinable public func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(owner) { try body(buffer) }
    }

    /// The bytes in place: they are always contiguous.
    @inlinable public func withContiguousStorageIfAvailable<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        try withUnsafeBufferPointer(body)
    }

    /// Whether both hold the same bytes.
    public static func == (left: SourceBytes, right: SourceBytes) -> Bool {
        left.count == right.count && (left.isEmpty || memcmp(left.buffer.baseAddress!, right.buffer.baseAddress!, left.count) == 0)
    }

    /// The smallest file that is mapped rather than read. A small file is mostly read into memory that the allocator
    /// has handed out before, with no pages to clear, while a mapping costs two system calls, and unmapping it makes
    /// the kernel flush the other cores' address caches. Mapping every JATS file (149, 140 KB on average) measured
    /// the same as reading them (20 interleaved runs: 0.179 and 0.182 s), so small files keep the simpler path.
    static let smallestMapped = 1 << 20

    /// The bytes of the file at `path`: a regular file of 1 MiB or more is mapped (or read, where mapping fails);
    /// a smaller one, or anything else (a pipe, a device, `/proc`), is read to its end.
    public init(contentsOfFile path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SourceText.ReadError(errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw SourceText.ReadError(errno) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw SourceText.ReadError(EISDIR) }
        let size = Int(status.st_size)
        if (status.st_mode & S_IFMT) == S_IFREG, size >= Self.smallestMapped {
            // MAP_POPULATE maps every page now, in one call, rather than a fault for every few pages the parse reads.
            #if os(Linux)
            let flags = MAP_PRIVATE | MAP_POPULATE
            #else
            let flags = MAP_PRIVATE
            #endif
            if let mapped = mmap(nil, size, PROT_READ, flags, descriptor, 0), mapped != MAP_FAILED {
                self.init(owner: Owner(mapped: mapped, length: size), base: UnsafeRawPointer(mapped), count: size)
                return
            }
        }
        try self.init(reading: descriptor, expecting: Swift.max(size, 0))
    }

    /// Everything left to read from `descriptor`: `expected` bytes and whatever more there is (a pipe reports no
    /// size; a file may grow). One byte more than expected is asked for, so a file of the size given is read to its
    /// end without growing the memory.
    private init(reading descriptor: Int32, expecting expected: Int) throws {
        var capacity = expected + 1
        var memory = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        var filled = 0
        while true {
            if filled == capacity {
                capacity = Swift.max(capacity * 2, 1 << 16)
                let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
                larger.copyMemory(from: memory, byteCount: filled)
                memory.deallocate()
                memory = larger
            }
            let count = read(descriptor, memory + filled, capacity - filled)
            if count < 0 {
                if errno == EINTR { continue }
                let failure = errno
                memory.deallocate()
                throw SourceText.ReadError(failure)
            }
            if count == 0 { break }
            filled += count
        }
        self.init(owner: Owner(allocated: memory), base: UnsafeRawPointer(memory), count: filled)
    }

    /// Owns the memory of the bytes: unmaps a mapped file, frees allocated memory.
    @usableFromInline
    final class Owner: @unchecked Sendable {
        private let base: UnsafeMutableRawPointer
        private let mappedLength: Int?

        init(allocated memory: UnsafeMutableRawPointer) {
            base = memory
            mappedLength = nil
        }

        init(mapped base: UnsafeMutableRawPointer, length: Int) {
            self.base = base
            mappedLength = length
        }

        deinit {
            if let mappedLength { munmap(base, mappedLength) } else { base.deallocate() }
        }
    }
}

extension SourceBytes: Equatable {}

extension SourceBytes: ExpressibleByArrayLiteral {
    public init(arrayLiteral bytes: UInt8...) { self.init(bytes) }
}
