/* serve.c - `dyad serve`: a GET-only HTTP server (libmicrohttpd; a pool of threads, each request
 * on its own read-only store connection) with the JSON API of `dyad query` under /api/ and the
 * page of web/ (embedded) under /. Routes and shapes: docs/serve.md.
 *
 * Security notes:
 * - Binds 127.0.0.1 by default. On a loopback address the Host header must be a loopback name
 *   with our port, so a web page from another site cannot read the API through DNS rebinding.
 *   `--bind 0.0.0.0` exposes the whole store read-only to the network, with no authentication.
 * - GET only (405 with Allow: GET); a request body is never read. The request line and headers
 *   share DYAD_SERVE_HEADER_MEMORY bytes (MHD answers larger ones itself), the path is at most
 *   DYAD_SERVE_MAX_URL bytes, at most DYAD_SERVE_MAX_PARAMS parameters, idle connections close
 *   after DYAD_SERVE_IDLE_S seconds, and a query running past DYAD_SERVE_QUERY_MS is interrupted
 *   (503). Responses are capped at DYAD_SERVE_MAX_RESPONSE bytes.
 * - Every parameter is checked (400 with a JSON error naming it) and bound in SQL, never pasted
 *   (dyad_query_run, and the one statement here).
 * - Every response carries a Content-Security-Policy allowing only our own script, style and
 *   fetches (no inline script, no other host), nosniff, no framing and no referrer. The page puts
 *   article text into the document with textContent only and links only http(s) URLs. */
#include "alloc.h"
#include "serve.h"
#include "dyad.h"
#include "output.h"
#include "query.h"
#include "store.h"
#include "util.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <sqlite3.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DYAD_SERVE_PORT 8642
#define DYAD_SERVE_THREADS 4                   /* worker threads, each with one store connection */
#define DYAD_SERVE_MAX_CONNECTIONS 256
#define DYAD_SERVE_HEADER_MEMORY (32u * 1024u) /* bytes per connection for request line and headers */
#define DYAD_SERVE_MAX_URL 256                 /* bytes of the path (the query string is apart) */
#define DYAD_SERVE_MAX_PARAMS 16
#define DYAD_SERVE_IDLE_S 15
#define DYAD_SERVE_QUERY_MS 5000
#define DYAD_SERVE_MAX_RESPONSE ((size_t)64 << 20)
#define DYAD_SERVE_LIMIT_DEFAULT "100"         /* rows per page of a list route */
#define DYAD_SERVE_LIMIT_MAX 1000
#define DYAD_SERVE_REPORTS_PER 20              /* reports listed per merged event by /api/reports */

static const char DYAD_SERVE_CSP[] =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

struct dyad_serve_site {
  dyad_store *store[DYAD_SERVE_THREADS];
  int busy[DYAD_SERVE_THREADS];
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int loopback;                  /* bound to a loopback address: the Host header must be local */
  char hosts[4][80];             /* Host values accepted on loopback */
};
typedef dyad_serve_site server;

typedef struct {
  const char *keys[DYAD_SERVE_MAX_PARAMS + 1], *vals[DYAD_SERVE_MAX_PARAMS + 1];
  int n;
} params;

typedef struct {
  struct timespec end;
  int hit;
} deadline;

/* ---- responses ------------------------------------------------------------------------------ */
/* Hands b's bytes to rs (an empty body when b has none); b is left empty. -1 when out of memory. */
static int answer_buf(dyad_serve_response *rs, unsigned status, const char *type, dyad_buf *b) {
  char *p = b->p ? b->p : dyad_strdup("");
  rs->status = status;
  rs->type = type;
  rs->body = p;
  rs->n = b->p ? b->n : 0;
  rs->owned = 1;
  b->p = NULL;
  b->n = 0;
  return p ? 0 : -1;
}

/* {"error": msg, "status": N}; -1 when out of memory. The message may quote what the client
 * sent, so bytes that are not UTF-8 become U+FFFD and the body stays valid JSON. */
