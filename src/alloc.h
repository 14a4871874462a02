/* alloc.h - every heap allocation dyad makes goes through these wrappers, so a test can make the
 * Nth one fail and prove that each caller copes (failure injection, issue #8). The memory itself
 * always comes from the C library: free it with free(), whichever wrapper returned it. */
#ifndef DYAD_ALLOC_H
#define DYAD_ALLOC_H
#include <stddef.h>

/* Called before each allocation with its size; a non-zero return makes that allocation fail as
 * if the system were out of memory. */
typedef int (*dyad_alloc_fail_fn)(void *ctx, size_t size);

/* Installs (fn != NULL) or removes (fn == NULL) the failure hook for the whole process, and routes
 * libxml2's and jansson's allocations through the same wrappers. Like sqlite3_config(), this is
 * process-wide configuration: call it before any other dyad call and before starting threads. */
void dyad_alloc_set_fail_hook(dyad_alloc_fail_fn fn, void *ctx);

void *dyad_malloc(size_t n);
void *dyad_calloc(size_t count, size_t size);
void *dyad_realloc(void *p, size_t n);   /* on failure p is untouched, as with realloc */
char *dyad_strdup(const char *s);
char *dyad_strndup(const char *s, size_t n);

#endif
