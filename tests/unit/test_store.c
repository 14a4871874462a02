/* test_store.c - unit tests for the store's pure parts: document identity (SHA-256 of the text,
 * a NUL and the URL), day numbers, commitment kinds, and a store round trip in a temporary file
 * (open, migrate, reopen read-only, refuse a non-dyad file). */
#include "claims.h"
#include "harness.h"
#include "store.h"
#include "totals.h"
#include "dyad.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_hash(void) {
  char h[65];
  dyad_doc_hash("abc", 3, NULL, h);
  CHECK_STR_EQ(h, "dc1114cd074914bd872cc1f9a23ec910ea2203bc79779ab2e17da25782a624fc");
  dyad_doc_hash("abc", 3, "http://x", h);
  CHECK_STR_EQ(h, "553e8825a6d3dbd85c5a32dea9dc81ff5d3a1fe540cf5090351adfc999b38880");
}

static void test_days(void) {
  char d[11];
  CHECK_INT_EQ(dyad_store_day("1970-01-01"), 0);
  CHECK_INT_EQ(dyad_store_day("2024-06-19"), 19893);
  CHECK_INT_EQ(dyad_store_day("1950-01-01"), -7305);
  CHECK_INT_EQ(dyad_store_day("garbage"), 0);
  dyad_store_date(19893, d);
  CHECK_STR_EQ(d, "2024-06-19");
  dyad_store_date(-7305, d);
  CHECK_STR_EQ(d, "1950-01-01");
  dyad_store_date(dyad_store_day("2024-02-29") + 1, d);
  CHECK_STR_EQ(d, "2024-03-01");
}

static const char *kind(const char *code, const char *clause) { return dyad_commitment_kind(code, clause, strlen(clause)); }

static void test_kinds(void) {
  CHECK_STR_EQ(kind("057", "signed a new partnership agreement that includes a promise of mutual assistance"), "mutual-defence");
  CHECK_STR_EQ(kind("033", "have promised mutual aid in case of an attack"), "mutual-defence");
  CHECK_STR_EQ(kind("057", "signed a ceasefire"), "ceasefire");
  CHECK_STR_EQ(kind("057", "signed a non-aggression pact"), "non-aggression");
  CHECK_STR_EQ(kind("0332", "pledged arms"), "military-aid");
  CHECK_STR_EQ(kind("033", "promised farms help"), "cooperation");        /* "arms" only as a word */
  CHECK_STR_EQ(kind("057", "signed a free-trade deal"), "trade");
  CHECK_STR_EQ(kind("0331", "pledged help"), "economic-aid");
  CHECK_STR_EQ(kind("057", "signed a memorandum"), "agreement");
  CHECK_INT_EQ(dyad_is_commitment("057", 0, DYAD_STANCE_NONE), 1);
  CHECK_INT_EQ(dyad_is_commitment("0871", DYAD_MODE_FUTURE, DYAD_STANCE_NONE), 1);
  CHECK_INT_EQ(dyad_is_commitment("057", DYAD_MODE_NEGATED, DYAD_STANCE_NONE), 0);
  CHECK_INT_EQ(dyad_is_commitment("036", 0, DYAD_STANCE_NONE), 0);
  CHECK_INT_EQ(dyad_is_commitment("057", 0, DYAD_STANCE_DENY), 0);
}

static void test_open(void) {
  char dir[] = "/tmp/dyad-test-store-XXXXXX", path[128], err[512];
  if (!mkdtemp(dir)) { CHECK(0); return; }
  snprintf(path, sizeof path, "%s/s.db", dir);
  dyad_store *s = NULL;
  CHECK_INT_EQ(dyad_store_open(path, 0, 100, &s, err, sizeof err), DYAD_EINPUT);   /* no file yet */
  CHECK_INT_EQ(dyad_store_open(path, 1, 100, &s, err, sizeof err), DYAD_OK);
  CHECK_INT_EQ(dyad_store_has_doc(s, "x"), 0);
  CHECK(dyad_store_add_doc(s, "x", "doc", NULL, NULL, NULL, "2024-01-01", "text", 4, 0) > 0);
  CHECK_INT_EQ(dyad_store_has_doc(s, "x"), 1);
  dyad_store_close(s);
  CHECK_INT_EQ(dyad_store_open(path, 0, 100, &s, err, sizeof err), DYAD_OK);
  CHECK_INT_EQ(dyad_store_has_doc(s, "x"), 1);
  dyad_store_close(s);
  char junk[160];
  snprintf(junk, sizeof junk, "%s/junk.db", dir);
  FILE *f = fopen(junk, "wb");
  for (int i = 0; f && i < 4096; i++) fputc(i * 7 % 251, f);
  if (f) fclose(f);
  CHECK_INT_EQ(dyad_store_open(junk, 1, 100, &s, err, sizeof err), DYAD_ESTORE_CORRUPT);
  CHECK(strstr(err, "not a dyad store") != NULL);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_INT_EQ(system(cmd), 0);
}