static int answer_error(dyad_serve_response *rs, unsigned status, const char *msg) {
  size_t n = strlen(msg), invalid = 0, len;
  for (size_t i = 0; i < n; i += len ? len : 1)
    if (!(len = dyad_utf8_len((const unsigned char *)msg + i, n - i))) invalid++;
  char *fixed = invalid ? dyad_utf8_repair(msg, n, invalid, &n) : NULL;
  if (invalid && !fixed) return -1;
  dyad_buf b;
  dyad_buf_init(&b, 4096);
  int bad = dyad_buf_adds(&b, "{\"error\":");
  bad |= dyad_json_string(&b, fixed ? fixed : msg, n);
  free(fixed);
  bad |= dyad_buf_printf(&b, ",\"status\":%u}\n", status);
  if (bad) { dyad_buf_free(&b); return -1; }
  return answer_buf(rs, status, "application/json; charset=utf-8", &b);
}

/* ---- the page ------------------------------------------------------------------------------- */
static const char *content_type(const char *path) {
  const char *dot = strrchr(path, '.');
  if (!dot) return NULL;
  if (!strcmp(dot, ".html")) return "text/html; charset=utf-8";
  if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
  if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
  return NULL;
}

static int static_file(dyad_serve_response *rs, const char *url) {
  const char *path = strcmp(url, "/") ? url + 1 : "index.html";
  for (const dyad_embedded_file *f = dyad_web_files; f->path; f++) {
    const char *type = content_type(f->path);
    if (type && !strcmp(f->path, path)) {
      *rs = (dyad_serve_response){MHD_HTTP_OK, type, (char *)f->data, f->size, 0};
      return 0;
    }
  }
  return answer_error(rs, MHD_HTTP_NOT_FOUND, "no such page; the page is / and the API is under /api/ (see docs/serve.md)");
}

/* ---- the API -------------------------------------------------------------------------------- */
/* Finds key; returns its value or NULL. */
static const char *param(const params *p, const char *key) {
  for (int i = 0; i < p->n; i++)
    if (!strcmp(p->keys[i], key)) return p->vals[i];
  return NULL;
}

/* The first key given twice, or NULL. */
static const char *duplicate(const params *p) {
  for (int i = 0; i < p->n; i++)
    for (int j = 0; j < i; j++)
      if (!strcmp(p->keys[i], p->keys[j])) return p->keys[i];
  return NULL;
}
/* Checks the paging of a list route and sets the default limit; NULL or an error message. */
static const char *paging(params *p, int list) {
  const char *lim = param(p, "limit");
  if (!lim) {
    if (list) { p->keys[p->n] = "limit"; p->vals[p->n++] = DYAD_SERVE_LIMIT_DEFAULT; }
    return NULL;
  }
  size_t n = strspn(lim, "0123456789");
  if (n == 0 || n > 4 || lim[n] || atoi(lim) < 1 || atoi(lim) > DYAD_SERVE_LIMIT_MAX)
    return "limit must be a whole number from 1 to 1000";
  return NULL;
}

static int past_deadline(void *ctx) {
  deadline *d = ctx;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (now.tv_sec > d->end.tv_sec || (now.tv_sec == d->end.tv_sec && now.tv_nsec > d->end.tv_nsec)) d->hit = 1;
  return d->hit;
}

/* Takes a free store connection (there are as many as threads, so one is free unless MHD
 * runs more handlers at once than it has threads) and arms its query time limit. */
static int acquire(server *S, deadline *dl) {
  pthread_mutex_lock(&S->mu);
  int k;
  for (;;) {
    for (k = 0; k < DYAD_SERVE_THREADS && S->busy[k]; k++) {}
    if (k < DYAD_SERVE_THREADS) break;
    pthread_cond_wait(&S->cv, &S->mu);
  }
  S->busy[k] = 1;
  pthread_mutex_unlock(&S->mu);
  clock_gettime(CLOCK_MONOTONIC, &dl->end);
  dl->end.tv_sec += DYAD_SERVE_QUERY_MS / 1000;
  dl->end.tv_nsec += (long)(DYAD_SERVE_QUERY_MS % 1000) * 1000000L;
  if (dl->end.tv_nsec >= 1000000000L) { dl->end.tv_sec++; dl->end.tv_nsec -= 1000000000L; }
  dl->hit = 0;
  sqlite3 *lite = dyad_db_sqlite(dyad_store_db(S->store[k]));
  if (lite) sqlite3_progress_handler(lite, 4000, past_deadline, dl);
  return k;
}

static void release(server *S, int k) {
  sqlite3 *lite = dyad_db_sqlite(dyad_store_db(S->store[k]));
  if (lite) sqlite3_progress_handler(lite, 0, NULL, NULL);
  pthread_mutex_lock(&S->mu);
  S->busy[k] = 0;
  pthread_cond_signal(&S->cv);
  pthread_mutex_unlock(&S->mu);
}

