extension String {
    /// Calls `body` with the string's UTF-8 bytes, read in place when the string has them contiguous (a native Swift
    /// string does); only a string without (bridged) is copied first.
    ///
    /// `withUTF8` is mutating: called on a parameter or a `let`, it needs a copy of the string, which costs a retain and
    /// a release on every call (callgrind: about 45 of the 313 instructions of binding a string to a statement).
    @inlinable
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
