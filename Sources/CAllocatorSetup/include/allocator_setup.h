#ifndef EVIDENCE_ALLOCATOR_SETUP_H
#define EVIDENCE_ALLOCATOR_SETUP_H

/// Raises glibc's fast-bin limit to its maximum, 160 bytes (mallopt(M_MXFAST, 160); glibc malloc.c, MAX_FAST_SIZE),
/// so that a thread freeing another thread's small chunks takes no arena lock (`AllocatorTuning` in Importers says
/// why). Returns 1 when the limit was set, 0 where the C library is not glibc or refused it.
///
/// mallopt() is declared in <malloc.h>, which Swift's Glibc module does not import: this is the one C function for it.
int evidence_allocator_raise_fast_bins(void);

#endif
