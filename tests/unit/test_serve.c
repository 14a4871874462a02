/* test_serve.c - the request handler of `dyad serve` without sockets (dyad_serve_respond), on an
 * empty store: routing, the Host rule, parameter checks, and the fuzz findings of issue #8 (an
 * empty path, parameter names that are not UTF-8) kept as regression tests. */
#include "harness.h"
#include "dyad.h"
#include "serve.h"
#include "store.h"
#include "util.h"
#include <stdlib.h>
#include <unistd.h>

static dyad_serve_response rs;

/* Answers method url with host and n parameters; returns the status (0: out of memory). */
static unsigned ask(dyad_serve_site *S, const char *method, const char *url, const char *host,
                    const char *const *keys, const char *const *vals, int n) {
  if (rs.owned) free(rs.body);
  dyad_serve_request rq = {method, url, host, keys, vals, n};
  return dyad_serve_respond(S, &rq, &rs) ? 0 : rs.status;
}

/* The body is valid UTF-8 and contains want. */
static int body_has(const char *want) {
  for (size_t i = 0, k; i < rs.n; i += k)
    if (!(k = dyad_utf8_len((const unsigned char *)rs.body + i, rs.n - i))) return 0;
  char *z = malloc(rs.n + 1);
  if (!z) return 0;
  memcpy(z, rs.body, rs.n);
  z[rs.n] = 0;
  int found = strstr(z, want) != NULL;
  free(z);
  return found;
}

int main(void) {
  char dir[] = "/tmp/dyad-test-serve-XXXXXX", path[96], err[512];
  if (!mkdtemp(dir)) return 1;
  snprintf(path, sizeof path, "%s/s.db", dir);
  dyad_store *w = NULL;
  CHECK_INT_EQ(dyad_store_open(path, 1, 1000, &w, err, sizeof err), DYAD_OK);
  dyad_store_close(w);
  dyad_serve_site *S = NULL;
  CHECK_INT_EQ(dyad_serve_site_open(path, &S, err, sizeof err), DYAD_OK);
  if (!S) return harness_done();
  dyad_serve_site_hosts(S, 1, "127.0.0.1", 0, 8642);
  const char *h = "127.0.0.1:8642";

  CHECK_INT_EQ(ask(S, "GET", "/", h, NULL, NULL, 0), 200);
  CHECK(body_has("<html") || body_has("<!doctype") || body_has("<!DOCTYPE"));
  CHECK_INT_EQ(ask(S, "GET", "/api/stats", h, NULL, NULL, 0), 200);
  CHECK(body_has("\"documents\":0"));
  CHECK_INT_EQ(ask(S, "POST", "/api/stats", h, NULL, NULL, 0), 405);
  CHECK_INT_EQ(ask(S, "GET", "/api/stats", "evil.example:8642", NULL, NULL, 0), 403);
  CHECK_INT_EQ(ask(S, "GET", "/api/stats", NULL, NULL, NULL, 0), 200);   /* no Host: not a browser */
  CHECK_INT_EQ(ask(S, "GET", "/api/nothing", h, NULL, NULL, 0), 404);
  CHECK_INT_EQ(ask(S, "GET", "/nothing.html", h, NULL, NULL, 0), 404);

  const char *k2[] = {"actor", "actor"}, *v2[] = {"RUS", "USA"};
  CHECK_INT_EQ(ask(S, "GET", "/api/events", h, k2, v2, 2), 400);
  CHECK(body_has("given twice"));
  const char *k17[17], *v17[17];
  for (int i = 0; i < 17; i++) { k17[i] = "x"; v17[i] = "1"; }
  CHECK_INT_EQ(ask(S, "GET", "/api/events", h, k17, v17, 17), 400);
  CHECK(body_has("too many parameters"));

  /* fuzz findings: an empty path read past its end; a parameter name that is not UTF-8 came
   * back inside the JSON error unchanged, making the body invalid */
  CHECK_INT_EQ(ask(S, "GET", "", h, NULL, NULL, 0), 400);
  CHECK(body_has("must start with"));
  const char *kb[] = {"act\xff\xff\xff\xffUS"}, *vb[] = {"x"};
  CHECK_INT_EQ(ask(S, "GET", "/api/events", h, kb, vb, 1), 400);
  CHECK(body_has("act\xEF\xBF\xBD"));

  if (rs.owned) free(rs.body);
  dyad_serve_site_close(S);
  char f[128];
  static const char *const parts[] = {"/s.db", "/s.db-wal", "/s.db-shm"};
  for (int i = 0; i < 3; i++) { snprintf(f, sizeof f, "%s%s", dir, parts[i]); unlink(f); }
  rmdir(dir);
  return harness_done();
}
