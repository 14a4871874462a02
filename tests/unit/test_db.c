/* test_db.c - the SQL layer (src/db.h) on SQLite: placeholders, bindings, result codes, column
 * types, reset; and the rewrite of the store's SQL for PostgreSQL (src/db_pg.c), which needs no
 * server. */
#include "db.h"
#include "db_pg.h"
#include "harness.h"
#include "util.h"
#include <stdlib.h>

static void test_sqlite(void) {
  dyad_db *db = NULL;
  CHECK_INT_EQ(dyad_db_open(":memory:", 1, 100, &db), DYAD_DB_OK);
  CHECK_INT_EQ(dyad_db_engine(db), DYAD_DB_SQLITE);
  CHECK(dyad_db_sqlite(db) != NULL);
  CHECK_INT_EQ(dyad_db_exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER, x REAL, s TEXT)"), DYAD_DB_OK);
  dyad_stmt *st = NULL;
  CHECK_INT_EQ(dyad_db_prepare(db, "INSERT INTO t(id, n, x, s) VALUES(?, ?, ?, ?)", -1, &st), DYAD_DB_OK);
  dyad_db_bind_int64(st, 1, 7);
  dyad_db_bind_int64(st, 2, 5000000000LL);
  dyad_db_bind_double(st, 3, 2.5);
  dyad_db_bind_text(st, 4, "abcdef", 3);   /* the first three bytes */
  CHECK_INT_EQ(dyad_db_step(st), DYAD_DB_DONE);
  dyad_db_reset(st);
  dyad_db_bind_int64(st, 1, 8);            /* the rest unbound after the reset: null */
  CHECK_INT_EQ(dyad_db_step(st), DYAD_DB_DONE);
  dyad_db_reset(st);
  dyad_db_bind_int64(st, 1, 8);
  CHECK_INT_EQ(dyad_db_step(st), DYAD_DB_CONSTRAINT);   /* the same id again */
  dyad_db_finalize(st);
  CHECK_INT_EQ(dyad_db_prepare(db, "SELECT n, x, s, id FROM t WHERE id >= ?1 AND id <= ?1 + 1 ORDER BY id", -1, &st), DYAD_DB_OK);
  CHECK_INT_EQ(dyad_db_column_count(st), 4);
  CHECK_STR_EQ(dyad_db_column_name(st, 2), "s");
  dyad_db_bind_int64(st, 1, 7);
  CHECK_INT_EQ(dyad_db_step(st), DYAD_DB_ROW);
  CHECK_INT_EQ(dyad_db_column_type(st, 0), DYAD_DB_INTEGER);
  CHECK_INT_EQ(dyad_db_column_int64(st, 0), 5000000000LL);
  CHECK_INT_EQ(dyad_db_column_type(st, 1), DYAD_DB_FLOAT);
  CHECK(dyad_db_column_double(st, 1) == 2.5);
  CHECK_STR_EQ(dyad_db_column_text(st, 2), "abc");
  CHECK_INT_EQ(dyad_db_column_bytes(st, 2), 3);
  CHECK_INT_EQ(dyad_db_step(st), DYAD_DB_ROW);
  CHECK_INT_EQ(dyad_db_column_int(st, 3), 8);
  CHECK_INT_EQ(dyad_db_column_type(st, 2), DYAD_DB_NULL);
  CHECK(dyad_db_column_text(st, 2) == NULL);
  CHECK_INT_EQ(dyad_db_step(st), DYAD_DB_DONE);
  dyad_db_finalize(st);
  CHECK(dyad_db_prepare(db, "SELECT 1 FROM nowhere", -1, &st) != DYAD_DB_OK);
  CHECK(st == NULL);
  CHECK(strstr(dyad_db_errmsg(db), "nowhere") != NULL);
  dyad_db_close(db);
}

static void test_is_postgres(void) {
  CHECK(dyad_db_is_postgres("postgresql://u@h/db"));
  CHECK(dyad_db_is_postgres("postgres://h/db"));
  CHECK(!dyad_db_is_postgres("postgresql.db"));
  CHECK(!dyad_db_is_postgres("dyad.db"));
}

/* The PostgreSQL text of sql (static buffer). */
static const char *pg(const char *sql, int *np) {
  static char out[2048];
  dyad_buf b;
  dyad_buf_init(&b, 1 << 20);
  int rc = dyad_pg_rewrite(sql, &b, np);
  snprintf(out, sizeof out, "%s", rc == 0 && b.p ? b.p : "(failed)");
  dyad_buf_free(&b);
  return out;
}

static void test_rewrite(void) {
  int np = 0;
  CHECK_STR_EQ(pg("SELECT a FROM t WHERE b = ? AND c = '?' AND d = ?", &np), "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $2");
  CHECK_INT_EQ(np, 2);
  CHECK_STR_EQ(pg("SELECT count(*) FROM t WHERE x > ?2 OR y > ?1 OR z > ?2", &np), "SELECT count(*) FROM t WHERE x > $2 OR y > $1 OR z > $2");
  CHECK_INT_EQ(np, 2);
  CHECK_STR_EQ(pg("SELECT CAST(? AS INTEGER), CAST(? AS REAL)", &np), "SELECT CAST($1 AS BIGINT), CAST($2 AS DOUBLE PRECISION)");
  CHECK_STR_EQ(pg("SELECT id FROM happenings k INDEXED BY happenings_pair WHERE k.day > 0", &np),
               "SELECT id FROM happenings k    WHERE k.day > 0");
  CHECK_STR_EQ(pg("SELECT id FROM happenings NOT INDEXED WHERE id > ?1", &np), "SELECT id FROM happenings  WHERE id > $1");
  CHECK_STR_EQ(pg("SELECT count(*) FROM (SELECT DISTINCT a FROM t) WHERE 1 = 1", &np),
               "SELECT count(*) FROM (SELECT DISTINCT a FROM t) AS dyad_q1 WHERE 1 = 1");
  CHECK_STR_EQ(pg("SELECT * FROM (SELECT a FROM t) AS named JOIN (SELECT b FROM u) ON 1 = 1", &np),
               "SELECT * FROM (SELECT a FROM t) AS named JOIN (SELECT b FROM u) AS dyad_q1 ON 1 = 1");
  CHECK_STR_EQ(pg("SELECT x IN (SELECT a FROM t) FROM (SELECT 1)", &np), "SELECT x IN (SELECT a FROM t) FROM (SELECT 1) AS dyad_q1");
  CHECK_STR_EQ(pg("SELECT id AS GLOBALEVENTID, name AS doc, 1 AS \"j:x\" FROM t", &np),
               "SELECT id AS \"GLOBALEVENTID\", name AS doc, 1 AS \"j:x\" FROM t");
  CHECK_STR_EQ(pg("SELECT json_object('a', json_array(1)) FROM t", &np), "SELECT json_build_object('a', json_build_array(1)) FROM t");
  CHECK_STR_EQ(pg("SELECT rowid FROM evidence_fts x WHERE evidence_fts MATCH ?", &np),
               "SELECT rowid FROM evidence_fts x WHERE to_tsvector('simple', text) @@ plainto_tsquery('simple', $1)");
}

int main(void) {
  test_sqlite();
  test_is_postgres();
  test_rewrite();
  return harness_done();
}
