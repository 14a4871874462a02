/* serve.h - `dyad serve`: a local HTTP server (libmicrohttpd) with a read-only JSON API over the
 * store (the shapes of `dyad query --format json`) and the embedded page in web/.
 * Routes, limits and security notes: src/serve.c and docs/serve.md. */
#ifndef DYAD_SERVE_H
#define DYAD_SERVE_H
#include "embedded.h"

/* The files of web/, compiled in by tools/embed.c (--symbol dyad_web_files); sorted by path,
 * ending with an entry whose path is NULL. */
extern const dyad_embedded_file dyad_web_files[];

/* `dyad serve [--db PATH] [--port N] [--bind ADDR]`: serves until SIGINT or SIGTERM. Returns the
 * exit status: 0 after a clean stop, 1 no store or the address cannot be bound, 2 usage, 3 out of
 * memory, 5-7 as `dyad query` (store locked, read-only, corrupt). */
int dyad_cli_serve(int argc, char **argv);

/* The request handler without sockets (the HTTP glue in serve.c and fuzz/fuzz_serve.c call it). */
typedef struct dyad_serve_site dyad_serve_site;   /* the store connections and the Host rule */

typedef struct {
  const char *method, *url;       /* as sent; url without the query string */
  const char *host;               /* the Host header, or NULL when absent */
  const char *const *keys, *const *vals;   /* decoded query parameters, n of them, in order */
  int n;
} dyad_serve_request;

typedef struct {
  unsigned status;                /* HTTP status */
  const char *type;               /* Content-Type (static) */
  char *body;                     /* n bytes; the caller frees it with free() when owned */
  size_t n;
  int owned;
} dyad_serve_response;

/* Opens one read-only connection per worker to the store at db (NULL: $DYAD_DB, else ./dyad.db)
 * into *out; DYAD_OK or the status of dyad_query_open with a message in err. Free with
 * dyad_serve_site_close. Until dyad_serve_site_hosts is called, any Host header is accepted. */
int dyad_serve_site_open(const char *db, dyad_serve_site **out, char *err, size_t errcap);
void dyad_serve_site_close(dyad_serve_site *S);

/* When loopback is set, only Host headers naming a loopback name (or bind) with port pass. */
void dyad_serve_site_hosts(dyad_serve_site *S, int loopback, const char *bind, int ipv6, unsigned port);

/* Answers one request into *rs (a JSON error for a bad one, with its status). Returns 0, or -1
 * when memory ran out (nothing to answer: close the connection). Thread-safe. */
int dyad_serve_respond(dyad_serve_site *S, const dyad_serve_request *rq, dyad_serve_response *rs);
#endif