/* happening=ID[,ID...] as a JSON array of numbers in out; 0, or -1 when malformed. */
static int id_list(const char *v, char *out, size_t cap) {
  size_t k = 0, ids = 0;
  out[k++] = '[';
  for (const char *p = v; *p; p++) {
    if (*p >= '0' && *p <= '9') { if (p == v || p[-1] == ',') ids++; }
    else if (*p != ',' || p == v || p[1] == 0 || p[1] == ',') return -1;
    if (k + 3 >= cap) return -1;
    out[k++] = *p;
  }
  out[k++] = ']';
  out[k] = 0;
  return ids >= 1 && ids <= DYAD_SERVE_LIMIT_MAX ? 0 : -1;
}

/* IDS: the ids of the JSON array ?1 (SQLite's json_each, PostgreSQL's json_array_elements_text). */
#define REPORTS_SQL_OF(IDS) \
  "SELECT json_group_array(json(r)) FROM (SELECT json_object('happening', l.happening, 'merge_reason', l.reason, " \
  "'doc', d.name, 'url', d.url, 'title', d.title, 'outlet', d.outlet, 'event', json(e.json)) AS r FROM merge_links l " \
  "JOIN events e ON e.id = l.event JOIN documents d ON d.id = e.doc WHERE l.happening IN (" IDS ") " \
  "AND l.event IN (SELECT l2.event FROM merge_links l2 WHERE l2.happening = l.happening ORDER BY l2.event LIMIT ?2) " \
  "ORDER BY l.happening, l.event)"
#define REPORTS_SQL REPORTS_SQL_OF("SELECT value FROM json_each(?1)")
#define REPORTS_SQL_PG REPORTS_SQL_OF("SELECT CAST(value AS INTEGER) FROM json_array_elements_text(CAST(?1 AS json))")

/* The reports (stored events with their documents) merged into the given happenings. */
static int query_reports(dyad_store *s, const char *ids, dyad_buf *out, char *err, size_t errcap) {
  dyad_stmt *st = NULL;
  int pg = dyad_db_engine(dyad_store_db(s)) == DYAD_DB_POSTGRES;
  int rc = dyad_db_prepare(dyad_store_db(s), pg ? REPORTS_SQL_PG : REPORTS_SQL, -1, &st);
  if (rc == DYAD_DB_OK) {
    dyad_db_bind_text(st, 1, ids, -1);
    dyad_db_bind_int64(st, 2, DYAD_SERVE_REPORTS_PER);
    rc = dyad_db_step(st);
    if (rc == DYAD_DB_ROW) {
      int bad = dyad_buf_add(out, dyad_db_column_text(st, 0), (size_t)dyad_db_column_bytes(st, 0));
      bad |= dyad_buf_addc(out, '\n');
      rc = bad ? DYAD_DB_TOOBIG : DYAD_DB_OK;
    }
  }
  dyad_db_finalize(st);
  return rc == DYAD_DB_OK ? DYAD_OK : dyad_store_error(s, rc, "listing reports", err, errcap);
}

/* Runs one API query on a pooled connection; the HTTP status tells how it went. */
static unsigned run_api(server *S, const char *what, const params *p, dyad_buf *out, char *err, size_t errcap) {
  deadline dl;
  char ids[DYAD_SERVE_LIMIT_MAX * 12];
  const char *hv = param(p, "happening");
  int reports = !strcmp(what, "reports");
  if (reports && (p->n != 1 || !hv || id_list(hv, ids, sizeof ids))) {
    snprintf(err, errcap, "reports takes happening=ID[,ID...] (1 to 1000 merged event ids) and nothing else");
    return MHD_HTTP_BAD_REQUEST;
  }
  int k = acquire(S, &dl);
  int st = reports ? query_reports(S->store[k], ids, out, err, errcap)
                   : dyad_query_run(S->store[k], what, p->keys, p->vals, p->n, out, err, errcap);
  int stopped = st != DYAD_OK && dyad_db_errcode(dyad_store_db(S->store[k])) == DYAD_DB_INTERRUPT;
  release(S, k);
  if (st == DYAD_OK) return MHD_HTTP_OK;
  if (dl.hit || stopped) {
    snprintf(err, errcap, "the query ran past %d ms and was stopped: narrow it (dyad, code, since, until)", DYAD_SERVE_QUERY_MS);
    return MHD_HTTP_SERVICE_UNAVAILABLE;
  }
  return st == DYAD_EUSAGE ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_INTERNAL_SERVER_ERROR;
}

