/* test_alloc_fail.c - allocation-failure injection (issue #8): with the dictionaries loaded, the
 * Nth allocation fails for EVERY N while one golden article is read, normalized, coded and written
 * as JSON; the other golden articles and the dictionary loading get a spread of N. Each run must
 * end in a clean error value or in exactly the output of the run without failures; the asan build
 * (LeakSanitizer) proves that nothing leaks. DYAD_ALLOC_FAIL_STEP=k tries every kth N only. */
#include "harness.h"
#include "alloc.h"
#include "dyad.h"
#include "html.h"
#include "jsonl.h"
#include "normalize.h"
#include "output.h"
#include "util.h"
#include <jansson.h>
#include <libxml/xmlmemory.h>
#include <stdlib.h>

#ifndef DYAD_SOURCE_DIR
#define DYAD_SOURCE_DIR "."
#endif
#define SAMPLES 200   /* N tried during dictionary loading and on the larger articles */

typedef struct { long seen, fail_at, failed, failed_in_jansson; } counter;

/* Which library is allocating: libxml2 2.9.14's HTML parser can loop forever after a failed
 * allocation, so its allocations are never failed here; jansson 2.14's lexer drops a byte of a
 * string when growing its buffer fails (lex_save ignores the error), so a changed text after a
 * failure inside jansson is counted apart. Both are the Debian 12 versions (docs/SECURITY.md). */
static int in_xml, in_jansson;

/* The hook: counts allocations and fails number fail_at (from 1; 0 fails none). */
static int nth(void *ctx, size_t size) {
  counter *c = ctx;
  (void)size;
  if (in_xml || ++c->seen != c->fail_at) return 0;
  c->failed = 1;
  c->failed_in_jansson = in_jansson;
  return 1;
}

static void *json_alloc(size_t n) { in_jansson = 1; void *p = dyad_malloc(n); in_jansson = 0; return p; }
static void *xml_alloc(size_t n) { in_xml = 1; void *p = dyad_malloc(n); in_xml = 0; return p; }
static void *xml_realloc(void *q, size_t n) { in_xml = 1; void *p = dyad_realloc(q, n); in_xml = 0; return p; }
static char *xml_strdup(const char *s) { in_xml = 1; char *p = dyad_strdup(s); in_xml = 0; return p; }
static void free_any(void *p) { free(p); }

/* Installs the hook with the library wrappers above around it. */
static void set_hook(counter *k) {
  dyad_alloc_set_fail_hook(nth, k);
  json_set_alloc_funcs(json_alloc, free_any);
  xmlMemSetup(free_any, xml_alloc, xml_realloc, xml_strdup);
}

static char *slurp(const char *name, size_t *n) {
  char path[512];
  snprintf(path, sizeof path, "%s/tests/golden/cases/%s/input", DYAD_SOURCE_DIR, name);
  FILE *f = fopen(path, "rb");
  if (!f) { fprintf(stderr, "cannot read %s\n", path); exit(1); }
  static char buf[1 << 16];
  *n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[*n] = 0;
  return buf;
}

typedef struct { dyad_buf *out; int full; } sink;

/* Writes one event; a write that fails stops the document and is remembered. */
static int emit_json(const dyad_event *ev, void *ctx) {
  sink *k = ctx;
  k->full = dyad_write_json(ev, k->out) != 0;
  return k->full;
}

/* The pipeline of `dyad code` for one document with a new coder over dictionary d: format 't',
 * 'h' or 'j' (the first line only). Appends the JSON lines to out; 0, or -1 on any failure. */
static int code_one(const dyad_dict *d, int format, const char *in, size_t n, dyad_buf *out) {
  dyad_html_doc h = {0};
  dyad_jsonl_rec r = {0};
  char err[256];
  const char *text = in;
  size_t tn = n;
  int rc = 0;
  if (format == 'h' && (rc = dyad_html_extract(in, n, &h, err, sizeof err)) == 0) { text = h.text; tn = h.n; }
  if (format == 'j') {
    const char *nl = memchr(in, '\n', n);
    if ((rc = dyad_jsonl_parse(in, nl ? (size_t)(nl - in) : n, &r, err, sizeof err)) == 0) { text = r.text; tn = r.text_n; }
  }
  char *norm = rc ? NULL : dyad_normalize(text, tn, &tn, NULL);
  if (!norm) rc = -1;
  dyad_docinfo info = {"golden", "2023-08-18", NULL};
  sink k = {out, 0};
  dyad_coder *c = rc ? NULL : dyad_coder_new(d);
  if (!c || dyad_code_document(c, &info, norm, tn, emit_json, &k) != DYAD_OK || k.full) rc = -1;
  dyad_coder_free(c);
  free(norm);
  dyad_html_doc_free(&h);
  dyad_jsonl_rec_free(&r);
  return rc;
}

