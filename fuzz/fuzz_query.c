/* fuzz_query.c - libFuzzer target for the store query parameter parser and queries
 * (dyad_query_run, the API behind `dyad serve`): the first byte picks the query, each further
 * line is one "key=value" parameter. A small store is built once per process in a temp dir.
 * Build with `make fuzz`; run build/fuzz/fuzz_query -max_total_time=60. */
#include "seed_store.h"
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

static dyad_store *reader(void) {
  static dyad_store *s;
  if (s) return s;
  static const char *const dates[] = {"2024-06-19", "2024-06-20", "2024-07-01", "2024-08-15"};
  char path[128], err[512];
  seed_store_build(docs, sizeof docs / sizeof *docs, dates, sizeof dates / sizeof *dates, 5, path, sizeof path);
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