static int api(server *S, const dyad_serve_request *rq, dyad_serve_response *rs, const char *what) {
  static const char *const routes[] = {"events", "series", "claims", "commitments", "actors", "dyads", "stats", "reports", "sanctions", "places"};
  size_t r = 0;
  while (r < sizeof routes / sizeof *routes && strcmp(what, routes[r])) r++;
  if (r == sizeof routes / sizeof *routes)
    return answer_error(rs, MHD_HTTP_NOT_FOUND, "no such API route; routes: /api/events, series, claims, commitments, actors, dyads, stats, reports, sanctions, places");
  if (rq->n > DYAD_SERVE_MAX_PARAMS) return answer_error(rs, MHD_HTTP_BAD_REQUEST, "too many parameters (at most 16)");
  params p;
  memset(&p, 0, sizeof p);
  for (p.n = 0; p.n < rq->n; p.n++) {
    p.keys[p.n] = rq->keys[p.n];
    p.vals[p.n] = rq->vals[p.n] ? rq->vals[p.n] : "";
  }
  char err[600];
  const char *bad = NULL, *dup = duplicate(&p);
  if (dup) { snprintf(err, sizeof err, "parameter '%.40s' given twice", dup); bad = err; }
  if (!bad && strcmp(what, "reports")) bad = paging(&p, strcmp(what, "stats") != 0);
  if (bad) return answer_error(rs, MHD_HTTP_BAD_REQUEST, bad);
  dyad_buf out;
  dyad_buf_init(&out, DYAD_SERVE_MAX_RESPONSE);
  unsigned status = run_api(S, what, &p, &out, err, sizeof err);
  if (status != MHD_HTTP_OK) { dyad_buf_free(&out); return answer_error(rs, status, err); }
  return answer_buf(rs, MHD_HTTP_OK, "application/json; charset=utf-8", &out);
}

/* ---- requests ------------------------------------------------------------------------------- */
static int host_ok(const server *S, const char *h) {
  if (!S->loopback || !h) return 1;   /* browsers always send Host; rebinding needs a browser */
  for (int i = 0; i < 4; i++)
    if (!strcmp(h, S->hosts[i])) return 1;
  return 0;
}

int dyad_serve_respond(dyad_serve_site *S, const dyad_serve_request *rq, dyad_serve_response *rs) {
  *rs = (dyad_serve_response){0, NULL, NULL, 0, 0};
  if (strcmp(rq->method, MHD_HTTP_METHOD_GET)) return answer_error(rs, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET is served");
  if (rq->url[0] != '/') return answer_error(rs, MHD_HTTP_BAD_REQUEST, "the path must start with '/'");
  if (strlen(rq->url) > DYAD_SERVE_MAX_URL) return answer_error(rs, MHD_HTTP_URI_TOO_LONG, "the path is too long");
  if (!host_ok(S, rq->host))
    return answer_error(rs, MHD_HTTP_FORBIDDEN, "the Host header names another server; open the address dyad serve printed");
  if (!strncmp(rq->url, "/api/", 5)) return api(S, rq, rs, rq->url + 5);
  return static_file(rs, rq->url);
}

/* ---- the HTTP glue -------------------------------------------------------------------------- */
static enum MHD_Result reply(struct MHD_Connection *c, dyad_serve_response *rs) {
  struct MHD_Response *r = MHD_create_response_from_buffer(rs->n, rs->body, rs->owned ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
  if (!r) {
    if (rs->owned) free(rs->body);
    return MHD_NO;
  }
  MHD_add_response_header(r, "Content-Type", rs->type);
  MHD_add_response_header(r, "Content-Security-Policy", DYAD_SERVE_CSP);
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(r, "X-Frame-Options", "DENY");
  MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(r, "Cache-Control", "no-cache");
  if (rs->status == MHD_HTTP_METHOD_NOT_ALLOWED) MHD_add_response_header(r, "Allow", "GET");
  enum MHD_Result ret = MHD_queue_response(c, rs->status, r);
  MHD_destroy_response(r);
  return ret;
}

/* Collects up to DYAD_SERVE_MAX_PARAMS + 1 parameters (one more says "too many"). */
static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
  params *p = cls;
  (void)kind;
  p->keys[p->n] = key;
  p->vals[p->n++] = value ? value : "";
  return p->n > DYAD_SERVE_MAX_PARAMS ? MHD_NO : MHD_YES;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_n, void **con_cls) {
  static int seen;   /* its address marks a request whose headers were seen (never written) */
  (void)version;
  (void)upload;
  (void)upload_n;
  /* first call, headers only: answering now would close a keep-alive connection */
  if (!strcmp(method, MHD_HTTP_METHOD_GET) && !*con_cls) {
    *con_cls = &seen;
    return MHD_YES;
  }
  params p;
  memset(&p, 0, sizeof p);
  MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect, &p);
  dyad_serve_request rq = {method, url, MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST),
                           p.keys, p.vals, p.n};
  dyad_serve_response rs;
  if (dyad_serve_respond(cls, &rq, &rs)) return MHD_NO;
  return reply(c, &rs);
}

