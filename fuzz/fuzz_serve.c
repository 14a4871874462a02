/* fuzz_serve.c - libFuzzer target for the request handler of `dyad serve` (dyad_serve_respond,
 * no sockets): line 1 is the method, line 2 the path, line 3 the Host header (empty: none), each
 * further line one "key=value" parameter. Every answer must be a known status with a body; JSON
 * bodies must parse and errors must say why. A small store is built once per process.
 * Build with `make fuzz`; run build/fuzz/fuzz_serve -max_total_time=60. */
#include "seed_store.h"
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

static dyad_serve_site *site(void) {
  static dyad_serve_site *S;
  if (S) return S;
  static const char *const dates[] = {"2024-07-01", "2024-06-20"};
  char path[128], err[512];
  seed_store_build(docs, sizeof docs / sizeof *docs, dates, sizeof dates / sizeof *dates, 0, path, sizeof path);
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