/* Statements cached by SQL text: the same text gives the same statement, reset and unbound;
 * more texts than the cache holds still run (the least recently used is replaced). */
static void test_stmt_text(void) {
  char dir[] = "/tmp/dyad-test-stmt-XXXXXX", path[128], err[512], sql[64];
  if (!mkdtemp(dir)) { CHECK(0); return; }
  snprintf(path, sizeof path, "%s/s.db", dir);
  dyad_store *s = NULL;
  CHECK_INT_EQ(dyad_store_open(path, 1, 100, &s, err, sizeof err), DYAD_OK);
  if (!s) return;
  static const char q[] = "SELECT ?1 + 1";
  dyad_stmt *a = dyad_store_stmt_text(s, q, strlen(q));
  CHECK(a != NULL);
  dyad_db_bind_int64(a, 1, 41);
  CHECK_INT_EQ(dyad_db_step(a), DYAD_DB_ROW);
  CHECK_INT_EQ(dyad_db_column_int(a, 0), 42);
  char copy[sizeof q];
  memcpy(copy, q, sizeof q);
  dyad_stmt *b = dyad_store_stmt_text(s, copy, strlen(copy));   /* same text, another pointer */
  CHECK(a == b);
  CHECK_INT_EQ(dyad_db_step(b), DYAD_DB_ROW);                       /* reset, and the binding cleared */
  CHECK_INT_EQ(dyad_db_column_type(b, 0), DYAD_DB_NULL);
  for (int i = 0; i < 2 * DYAD_STORE_MAX_TEXT_STMTS; i++) {
    int n = snprintf(sql, sizeof sql, "SELECT %d", i);
    dyad_stmt *c = dyad_store_stmt_text(s, sql, (size_t)n);
    CHECK(c != NULL && dyad_db_step(c) == DYAD_DB_ROW && dyad_db_column_int(c, 0) == i);
  }
  dyad_stmt *d = dyad_store_stmt_text(s, q, strlen(q));
  CHECK(d != NULL && dyad_db_step(d) == DYAD_DB_ROW);
  CHECK(dyad_store_stmt_text(s, "SELECT FROM", 11) == NULL);        /* bad SQL: NULL, nothing cached */
  dyad_store_close(s);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_INT_EQ(system(cmd), 0);
}

/* The counts kept at each commit read only the appended rows: no statement of totals.c walks a
 * whole table or index (a walk would cost a million rows per commit on a large store). */
static void test_totals_plans(void) {
  char dir[] = "/tmp/dyad-test-totals-XXXXXX", path[128], err[512], sql[4096];
  if (!mkdtemp(dir)) { CHECK(0); return; }
  snprintf(path, sizeof path, "%s/s.db", dir);
  dyad_store *s = NULL;
  CHECK_INT_EQ(dyad_store_open(path, 1, 100, &s, err, sizeof err), DYAD_OK);
  if (!s) return;
  for (int k = 0; dyad_totals_sql(k); k++) {
    snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", dyad_totals_sql(k));
    dyad_stmt *st = NULL;
    CHECK_INT_EQ(dyad_db_prepare(dyad_store_db(s), sql, -1, &st), DYAD_DB_OK);
    int rows = 0;
    while (st && dyad_db_step(st) == DYAD_DB_ROW) {
      const char *d = dyad_db_column_text(st, 3);
      int whole = strncmp(d, "SCAN ", 5) == 0 && strncmp(d, "SCAN totals", 11) != 0 && strncmp(d, "SCAN (", 6) != 0;
      if (whole) fprintf(stderr, "totals statement %d walks a table: %s\n", k, d);
      CHECK(!whole);
      rows++;
    }
    CHECK(rows > 0);
    dyad_db_finalize(st);
  }
  dyad_store_close(s);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_INT_EQ(system(cmd), 0);
}

int main(void) {
  test_totals_plans();
  test_stmt_text();
  test_hash();
  test_days();
  test_kinds();
  test_open();
  return harness_done();
}
