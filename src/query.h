/* query.h - the store queries of `dyad query` for programs (dyad serve): the same filters and
 * the same JSON shapes (docs/query-*.schema.json), parameters given as key/value strings and
 * output written into a buffer. Implemented in cli_store.c next to the command-line queries. */
#ifndef DYAD_QUERY_H
#define DYAD_QUERY_H
#include "store.h"
#include "util.h"
#include <stddef.h>

/* Opens the store at path (NULL: $DYAD_DB, else dyad.db) read-only and registers the SQL
 * helper functions the queries use. Returns DYAD_OK and *s, else a status with a message in err. */
int dyad_query_open(const char *path, dyad_store **s, char *err, size_t errcap);

/* Runs query `what` (events, series, claims, commitments, actors, dyads, stats) on s and appends
 * its JSON array to out. Parameters (n pairs keys[i]=vals[i]): actor, about, party (actor
 * codes, matched by prefix), dyad (A,B), directed (0|1), code (1-4 digits, a prefix), since,
 * until (YYYY-MM-DD), by (day|week|month), text (words all required, FTS), name, limit (> 0),
 * offset (rows skipped). No limit means all rows: the caller sets one. Returns DYAD_OK;
 * DYAD_EUSAGE with a message in err naming the bad parameter and what it must be; DYAD_ENOMEM
 * when the JSON would pass out's cap (out then holds a cut array: discard it); or a store
 * status with its message. Every value is bound in SQL, never pasted. */
int dyad_query_run(dyad_store *s, const char *what, const char *const *keys, const char *const *vals, int n,
                   dyad_buf *out, char *err, size_t errcap);
#endif
