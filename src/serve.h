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
#endif
