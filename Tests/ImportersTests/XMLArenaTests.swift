import CXMLArena
import CitationModel
import Foundation
import Importers
import Testing

/// The allocator libxml2 uses while the JATS importer parses (`CXMLArena`): what it hands out must behave as
/// `malloc`'s memory does, and a span's memory must be reused by the next span on the thread instead of growing.
@Suite("libxml2's per-thread arena")
struct XMLArenaTests {
    @Test("memory is aligned, keeps what is written, and realloc keeps the contents whether it grows in place or moves")
    func behavesAsMalloc() throws {
        evidence_xml_arena_begin()
        defer { evidence_xml_arena_end() }
        var blocks: [UnsafeMutableRawPointer] = []
        for size in [1, 7, 16, 33, 1000, 70_000] {
            let block = try #require(evidence_xml_arena_malloc(size))
            #expect(UInt(bitPattern: block) % 16 == 0, "size \(size)")
            memset(block, Int32(size % 251), size)
            blocks.append(block)
        }
        for (block, size) in zip(blocks, [1, 7, 16, 33, 1000, 70_000]) {
            #expect(block.load(fromByteOffset: size - 1, as: UInt8.self) == UInt8(size % 251))
        }
        // The last block grows where it is; an earlier one moves, with its bytes.
        let last = try #require(blocks.last)
        #expect(evidence_xml_arena_realloc(last, 90_000) == last)
        let earlier = blocks[4]
        let moved = try #require(evidence_xml_arena_realloc(earlier, 5000))
        #expect(moved != earlier)
        #expect((0..<1000).allSatisfy { moved.load(fromByteOffset: $0, as: UInt8.self) == UInt8(1000 % 251) })
        let copy = try #require(evidence_xml_arena_strdup("na\u{EF}ve"))
        #expect(String(cString: copy) == "na\u{EF}ve")
        #expect(evidence_xml_arena_strdup(nil) == nil)
    }

    @Test("a span's memory is reused by the next span on the same thread, and a block freed at once is taken back")
    func spansReuseMemory() throws {
        evidence_xml_arena_begin()
        let first = try #require(evidence_xml_arena_malloc(100))
        let temporary = try #require(evidence_xml_arena_malloc(5000))
        evidence_xml_arena_free(temporary)
        let next = try #require(evidence_xml_arena_malloc(10))
        #expect(next == temporary)
        // A nested span ends without releasing anything.
        evidence_xml_arena_begin()
        evidence_xml_arena_end()
        let stillHere = try #require(evidence_xml_arena_malloc(10))
        #expect(stillHere != first && stillHere != next)
        let used = evidence_xml_arena_used()
        #expect(used >= 100 + 10 + 10)
        evidence_xml_arena_end()

        evidence_xml_arena_begin()
        let again = try #require(evidence_xml_arena_malloc(100))
        #expect(again == first)
        #expect(evidence_xml_arena_used() < used)
        evidence_xml_arena_end()
    }

    @Test("a block larger than a chunk gets its own, and the spans after it go on from the kept chunks")
    func largeBlocks() throws {
        evidence_xml_arena_begin()
        let small = try #require(evidence_xml_arena_malloc(64))
        let large = try #require(evidence_xml_arena_malloc(12 << 20))
        memset(large, 7, 12 << 20)
        #expect(large.load(fromByteOffset: (12 << 20) - 1, as: UInt8.self) == 7)
        #expect(evidence_xml_arena_used() >= 12 << 20)
        // Shrinking keeps the block where it is.
        #expect(evidence_xml_arena_realloc(small, 8) == small)
        evidence_xml_arena_end()

        evidence_xml_arena_begin()
        let again = try #require(evidence_xml_arena_malloc(64))
        #expect(again == small)
        #expect(evidence_xml_arena_used() < 1 << 20)
        evidence_xml_arena_end()
    }

    @Test("libxml2 allocates a JATS document from the arena, and parsing it again takes the same memory, not more")
    func jatsParsesUseTheArena() throws {
        let sizes = try (0..<3).map { _ in
            let sink = try JATSFixtures.parse("articleset.xml")
            #expect(sink.records.count == 2)
            return evidence_xml_arena_used()
        }
        #expect(sizes[0] > 0)
        #expect(sizes == [sizes[0], sizes[0], sizes[0]])
    }

    @Test("outside a span, and for memory from the C library, it is the C library's malloc and free")
    func outsideASpanItIsTheCLibrary() throws {
        let outside = try #require(evidence_xml_arena_malloc(64))
        evidence_xml_arena_begin()
        let before = evidence_xml_arena_used()
        let plain = try #require(malloc(32))
        let grown = try #require(evidence_xml_arena_realloc(plain, 4096))
        memset(grown, 1, 4096)
        evidence_xml_arena_free(grown)
        evidence_xml_arena_free(outside)
        #expect(evidence_xml_arena_used() == before)
        evidence_xml_arena_end()
    }
}
