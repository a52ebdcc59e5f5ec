#include "allocator_setup.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int evidence_allocator_raise_fast_bins(void) {
#if defined(__GLIBC__)
    return mallopt(M_MXFAST, 160);
#else
    return 0;
#endif
}
