/* alloc.c - the allocation wrappers and the one failure hook. The hook is the single piece of
 * process-wide mutable state in the library: it exists only so tests can inject failures, it is
 * set before any work starts, and it is read (never written) while dyad runs. */
#include "alloc.h"
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <libxml/xmlmemory.h>

static struct { dyad_alloc_fail_fn fn; void *ctx; } hook;

static int should_fail(size_t n) { return hook.fn && hook.fn(hook.ctx, n); }

void *dyad_malloc(size_t n) { return should_fail(n) ? NULL : malloc(n); }

void *dyad_calloc(size_t count, size_t size) { return should_fail(count * size) ? NULL : calloc(count, size); }

void *dyad_realloc(void *p, size_t n) { return should_fail(n) ? NULL : realloc(p, n); }

char *dyad_strdup(const char *s) { return dyad_strndup(s, strlen(s)); }

char *dyad_strndup(const char *s, size_t n) {
  size_t len = strnlen(s, n);
  char *c = dyad_malloc(len + 1);
  if (!c) return NULL;
  memcpy(c, s, len);
  c[len] = 0;
  return c;
}

static char *xml_strdup(const char *s) { return dyad_strdup(s); }
static void free_any(void *p) { free(p); }

void dyad_alloc_set_fail_hook(dyad_alloc_fail_fn fn, void *ctx) {
  hook.fn = fn;
  hook.ctx = ctx;
  json_set_alloc_funcs(dyad_malloc, free_any);
  xmlMemSetup(free_any, dyad_malloc, dyad_realloc, xml_strdup);
}
