/* totals.c - summary counts kept at ingest time, in the writer's transaction (see totals.h and
 * docs/store.md): `dyad query stats` and unfiltered `dyad query dyads` read them instead of
 * counting a million rows. */
#include "totals.h"

int dyad_totals_begin(dyad_store *s, dyad_totals_mark *m) {
  static const char sql[] =
    "SELECT coalesce((SELECT max(id) FROM documents), 0), coalesce((SELECT max(id) FROM events), 0), "
    "coalesce((SELECT max(id) FROM happenings), 0), coalesce((SELECT max(id) FROM claims), 0), "
    "coalesce((SELECT max(id) FROM commitments), 0)";
  sqlite3_stmt *st = dyad_store_stmt(s, sql);
  if (!st) return sqlite3_errcode(dyad_store_db(s));
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    m->documents = sqlite3_column_int64(st, 0);
    m->events = sqlite3_column_int64(st, 1);
    m->happenings = sqlite3_column_int64(st, 2);
    m->claims = sqlite3_column_int64(st, 3);
    m->commitments = sqlite3_column_int64(st, 4);
    rc = SQLITE_OK;
  }
  sqlite3_reset(st);
  return rc;
}

static int step_done(sqlite3_stmt *st) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static const char ADD[] =
  "UPDATE totals SET n = n + CASE name "
  "WHEN 'documents' THEN (SELECT count(*) FROM documents WHERE id > ?1) "
  "WHEN 'events' THEN (SELECT count(*) FROM events WHERE id > ?2) "
  "WHEN 'merged_events' THEN (SELECT count(*) FROM happenings WHERE id > ?3) "
  "WHEN 'mentions' THEN (SELECT count(*) FROM (SELECT DISTINCT l.happening, e.doc, e.sent FROM events e "
  "JOIN merge_links l ON l.event = e.id WHERE e.id > ?2)) "
  "WHEN 'claims' THEN (SELECT count(*) FROM claims WHERE id > ?4) "
  "WHEN 'commitments' THEN (SELECT count(*) FROM commitments WHERE id > ?5) ELSE 0 END";
/* NOT INDEXED: the new rows are read by rowid range; an index walk in GROUP BY order would read
 * every merged event of the store at each commit. */
static const char DYADS[] =
  "INSERT INTO dyad_totals(src3, tgt3, root, events, quad1, quad2, quad3, quad4, goldstein10) "
  "SELECT src3, tgt3, root, count(*), sum(quad = 1), sum(quad = 2), sum(quad = 3), sum(quad = 4), "
  "sum(CAST(round(goldstein * 10) AS INTEGER)) FROM happenings NOT INDEXED WHERE id > ?1 GROUP BY src3, tgt3, root "
  "ON CONFLICT(src3, tgt3, root) DO UPDATE SET events = events + excluded.events, quad1 = quad1 + excluded.quad1, "
  "quad2 = quad2 + excluded.quad2, quad3 = quad3 + excluded.quad3, quad4 = quad4 + excluded.quad4, "
  "goldstein10 = goldstein10 + excluded.goldstein10";

const char *dyad_totals_sql(int k) { return k == 0 ? ADD : k == 1 ? DYADS : NULL; }

int dyad_totals_commit(dyad_store *s, const dyad_totals_mark *m) {
  sqlite3_stmt *st = dyad_store_stmt(s, ADD);
  if (!st) return sqlite3_errcode(dyad_store_db(s));
  sqlite3_bind_int64(st, 1, m->documents);
  sqlite3_bind_int64(st, 2, m->events);
  sqlite3_bind_int64(st, 3, m->happenings);
  sqlite3_bind_int64(st, 4, m->claims);
  sqlite3_bind_int64(st, 5, m->commitments);
  int rc = step_done(st);
  if (rc != SQLITE_OK) return rc;
  if (!(st = dyad_store_stmt(s, DYADS))) return sqlite3_errcode(dyad_store_db(s));
  sqlite3_bind_int64(st, 1, m->happenings);
  return step_done(st);
}
