/* fuzz_query.c - libFuzzer target for the store query parameter parser and queries
 * (dyad_query_run, the API behind `dyad serve`): the first byte picks the query, each further
 * line is one "key=value" parameter. A small store is built once per process in a temp dir.
 * Build with `make fuzz`; run build/fuzz/fuzz_query -max_total_time=60. */
#include "dyad.h"
#include "ingest.h"
#include "query.h"
#include "store.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PARAMS 16

static const char *const docs[] = {
  "Russia and North Korea signed a defense agreement in Pyongyang.",
  "North Korea denied that it sent troops to Russia. Ukraine accused Russia of using North Korean missiles.",
  "China urged both Koreas to resume talks. The United Nations condemned the missile launch.",
  "France praised Germany. Germany pledged aid to Ukraine. Russia threatened to cut gas supplies to Europe.",
};

/* Builds the store at path with the built-in dictionaries; exits on failure (a setup bug). */
static void build_store(const char *path) {
  char err[512];
  dyad_store *s = NULL;
  if (dyad_store_open(path, 1, 1000, &s, err, sizeof err) != DYAD_OK) { fprintf(stderr, "%s\n", err); abort(); }
  dyad_dict *d = dyad_dict_load(NULL, NULL);
  dyad_coder *c = d ? dyad_coder_new(d) : NULL;
  dyad_ingest *g = c ? dyad_ingest_new(s, c, d, 0) : NULL;
  if (!g) abort();
  static const char *const dates[] = {"2024-06-19", "2024-06-20", "2024-07-01", "2024-08-15"};
  for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
    char id[16];
    snprintf(id, sizeof id, "d%zu", i);
    dyad_input_doc doc = {id, dates[i], "Outlet", NULL, NULL, docs[i], strlen(docs[i]), "fuzz", 0};
    if (dyad_ingest_doc(g, &doc, err, sizeof err) != DYAD_OK) { fprintf(stderr, "%s\n", err); abort(); }
  }
  if (dyad_ingest_commit(g, err, sizeof err) != DYAD_OK) { fprintf(stderr, "%s\n", err); abort(); }
  if (dyad_ingest_get_counts(g)->events < 5) { fprintf(stderr, "fuzz_query: the seed store has too few events\n"); abort(); }
  dyad_ingest_free(g);
  dyad_coder_free(c);
  dyad_dict_free(d);
  dyad_store_close(s);
}

static char store_dir[] = "/tmp/dyad-fuzz-query-XXXXXX";

/* Removes the temp store when the fuzzer exits (it keeps the connection open until then). */
static void remove_store(void) {
  static const char *const parts[] = {"/store.db", "/store.db-wal", "/store.db-shm"};
  char path[128];
  for (size_t i = 0; i < 3; i++) {
    snprintf(path, sizeof path, "%s%s", store_dir, parts[i]);
    unlink(path);
  }
  rmdir(store_dir);
}

static dyad_store *reader(void) {
  static dyad_store *s;
  if (s) return s;
  if (!mkdtemp(store_dir)) abort();
  atexit(remove_store);
  char path[128], err[512];
  snprintf(path, sizeof path, "%s/store.db", store_dir);
  build_store(path);
  if (dyad_query_open(path, &s, err, sizeof err) != DYAD_OK) { fprintf(stderr, "%s\n", err); abort(); }
  return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const whats[] = {"events", "series", "claims", "commitments", "actors", "dyads", "stats", "bogus"};
  dyad_store *s = reader();
  if (size == 0) return 0;
  const char *what = whats[data[0] % 8];
  char *copy = malloc(size);   /* lines of the rest, split in place */
  if (!copy) return 0;
  memcpy(copy, data + 1, size - 1);
  copy[size - 1] = 0;
  const char *keys[MAX_PARAMS], *vals[MAX_PARAMS];
  int n = 0;
  for (char *save = NULL, *line = strtok_r(copy, "\n", &save); line && n < MAX_PARAMS; line = strtok_r(NULL, "\n", &save)) {
    char *eq = strchr(line, '=');
    if (eq) *eq = 0;
    keys[n] = line;
    vals[n++] = eq ? eq + 1 : "";
  }
  dyad_buf out;
  dyad_buf_init(&out, (size_t)64 << 10);   /* small, so the cut-output path is reached */
  char err[256] = "";
  int st = dyad_query_run(s, what, keys, vals, n, &out, err, sizeof err);
  if (st != DYAD_OK && !err[0]) abort();                       /* every failure says why */
  if (st == DYAD_OK && (!out.p || out.n < 3 || out.p[0] != '[' || out.p[out.n - 2] != ']')) abort();
  dyad_buf_free(&out);
  free(copy);
  return 0;
}
