#include "cplatform.h"
#ifdef __linux__
#include <malloc.h>
#endif

int diligence_set_heap_top_pad(int bytes) {
#if defined(__GLIBC__) && defined(M_TOP_PAD)
    return mallopt(M_TOP_PAD, bytes);
#else
    (void)bytes;
    return 0;
#endif
}