/* ---- the command ---------------------------------------------------------------------------- */
static void usage_serve(FILE *f) {
  fputs("usage: dyad serve [--db PATH] [--port N] [--bind ADDR]\n\n"
        "Serves the store read-only: a page to explore actors, ties, claims and evidence at /, and a\n"
        "JSON API under /api/ (events, series, claims, commitments, actors, dyads, stats, reports, sanctions, places).\n\n"
        "  --db PATH     the store: a SQLite file or a postgresql:// URL (default: $DYAD_DB, else ./dyad.db)\n"
        "  --port N      TCP port (default 8642; 0 picks a free one)\n"
        "  --bind ADDR   IPv4 or IPv6 address (default 127.0.0.1; anything else exposes the store)\n\n"
        "Prints 'listening on http://ADDR:PORT/' on stderr and serves until interrupted.\n"
        "exit status: 0 stopped, 1 no store or cannot listen, 2 usage, 5 locked, 7 corrupt\n", f);
}

typedef struct {
  const char *db, *bind;
  long port;
  struct sockaddr_in v4;
  struct sockaddr_in6 v6;
  int ipv6;
} serve_opts;

static int serve_args(int argc, char **argv, serve_opts *o) {
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) { usage_serve(stdout); return -1; }
    int known = !strcmp(a, "--db") || !strcmp(a, "--port") || !strcmp(a, "--bind");
    if (!known) { fprintf(stderr, "dyad serve: unknown argument '%s' (see dyad serve --help)\n", a); return DYAD_EUSAGE; }
    if (i + 1 >= argc) { fprintf(stderr, "dyad serve: %s needs a value\n", a); return DYAD_EUSAGE; }
    const char *v = argv[++i];
    if (!strcmp(a, "--db")) o->db = v;
    else if (!strcmp(a, "--bind")) o->bind = v;
    else {
      char *end;
      o->port = strtol(v, &end, 10);
      if (!*v || *end || o->port < 0 || o->port > 65535) { fprintf(stderr, "dyad serve: --port must be 0..65535\n"); return DYAD_EUSAGE; }
    }
  }
  memset(&o->v4, 0, sizeof o->v4);
  memset(&o->v6, 0, sizeof o->v6);
  o->v4.sin_family = AF_INET;
  o->v4.sin_port = htons((uint16_t)o->port);
  o->v6.sin6_family = AF_INET6;
  o->v6.sin6_port = htons((uint16_t)o->port);
  if (inet_pton(AF_INET, o->bind, &o->v4.sin_addr) == 1) return 0;
  if (inet_pton(AF_INET6, o->bind, &o->v6.sin6_addr) == 1) { o->ipv6 = 1; return 0; }
  fprintf(stderr, "dyad serve: --bind '%s' is not an IPv4 or IPv6 address (e.g. 127.0.0.1 or ::1)\n", o->bind);
  return DYAD_EUSAGE;
}

