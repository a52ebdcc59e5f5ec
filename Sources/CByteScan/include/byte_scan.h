#ifndef EVIDENCE_BYTE_SCAN_H
#define EVIDENCE_BYTE_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// Byte scans the importers run over every byte of their input, 16 bytes at a time with SSE2 where the machine has
/// it (every x86-64 does), else one byte at a time with the same result.
///
/// They are in C because the Swift compiler of this toolchain turns `SIMD16<UInt8>` comparisons into one
/// comparison per byte (measured: the BibTeX parse took 352.8 M instead of 268.8 M instructions with them), while
/// C's SSE2 intrinsics are one instruction per 16 bytes.

/// Whether LaTeX source bytes are their own text (the BibTeX importer's `LaTeXDecoder.isPlain`): they hold no markup
/// (`\`, `{`, `}`, `~`, `$`, a tab or a line end), no doubled `-`, `'`, `` ` `` or space (a ligature or a blank
/// run), and neither start nor end with a space. Empty bytes are plain.
bool evidence_latex_is_plain(const uint8_t *bytes, size_t count);

/// The number of bytes from the start that are ASCII and not a carriage return (the index of the first byte that is
/// 0x80 or above, or CR; `count` when there is none): the common run of a UTF-8 check (`SourceText`).
size_t evidence_ascii_span_without_cr(const uint8_t *bytes, size_t count);

/// The index of the first byte that a BibTeX braced or quoted value's reader must look at (`\n`, `"`, `\`, `{` or
/// `}`), or `count` when there is none (`BibTeXSplitter.delimitedText`).
size_t evidence_bibtex_text_stop(const uint8_t *bytes, size_t count);

/// The offset of the first glued RIS tag in `bytes[start..<end]` (`UR  - https://...  U2  - ...`: two spaces, a
/// capital, a capital or digit, two spaces and a hyphen, where the tag is neither `TY` nor `ER`), pointing at the
/// tag's first letter; -1 when there is none (`RISImporter.gluedTag`).
ptrdiff_t evidence_ris_glued_tag(const uint8_t *bytes, size_t start, size_t end);

#endif
