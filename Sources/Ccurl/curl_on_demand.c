/* libcurl, loaded the first time it is called rather than when the program
 * starts.
 *
 * Foundation's networking part (URLSession, which `diligence links` uses,
 * and which FlyingFox, the preview server's HTTP library, imports) calls
 * libcurl. Linked the usual way, libcurl and the thirty libraries it needs
 * (TLS, Kerberos, LDAP, SSH, IDN...) are loaded and relocated at the start
 * of every command: 7 ms of CPU and of wall time before `main`, a twentieth
 * of an incremental build (docs/architecture.md, "Start-up"). Here each
 * libcurl function Foundation calls is defined, hidden (not exported, so
 * libcurl's own calls still go to libcurl), as a call through a pointer that
 * dlopen and dlsym fill on first use, and the `diligence` target is compiled
 * with `-disable-autolink-library curl` (Package.swift), so the link does not
 * name libcurl. A function a later Foundation comes to call and this file
 * does not define fails the link, naming it: add it here. Linux only: on
 * macOS URLSession is the system's.
 *
 * The prototypes are libcurl's (curl/curl.h, curl/urlapi.h), with its enums
 * as int, its handles as void pointers. The variadic setopt and getinfo
 * calls pass one argument, a long, a pointer or a curl_off_t: all one
 * register on the 64-bit platforms Swift supports on Linux. */
#if defined(__linux__)
#include "ccurl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define HIDDEN __attribute__((visibility("hidden")))

static void *library;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void open_library(void) {
    const char *names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl-nss.so.4", "libcurl.so"};
    for (unsigned i = 0; i < sizeof names / sizeof *names && !library; i++) library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
}

int diligence_curl_load(void) {
    pthread_once(&once, open_library);
    return library != NULL;
}

/* The function `name` of libcurl; exits with a message when libcurl cannot
 * be loaded (`diligence links` checks first: see LinksCommand). */
static void *function(const char *name) {
    if (!diligence_curl_load()) {
        const char *why = dlerror();  /* NULL once another thread has read it */
        fprintf(stderr, "error: libcurl (libcurl.so.4) could not be loaded: %s\n    hint: install it (Debian/Ubuntu: apt-get install libcurl4)\n",
                why ? why : "not found");
        exit(1);
    }
    void *address = dlsym(library, name);
    if (!address) {
        fprintf(stderr, "error: this libcurl has no %s\n", name);
        exit(1);
    }
    return address;
}

/* Defines `name` as a call to libcurl's, looked up once. */
#define FORWARD(result, name, parameters, arguments)                                  \
    HIDDEN result name parameters {                                                \
        static result (*real) parameters;                                         \
        if (!real) *(void **)&real = function(#name);                              \
        return real arguments;                                                    \
    }
#define FORWARD_VOID(name, parameters, arguments)                                    \
    HIDDEN void name parameters {                                                  \
        static void (*real) parameters;                                           \
        if (!real) *(void **)&real = function(#name);                              \
        real arguments;                                                           \
    }
/* A variadic function whose one variadic argument is a long, a pointer or a curl_off_t. */
#define FORWARD_ONE_MORE(name, first, second)                                          \
    HIDDEN int name(first handle, second option, ...) {                           \
        static int (*real)(first, second, ...);                                   \
        if (!real) *(void **)&real = function(#name);                              \
        va_list rest;                                                             \
        va_start(rest, option);                                                   \
        void *argument = va_arg(rest, void *);                                    \
        va_end(rest);                                                             \
        return real(handle, option, argument);                                    \
    }

FORWARD(int, curl_global_init, (long flags), (flags))
FORWARD(char *, curl_version, (void), ())
FORWARD(void *, curl_version_info, (int age), (age))
FORWARD_VOID(curl_free, (void *pointer), (pointer))
FORWARD(void *, curl_easy_init, (void), ())
FORWARD_ONE_MORE(curl_easy_setopt, void *, int)
FORWARD_ONE_MORE(curl_easy_getinfo, void *, int)
FORWARD_VOID(curl_easy_cleanup, (void *handle), (handle))
FORWARD(int, curl_easy_pause, (void *handle, int bitmask), (handle, bitmask))
FORWARD(const char *, curl_easy_strerror, (int code), (code))
FORWARD(void *, curl_multi_init, (void), ())
FORWARD_ONE_MORE(curl_multi_setopt, void *, int)
FORWARD(int, curl_multi_add_handle, (void *multi, void *easy), (multi, easy))
FORWARD(int, curl_multi_remove_handle, (void *multi, void *easy), (multi, easy))
FORWARD(int, curl_multi_assign, (void *multi, int socket, void *pointer), (multi, socket, pointer))
FORWARD(int, curl_multi_socket_action, (void *multi, int socket, int mask, int *running), (multi, socket, mask, running))
FORWARD(void *, curl_multi_info_read, (void *multi, int *left), (multi, left))
FORWARD(int, curl_multi_cleanup, (void *multi), (multi))
FORWARD(void *, curl_slist_append, (void *list, const char *text), (list, text))
FORWARD_VOID(curl_slist_free_all, (void *list), (list))
FORWARD(void *, curl_url, (void), ())
FORWARD(int, curl_url_get, (const void *url, int part, char **text, unsigned flags), (url, part, text, flags))
FORWARD(int, curl_url_set, (void *url, int part, const char *text, unsigned flags), (url, part, text, flags))
#endif