int dyad_serve_site_open(const char *db, dyad_serve_site **out, char *err, size_t errcap) {
  *out = NULL;
  server *S = dyad_calloc(1, sizeof *S);
  if (!S) { snprintf(err, errcap, "out of memory opening the store for serving"); return DYAD_ENOMEM; }
  for (int i = 0; i < DYAD_SERVE_THREADS; i++) {
    int st = dyad_query_open(db, &S->store[i], err, errcap);
    if (st == DYAD_OK && dyad_db_engine(dyad_store_db(S->store[i])) == DYAD_DB_POSTGRES) {   /* the server keeps the deadline */
      char sql[64];
      snprintf(sql, sizeof sql, "SET statement_timeout = %d", DYAD_SERVE_QUERY_MS);
      int rc = dyad_store_exec(S->store[i], sql);
      if (rc != DYAD_DB_OK) st = dyad_store_error(S->store[i], rc, "setting the query deadline", err, errcap);
      if (st != DYAD_OK) dyad_store_close(S->store[i]);
    }
    if (st != DYAD_OK) {
      for (int k = 0; k < i; k++) dyad_store_close(S->store[k]);
      free(S);
      return st;
    }
  }
  pthread_mutex_init(&S->mu, NULL);
  pthread_cond_init(&S->cv, NULL);
  *out = S;
  return DYAD_OK;
}

void dyad_serve_site_close(dyad_serve_site *S) {
  if (!S) return;
  for (int i = 0; i < DYAD_SERVE_THREADS; i++) dyad_store_close(S->store[i]);
  pthread_cond_destroy(&S->cv);
  pthread_mutex_destroy(&S->mu);
  free(S);
}

void dyad_serve_site_hosts(dyad_serve_site *S, int loopback, const char *bind, int ipv6, unsigned port) {
  S->loopback = loopback;
  snprintf(S->hosts[0], sizeof S->hosts[0], "127.0.0.1:%u", port);
  snprintf(S->hosts[1], sizeof S->hosts[1], "localhost:%u", port);
  snprintf(S->hosts[2], sizeof S->hosts[2], "[::1]:%u", port);
  snprintf(S->hosts[3], sizeof S->hosts[3], ipv6 ? "[%.60s]:%u" : "%.60s:%u", bind, port);
}

static int is_loopback(const serve_opts *o) {
  return o->ipv6 ? IN6_IS_ADDR_LOOPBACK(&o->v6.sin6_addr) : (ntohl(o->v4.sin_addr.s_addr) >> 24) == 127;
}

static struct MHD_Daemon *start(server *S, serve_opts *o) {
  const struct sockaddr *sa = o->ipv6 ? (const struct sockaddr *)&o->v6 : (const struct sockaddr *)&o->v4;
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG | (o->ipv6 ? MHD_USE_IPv6 : 0);
  return MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, handle, S, MHD_OPTION_SOCK_ADDR, sa,
                          MHD_OPTION_THREAD_POOL_SIZE, (unsigned)DYAD_SERVE_THREADS,
                          MHD_OPTION_CONNECTION_LIMIT, (unsigned)DYAD_SERVE_MAX_CONNECTIONS,
                          MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)DYAD_SERVE_IDLE_S,
                          MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)DYAD_SERVE_HEADER_MEMORY, MHD_OPTION_END);
}

int dyad_cli_serve(int argc, char **argv) {
  serve_opts o = {.bind = "127.0.0.1", .port = DYAD_SERVE_PORT};
  int st = serve_args(argc, argv, &o);
  if (st) return st < 0 ? 0 : st;
  server *S = NULL;
  char err[600];
  if ((st = dyad_serve_site_open(o.db, &S, err, sizeof err)) != DYAD_OK) {
    fprintf(stderr, "dyad: %s\n", err);
    return st;
  }
  sigset_t stop;   /* blocked before the threads start, so only sigwait below receives them */
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  dyad_serve_site_hosts(S, is_loopback(&o), o.bind, o.ipv6, (unsigned)o.port);
  struct MHD_Daemon *d = start(S, &o);
  if (!d) {
    fprintf(stderr, "dyad serve: cannot listen on %s port %ld (in use? try another --port, or --port 0)\n", o.bind, o.port);
    st = DYAD_EINPUT;
  } else {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info ? info->port : (unsigned)o.port;
    /* nobody can know the port before it is printed */
    if (o.port == 0) dyad_serve_site_hosts(S, is_loopback(&o), o.bind, o.ipv6, port);
    fprintf(stderr, o.ipv6 ? "listening on http://[%s]:%u/\n" : "listening on http://%s:%u/\n", o.bind, port);
    int sig = 0;
    sigwait(&stop, &sig);
    MHD_stop_daemon(d);
  }
  dyad_serve_site_close(S);
  return st;
}
