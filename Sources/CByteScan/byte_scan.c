#include "byte_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// `\ { } ~ $`, a tab, LF or CR.
static inline bool is_markup(uint8_t byte) {
    switch (byte) {
    case 0x09: case 0x0A: case 0x0D: case 0x24: case 0x5C: case 0x7B: case 0x7D: case 0x7E: return true;
    default: return false;
    }
}

/// `-`, `'`, `` ` `` or a space: a ligature or a blank run when doubled.
static inline bool is_doubling(uint8_t byte) {
    return byte == 0x2D || byte == 0x27 || byte == 0x60 || byte == 0x20;
}

bool evidence_latex_is_plain(const uint8_t *bytes, size_t count) {
    if (count == 0) return true;
    if (bytes[0] == 0x20 || bytes[count - 1] == 0x20 || is_markup(bytes[0])) return false;
    size_t index = 1;
#if defined(__SSE2__)
    // Each block of 16 is compared with the 16 bytes one before it, for the doubled bytes.
    const __m128i tab = _mm_set1_epi8(0x09), lf = _mm_set1_epi8(0x0A), cr = _mm_set1_epi8(0x0D), dollar = _mm_set1_epi8(0x24);
    const __m128i backslash = _mm_set1_epi8(0x5C), open = _mm_set1_epi8(0x7B), close = _mm_set1_epi8(0x7D), tilde = _mm_set1_epi8(0x7E);
    const __m128i hyphen = _mm_set1_epi8(0x2D), quote = _mm_set1_epi8(0x27), grave = _mm_set1_epi8(0x60), space = _mm_set1_epi8(0x20);
    for (; index + 16 <= count; index += 16) {
        const __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        const __m128i before = _mm_loadu_si128((const __m128i *)(bytes + index - 1));
        __m128i markup = _mm_or_si128(_mm_cmpeq_epi8(block, tab), _mm_cmpeq_epi8(block, lf));
        markup = _mm_or_si128(markup, _mm_or_si128(_mm_cmpeq_epi8(block, cr), _mm_cmpeq_epi8(block, dollar)));
        markup = _mm_or_si128(markup, _mm_or_si128(_mm_cmpeq_epi8(block, backslash), _mm_cmpeq_epi8(block, open)));
        markup = _mm_or_si128(markup, _mm_or_si128(_mm_cmpeq_epi8(block, close), _mm_cmpeq_epi8(block, tilde)));
        __m128i doubling = _mm_or_si128(_mm_cmpeq_epi8(block, hyphen), _mm_cmpeq_epi8(block, quote));
        doubling = _mm_or_si128(doubling, _mm_or_si128(_mm_cmpeq_epi8(block, grave), _mm_cmpeq_epi8(block, space)));
        const __m128i doubled = _mm_and_si128(doubling, _mm_cmpeq_epi8(block, before));
        if (_mm_movemask_epi8(_mm_or_si128(markup, doubled)) != 0) return false;
    }
#endif
    for (; index < count; index++) {
        const uint8_t byte = bytes[index];
        if (is_markup(byte) || (is_doubling(byte) && bytes[index - 1] == byte)) return false;
    }
    return true;
}

size_t evidence_ascii_span_without_cr(const uint8_t *bytes, size_t count) {
    size_t index = 0;
#if defined(__SSE2__)
    // A byte's top bit marks 0x80 and above; a CR is compared for.
    const __m128i cr = _mm_set1_epi8(0x0D);
    for (; index + 16 <= count; index += 16) {
        const __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        const int stops = _mm_movemask_epi8(_mm_or_si128(block, _mm_cmpeq_epi8(block, cr)));
        if (stops != 0) return index + (size_t)__builtin_ctz((unsigned)stops);
    }
#endif
    for (; index < count; index++) {
        if (bytes[index] >= 0x80 || bytes[index] == 0x0D) return index;
    }
    return count;
}

size_t evidence_bibtex_text_stop(const uint8_t *bytes, size_t count) {
    size_t index = 0;
#if defined(__SSE2__)
    const __m128i lf = _mm_set1_epi8(0x0A), quote = _mm_set1_epi8(0x22), backslash = _mm_set1_epi8(0x5C);
    const __m128i open = _mm_set1_epi8(0x7B), close = _mm_set1_epi8(0x7D);
    for (; index + 16 <= count; index += 16) {
        const __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        __m128i stops = _mm_or_si128(_mm_cmpeq_epi8(block, lf), _mm_cmpeq_epi8(block, quote));
        stops = _mm_or_si128(stops, _mm_or_si128(_mm_cmpeq_epi8(block, backslash), _mm_cmpeq_epi8(block, open)));
        const int found = _mm_movemask_epi8(_mm_or_si128(stops, _mm_cmpeq_epi8(block, close)));
        if (found != 0) return index + (size_t)__builtin_ctz((unsigned)found);
    }
#endif
    for (; index < count; index++) {
        const uint8_t byte = bytes[index];
        if (byte == 0x0A || byte == 0x22 || byte == 0x5C || byte == 0x7B || byte == 0x7D) return index;
    }
    return count;
}

/// Whether a glued tag's pattern starts at `at` (which has seven bytes up to `end`).
static inline bool is_glued_tag(const uint8_t *bytes, size_t at) {
    const uint8_t first = bytes[at + 2], second = bytes[at + 3];
    if (bytes[at] != 0x20 || bytes[at + 1] != 0x20 || bytes[at + 4] != 0x20 || bytes[at + 5] != 0x20 || bytes[at + 6] != 0x2D) return false;
    if (first < 0x41 || first > 0x5A) return false;
    if (!((second >= 0x41 && second <= 0x5A) || (second >= 0x30 && second <= 0x39))) return false;
    return !((first == 0x54 && second == 0x59) || (first == 0x45 && second == 0x52));
}

ptrdiff_t evidence_ris_glued_tag(const uint8_t *bytes, size_t start, size_t end) {
    if (end < start + 7) return -1;
    // Candidates are the places where two spaces start; the pattern needs six more bytes after the first.
    const size_t last = end - 7;
    size_t index = start;
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(0x20);
    // A block of 16 candidates reads 17 bytes; its last candidate is at most `last`, so the read stays in `end`.
    for (; index + 16 <= last + 1; index += 16) {
        const __m128i here = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(bytes + index)), space);
        const __m128i next = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(bytes + index + 1)), space);
        unsigned pairs = (unsigned)_mm_movemask_epi8(_mm_and_si128(here, next));
        while (pairs != 0) {
            const size_t at = index + (size_t)__builtin_ctz(pairs);
            if (is_glued_tag(bytes, at)) return (ptrdiff_t)at + 2;
            pairs &= pairs - 1;
        }
    }
#endif
    for (; index <= last; index++) {
        if (is_glued_tag(bytes, index)) return (ptrdiff_t)index + 2;
    }
    return -1;
}
