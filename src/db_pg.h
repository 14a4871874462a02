/* db_pg.h - the PostgreSQL side of the SQL layer (db.h), over libpq: `?` placeholders become $n,
 * parameters travel as text, results are read whole; plain INSERTs inside a transaction are
 * buffered and sent with COPY. Used only through db.c. */
#ifndef DYAD_DB_PG_H
#define DYAD_DB_PG_H
#include <stddef.h>

typedef struct dyad_pg dyad_pg;
typedef struct dyad_pg_stmt dyad_pg_stmt;

/* Connects to the database at url; lock waits are capped at busy_ms. Returns DYAD_DB_OK and *out,
 * or an error code with *out still set (its message says why; close it). */
int dyad_pg_open(const char *url, int busy_ms, dyad_pg **out);
void dyad_pg_close(dyad_pg *c);
int dyad_pg_exec(dyad_pg *c, const char *sql);
const char *dyad_pg_errmsg(dyad_pg *c);
int dyad_pg_errcode(dyad_pg *c);

/* As the dyad_db_* functions of the same names (db.h). */
int dyad_pg_prepare(dyad_pg *c, const char *sql, long n, dyad_pg_stmt **out);
void dyad_pg_finalize(dyad_pg_stmt *st);
void dyad_pg_reset(dyad_pg_stmt *st);
int dyad_pg_bind_int64(dyad_pg_stmt *st, int i, long long v);
int dyad_pg_bind_double(dyad_pg_stmt *st, int i, double v);
int dyad_pg_bind_text(dyad_pg_stmt *st, int i, const char *s, size_t n);   /* s NULL: null */
int dyad_pg_step(dyad_pg_stmt *st);
int dyad_pg_column_count(dyad_pg_stmt *st);
const char *dyad_pg_column_name(dyad_pg_stmt *st, int i);
int dyad_pg_column_type(dyad_pg_stmt *st, int i);
const char *dyad_pg_column_text(dyad_pg_stmt *st, int i);
int dyad_pg_column_bytes(dyad_pg_stmt *st, int i);

/* The PostgreSQL text of a statement written in the SQLite dialect the store uses (? -> $n,
 * renames, index hints dropped, MATCH, subquery aliases), NUL-terminated in out (which the caller
 * frees with dyad_buf_free); *nparams the parameters. Returns 0, or -1 when out of memory or past
 * the parameter cap. For tests and for reading what the server is sent. */
int dyad_pg_rewrite(const char *sql, void *out_buf, int *nparams);
#endif
