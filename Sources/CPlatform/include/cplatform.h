#ifndef DILIGENCE_CPLATFORM_H
#define DILIGENCE_CPLATFORM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE,
/// macOS renamex_np with RENAME_SWAP).
/// Returns 0 on success, -1 where the system or file system cannot do it.
int diligence_exchange_paths(const char *a, const char *b);

#endif