/* Runs the pipeline failing allocation N for each N tried; counts the outcomes. */
static void inject_code(const dyad_dict *d, const char *name, int format, long step) {
  size_t n;
  const char *in = slurp(name, &n);
  counter k = {0, 0, 0, 0};
  dyad_buf want, got;
  dyad_buf_init(&want, 1 << 24);
  set_hook(&k);
  CHECK_INT_EQ(code_one(d, format, in, n, &want), 0);
  long total = k.seen, errors = 0, same = 0, differ = 0, missed = 0, jansson = 0;
  CHECK(want.n > 100);
  for (long at = 1; at <= total; at += step) {
    k = (counter){0, at, 0, 0};
    if (getenv("DYAD_ALLOC_FAIL_TRACE")) fprintf(stderr, "%s: failing allocation %ld\n", name, at);
    dyad_buf_init(&got, 1 << 24);
    int rc = code_one(d, format, in, n, &got);
    if (!k.failed) missed++;
    else if (rc) errors++;
    else if (got.n == want.n && !memcmp(got.p, want.p, got.n)) same++;
    else if (k.failed_in_jansson) jansson++;
    else { differ++; if (differ <= 3) fprintf(stderr, "%s: failing allocation %ld of %ld changed the output silently\n", name, at, total); }
    dyad_buf_free(&got);
  }
  dyad_alloc_set_fail_hook(NULL, NULL);
  printf("%s: %ld allocations, every %ld tried: %ld clean errors, %ld same output, %ld silently different "
         "(+%ld inside jansson), %ld not reached\n", name, total, step, errors, same, differ, jansson, missed);
  CHECK_INT_EQ(differ, 0);
  CHECK(errors > 0);
  dyad_buf_free(&want);
}

static void quiet(const char *msg, void *ctx) { (void)msg; (*(long *)ctx)++; }

/* Loads the embedded dictionaries failing allocation N for SAMPLES N spread over the whole load
 * (and dyad_coder_new): each either fails with a message or loads the same dictionary. */
static void inject_load(void) {
  counter k = {0, 0, 0, 0};
  set_hook(&k);
  dyad_dict *d = dyad_dict_load(NULL, NULL);
  dyad_coder *c = d ? dyad_coder_new(d) : NULL;
  long total = k.seen;
  CHECK(c != NULL);
  dyad_dict_stats want, got;
  dyad_dict_get_stats(d, &want);
  dyad_coder_free(c);
  dyad_dict_free(d);
  long errors = 0, same = 0, differ = 0, silent = 0;
  for (long i = 0; i < SAMPLES; i++) {
    long msgs = 0;
    dyad_diag diag = {quiet, &msgs, 0};
    k = (counter){0, 1 + (long)((double)i * (double)(total - 1) / (SAMPLES - 1)), 0, 0};
    d = dyad_dict_load(NULL, &diag);
    c = d ? dyad_coder_new(d) : NULL;
    if (!k.failed) { fprintf(stderr, "load: allocation %ld not reached\n", k.fail_at); differ++; }
    else if (!c) { errors++; if (!d && !msgs) silent++; }
    else {
      dyad_dict_get_stats(d, &got);
      if (!memcmp(&got, &want, sizeof got)) same++;
      else { differ++; if (differ <= 3) fprintf(stderr, "load: failing allocation %ld of %ld gave a different dictionary\n", k.fail_at, total); }
    }
    dyad_coder_free(c);
    dyad_dict_free(d);
  }
  dyad_alloc_set_fail_hook(NULL, NULL);
  printf("load: %ld allocations, %d tried: %ld clean errors (%ld without a message), %ld same dictionary, %ld different\n",
         total, SAMPLES, errors, silent, same, differ);
  CHECK_INT_EQ(differ, 0);
  CHECK_INT_EQ(silent, 0);
}

int main(void) {
  const char *s = getenv("DYAD_ALLOC_FAIL_STEP");
  long step = s && atol(s) > 0 ? atol(s) : 1;
  setvbuf(stdout, NULL, _IOLBF, 0);
  inject_load();
  dyad_dict *d = dyad_dict_load(NULL, NULL);
  CHECK(d != NULL);
  if (!d) return harness_done();
  inject_code(d, "summit-text", 't', step);
  inject_code(d, "wire-jsonl", 'j', step);
  inject_code(d, "summit-html", 'h', step);
  dyad_dict_free(d);
  return harness_done();
}
