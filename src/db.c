/* db.c - the SQL layer of db.h: the SQLite side, and the dispatch to the PostgreSQL side
 * (db_pg.c) for handles opened on a postgresql:// URL. */
#include "alloc.h"
#include "db.h"
#include "db_pg.h"
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

struct dyad_db {
  sqlite3 *lite;        /* SQLite, or NULL */
  dyad_pg *pg;          /* PostgreSQL, or NULL */
  int code;             /* last error code of an open that failed before a handle existed */
};

struct dyad_stmt {
  sqlite3_stmt *lite;
  dyad_pg_stmt *pg;
};

int dyad_db_is_postgres(const char *t) {
  return t && (strncmp(t, "postgresql://", 13) == 0 || strncmp(t, "postgres://", 11) == 0);
}

int dyad_db_open(const char *target, int writable, int busy_ms, dyad_db **out) {
  dyad_db *db = *out = dyad_calloc(1, sizeof *db);
  if (!db) return DYAD_DB_NOMEM;
  if (dyad_db_is_postgres(target)) return dyad_pg_open(target, busy_ms, &db->pg);
  int flags = writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
  int rc = sqlite3_open_v2(target, &db->lite, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK) {
    sqlite3_busy_timeout(db->lite, busy_ms);
    /* a planted schema cannot write to the file behind SQLite's back (issue #8) */
    sqlite3_db_config(db->lite, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
  }
  return db->code = rc;
}

void dyad_db_close(dyad_db *db) {
  if (!db) return;
  if (db->lite) sqlite3_close(db->lite);
  if (db->pg) dyad_pg_close(db->pg);
  free(db);
}

int dyad_db_engine(const dyad_db *db) { return db->pg ? DYAD_DB_POSTGRES : DYAD_DB_SQLITE; }
void *dyad_db_sqlite(dyad_db *db) { return db->lite; }

int dyad_db_exec(dyad_db *db, const char *sql) {
  if (db->pg) return dyad_pg_exec(db->pg, sql);
  return sqlite3_exec(db->lite, sql, NULL, NULL, NULL);
}

const char *dyad_db_errmsg(dyad_db *db) {
  if (!db) return "out of memory";
  if (db->pg) return dyad_pg_errmsg(db->pg);
  return db->lite ? sqlite3_errmsg(db->lite) : sqlite3_errstr(db->code);
}

int dyad_db_errcode(dyad_db *db) {
  if (db->pg) return dyad_pg_errcode(db->pg);
  return db->lite ? sqlite3_errcode(db->lite) : db->code;
}

int dyad_db_readonly(dyad_db *db) {
  if (db->pg) return 0;
  return sqlite3_db_readonly(db->lite, "main") == 1;
}

int dyad_db_prepare(dyad_db *db, const char *sql, long n, dyad_stmt **out) {
  dyad_stmt *st = *out = dyad_calloc(1, sizeof *st);
  if (!st) return DYAD_DB_NOMEM;
  int rc = db->pg ? dyad_pg_prepare(db->pg, sql, n, &st->pg)
                  : sqlite3_prepare_v3(db->lite, sql, (int)n, SQLITE_PREPARE_PERSISTENT, &st->lite, NULL);
  if (rc != DYAD_DB_OK) { dyad_db_finalize(st); *out = NULL; }
  return rc;
}

void dyad_db_finalize(dyad_stmt *st) {
  if (!st) return;
  if (st->lite) sqlite3_finalize(st->lite);
  if (st->pg) dyad_pg_finalize(st->pg);
  free(st);
}

void dyad_db_reset(dyad_stmt *st) {
  if (st->pg) { dyad_pg_reset(st->pg); return; }
  sqlite3_reset(st->lite);
  sqlite3_clear_bindings(st->lite);
}

int dyad_db_bind_int64(dyad_stmt *st, int i, long long v) {
  return st->pg ? dyad_pg_bind_int64(st->pg, i, v) : sqlite3_bind_int64(st->lite, i, v);
}

int dyad_db_bind_double(dyad_stmt *st, int i, double v) {
  return st->pg ? dyad_pg_bind_double(st->pg, i, v) : sqlite3_bind_double(st->lite, i, v);
}

int dyad_db_bind_text(dyad_stmt *st, int i, const char *s, long n) {
  if (n < 0) n = (long)strlen(s);
  return st->pg ? dyad_pg_bind_text(st->pg, i, s, (size_t)n) : sqlite3_bind_text(st->lite, i, s, (int)n, SQLITE_STATIC);
}

int dyad_db_bind_null(dyad_stmt *st, int i) {
  return st->pg ? dyad_pg_bind_text(st->pg, i, NULL, 0) : sqlite3_bind_null(st->lite, i);
}

int dyad_db_bind_opt(dyad_stmt *st, int i, const char *s) {
  return s ? dyad_db_bind_text(st, i, s, -1) : dyad_db_bind_null(st, i);
}

int dyad_db_step(dyad_stmt *st) { return st->pg ? dyad_pg_step(st->pg) : sqlite3_step(st->lite); }

int dyad_db_column_count(dyad_stmt *st) {
  return st->pg ? dyad_pg_column_count(st->pg) : sqlite3_column_count(st->lite);
}

const char *dyad_db_column_name(dyad_stmt *st, int i) {
  return st->pg ? dyad_pg_column_name(st->pg, i) : sqlite3_column_name(st->lite, i);
}

int dyad_db_column_type(dyad_stmt *st, int i) {
  return st->pg ? dyad_pg_column_type(st->pg, i) : sqlite3_column_type(st->lite, i);
}

long long dyad_db_column_int64(dyad_stmt *st, int i) {
  if (st->pg) { const char *t = dyad_pg_column_text(st->pg, i); return t ? strtoll(t, NULL, 10) : 0; }
  return sqlite3_column_int64(st->lite, i);
}

int dyad_db_column_int(dyad_stmt *st, int i) { return (int)dyad_db_column_int64(st, i); }

double dyad_db_column_double(dyad_stmt *st, int i) {
  if (st->pg) { const char *t = dyad_pg_column_text(st->pg, i); return t ? strtod(t, NULL) : 0; }
  return sqlite3_column_double(st->lite, i);
}

const char *dyad_db_column_text(dyad_stmt *st, int i) {
  return st->pg ? dyad_pg_column_text(st->pg, i) : (const char *)sqlite3_column_text(st->lite, i);
}

int dyad_db_column_bytes(dyad_stmt *st, int i) {
  return st->pg ? dyad_pg_column_bytes(st->pg, i) : sqlite3_column_bytes(st->lite, i);
}
