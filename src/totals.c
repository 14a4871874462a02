/* totals.c - summary counts kept at ingest time, in the writer's transaction (see totals.h and
 * docs/store.md): `dyad query stats` and unfiltered `dyad query dyads` read them instead of
 * counting a million rows. */
#include "totals.h"

int dyad_totals_begin(dyad_store *s, dyad_totals_mark *m) {
  static const char sql[] =
    "SELECT coalesce((SELECT max(id) FROM documents), 0), coalesce((SELECT max(id) FROM events), 0), "
    "coalesce((SELECT max(id) FROM happenings), 0), coalesce((SELECT max(id) FROM claims), 0), "
    "coalesce((SELECT max(id) FROM commitments), 0)";
  dyad_stmt *st = dyad_store_stmt(s, sql);
  if (!st) return dyad_db_errcode(dyad_store_db(s));
  int rc = dyad_db_step(st);
  if (rc == DYAD_DB_ROW) {
    m->documents = dyad_db_column_int64(st, 0);
    m->events = dyad_db_column_int64(st, 1);
    m->happenings = dyad_db_column_int64(st, 2);
    m->claims = dyad_db_column_int64(st, 3);
    m->commitments = dyad_db_column_int64(st, 4);
    rc = DYAD_DB_OK;
  }
  dyad_db_reset(st);
  return rc;
}

static int step_done(dyad_stmt *st) {
  int rc = dyad_db_step(st);
  dyad_db_reset(st);
  return rc == DYAD_DB_DONE ? DYAD_DB_OK : rc;
}

#define ADD_SQL(ALIAS) \
  "UPDATE totals SET n = n + CASE name " \
  "WHEN 'documents' THEN (SELECT count(*) FROM documents WHERE id > ?1) " \
  "WHEN 'events' THEN (SELECT count(*) FROM events WHERE id > ?2) " \
  "WHEN 'merged_events' THEN (SELECT count(*) FROM happenings WHERE id > ?3) " \
  "WHEN 'mentions' THEN (SELECT count(*) FROM (SELECT DISTINCT l.happening, e.doc, e.sent FROM events e " \
  "JOIN merge_links l ON l.event = e.id WHERE e.id > ?2)" ALIAS ") " \
  "WHEN 'claims' THEN (SELECT count(*) FROM claims WHERE id > ?4) " \
  "WHEN 'commitments' THEN (SELECT count(*) FROM commitments WHERE id > ?5) ELSE 0 END"
/* PostgreSQL 15 wants a name for a subquery in FROM; SQLite reads the same without one. */
static const char ADD[] = ADD_SQL(""), ADD_PG[] = ADD_SQL(" AS m");
/* NOT INDEXED: the new rows are read by rowid range; an index walk in GROUP BY order would read
 * every merged event of the store at each commit. */
#define DYADS_SQL(NOT_INDEXED) \
  "INSERT INTO dyad_totals(src3, tgt3, root, events, quad1, quad2, quad3, quad4, goldstein10) " \
  "SELECT src3, tgt3, root, count(*), sum(CASE WHEN quad = 1 THEN 1 ELSE 0 END), sum(CASE WHEN quad = 2 THEN 1 ELSE 0 END), " \
  "sum(CASE WHEN quad = 3 THEN 1 ELSE 0 END), sum(CASE WHEN quad = 4 THEN 1 ELSE 0 END), " \
  "sum(CAST(round(goldstein * 10) AS INTEGER)) FROM happenings" NOT_INDEXED " WHERE id > ?1 GROUP BY src3, tgt3, root " \
  "ON CONFLICT(src3, tgt3, root) DO UPDATE SET events = dyad_totals.events + excluded.events, " \
  "quad1 = dyad_totals.quad1 + excluded.quad1, quad2 = dyad_totals.quad2 + excluded.quad2, " \
  "quad3 = dyad_totals.quad3 + excluded.quad3, quad4 = dyad_totals.quad4 + excluded.quad4, " \
  "goldstein10 = dyad_totals.goldstein10 + excluded.goldstein10"
static const char DYADS[] = DYADS_SQL(" NOT INDEXED"), DYADS_PG[] = DYADS_SQL("");

/* Later-event counts of commitments (schema 6): factual merged events of QuadClass 2 and 4 between
 * two different countries, per sorted pair "A,B" (as commitments.parties) and 32-day bucket. */
#define LATER_SQL(NOT_INDEXED, COLLATE) \
  "INSERT INTO commit_later(parties, bucket, honoured, broken) " \
  "SELECT CASE WHEN src3 < tgt3" COLLATE " THEN src3 || ',' || tgt3 ELSE tgt3 || ',' || src3 END, (day + " DYAD_LATER_DAY0 ") / 32, " \
  "sum(CASE WHEN quad = 2 THEN 1 ELSE 0 END), sum(CASE WHEN quad = 4 THEN 1 ELSE 0 END) FROM happenings" NOT_INDEXED " " \
  "WHERE id > ?1 AND (mode & 47) = 0 AND quad IN (2, 4) AND src3 <> tgt3 AND src3 <> '' AND tgt3 <> '' GROUP BY 1, 2 " \
  "ON CONFLICT(parties, bucket) DO UPDATE SET honoured = commit_later.honoured + excluded.honoured, " \
  "broken = commit_later.broken + excluded.broken"
/* The pair is sorted by bytes, as commitments.parties is (PostgreSQL: whatever the database's collation). */
static const char LATER[] = LATER_SQL(" NOT INDEXED", ""), LATER_PG[] = LATER_SQL("", " COLLATE \"C\"");

const char *dyad_totals_sql(int k) { return k == 0 ? ADD : k == 1 ? DYADS : k == 2 ? LATER : NULL; }

int dyad_totals_commit(dyad_store *s, const dyad_totals_mark *m) {
  int pg = dyad_db_engine(dyad_store_db(s)) == DYAD_DB_POSTGRES;
  dyad_stmt *st = dyad_store_stmt(s, pg ? ADD_PG : ADD);
  if (!st) return dyad_db_errcode(dyad_store_db(s));
  dyad_db_bind_int64(st, 1, m->documents);
  dyad_db_bind_int64(st, 2, m->events);
  dyad_db_bind_int64(st, 3, m->happenings);
  dyad_db_bind_int64(st, 4, m->claims);
  dyad_db_bind_int64(st, 5, m->commitments);
  int rc = step_done(st);
  if (rc != DYAD_DB_OK) return rc;
  if (!(st = dyad_store_stmt(s, pg ? DYADS_PG : DYADS))) return dyad_db_errcode(dyad_store_db(s));
  dyad_db_bind_int64(st, 1, m->happenings);
  if ((rc = step_done(st)) != DYAD_DB_OK) return rc;
  if (!(st = dyad_store_stmt(s, pg ? LATER_PG : LATER))) return dyad_db_errcode(dyad_store_db(s));
  dyad_db_bind_int64(st, 1, m->happenings);
  return step_done(st);
}
