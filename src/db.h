/* db.h - the SQL layer under the store: one small API over two engines, SQLite (a file) and
 * PostgreSQL (a postgresql:// URL, through libpq). Statements use `?` placeholders; results are read
 * row by row. Result codes are SQLite's numbers for both engines, so callers test one set. */
#ifndef DYAD_DB_H
#define DYAD_DB_H
#include <stddef.h>

/* Result codes (the values of SQLite's, which the SQLite side returns unchanged). */
enum {
  DYAD_DB_OK = 0, DYAD_DB_ERROR = 1, DYAD_DB_PERM = 3, DYAD_DB_BUSY = 5, DYAD_DB_NOMEM = 7, DYAD_DB_READONLY = 8, DYAD_DB_INTERRUPT = 9,
  DYAD_DB_IOERR = 10, DYAD_DB_CORRUPT = 11, DYAD_DB_FULL = 13, DYAD_DB_CANTOPEN = 14, DYAD_DB_TOOBIG = 18,
  DYAD_DB_CONSTRAINT = 19, DYAD_DB_NOTADB = 26, DYAD_DB_ROW = 100, DYAD_DB_DONE = 101
};
/* Column types as dyad_db_column_type reports them. */
enum { DYAD_DB_INTEGER = 1, DYAD_DB_FLOAT = 2, DYAD_DB_TEXT = 3, DYAD_DB_NULL = 5 };
/* Engines. */
enum { DYAD_DB_SQLITE = 1, DYAD_DB_POSTGRES = 2 };

typedef struct dyad_db dyad_db;
typedef struct dyad_stmt dyad_stmt;

/* 1 when target names a PostgreSQL database (postgresql:// or postgres:// URL), else 0 (a file). */
int dyad_db_is_postgres(const char *target);

/* Opens target (a file path, or a PostgreSQL URL) for reading, or for writing (creating a SQLite
 * file when missing). busy_ms: how long to wait for a lock. Returns DYAD_DB_OK and *out, or an error
 * code; *out may then hold a handle whose dyad_db_errmsg says why (close it either way). */
int dyad_db_open(const char *target, int writable, int busy_ms, dyad_db **out);
void dyad_db_close(dyad_db *db);
int dyad_db_engine(const dyad_db *db);
/* The sqlite3 * of a SQLite handle (for engine-only features: SQL functions, plans), else NULL. */
void *dyad_db_sqlite(dyad_db *db);

/* Runs one or more statements without results. Returns DYAD_DB_OK or an error code. */
int dyad_db_exec(dyad_db *db, const char *sql);
/* The message and the code of the last error on db. */
const char *dyad_db_errmsg(dyad_db *db);
int dyad_db_errcode(dyad_db *db);
/* 1 when the file or database cannot be written by this connection. */
int dyad_db_readonly(dyad_db *db);

/* Prepares n bytes of sql (n < 0: up to its NUL) with `?` placeholders. Returns DYAD_DB_OK and *out
 * (free with dyad_db_finalize), or an error code. */
int dyad_db_prepare(dyad_db *db, const char *sql, long n, dyad_stmt **out);
void dyad_db_finalize(dyad_stmt *st);
/* Rewinds a statement and clears its bindings. */
void dyad_db_reset(dyad_stmt *st);

/* Binds parameter i (1-based). Text is n bytes (n < 0: up to its NUL) and must stay valid until the
 * statement is stepped to DONE or reset. Return DYAD_DB_OK or an error code. */
int dyad_db_bind_int64(dyad_stmt *st, int i, long long v);
int dyad_db_bind_double(dyad_stmt *st, int i, double v);
int dyad_db_bind_text(dyad_stmt *st, int i, const char *s, long n);
int dyad_db_bind_null(dyad_stmt *st, int i);
/* Binds text, or null when s is NULL. */
int dyad_db_bind_opt(dyad_stmt *st, int i, const char *s);

/* Runs or advances a statement: DYAD_DB_ROW (a row to read), DYAD_DB_DONE, or an error code. */
int dyad_db_step(dyad_stmt *st);

/* The current row's columns (0-based). Text stays valid until the next step or reset. */
int dyad_db_column_count(dyad_stmt *st);
const char *dyad_db_column_name(dyad_stmt *st, int i);
int dyad_db_column_type(dyad_stmt *st, int i);
long long dyad_db_column_int64(dyad_stmt *st, int i);
int dyad_db_column_int(dyad_stmt *st, int i);
double dyad_db_column_double(dyad_stmt *st, int i);
const char *dyad_db_column_text(dyad_stmt *st, int i);   /* NULL for a null value */
int dyad_db_column_bytes(dyad_stmt *st, int i);
#endif
