/* db_pg.c - the PostgreSQL side of the SQL layer (db_pg.h): not built yet; every call says so. */
#include "db_pg.h"
#include "db.h"

int dyad_pg_open(const char *url, int busy_ms, dyad_pg **out) { *out = NULL; return DYAD_DB_CANTOPEN; }
void dyad_pg_close(dyad_pg *c) {}
int dyad_pg_exec(dyad_pg *c, const char *sql) { return DYAD_DB_ERROR; }
const char *dyad_pg_errmsg(dyad_pg *c) { return "PostgreSQL stores are not supported yet"; }
int dyad_pg_errcode(dyad_pg *c) { return DYAD_DB_ERROR; }
int dyad_pg_prepare(dyad_pg *c, const char *sql, long n, dyad_pg_stmt **out) { *out = NULL; return DYAD_DB_ERROR; }
void dyad_pg_finalize(dyad_pg_stmt *st) {}
void dyad_pg_reset(dyad_pg_stmt *st) {}
int dyad_pg_bind_int64(dyad_pg_stmt *st, int i, long long v) { return DYAD_DB_ERROR; }
int dyad_pg_bind_double(dyad_pg_stmt *st, int i, double v) { return DYAD_DB_ERROR; }
int dyad_pg_bind_text(dyad_pg_stmt *st, int i, const char *s, size_t n) { return DYAD_DB_ERROR; }
int dyad_pg_step(dyad_pg_stmt *st) { return DYAD_DB_ERROR; }
int dyad_pg_column_count(dyad_pg_stmt *st) { return 0; }
const char *dyad_pg_column_name(dyad_pg_stmt *st, int i) { return ""; }
int dyad_pg_column_type(dyad_pg_stmt *st, int i) { return DYAD_DB_NULL; }
const char *dyad_pg_column_text(dyad_pg_stmt *st, int i) { return NULL; }
int dyad_pg_column_bytes(dyad_pg_stmt *st, int i) { return 0; }
