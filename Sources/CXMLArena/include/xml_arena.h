#ifndef EVIDENCE_XML_ARENA_H
#define EVIDENCE_XML_ARENA_H

#include <stddef.h>

/// A per-thread bump allocator for libxml2, used while one document is parsed, read and freed.
///
/// libxml2 allocates every node, attribute and text of a tree separately and frees them one by one (`xmlFreeDoc`);
/// for the JATS import that was 11% of a parsing thread's instructions (Benchmarks/perf.md, session 7). Between
/// `evidence_xml_arena_begin()` and `evidence_xml_arena_end()`, the functions below hand out memory from large
/// chunks owned by the calling thread and ignore frees of it; `end` makes the chunks reusable by the next document
/// on that thread (so their pages are not faulted in again), keeping at most a few MiB and returning the rest.
/// Outside that span, and for memory that does not come from the thread's chunks, they are the C library's
/// `malloc`, `realloc`, `free` and `strdup`.
///
/// The functions are given to libxml2 once, with `xmlMemSetup`, before it initialises. Whoever begins a span must
/// make sure nothing libxml2 allocated in it is used or freed after it ends: free the document and the parser
/// context and reset the thread's last error (`xmlResetLastError`) before `end`.

/// Starts a span on the calling thread (spans nest; only the outermost `end` releases memory).
void evidence_xml_arena_begin(void);
/// Ends a span on the calling thread; at the outermost end everything allocated in the span is released.
void evidence_xml_arena_end(void);
/// Bytes handed out in the calling thread's current or last span (for tests).
size_t evidence_xml_arena_used(void);

/// `malloc` for libxml2 (`xmlMallocFunc`).
void *evidence_xml_arena_malloc(size_t size);
/// `realloc` for libxml2 (`xmlReallocFunc`).
void *evidence_xml_arena_realloc(void *pointer, size_t size);
/// `free` for libxml2 (`xmlFreeFunc`).
void evidence_xml_arena_free(void *pointer);
/// `strdup` for libxml2 (`xmlStrdupFunc`).
char *evidence_xml_arena_strdup(const char *text);

#endif
