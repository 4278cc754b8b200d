#ifndef DILIGENCE_CCURL_H
#define DILIGENCE_CCURL_H

/// Loads libcurl if it is not loaded yet. Returns 1 when it is there, 0
/// when it could not be loaded (then `diligence links` cannot run).
int diligence_curl_load(void);

#endif
