/* fuzz_serve.c - libFuzzer target for the request handler of `dyad serve` (dyad_serve_respond,
 * no sockets): line 1 is the method, line 2 the path, line 3 the Host header (empty: none), each
 * further line one "key=value" parameter. Every answer must be a known status with a body; JSON
 * bodies must parse and errors must say why. A small store is built once per process.
 * Build with `make fuzz`; run build/fuzz/fuzz_serve -max_total_time=60. */
#include "dyad.h"
#include "ingest.h"
#include "serve.h"
#include "store.h"
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_LINES 24   /* more parameters than the handler takes, so "too many" is reached */

static const char *const docs[] = {
  "Russia and North Korea signed a defense agreement in Pyongyang.",
  "North Korea denied that it sent troops to Russia. Ukraine accused Russia of using North Korean missiles.",
  "France praised Germany. Germany pledged aid to Ukraine. Russia threatened to cut gas supplies to Europe.",
  "The Foreign Minister said that Iran would welcome talks, a spokesman claimed. <script>alert(1)</script>",
};

/* Builds the store at path with the built-in dictionaries; aborts on failure (a setup bug). */
static void build_store(const char *path) {
  char err[512];
  dyad_store *s = NULL;
  if (dyad_store_open(path, 1, 1000, &s, err, sizeof err) != DYAD_OK) { fprintf(stderr, "%s\n", err); abort(); }
  dyad_dict *d = dyad_dict_load(NULL, NULL);
  dyad_coder *c = d ? dyad_coder_new(d) : NULL;
  dyad_ingest *g = c ? dyad_ingest_new(s, c, d, 0) : NULL;
  if (!g) abort();
  for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
    char id[16];
    snprintf(id, sizeof id, "d%zu", i);
    dyad_input_doc doc = {id, i % 2 ? "2024-06-20" : "2024-07-01", "Outlet", NULL, NULL, docs[i], strlen(docs[i]), "fuzz", 0};
    if (dyad_ingest_doc(g, &doc, err, sizeof err) != DYAD_OK) { fprintf(stderr, "%s\n", err); abort(); }
  }
  if (dyad_ingest_commit(g, err, sizeof err) != DYAD_OK) { fprintf(stderr, "%s\n", err); abort(); }
  dyad_ingest_free(g);
  dyad_coder_free(c);
  dyad_dict_free(d);
  dyad_store_close(s);
}

static char store_dir[] = "/tmp/dyad-fuzz-serve-XXXXXX";

/* Removes the temp store when the fuzzer exits (the site keeps its connections until then). */
static void remove_store(void) {
  static const char *const parts[] = {"/store.db", "/store.db-wal", "/store.db-shm"};
  char path[128];
  for (size_t i = 0; i < 3; i++) {
    snprintf(path, sizeof path, "%s%s", store_dir, parts[i]);
    unlink(path);
  }
  rmdir(store_dir);
}

static dyad_serve_site *site(void) {
  static dyad_serve_site *S;
  if (S) return S;
  if (!mkdtemp(store_dir)) abort();
  atexit(remove_store);
  char path[128], err[512];
  snprintf(path, sizeof path, "%s/store.db", store_dir);
  build_store(path);
  if (dyad_serve_site_open(path, &S, err, sizeof err) != DYAD_OK) { fprintf(stderr, "%s\n", err); abort(); }
  dyad_serve_site_hosts(S, 1, "127.0.0.1", 0, 8642);
  return S;
}

/* Aborts unless the answer is well formed. */
static void check(const dyad_serve_response *rs) {
  static const unsigned known[] = {200, 400, 403, 404, 405, 414, 500, 503};
  size_t k = 0;
  while (k < sizeof known / sizeof *known && known[k] != rs->status) k++;
  if (k == sizeof known / sizeof *known || !rs->type || (!rs->body && rs->n)) abort();
  if (strncmp(rs->type, "application/json", 16)) return;
  json_error_t e;
  json_t *j = json_loadb(rs->body, rs->n, 0, &e);
  if (!j) abort();
  if (rs->status != 200 && !json_is_string(json_object_get(j, "error"))) abort();
  json_decref(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dyad_serve_site *S = site();
  char *copy = malloc(size + 1);   /* lines, split in place */
  if (!copy) return 0;
  memcpy(copy, data, size);
  copy[size] = 0;
  char *line[MAX_LINES + 3];
  int n = 0;
  for (char *p = copy; n < MAX_LINES + 3; n++) {
    line[n] = p;
    char *nl = strchr(p, '\n');
    if (!nl) { n++; break; }
    *nl = 0;
    p = nl + 1;
  }
  const char *keys[MAX_LINES], *vals[MAX_LINES];
  int np = 0;
  for (int i = 3; i < n; i++, np++) {
    char *eq = strchr(line[i], '=');
    if (eq) *eq = 0;
    keys[np] = line[i];
    vals[np] = eq ? eq + 1 : "";
  }
  dyad_serve_request rq = {line[0], n > 1 ? line[1] : "/", n > 2 && *line[2] ? line[2] : NULL, keys, vals, np};
  dyad_serve_response rs;
  if (dyad_serve_respond(S, &rq, &rs) == 0) {
    check(&rs);
    if (rs.owned) free(rs.body);
  }
  free(copy);
  return 0;
}
