import CitationModel

/// Results written by two mapping threads, each to its own slots of a buffer allocated once (no Swift array is
/// accessed from two threads, so exclusivity holds), and moved out once each, without copies.
///
/// Each mapped entry is a reference and the mapper's warnings (offset, code, message), kept in two buffers so each
/// moves out whole.
final class MappedBatch: @unchecked Sendable {
    typealias Warnings = [(offset: Int, code: String, message: String)]
    private let references: UnsafeMutablePointer<Reference>
    private let warnings: UnsafeMutablePointer<Warnings>
    /// Where each entry starts (set with the reference, read any number of times).
    private let locations: UnsafeMutablePointer<SourceLocation>
    /// 0: empty; 1: both filled; 2: the reference taken; 3: both taken.
    private var filled: [UInt8]
    private let count: Int

    init(count: Int) {
        self.count = count
        references = .allocate(capacity: max(count, 1))
        warnings = .allocate(capacity: max(count, 1))
        locations = .allocate(capacity: max(count, 1))
        filled = Array(repeating: 0, count: count)
    }

    deinit {
        for index in 0..<count {
            if filled[index] == 1 { (references + index).deinitialize(count: 1) }
            if filled[index] == 1 || filled[index] == 2 { (warnings + index).deinitialize(count: 1) }
            if filled[index] != 0 { (locations + index).deinitialize(count: 1) }
        }
        references.deallocate()
        warnings.deallocate()
        locations.deallocate()
    }

    /// Stores one result; each index is written by exactly one thread. `filled` is set afterwards, on one thread.
    func store(_ index: Int, _ reference: consuming Reference, _ diagnostics: consuming Warnings, location: SourceLocation) {
        (references + index).initialize(to: reference)
        (warnings + index).initialize(to: diagnostics)
        (locations + index).initialize(to: location)
    }

    /// Where a result's entry starts.
    func location(_ index: Int) -> SourceLocation { locations[index] }

    /// Moves a result's reference out; each index is taken once, before its warnings.
    func takeReference(_ index: Int) -> Reference {
        filled[index] = 2
        return (references + index).move()
    }

    /// Moves a result's warnings out, after its reference.
    func takeDiagnostics(_ index: Int) -> Warnings {
        filled[index] = 3
        return (warnings + index).move()
    }

    /// Marks every slot as filled, after the mapping threads are done.
    func markFilled() { for index in 0..<count { filled[index] = 1 } }
}
