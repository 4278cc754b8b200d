#define _GNU_SOURCE
#include "cplatform.h"
#include <fcntl.h>
#include <stdio.h>
#ifdef __linux__
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/fs.h>
#endif

int diligence_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#elif defined(__APPLE__) && defined(RENAME_SWAP)
    /* macOS 10.12+: <stdio.h> declares renamex_np and RENAME_SWAP. */
    return renamex_np(a, b, RENAME_SWAP);
#else
    (void)a; (void)b;
    return -1;
#endif
}
